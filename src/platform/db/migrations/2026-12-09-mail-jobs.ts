import { type AnyDb, isPostgres, serialPrimaryKey } from "../dialect.js";

// The mail outbox folds into the job queue: one table, one runner. A job may be marked to leave
// no row once done or given up (mail: its payload holds an address). Mail still waiting moves into
// jobs of kind "mail" with its attempts and next attempt; an "at most once" mail caught mid-send
// (claimed) may have reached its reader and is given up, as the outbox would have done; mail the
// outbox had already given up is not kept. Frozen once released: the payload is written here, not
// by the app's code.
const MAIL_ATTEMPTS = 6;

type OutboxRow = {
  recipient: string;
  subject: string;
  body: string;
  html: string | null;
  headers: string | null;
  attempts: number;
  next_attempt_at: string;
  at_most_once: number;
  claimed_at: string | null;
  created_at: string;
};

export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("jobs").addColumn("forget_when_finished", "integer", (c) => c.notNull().defaultTo(0)).execute();
  const waiting = (await db
    .selectFrom("outbox")
    .select(["recipient", "subject", "body", "html", "headers", "attempts", "next_attempt_at", "at_most_once", "claimed_at", "created_at"])
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    .orderBy("id")
    .execute()) as OutboxRow[];
  const now = new Date().toISOString();
  for (const mail of waiting) {
    if (Number(mail.at_most_once) === 1 && mail.claimed_at !== null) continue;
    const payload: Record<string, unknown> = { to: mail.recipient, subject: mail.subject, text: mail.body };
    if (mail.html !== null) payload.html = mail.html;
    if (mail.headers !== null) payload.headers = JSON.parse(mail.headers);
    if (Number(mail.at_most_once) === 1) payload.atMostOnce = true;
    await db
      .insertInto("jobs")
      .values({
        kind: "mail",
        subject: `mail:${mail.recipient}`,
        payload: JSON.stringify(payload),
        state: "queued",
        attempts: Number(mail.attempts),
        max_attempts: Math.max(MAIL_ATTEMPTS, Number(mail.attempts) + 1),
        forget_when_finished: 1,
        // A mail claimed when the server stopped is due again when its claim would have ended.
        run_after: mail.next_attempt_at,
        created_at: mail.created_at,
        updated_at: now,
      })
      .execute();
  }
  await db.schema.dropTable("outbox").execute();
}

export async function down(db: AnyDb): Promise<void> {
  const id = serialPrimaryKey(isPostgres(db) ? "postgres" : "sqlite");
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
    .addColumn("html", "text")
    .addColumn("headers", "text")
    .addColumn("at_most_once", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("claimed_at", "text")
    .execute();
  await db.schema.createIndex("outbox_due_idx").on("outbox").columns(["sent_at", "failed_at", "next_attempt_at"]).execute();
  const mails = (await db.selectFrom("jobs").select(["payload", "attempts", "run_after", "created_at"]).where("kind", "=", "mail").where("state", "=", "queued").orderBy("id").execute()) as Array<{
    payload: string;
    attempts: number;
    run_after: string;
    created_at: string;
  }>;
  for (const job of mails) {
    const mail = JSON.parse(job.payload) as { to: string; subject: string; text: string; html?: string; headers?: Record<string, string>; atMostOnce?: boolean };
    await db
      .insertInto("outbox")
      .values({
        recipient: mail.to,
        subject: mail.subject,
        body: mail.text,
        html: mail.html ?? null,
        headers: mail.headers ? JSON.stringify(mail.headers) : null,
        at_most_once: mail.atMostOnce ? 1 : 0,
        attempts: Number(job.attempts),
        next_attempt_at: job.run_after,
        created_at: job.created_at,
      })
      .execute();
  }
  await db.deleteFrom("jobs").where("kind", "=", "mail").execute();
  await db.schema.alterTable("jobs").dropColumn("forget_when_finished").execute();
}
