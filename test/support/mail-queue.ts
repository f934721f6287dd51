import type { Kysely } from "kysely";
import type { Database } from "../../src/database.js";
import { MAIL_JOB } from "../../src/platform/mail/outbox.js";

export type QueuedMail = { id: number; recipient: string; subject: string; body: string; html: string | null };

/** Mail waiting in the job queue (or being sent), oldest first: to an address, or after a job id. */
export async function queuedMail(db: Kysely<Database>, opts: { to?: string; afterId?: number } = {}): Promise<QueuedMail[]> {
  const rows = await db.selectFrom("jobs").select(["id", "payload"]).where("kind", "=", MAIL_JOB).where("id", ">", opts.afterId ?? 0).orderBy("id").execute();
  return rows
    .map((r) => {
      const mail = JSON.parse(r.payload) as { to: string; subject: string; text: string; html?: string };
      return { id: Number(r.id), recipient: mail.to, subject: mail.subject, body: mail.text, html: mail.html ?? null };
    })
    .filter((m) => opts.to === undefined || m.recipient === opts.to);
}

/** The highest job id so far: mail queued later has a higher one. */
export async function lastJobId(db: Kysely<Database>): Promise<number> {
  return Number((await db.selectFrom("jobs").select((eb) => eb.fn.max("id").as("m")).executeTakeFirst())?.m ?? 0);
}
