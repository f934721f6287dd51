import type { Config } from "../config.js";
import type { Database } from "../database.js";
import { openDatabase } from "../platform/db/connection.js";
import { migrateToLatest } from "../platform/db/migrator.js";
import { migrations } from "../schema/migrations.js";

export async function migrate(config: Config): Promise<void> {
  const handle = openDatabase<Database>(config);
  try {
    const applied = await migrateToLatest(handle.db as never, migrations);
    process.stdout.write(applied.length ? `Migrations appliquées : ${applied.join(", ")}\n` : "La base est déjà à jour.\n");
  } finally {
    await handle.close();
  }
}
