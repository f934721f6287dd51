import type { AnyDb } from "../../platform/db/dialect.js";

// The language of /lettre where an address was given, which its confirmation and access mails are
// written in (the issues stay as the editors wrote them). Earlier subscriptions were made in French.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("newsletter_subscribers").addColumn("locale", "text", (c) => c.notNull().defaultTo("fr")).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("newsletter_subscribers").dropColumn("locale").execute();
}
