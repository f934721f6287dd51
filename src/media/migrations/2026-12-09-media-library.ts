import type { AnyDb } from "../../platform/db/dialect.js";

// The media library: every stored image gets what a reader needs besides its pixels (a caption
// and a credit) and whether it is decorative, which is the only case an empty alt text is right.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("images").addColumn("caption", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("images").addColumn("credit", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("images").addColumn("decorative", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("images").dropColumn("decorative").execute();
  await db.schema.alterTable("images").dropColumn("credit").execute();
  await db.schema.alterTable("images").dropColumn("caption").execute();
}
