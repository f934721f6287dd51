import { editorialRecipients } from "../accounts/account.service.js";
import type { Db } from "../database.js";
import type { Clock } from "../platform/clock.js";
import type { Signing } from "../platform/http/cookies.js";
import { enqueueMail } from "../platform/mail/outbox.js";
import { siteIdentity } from "../settings/site-identity.js";
import { contactNoticeMail } from "./contact-mail.js";
import * as store from "./contact.store.js";

export type ContactDeps = { db: Db; clock: Clock; baseUrl: string; signing: Signing };

// People fill a form in more than a few seconds; robots do not. A day is long enough to come back.
const MIN_SECONDS = 3;
const MAX_SECONDS = 24 * 3600;

/** A signed timestamp put in the form when it is shown, checked when it comes back. */
export function formStamp(deps: Pick<ContactDeps, "clock" | "signing">): string {
  return deps.signing.sign("contact", String(Math.floor(deps.clock.now().getTime() / 1000)));
}

export type SpamVerdict = "ok" | "too-fast" | "stale" | "robot";

/** Tells a person from a robot without any third-party service: a honeypot field and the time taken. */
export function spamVerdict(deps: Pick<ContactDeps, "clock" | "signing">, stamp: unknown, honeypot: unknown): SpamVerdict {
  if (typeof honeypot === "string" && honeypot !== "") return "robot";
  const at = deps.signing.verify("contact", typeof stamp === "string" ? stamp : undefined);
  if (at === null || !/^\d{1,12}$/.test(at)) return "robot";
  const elapsed = deps.clock.now().getTime() / 1000 - Number(at);
  if (elapsed < MIN_SECONDS) return "too-fast";
  if (elapsed > MAX_SECONDS) return "stale";
  return "ok";
}

export async function sendContactMessage(deps: ContactDeps, input: { subject: string; body: string; replyTo: string | null }): Promise<void> {
  const now = deps.clock.now();
  const editors = await editorialRecipients(deps);
  await deps.db.transaction().execute(async (tx) => {
    await store.insertContactMessage(tx, { ...input, now: now.toISOString() });
    const site = await siteIdentity(tx);
    for (const to of editors) {
      await enqueueMail(tx, contactNoticeMail(site, deps.baseUrl, to), now);
    }
  });
}

export function listContactMessages(deps: Pick<ContactDeps, "db">): Promise<store.ContactMessage[]> {
  return store.listLatestContactMessages(deps.db, 200);
}

/** Contact messages are kept a year, as the privacy page says, then erased. */
export const CONTACT_RETENTION_DAYS = 365;

export function eraseOldContactMessages(deps: Pick<ContactDeps, "db" | "clock">): Promise<number> {
  return store.deleteContactMessagesBefore(deps.db, new Date(deps.clock.now().getTime() - CONTACT_RETENTION_DAYS * 86_400_000).toISOString());
}
