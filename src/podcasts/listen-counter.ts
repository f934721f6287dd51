import { createHmac, randomBytes } from "node:crypto";

/**
 * Counts listens per episode and day without keeping anything about listeners. A repeated start
 * from the same client on the same day is recognised by an HMAC of its address under a random key
 * that exists only in memory and is replaced, with every fingerprint, when the day changes. The
 * address itself is never stored, written or logged; only (episode, day, count) leaves this object.
 */
export type ListenCounter = {
  /** Records the start of a listen; returns false when this client already started it today. */
  record(address: string, storyId: number, now: Date): boolean;
  /** Takes the counts gathered since the last call (they are forgotten here). */
  drain(): Array<{ storyId: number; day: string; count: number }>;
  /** Puts counts back after a failed flush, so a database hiccup loses nothing. */
  restore(rows: Array<{ storyId: number; day: string; count: number }>): void;
};

const parisDay = new Intl.DateTimeFormat("fr-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in Paris, YYYY-MM-DD: listening figures follow the editors' day. */
export function dayOf(date: Date): string {
  return parisDay.format(date);
}

export function createListenCounter(): ListenCounter {
  let day = "";
  let key = randomBytes(32);
  let seen = new Set<string>();
  const pending = new Map<string, number>();
  const add = (storyId: number, d: string, n: number) => {
    const k = `${storyId}|${d}`;
    pending.set(k, (pending.get(k) ?? 0) + n);
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
      const rows = [...pending].map(([k, count]) => {
        const [id, d] = k.split("|");
        return { storyId: Number(id), day: d as string, count };
      });
      pending.clear();
      return rows;
    },
    restore(rows) {
      for (const r of rows) add(r.storyId, r.day, r.count);
    },
  };
}
