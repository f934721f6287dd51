import type { Generated } from "kysely";
import type { AnyDb } from "../db/dialect.js";
import type { Logger } from "../logger.js";
import type { MailMessage, Mailer } from "./mailer.js";

/**
 * A durable outbox: mail is written in the same transaction as the change it tells about, then
 * delivered by a periodic task, retried with growing delays when the SMTP server refuses or is
 * away. A crash between the two loses nothing; at worst a message is sent twice, except mail
 * marked "at most once" (newsletters): one whose sending was interrupted by a crash is set aside
 * as failed, never sent again.
 */
export interface OutboxTables {
  outbox: {
    id: Generated<number>;
    recipient: string;
    subject: string;
    body: string;
    attempts: Generated<number>;
    next_attempt_at: string;
    sent_at: string | null;
    failed_at: string | null;
    last_error: string | null;
    created_at: string;
    html: string | null;
    /** JSON object of extra headers. */
    headers: string | null;
    at_most_once: Generated<number>;
    /** Set while a delivery attempt is under way. */
    claimed_at: string | null;
  };
}

// Minutes to wait after each failed attempt; after the last one the message is marked failed.
const RETRY_MINUTES = [1, 5, 30, 120, 720];

// How long an attempt may take before an "at most once" message still claimed is deemed interrupted.
const LEASE_MS = 5 * 60_000;

export async function enqueueMail(db: AnyDb, message: MailMessage, now: Date, opts: { atMostOnce?: boolean } = {}): Promise<void> {
  await db
    .insertInto("outbox")
    .values({
      recipient: message.to,
      subject: message.subject,
      body: message.text,
      html: message.html ?? null,
      headers: message.headers ? JSON.stringify(message.headers) : null,
      at_most_once: opts.atMostOnce ? 1 : 0,
      next_attempt_at: now.toISOString(),
      created_at: now.toISOString(),
    })
    .execute();
}

/** Sends everything due, batch after batch, at the SMTP server's pace (a newsletter's thousands included). */
export async function deliverAllDueMail(deps: { db: AnyDb; mailer: Mailer; log: Logger; now: () => Date }, batch = 20): Promise<DeliveryReport> {
  const total: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const r = await deliverDueMail(deps, batch);
    total.sent += r.sent;
    total.retried += r.retried;
    total.failed += r.failed;
    if (r.sent + r.retried + r.failed + r.skipped < batch) return total;
  }
}

export type DeliveryReport = { sent: number; retried: number; failed: number };
type BatchReport = DeliveryReport & { skipped: number };

/** Sends what is due. Each message is claimed first, so two instances never send the same one. */
export async function deliverDueMail(deps: { db: AnyDb; mailer: Mailer; log: Logger; now: () => Date }, limit = 20): Promise<BatchReport> {
  const report: BatchReport = { sent: 0, retried: 0, failed: 0, skipped: 0 };
  const now = deps.now();
  // An "at most once" message still claimed after its lease was being sent when a crash came: it
  // may have reached its reader, so it is set aside, never sent again.
  await deps.db
    .updateTable("outbox")
    .set({ failed_at: now.toISOString(), last_error: "envoi interrompu (arrêt brutal) : peut-être reçu, jamais renvoyé" })
    .where("at_most_once", "=", 1)
    .where("failed_at", "is", null)
    .where("claimed_at", "<", new Date(now.getTime() - LEASE_MS).toISOString())
    .execute();
  const due = await deps.db
    .selectFrom("outbox")
    .select(["id", "recipient", "subject", "body", "html", "headers", "attempts", "next_attempt_at"])
    .where("sent_at", "is", null)
    .where("failed_at", "is", null)
    // Ordinary mail claimed by a crashed attempt is due again once its lease has passed.
    .where((eb) => eb.or([eb("claimed_at", "is", null), eb("at_most_once", "=", 0)]))
    .where("next_attempt_at", "<=", now.toISOString())
    .orderBy("next_attempt_at")
    .orderBy("id")
    .limit(limit)
    .execute();
  for (const mail of due) {
    const attempts = Number(mail.attempts) + 1;
    const delay = RETRY_MINUTES[attempts - 1];
    const lease = new Date(now.getTime() + LEASE_MS).toISOString();
    // Claim: push the next attempt forward, only if nobody else did since we read it.
    const claimed = await deps.db
      .updateTable("outbox")
      .set({ attempts, next_attempt_at: lease, claimed_at: now.toISOString() })
      .where("id", "=", mail.id)
      .where("next_attempt_at", "=", mail.next_attempt_at)
      .where("sent_at", "is", null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      report.skipped++;
      continue;
    }
    try {
      const headers = mail.headers ? (JSON.parse(mail.headers) as Record<string, string>) : undefined;
      await deps.mailer.send({ to: mail.recipient, subject: mail.subject, text: mail.body, html: mail.html ?? undefined, headers });
      // Delivered mail leaves the outbox: no address stays linked to what it announced.
      await deps.db.deleteFrom("outbox").where("id", "=", mail.id).execute();
      report.sent++;
    } catch (error) {
      const reason = error instanceof Error ? error.message.slice(0, 300) : "erreur inconnue";
      if (delay === undefined) {
        await deps.db.updateTable("outbox").set({ failed_at: deps.now().toISOString(), last_error: reason, claimed_at: null }).where("id", "=", mail.id).execute();
        deps.log.error({ outboxId: mail.id, attempts }, "courriel abandonné après plusieurs essais");
        report.failed++;
      } else {
        const next = new Date(deps.now().getTime() + delay * 60_000).toISOString();
        await deps.db.updateTable("outbox").set({ next_attempt_at: next, last_error: reason, claimed_at: null }).where("id", "=", mail.id).execute();
        deps.log.warn({ outboxId: mail.id, attempts }, "courriel non remis, nouvel essai prévu");
        report.retried++;
      }
    }
  }
  return report;
}

/** Forgets every message to an address, queued or failed (its owner erased their contribution). */
export async function forgetMailTo(db: AnyDb, recipient: string): Promise<void> {
  await db.deleteFrom("outbox").where("recipient", "=", recipient).execute();
}
