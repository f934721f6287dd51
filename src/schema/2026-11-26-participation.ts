import { type AnyDb, isPostgres, serialPrimaryKey } from "../platform/db/dialect.js";

// Participation: calls for testimonies, contributions with a receipt, messages, the consent
// ledger, the mail outbox and the contact form. Frozen once released.
// No column anywhere holds an IP address, a user agent or any fingerprint of the contributor.

export async function up(db: AnyDb): Promise<void> {
  const id = serialPrimaryKey(isPostgres(db) ? "postgres" : "sqlite");

  // Consent texts are versioned: a change is a new row, so what someone agreed to never changes.
  await db.schema
    .createTable("consent_texts")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("calls")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("theme_id", "integer", (c) => c.references("themes.id").onDelete("set null"))
    .addColumn("intro_md", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("questions_md", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("safety_notice_md", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("opens_at", "text", (c) => c.notNull())
    .addColumn("closes_at", "text", (c) => c.notNull())
    .addColumn("formats", "text", (c) => c.notNull())
    .addColumn("credit_options", "text", (c) => c.notNull())
    .addColumn("consent_text_id", "integer", (c) => c.notNull().references("consent_texts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("calls_dates_idx").on("calls").columns(["closes_at", "opens_at"]).execute();

  await db.schema
    .createTable("submissions")
    .addColumn("id", id, (c) => c.primaryKey())
    // argon2id of the receipt with the instance's receipt salt: deterministic, so it can be looked up.
    .addColumn("receipt_hash", "text", (c) => c.notNull().unique())
    .addColumn("call_id", "integer", (c) => c.references("calls.id").onDelete("set null"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_md", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("audio_key", "text")
    .addColumn("credit_kind", "text", (c) => c.notNull())
    .addColumn("credit_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("credit_age", "integer")
    .addColumn("content_notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("consent_text_id", "integer", (c) => c.notNull().references("consent_texts.id"))
    .addColumn("email", "text")
    .addColumn("crisis_score", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("has_crisis_signal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("assignee_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("labels", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("story_id", "integer", (c) => c.references("stories.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    // When it was declined or withdrawn: the retention clock starts there.
    .addColumn("closed_at", "text")
    .execute();
  await db.schema.createIndex("submissions_state_idx").on("submissions").columns(["state", "has_crisis_signal", "created_at"]).execute();
  await db.schema.createIndex("submissions_closed_idx").on("submissions").column("closed_at").execute();

  await db.schema
    .createTable("submission_messages")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("author", "text", (c) => c.notNull())
    .addColumn("editor_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("is_internal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("has_crisis_signal", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("submission_messages_idx").on("submission_messages").columns(["submission_id", "id"]).execute();

  // Append-only: every consent given or withdrawn, with the version and channels it covers.
  await db.schema
    .createTable("consent_events")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("submission_id", "integer", (c) => c.notNull().references("submissions.id").onDelete("cascade"))
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("channels", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("version_id", "integer")
    .addColumn("consent_text_id", "integer", (c) => c.notNull().references("consent_texts.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("consent_events_idx").on("consent_events").columns(["submission_id", "id"]).execute();

  // Mail waits here until an SMTP server accepted it; retried with growing delays.
  await db.schema
    .createTable("outbox")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("recipient", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("next_attempt_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .addColumn("failed_at", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["sent_at", "failed_at", "next_attempt_at"]).execute();

  await db.schema
    .createTable("contact_messages")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("reply_to", "text")
    .addColumn("is_read", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ["contact_messages", "outbox", "consent_events", "submission_messages", "submissions", "calls", "consent_texts"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
