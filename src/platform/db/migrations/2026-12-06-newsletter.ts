import { type AnyDb, isPostgres, serialPrimaryKey } from "../dialect.js";

// The newsletter's subscribers: an address, the date its owner confirmed it (the date of consent;
// none while the address waits for confirmation), the last time someone asked for a mail about it
// (a pending address is erased 48 h after it, and a mail is not sent again within minutes), and the
// unguessable token every link in its mails carries.
export async function up(db: AnyDb): Promise<void> {
  const id = serialPrimaryKey(isPostgres(db) ? "postgres" : "sqlite");
  await db.schema
    .createTable("newsletter_subscribers")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("token", "text", (c) => c.notNull().unique())
    .addColumn("confirmed_at", "text")
    .addColumn("requested_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("newsletter_subscribers_pending_idx").on("newsletter_subscribers").columns(["confirmed_at", "requested_at"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("newsletter_subscribers").execute();
}
