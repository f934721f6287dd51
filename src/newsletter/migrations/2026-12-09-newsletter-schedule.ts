import type { AnyDb } from "../../platform/db/dialect.js";

// An issue can wait for a chosen time (send_at, UTC; still a draft until the periodic task claims
// it). The weekly digest's settings (one row), and one row per week the digest was decided for:
// its primary key is what makes the digest go at most once a week, whatever the number of
// instances or runs of the command.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("newsletter_issues").addColumn("send_at", "text").execute();
  await db.schema.createIndex("newsletter_issues_due_idx").on("newsletter_issues").columns(["state", "send_at"]).execute();
  await db.schema
    .createTable("newsletter_digest_settings")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("enabled", "integer", (c) => c.notNull())
    // 1 = Monday … 7 = Sunday, and the hour, in Paris time.
    .addColumn("weekday", "integer", (c) => c.notNull())
    .addColumn("hour", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.insertInto("newsletter_digest_settings").values({ id: 1, enabled: 0, weekday: 1, hour: 9, updated_at: new Date(0).toISOString() }).execute();
  await db.schema
    .createTable("newsletter_digest_periods")
    .addColumn("period", "text", (c) => c.primaryKey())
    // Null when the week had no story to send.
    .addColumn("issue_id", "integer", (c) => c.references("newsletter_issues.id").onDelete("set null"))
    .addColumn("decided_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("newsletter_digest_periods").execute();
  await db.schema.dropTable("newsletter_digest_settings").execute();
  await db.schema.dropIndex("newsletter_issues_due_idx").execute();
  await db.schema.alterTable("newsletter_issues").dropColumn("send_at").execute();
}
