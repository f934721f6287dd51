import { createHash, createHmac, randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { AnyDb } from "../platform/db/dialect.js";
import { dailyKey } from "../platform/db/shared-counters.js";

/**
 * Slows password guessing without letting anyone lock an editor out (the "device cookie" scheme
 * OWASP describes). Three counters of wrong passwords, each over a sliding 15-minute window, so
 * old failures stop counting by themselves and one try every quarter of an hour never adds up:
 *
 * - per account and client address: 5 failures, then that client waits;
 * - per known device: a browser that signed in to the account before carries a signed cookie
 *   naming it; its failures count only against itself (5, then it waits);
 * - per account, for attempts from unknown devices: 20 failures, then unknown devices wait, while
 *   the owner's known browser still gets in with the right password.
 *
 * The rules are the same for an address with or without an account, so the answer never tells
 * them apart. Counters are keyed by an HMAC, never by an address or an e-mail. With one process
 * (SQLite) they live in memory under a key made at start, and a restart forgets them; with several
 * instances (PostgreSQL) they live in `shared_counters`, keyed under LIMITS_SECRET, so failures
 * spread over instances add up as they would on one (sharedFailureLog).
 */
export const WINDOW_MS = 15 * 60_000;
export const PAIR_LIMIT = 5;
export const DEVICE_LIMIT = 5;
export const UNKNOWN_DEVICES_LIMIT = 20;
// Bounded memory however many addresses an attacker uses; the oldest counters go first.
const MAX_COUNTERS = 50_000;

export type LoginAttempt = { email: string; client: string; device: string | null };

export type LoginThrottle = {
  /** Milliseconds to wait before this attempt may be checked, or 0. */
  waitMs(attempt: LoginAttempt, now: Date): Promise<number>;
  recordFailure(attempt: LoginAttempt, now: Date): Promise<void>;
  /** The right password: this client and device start afresh. */
  recordSuccess(attempt: LoginAttempt, now: Date): Promise<void>;
};

/** Where failures are counted: each counter is a key (already an HMAC) and the times of its failures. */
export type FailureLog = {
  /** Times (ms) of this counter's failures still within the window, oldest first. */
  recent(key: string, now: number): Promise<number[]>;
  /** Counts a failure now; only the newest `keep` need remembering. */
  add(key: string, now: number, keep: number): Promise<void>;
  clear(key: string, now: number): Promise<void>;
};

/** What a device cookie says: the account it signed in to (a hash of its address) and a random name. */
export function newDeviceValue(email: string): string {
  return `${accountTag(email)}.${randomBytes(12).toString("base64url")}`;
}

/** The device named by a (verified) cookie value, when it belongs to this account. */
export function deviceFor(email: string, cookieValue: string | null): string | null {
  if (!cookieValue) return null;
  const [tag, name] = cookieValue.split(".");
  return tag === accountTag(email) && name ? name : null;
}

const accountTag = (email: string) => createHash("sha256").update(`device:${email.trim().toLowerCase()}`).digest("base64url").slice(0, 22);

/** Failures in this process's memory (one instance), exact to the millisecond and bounded in size. */
export function memoryFailureLog(): FailureLog {
  const failures = new Map<string, number[]>();
  const recentOf = (k: string, now: number): number[] => {
    const list = (failures.get(k) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length === 0) failures.delete(k);
    else failures.set(k, list);
    return list;
  };
  return {
    recent: async (k, now) => recentOf(k, now),
    async add(k, now, keep) {
      const list = recentOf(k, now);
      list.push(now);
      // Re-inserted last, so the map's first keys are the least recently failed.
      failures.delete(k);
      failures.set(k, list.slice(-keep));
      while (failures.size > MAX_COUNTERS) failures.delete(failures.keys().next().value as string);
    },
    async clear(k) {
      failures.delete(k);
    },
  };
}

// Shared failures are counted per minute: a row per counter and minute, read back as 16 rows by key.
const BUCKET_MS = 60_000;

/**
 * Failures counted in `shared_counters`, so every instance sees every failure. A counter's
 * failures of one minute are one row whose key is an HMAC of the counter under a key derived from
 * the shared secret and that minute's day (no address or e-mail, even hashed under a key in the
 * database alone); a row expires when its minute leaves the window and is purged with the others.
 * A failure is taken as made at the end of its minute (or now, for the current one): it counts up
 * to a minute longer than in memory, never shorter.
 */
export function sharedFailureLog(opts: { db: AnyDb; secret: string }): FailureLog {
  const bucketKey = (k: string, bucket: number) => {
    const day = new Date(bucket * BUCKET_MS).toISOString().slice(0, 10);
    return createHmac("sha256", dailyKey(opts.secret, "login-throttle", day)).update(`${k}|${bucket}`).digest("base64url");
  };
  const bucketsOf = (now: number) => {
    const buckets: number[] = [];
    for (let b = Math.floor((now - WINDOW_MS) / BUCKET_MS); b <= Math.floor(now / BUCKET_MS); b++) buckets.push(b);
    return buckets;
  };
  return {
    async recent(k, now) {
      const keys = new Map(bucketsOf(now).map((b) => [bucketKey(k, b), b]));
      const rows = await opts.db
        .selectFrom("shared_counters")
        .select(["key", "count"])
        .where("key", "in", [...keys.keys()])
        .where("expires_at", ">", new Date(now).toISOString())
        .execute();
      const times: number[] = [];
      for (const row of rows) {
        const at = Math.min(((keys.get(row.key as string) as number) + 1) * BUCKET_MS - 1, now);
        if (now - at < WINDOW_MS) for (let i = 0; i < Number(row.count); i++) times.push(at);
      }
      return times.sort((x, y) => x - y);
    },
    async add(k, now) {
      const bucket = Math.floor(now / BUCKET_MS);
      await opts.db
        .insertInto("shared_counters")
        .values({ key: bucketKey(k, bucket), count: 1, expires_at: new Date((bucket + 1) * BUCKET_MS + WINDOW_MS).toISOString() })
        .onConflict((oc) => oc.column("key").doUpdateSet({ count: sql`shared_counters.count + 1` }))
        .execute();
    },
    async clear(k, now) {
      await opts.db
        .deleteFrom("shared_counters")
        .where("key", "in", bucketsOf(now).map((b) => bucketKey(k, b)))
        .execute();
    },
  };
}

/**
 * The throttle over a failure log. `key` names the counters: made at start for memory; derived from
 * the shared secret on several instances, so they all name a counter alike.
 */
export function createLoginThrottle(opts: { log: FailureLog; key: Buffer } = { log: memoryFailureLog(), key: randomBytes(32) }): LoginThrottle {
  const { log, key } = opts;
  const keyOf = (kind: string, ...parts: string[]) => createHmac("sha256", key).update(`${kind}\n${parts.join("\n")}`).digest("base64url");

  const countersOf = (a: LoginAttempt): Array<{ key: string; limit: number }> => {
    const email = a.email.trim().toLowerCase();
    return a.device
      ? [{ key: keyOf("device", email, a.device), limit: DEVICE_LIMIT }]
      : [
          { key: keyOf("pair", email, a.client), limit: PAIR_LIMIT },
          { key: keyOf("unknown-devices", email), limit: UNKNOWN_DEVICES_LIMIT },
        ];
  };

  return {
    async waitMs(attempt, now) {
      let wait = 0;
      for (const c of countersOf(attempt)) {
        const list = await log.recent(c.key, now.getTime());
        if (list.length >= c.limit) wait = Math.max(wait, (list[list.length - c.limit] as number) + WINDOW_MS - now.getTime());
      }
      return wait;
    },
    async recordFailure(attempt, now) {
      for (const c of countersOf(attempt)) await log.add(c.key, now.getTime(), c.limit);
    },
    async recordSuccess(attempt, now) {
      const email = attempt.email.trim().toLowerCase();
      await log.clear(attempt.device ? keyOf("device", email, attempt.device) : keyOf("pair", email, attempt.client), now.getTime());
    },
  };
}

/** The throttle of several instances (PostgreSQL): every instance names a counter alike and counts it in the shared table. */
export function sharedLoginThrottle(opts: { db: AnyDb; secret: string }): LoginThrottle {
  return createLoginThrottle({ log: sharedFailureLog(opts), key: createHmac("sha256", opts.secret).update("login-throttle|counters").digest() });
}
