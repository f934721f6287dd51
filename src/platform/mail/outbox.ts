import type { AnyDb } from "../db/dialect.js";
import { enqueueJob, type JobHandler, PermanentJobError } from "../jobs/job-queue.js";
import type { Logger } from "../logger.js";
import { type MailMessage, type Mailer, maskAddress } from "./mailer.js";

/**
 * The outbox is the job queue: each mail is a job of kind `mail`, written in the same transaction
 * as the change it tells about, then delivered by the job runner, retried with growing delays
 * (1, 5, 30, 120 and 720 minutes) when the SMTP server refuses or is away. A crash between the two
 * loses nothing; at worst a message is sent twice, except mail marked "at most once"
 * (newsletters): one whose sending was interrupted by a crash is given up, never sent again.
 * Delivered or given up, the job's row is deleted: no address stays linked to what it announced.
 */
export const MAIL_JOB = "mail";

// One first attempt and a retry after each delay of the job queue's schedule.
const MAIL_ATTEMPTS = 6;

type MailPayload = { to: string; subject: string; text: string; html?: string; headers?: Record<string, string>; atMostOnce?: boolean };

/** The job subject of every mail to an address, so erasure finds them with one indexed delete. */
function subjectFor(recipient: string): string {
  return `mail:${recipient}`;
}

export async function enqueueMail(db: AnyDb, message: MailMessage, now: Date, opts: { atMostOnce?: boolean } = {}): Promise<void> {
  const payload: MailPayload = { to: message.to, subject: message.subject, text: message.text };
  if (message.html !== undefined) payload.html = message.html;
  if (message.headers !== undefined) payload.headers = message.headers;
  if (opts.atMostOnce) payload.atMostOnce = true;
  await enqueueJob(db, { kind: MAIL_JOB, subject: subjectFor(message.to), payload, maxAttempts: MAIL_ATTEMPTS, forgetWhenFinished: true }, now);
}

/** Sends one queued mail; a refusal is thrown, so the queue retries it later. */
export function mailJob(deps: { mailer: Mailer; log: Logger }): JobHandler {
  return async (job) => {
    const mail = job.payload as MailPayload;
    // An "at most once" mail taken again after a crash may already have reached its reader.
    if (mail.atMostOnce && job.interrupted) {
      deps.log.warn({ job: job.id, to: maskAddress(mail.to) }, "courriel abandonné : envoi interrompu (arrêt brutal), peut-être reçu, jamais renvoyé");
      throw new PermanentJobError("mail.interrupted", "sending cut short by a crash: perhaps received, never sent again");
    }
    await deps.mailer.send({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers });
  };
}

/** Forgets every message to an address still queued (its owner erased their contribution or unsubscribed). */
export async function forgetMailTo(db: AnyDb, recipient: string): Promise<void> {
  await db.deleteFrom("jobs").where("subject", "=", subjectFor(recipient)).where("kind", "=", MAIL_JOB).execute();
}
