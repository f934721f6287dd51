import type { Queryable } from "../database.js";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../platform/i18n/locale.js";

/** `locale`: the language of /lettre where the address was given, which its own mails are in. */
export type Subscriber = { id: number; email: string; token: string; confirmedAt: string | null; requestedAt: string; locale: Locale };

type Row = { id: number; email: string; token: string; confirmed_at: string | null; requested_at: string; locale: string };
const toSubscriber = (r: Row): Subscriber => ({
  id: r.id,
  email: r.email,
  token: r.token,
  confirmedAt: r.confirmed_at,
  requestedAt: r.requested_at,
  locale: isLocale(r.locale) ? r.locale : DEFAULT_LOCALE,
});

export async function findSubscriberByEmail(db: Queryable, email: string): Promise<Subscriber | null> {
  const row = await db.selectFrom("newsletter_subscribers").selectAll().where("email", "=", email).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

export async function findSubscriberByToken(db: Queryable, token: string): Promise<Subscriber | null> {
  const row = await db.selectFrom("newsletter_subscribers").selectAll().where("token", "=", token).executeTakeFirst();
  return row ? toSubscriber(row) : null;
}

export async function insertPendingSubscriber(db: Queryable, s: { email: string; token: string; locale: Locale; now: string }): Promise<void> {
  await db.insertInto("newsletter_subscribers").values({ email: s.email, token: s.token, confirmed_at: null, requested_at: s.now, locale: s.locale }).execute();
}

export async function touchSubscriberRequest(db: Queryable, id: number, now: string): Promise<void> {
  await db.updateTable("newsletter_subscribers").set({ requested_at: now }).where("id", "=", id).execute();
}

/** Confirms a pending address whose request is still valid; true if it is (now or already) confirmed. */
export async function confirmSubscriber(db: Queryable, id: number, validSince: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable("newsletter_subscribers")
    .set({ confirmed_at: now })
    .where("id", "=", id)
    .where("confirmed_at", "is", null)
    .where("requested_at", ">=", validSince)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteSubscriber(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom("newsletter_subscribers").where("id", "=", id).execute();
}

/** Pending addresses whose confirmation link has expired, oldest first. */
export async function listExpiredPendingSubscribers(db: Queryable, before: string, limit: number): Promise<Array<{ id: number; email: string }>> {
  return db
    .selectFrom("newsletter_subscribers")
    .select(["id", "email"])
    .where("confirmed_at", "is", null)
    .where("requested_at", "<", before)
    .orderBy("requested_at")
    .orderBy("id")
    .limit(limit)
    .execute();
}
