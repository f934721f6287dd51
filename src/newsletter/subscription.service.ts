import { randomBytes } from "node:crypto";
import type { Db } from "../database.js";
import type { Clock } from "../platform/clock.js";
import { checkpointAfterErasure } from "../platform/db/dialect.js";
import { enqueueMail, forgetMailTo } from "../platform/mail/outbox.js";
import { siteIdentity } from "../settings/site-identity.js";
import type { Locale } from "../platform/i18n/locale.js";
import { accessMail, confirmationMail, type SubscriberLinks } from "./subscription-mail.js";
import * as store from "./subscriber.store.js";

export type SubscriptionDeps = { db: Db; clock: Clock; baseUrl: string };

/** A confirmation link works this long; a pending address is erased once it has expired. */
export const CONFIRMATION_HOURS = 48;
/** Someone asking again within this time gets no second mail (the page answers the same). */
const RESEND_MINUTES = 10;

/**
 * The per-subscriber secret in every link. 32 random bytes: knowing it is what proves one received
 * the mail, which is why unsubscribing needs no session and no CSRF token.
 */
const newToken = () => randomBytes(32).toString("base64url");

export const normaliseAddress = (email: string) => email.trim().toLowerCase();

export const links = (baseUrl: string, token: string): SubscriberLinks => ({
  confirm: `${baseUrl}/lettre/confirmer?jeton=${token}`,
  unsubscribe: `${baseUrl}/lettre/desinscription?jeton=${token}`,
  data: `${baseUrl}/lettre/donnees?jeton=${token}`,
});

/**
 * Someone types an address on /lettre. Whatever the address's state (unknown, waiting, confirmed),
 * the same few statements run and the page answers the same; any mail goes through the outbox, so
 * nothing is sent while the person waits and the timing tells nothing either.
 */
export async function requestSubscription(deps: SubscriptionDeps, rawEmail: string, locale: Locale): Promise<void> {
  const email = normaliseAddress(rawEmail);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const known = await store.findSubscriberByEmail(tx, email);
    if (!known) {
      const token = newToken();
      await store.insertPendingSubscriber(tx, { email, token, locale, now: now.toISOString() });
      await enqueueMail(tx, confirmationMail(await siteIdentity(tx), { email, locale }, links(deps.baseUrl, token), CONFIRMATION_HOURS), now);
      return;
    }
    const recentlyMailed = now.getTime() - Date.parse(known.requestedAt) < RESEND_MINUTES * 60_000;
    await store.touchSubscriberRequest(tx, known.id, now.toISOString());
    if (recentlyMailed) return;
    // In the language of the page where the address was first given.
    const to = { email, locale: known.locale };
    const site = await siteIdentity(tx);
    const mail = known.confirmedAt ? accessMail(site, to, links(deps.baseUrl, known.token)) : confirmationMail(site, to, links(deps.baseUrl, known.token), CONFIRMATION_HOURS);
    await enqueueMail(tx, mail, now);
  });
}

/**
 * A subscriber who lost their mails asks for their links (to see their data or leave). Same answer
 * for every address; only a confirmed subscriber is mailed.
 */
export async function requestAccessLinks(deps: SubscriptionDeps, rawEmail: string): Promise<void> {
  const email = normaliseAddress(rawEmail);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    const known = await store.findSubscriberByEmail(tx, email);
    if (!known?.confirmedAt) return;
    const recentlyMailed = now.getTime() - Date.parse(known.requestedAt) < RESEND_MINUTES * 60_000;
    await store.touchSubscriberRequest(tx, known.id, now.toISOString());
    if (!recentlyMailed) await enqueueMail(tx, accessMail(await siteIdentity(tx), { email, locale: known.locale }, links(deps.baseUrl, known.token)), now);
  });
}

export type Confirmation = "confirmed" | "already" | "expired";

/** What the confirmation page shows before the person presses the button. */
export async function confirmationState(deps: SubscriptionDeps, token: string): Promise<Confirmation> {
  const s = await store.findSubscriberByToken(deps.db, token);
  if (!s) return "expired";
  if (s.confirmedAt) return "already";
  return isStillValid(deps, s.requestedAt) ? "confirmed" : "expired";
}

const validSince = (deps: Pick<SubscriptionDeps, "clock">) => new Date(deps.clock.now().getTime() - CONFIRMATION_HOURS * 3_600_000).toISOString();
const isStillValid = (deps: Pick<SubscriptionDeps, "clock">, requestedAt: string) => requestedAt >= validSince(deps);

export async function confirmSubscription(deps: SubscriptionDeps, token: string): Promise<Confirmation> {
  const s = await store.findSubscriberByToken(deps.db, token);
  if (!s) return "expired";
  if (s.confirmedAt) return "already";
  const done = await store.confirmSubscriber(deps.db, s.id, validSince(deps), deps.clock.now().toISOString());
  return done ? "confirmed" : "expired";
}

/** Everything kept about a subscriber, shown to them: the address, the date of consent and the language of its mails. */
export async function subscriberData(deps: Pick<SubscriptionDeps, "db">, token: string): Promise<{ email: string; confirmedAt: string | null; locale: Locale } | null> {
  const s = await store.findSubscriberByToken(deps.db, token);
  return s ? { email: s.email, confirmedAt: s.confirmedAt, locale: s.locale } : null;
}

/**
 * Unsubscribing is erasing: the address leaves every table, mail waiting for it included. An
 * unknown token does nothing (the address may already be gone), and the answer is the same.
 */
export async function unsubscribe(deps: Pick<SubscriptionDeps, "db">, token: string): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const s = await store.findSubscriberByToken(tx, token);
    if (!s) return;
    await store.deleteSubscriber(tx, s.id);
    await forgetMailTo(tx, s.email);
  });
  // Nor in the database file: the erased rows leave the write-ahead log at once.
  await checkpointAfterErasure(deps.db);
}

/** Erases addresses never confirmed within the link's validity. */
export async function erasePendingSubscribers(deps: Pick<SubscriptionDeps, "db" | "clock">): Promise<number> {
  let erased = 0;
  for (;;) {
    const expired = await store.listExpiredPendingSubscribers(deps.db, validSince(deps), 200);
    for (const s of expired) {
      await deps.db.transaction().execute(async (tx) => {
        await store.deleteSubscriber(tx, s.id);
        await forgetMailTo(tx, s.email);
      });
    }
    erased += expired.length;
    if (expired.length < 200) {
      if (erased > 0) await checkpointAfterErasure(deps.db);
      return erased;
    }
  }
}
