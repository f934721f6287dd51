import type { AnyDb } from "../../platform/db/dialect.js";

// A failed import run's reason becomes a catalogue key and its values (JSON), said in the reader's
// language by its page. `error` stays: only additions while two versions run side by side during an
// update, and rows from before keep their French sentence there.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("wordpress_imports").addColumn("error_code", "text").execute();
  await db.schema.alterTable("wordpress_imports").addColumn("error_values", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("wordpress_imports").dropColumn("error_values").execute();
  await db.schema.alterTable("wordpress_imports").dropColumn("error_code").execute();
}
