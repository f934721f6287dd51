import { createHmac } from "node:crypto";
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { sql } from "kysely";
import type { AnyDb } from "../db/dialect.js";
import { dailyKey } from "../db/shared-counters.js";

/**
 * Rate-limit counters kept in the database (platform/db/shared-counters.ts), so every instance
 * grants from one budget. A row's key
 * is an HMAC of the route and the client's address under a key derived from a secret the
 * instances share and from the day: no address is written, and a key from one day says nothing
 * about the next. A window that crosses midnight starts again with the new key (at most one
 * extra budget, once a day). Rows expire with their window and are purged by a periodic task.
 */
export function sharedRateLimitStore(deps: { db: AnyDb; secret: string; now: () => Date }): FastifyRateLimitStoreCtor {
  const dayKeys = new Map<string, Buffer>();
  const keyOfDay = (day: string): Buffer => {
    let key = dayKeys.get(day);
    if (!key) {
      dayKeys.clear();
      key = dailyKey(deps.secret, "rate-limit", day);
      dayKeys.set(day, key);
    }
    return key;
  };

  class SharedStore implements FastifyRateLimitStore {
    constructor(private readonly route = "") {}

    incr(clientKey: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = deps.now();
      const at = now.toISOString();
      const key = createHmac("sha256", keyOfDay(at.slice(0, 10))).update(`${this.route}|${clientKey}`).digest("base64url");
      // One statement on both databases: a new or expired window starts at 1, a live one counts up.
      deps.db
        .insertInto("shared_counters")
        .values({ key, count: 1, expires_at: new Date(now.getTime() + timeWindow).toISOString() })
        .onConflict((oc) =>
          oc.column("key").doUpdateSet({
            count: sql`case when shared_counters.expires_at <= ${at} then 1 else shared_counters.count + 1 end`,
            expires_at: sql`case when shared_counters.expires_at <= ${at} then excluded.expires_at else shared_counters.expires_at end`,
          }),
        )
        .returning(["count", "expires_at"])
        .executeTakeFirstOrThrow()
        .then(
          (row) => callback(null, { current: Number(row.count), ttl: Math.max(0, Date.parse(row.expires_at as string) - now.getTime()) }),
          (error: Error) => callback(error),
        );
    }

    child(routeOptions: Parameters<FastifyRateLimitStore["child"]>[0]): FastifyRateLimitStore {
      // The plugin hands the route's merged limit options, the route itself under `routeInfo`.
      const info = (routeOptions as unknown as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new SharedStore(`${String(info.method ?? "")} ${info.url ?? ""}`);
    }
  }
  return SharedStore as unknown as FastifyRateLimitStoreCtor;
}
