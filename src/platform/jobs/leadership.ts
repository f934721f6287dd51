import pg from "pg";
import type { Logger } from "../logger.js";

/**
 * Which instance runs the periodic tasks. SQLite serves one process: it always leads. On
 * PostgreSQL, the instance whose own connection holds a session-level advisory lock leads; the
 * lock goes with the connection, so when the leader dies (or its connection drops) another
 * instance takes it at its next tick. A leader that loses its connection stops leading at once.
 */
export type Leadership = {
  /** Whether this instance leads now; tries to become the leader when nobody is. */
  isLeader(): Promise<boolean>;
  close(): Promise<void>;
};

/** How the lock's connection shows in pg_stat_activity. */
export const LEADER_APPLICATION_NAME = "entrepairs-scheduler-leader";
// One lock per database (advisory locks are scoped to the database): any fixed number will do.
const LOCK_KEY = 7_465_201;
// A leader checks its connection at most this often, so a connection cut silently is noticed.
const CHECK_MS = 5_000;
const QUERY_TIMEOUT_MS = 5_000;

export function singleProcessLeadership(): Leadership {
  return { isLeader: async () => true, close: async () => {} };
}

export function advisoryLockLeadership(url: string, log?: Logger): Leadership {
  let client: pg.Client | null = null;
  let leading = false;
  let checkedAt = 0;
  let closed = false;

  const drop = (which: pg.Client, error?: unknown) => {
    if (client !== which) return;
    if (leading) log?.warn({ err: error }, "tâches périodiques : connexion du verrou perdue, une autre instance prendra le relais");
    client = null;
    leading = false;
    void which.end().catch(() => {});
  };

  async function connect(): Promise<pg.Client | null> {
    const next = new pg.Client({ connectionString: url, application_name: LEADER_APPLICATION_NAME, keepAlive: true, query_timeout: QUERY_TIMEOUT_MS });
    next.on("error", (error) => drop(next, error));
    next.on("end", () => drop(next));
    client = next;
    try {
      await next.connect();
      return next;
    } catch (error) {
      drop(next, error);
      return null;
    }
  }

  async function check(): Promise<boolean> {
    if (closed) return false;
    const current = client ?? (await connect());
    if (!current) return false;
    try {
      if (leading) {
        if (Date.now() - checkedAt >= CHECK_MS) {
          await current.query("select 1");
          checkedAt = Date.now();
        }
        return client === current && leading;
      }
      const { rows } = await current.query<{ locked: boolean }>("select pg_try_advisory_lock($1) as locked", [LOCK_KEY]);
      leading = client === current && rows[0]?.locked === true;
      checkedAt = Date.now();
      if (leading) log?.info("tâches périodiques : cette instance les mène");
      return leading;
    } catch (error) {
      drop(current, error);
      return false;
    }
  }

  // Tasks ask at once on their timers: one question to the database at a time.
  let asking: Promise<boolean> | null = null;
  return {
    isLeader() {
      asking ??= check().finally(() => {
        asking = null;
      });
      return asking;
    },
    async close() {
      closed = true;
      const current = client;
      client = null;
      leading = false;
      // Ending the session releases the lock.
      await current?.end().catch(() => {});
    },
  };
}
