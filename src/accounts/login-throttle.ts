import { createHash, createHmac, randomBytes } from "node:crypto";

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
 * them apart. Counters live in memory only, keyed by an HMAC under a key made at start: no
 * address or e-mail is ever written, and a restart forgets everything.
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
  waitMs(attempt: LoginAttempt, now: Date): number;
  recordFailure(attempt: LoginAttempt, now: Date): void;
  /** The right password: this client and device start afresh. */
  recordSuccess(attempt: LoginAttempt): void;
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

export function createLoginThrottle(): LoginThrottle {
  const key = randomBytes(32);
  const failures = new Map<string, number[]>();
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

  const recent = (k: string, now: number): number[] => {
    const list = (failures.get(k) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length === 0) failures.delete(k);
    else failures.set(k, list);
    return list;
  };

  return {
    waitMs(attempt, now) {
      let wait = 0;
      for (const c of countersOf(attempt)) {
        const list = recent(c.key, now.getTime());
        if (list.length >= c.limit) wait = Math.max(wait, (list[list.length - c.limit] as number) + WINDOW_MS - now.getTime());
      }
      return wait;
    },
    recordFailure(attempt, now) {
      for (const c of countersOf(attempt)) {
        const list = recent(c.key, now.getTime());
        list.push(now.getTime());
        // Re-inserted last, so the map's first keys are the least recently failed.
        failures.delete(c.key);
        failures.set(c.key, list.slice(-c.limit));
      }
      while (failures.size > MAX_COUNTERS) failures.delete(failures.keys().next().value as string);
    },
    recordSuccess(attempt) {
      const email = attempt.email.trim().toLowerCase();
      failures.delete(attempt.device ? keyOf("device", email, attempt.device) : keyOf("pair", email, attempt.client));
    },
  };
}
