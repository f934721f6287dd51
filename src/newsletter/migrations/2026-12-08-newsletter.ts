import { type AnyDb, isPostgres, serialPrimaryKey } from "../../platform/db/dialect.js";

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

  // An issue: its subject, the editors' free text, the stories it carries (released versions, read
  // when it is sent), and where it stands (draft, sending, sent).
  await db.schema
    .createTable("newsletter_issues")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("intro", "text", (c) => c.notNull())
    .addColumn("story_ids", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  // One row per issue and subscriber, written with the subscriber's mail in the outbox, in one
  // transaction: a send that resumes after a crash skips everyone already recorded.
  await db.schema
    .createTable("newsletter_deliveries")
    .addColumn("issue_id", "integer", (c) => c.notNull().references("newsletter_issues.id").onDelete("cascade"))
    .addColumn("subscriber_id", "integer", (c) => c.notNull().references("newsletter_subscribers.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("newsletter_deliveries_pk", ["issue_id", "subscriber_id"])
    .execute();

  // Mail with an HTML part and headers (List-Unsubscribe), and mail that must never go twice: one
  // whose sending was interrupted (claimed, never settled) is set aside instead of sent again.
  await db.schema.alterTable("outbox").addColumn("html", "text").execute();
  await db.schema.alterTable("outbox").addColumn("headers", "text").execute();
  await db.schema.alterTable("outbox").addColumn("at_most_once", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("outbox").addColumn("claimed_at", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ["claimed_at", "at_most_once", "headers", "html"]) await db.schema.alterTable("outbox").dropColumn(column).execute();
  await db.schema.dropTable("newsletter_deliveries").execute();
  await db.schema.dropTable("newsletter_issues").execute();
  await db.schema.dropTable("newsletter_subscribers").execute();
}
