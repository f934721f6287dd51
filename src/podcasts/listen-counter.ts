import { createHmac, randomBytes } from "node:crypto";

/**
 * Counts listens per episode and day without keeping anything about listeners. A repeated start
 * from the same client on the same day is recognised by an HMAC of its address under a random key
 * that exists only in memory and is replaced, with every fingerprint, when the day changes. The
 * address itself is never stored, written or logged; only (episode, day, count) leaves this object.
 */
export type ListenCounter<K extends number | string = number> = {
  /** Records the start of a listen (or a read, keyed by a story's address); returns false when this client already did today. */
  record(address: string, storyId: K, now: Date): boolean;
  /** Takes the counts gathered since the last call (they are forgotten here). */
  drain(): Array<{ storyId: K; day: string; count: number }>;
  /** Puts counts back after a failed flush, so a database hiccup loses nothing. */
  restore(rows: Array<{ storyId: K; day: string; count: number }>): void;
};

const parisDay = new Intl.DateTimeFormat("fr-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in Paris, YYYY-MM-DD: listening figures follow the editors' day. */
export function dayOf(date: Date): string {
  return parisDay.format(date);
}

export function createListenCounter<K extends number | string = number>(): ListenCounter<K> {
  let day = "";
  let key = randomBytes(32);
  let seen = new Set<string>();
  const pending = new Map<string, { storyId: K; day: string; count: number }>();
  const add = (storyId: K, d: string, n: number) => {
    const k = `${storyId}|${d}`;
    const row = pending.get(k);
    if (row) row.count += n;
    else pending.set(k, { storyId, day: d, count: n });
  };
  return {
    record(address, storyId, now) {
      const today = dayOf(now);
      if (today !== day) {
        day = today;
        key = randomBytes(32);
        seen = new Set();
      }
      const fingerprint = createHmac("sha256", key).update(`${address}|${storyId}`).digest("base64url");
      if (seen.has(fingerprint)) return false;
      seen.add(fingerprint);
      add(storyId, today, 1);
      return true;
    },
    drain() {
      const rows = [...pending.values()];
      pending.clear();
      return rows;
    },
    restore(rows) {
      for (const r of rows) add(r.storyId, r.day, r.count);
    },
  };
}
