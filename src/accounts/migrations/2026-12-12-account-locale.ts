import type { AnyDb } from "../../platform/db/dialect.js";

// Each account's interface language, which its mails are written in. Accounts made before this
// migration were only ever written to in French: they keep it until their owner chooses.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").addColumn("locale", "text", (c) => c.notNull().defaultTo("fr")).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("users").dropColumn("locale").execute();
}
