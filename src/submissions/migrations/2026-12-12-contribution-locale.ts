import type { AnyDb } from "../../platform/db/dialect.js";

// The language of the page a contribution was sent from, which the mails to its author are written
// in. Contributions made before this migration got mails in French then English: "fr" keeps that.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("submissions").addColumn("locale", "text", (c) => c.notNull().defaultTo("fr")).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("submissions").dropColumn("locale").execute();
}
