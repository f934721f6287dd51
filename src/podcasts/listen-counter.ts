import { createHmac, randomBytes } from "node:crypto";
import type { AnyDb } from "../platform/db/dialect.js";
import { claimFirstSightings } from "../platform/db/shared-counters.js";

/**
 * Counts listens per episode and day without keeping anything about listeners. A repeated start
 * from the same client on the same day is recognised by an HMAC of its address under a random key
 * that exists only in memory and is replaced, with every fingerprint, when the day changes. The
 * address itself is never stored, written or logged; only (episode, day, count) leaves this object.
 */
export type CountRow<K> = {
  storyId: K;
  day: string;
  count: number;
  /** With a shared daily key: who was counted, so instances can agree nobody is counted twice. */
  fingerprints?: string[];
};

export type ListenCounter<K extends number | string = number> = {
  /** Records the start of a listen (or a read, keyed by a story's address); returns false when this client already did today. */
  record(address: string, storyId: K, now: Date): boolean;
  /** Takes the counts gathered since the last call (they are forgotten here). */
  drain(): Array<CountRow<K>>;
  /** Puts counts back after a failed flush, so a database hiccup loses nothing. */
  restore(rows: Array<CountRow<K>>): void;
};

const parisDay = new Intl.DateTimeFormat("fr-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar day in Paris, YYYY-MM-DD: listening figures follow the editors' day. */
export function dayOf(date: Date): string {
  return parisDay.format(date);
}

/**
 * With `keyOfDay` (several instances), the day's key is one every instance derives from a shared
 * secret, and each count carries its fingerprints: the flush records them in the database and
 * counts only those no instance had recorded (claimFirstSightings). Without it, the key is random.
 */
export function createListenCounter<K extends number | string = number>(opts: { keyOfDay?: (day: string) => Buffer } = {}): ListenCounter<K> {
  let day = "";
  // The day changes only as a minute starts (Paris is whole hours from UTC): worked out once a minute, not per request.
  let minute = Number.NaN;
  let key: Buffer = randomBytes(32);
  let seen = new Set<string>();
  const pending = new Map<string, CountRow<K>>();
  const add = (storyId: K, d: string, n: number, fingerprints?: string[]) => {
    const k = `${storyId}|${d}`;
    const row = pending.get(k) ?? { storyId, day: d, count: 0, ...(opts.keyOfDay ? { fingerprints: [] } : {}) };
    pending.set(k, row);
    row.count += n;
    if (fingerprints) row.fingerprints?.push(...fingerprints);
  };
  return {
    record(address, storyId, now) {
      const thisMinute = Math.floor(now.getTime() / 60_000);
      if (thisMinute !== minute) {
        minute = thisMinute;
        const today = dayOf(now);
        if (today !== day) {
          day = today;
          key = opts.keyOfDay ? opts.keyOfDay(today) : randomBytes(32);
          seen = new Set();
        }
      }
      const fingerprint = createHmac("sha256", key).update(`${address}|${storyId}`).digest("base64url");
      if (seen.has(fingerprint)) return false;
      seen.add(fingerprint);
      add(storyId, day, 1, [fingerprint]);
      return true;
    },
    drain() {
      const rows = [...pending.values()];
      pending.clear();
      return rows;
    },
    restore(rows) {
      for (const r of rows) add(r.storyId, r.day, r.count, r.fingerprints);
    },
  };
}

// A fingerprint is kept past its day's end (Paris time) in every time zone, then purged.
const SIGHTING_MS = 2 * 86_400_000;

/**
 * Counts, of rows carrying fingerprints, only the clients no instance counted before today; rows
 * without fingerprints (one process) are counted as they are. Run in the transaction that adds the
 * counts, so a failed flush neither counts nor marks anyone.
 */
export async function keepFirstSightings<K>(tx: AnyDb, rows: Array<CountRow<K>>, now: Date): Promise<Array<CountRow<K>>> {
  const fingerprints = rows.flatMap((r) => r.fingerprints ?? []);
  if (fingerprints.length === 0) return rows.filter((r) => r.fingerprints === undefined);
  const fresh = await claimFirstSightings(tx, fingerprints, new Date(now.getTime() + SIGHTING_MS));
  return rows.flatMap((r) => {
    if (r.fingerprints === undefined) return [r];
    const count = r.fingerprints.filter((f) => fresh.has(f)).length;
    return count > 0 ? [{ storyId: r.storyId, day: r.day, count }] : [];
  });
}
