import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import type { Database } from "../database.js";
import { openDatabase } from "../platform/db/connection.js";
import { CliError } from "./cli-error.js";

/**
 * Consistent online copy of the SQLite database, safe while the server writes (SQLite's backup
 * API; a plain file copy during a write can be corrupt). Media files are plain files: copy
 * DATA_DIR/media with any tool.
 */
export async function backup(config: Config, target: string | undefined): Promise<void> {
  if (!target) throw new CliError("Indiquez le fichier de destination : entrepairs backup sauvegarde.sqlite");
  if (config.databaseUrl) {
    throw new CliError(
      "Avec PostgreSQL, sauvegardez avec pg_dump, par exemple :\n  pg_dump --format=custom --file=entrepairs.dump \"$DATABASE_URL\"\net restaurez avec pg_restore --clean --dbname=\"$DATABASE_URL\" entrepairs.dump",
    );
  }
  const destination = path.resolve(target);
  if (fs.existsSync(destination)) throw new CliError(`Le fichier ${destination} existe déjà : choisissez un autre nom.`);
  const source = path.join(config.dataDir, "entrepairs.sqlite");
  if (!fs.existsSync(source)) throw new CliError(`Aucune base à sauvegarder dans ${config.dataDir}.`);
  const handle = openDatabase<Database>(config);
  try {
    await handle.sqlite?.backup(destination);
    const check = handle.sqlite ? (await import("better-sqlite3")).default(destination, { readonly: true }) : null;
    const result = check?.pragma("integrity_check", { simple: true });
    check?.close();
    if (result !== "ok") throw new CliError(`La copie ne passe pas le contrôle d'intégrité : ${String(result)}`);
    process.stdout.write(`Sauvegarde écrite : ${destination} (contrôle d'intégrité : ok)\n`);
  } finally {
    await handle.close();
  }
}
