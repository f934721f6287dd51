import { createHmac } from "node:crypto";
import type { AnyDb } from "./dialect.js";

/**
 * Counters and sightings shared by every instance through the database: rate limits, and the
 * listeners and readers already counted today. A key is always an HMAC (of a client's address,
 * under a key derived from a secret the instances share and from the day), never an address; each
 * row expires and is purged by a periodic task.
 */
export interface SharedCounterTables {
  shared_counters: { key: string; count: number; expires_at: string };
}

/** The key of a day for one use: the same on every instance, different each day and for each use. */
export function dailyKey(secret: string, use: string, day: string): Buffer {
  return createHmac("sha256", secret).update(`${use}|${day}`).digest();
}

// Rows per statement, well under PostgreSQL's limit on parameters.
const CHUNK = 1_000;

/** Records these keys as seen until `expiresAt`; returns those no instance had seen before. */
export async function claimFirstSightings(db: AnyDb, keys: string[], expiresAt: Date): Promise<Set<string>> {
  const fresh = new Set<string>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .insertInto("shared_counters")
      .values(unique.slice(i, i + CHUNK).map((key) => ({ key, count: 1, expires_at: expiresAt.toISOString() })))
      .onConflict((oc) => oc.column("key").doNothing())
      .returning("key")
      .execute();
    for (const r of rows) fresh.add(r.key as string);
  }
  return fresh;
}

/** Deletes counters and sightings whose time has passed. */
export async function purgeExpiredCounters(db: AnyDb, now: Date): Promise<void> {
  await db.deleteFrom("shared_counters").where("expires_at", "<=", now.toISOString()).execute();
}
