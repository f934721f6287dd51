import { randomUUID } from "node:crypto";
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import pg from "pg";
import { afterCommit, type DatabaseHandle } from "../db/connection.js";
import { type AnyDb, type AnyTransaction, isPostgres } from "../db/dialect.js";
import type { Logger } from "../logger.js";

/**
 * A token that changes whenever published content changes. Cached pages and memoised values
 * remember the token they were made under and are used only while it is still current.
 *
 * The token is one row, `content_version`, and only `markContentChanged` writes it: inside the
 * transaction that changes what readers see, so the change and its invalidation commit together or
 * not at all. There is no "bump" after a commit that a crash or an exception could skip.
 *
 * Reading it costs no query on a cached request. The process that commits a change learns its
 * token right after the commit (`afterCommit`, run by the database driver, so no code of ours
 * stands between the two). Other writers:
 * - SQLite: another process (the command line) changes SQLite's own `data_version` counter, which
 *   is checked on each request (a pragma, no table read); the row is read again when it moved.
 * - PostgreSQL: the transaction also sends a NOTIFY, which the server delivers at commit to every
 *   instance listening on its own connection. While that connection is down the row is read on
 *   each request instead, and it is read again when the connection is back: a notification missed
 *   in between costs nothing. A heartbeat bounds how long a silently dead connection goes unseen.
 */
export type ContentVersion = {
  /** The version as this process knows it, without waiting; null when it cannot know without a query. */
  known(): VersionStamp | null;
  /** The version, read from the database when it is not known. */
  read(): Promise<VersionStamp>;
  close(): Promise<void>;
};

export type VersionStamp = { token: string; changedAt: Date };

export interface ContentVersionTables {
  content_version: { id: number; token: string; changed_at: string };
}

const CHANNEL = "content_version";
/** How the content version of this process learns of its own commits (before their notification, on PostgreSQL). */
type Learner = { committed(stamp: VersionStamp): void };
// By database: the Kysely instance's adapter, which its transactions share.
const learners = new WeakMap<object, Learner>();
const databaseOf = (db: AnyDb) => db.getExecutor().adapter;
const markedTransactions = new WeakSet<AnyTransaction>();

/**
 * Records, inside the transaction that changes what readers see, that published content changed.
 * It takes a transaction, never the database: a change and its invalidation commit together.
 */
export async function markContentChanged(tx: AnyTransaction, at: string): Promise<void> {
  // The type says so already; this says it to a caller that cast its way around it.
  if (!tx.isTransaction) throw new Error("markContentChanged: only inside the transaction that changes the content");
  // Once per transaction is enough (a bulk import releases hundreds of stories in one).
  if (markedTransactions.has(tx)) return;
  markedTransactions.add(tx);
  const token = randomUUID();
  const db: AnyDb = tx;
  await db.updateTable("content_version").set({ token, changed_at: at }).where("id", "=", 1).execute();
  // Delivered to every listening instance when, and only if, the transaction commits.
  if (isPostgres(db)) await sql`select pg_notify(${CHANNEL}, ${`${token}|${at}`})`.execute(db);
  const learner = learners.get(databaseOf(db));
  if (learner) await afterCommit(tx, () => learner.committed(stampOf(token, at)));
}

function stampOf(token: string, changedAt: string): VersionStamp {
  const date = new Date(changedAt);
  return { token, changedAt: Number.isNaN(date.getTime()) ? new Date(0) : date };
}

async function readRow(db: AnyDb): Promise<VersionStamp> {
  const row = await db.selectFrom("content_version").select(["token", "changed_at"]).where("id", "=", 1).executeTakeFirstOrThrow();
  return stampOf(row.token as string, row.changed_at as string);
}

/** `retryFirstMs`: on PostgreSQL, how long after losing its listening connection it tries again first (then twice as long each time). */
export type ContentVersionOptions = { log?: Logger; retryFirstMs?: number };

/** The content version of this database, as this process learns of its changes. */
export function openContentVersion(handle: DatabaseHandle<unknown>, options: ContentVersionOptions = {}): ContentVersion {
  const db = handle.db as AnyDb;
  if (handle.sqlite) return sqliteContentVersion(handle.sqlite, db);
  if (handle.postgresUrl) return listenedContentVersion(db, handle.postgresUrl, options.log, options.retryFirstMs ?? RETRY_FIRST_MS);
  throw new Error("content version: neither SQLite nor PostgreSQL");
}

function sqliteContentVersion(sqlite: SQLite.Database, db: AnyDb): ContentVersion {
  const row = sqlite.prepare("select token, changed_at from content_version where id = 1").raw();
  // Changes when another connection (another process) commits; our own commits leave it alone.
  const dataVersion = sqlite.prepare("pragma data_version").pluck();
  const readNow = () => {
    const [token, changedAt] = row.get() as [string, string];
    return stampOf(token, changedAt);
  };
  let seen = dataVersion.get();
  let last = readNow();
  // Our transaction holds SQLite's one write lock from its mark to its commit: no other commit comes between.
  learners.set(databaseOf(db), {
    committed(stamp) {
      last = stamp;
    },
  });
  /** What SQLite says now. */
  const check = (): VersionStamp => {
    // Between the statements of our own transaction, keep the last committed version.
    if (sqlite.inTransaction) return last;
    const now = dataVersion.get();
    if (now !== seen) {
      seen = now;
      last = readNow();
    }
    return last;
  };
  // Asked several times per page (the page cache, the memo, the site's identity): `known` asks
  // SQLite once per turn of the event loop. Requests read in the same turn arrived together; the
  // next turn's requests see any commit made meanwhile. `read` always asks.
  let askedThisTurn = false;
  const nextTurn = () => {
    askedThisTurn = false;
  };
  return {
    known: () => {
      if (askedThisTurn) return last;
      askedThisTurn = true;
      setImmediate(nextTurn);
      return check();
    },
    read: async () => check(),
    close: async () => {
      learners.delete(databaseOf(db));
    },
  };
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 5_000;
// A connection can die without a word (a network cut): the listener asks for the row now and then,
// and counts itself lost when no answer comes. That bounds the time a silent failure goes unseen.
const HEARTBEAT_MS = 10_000;
const HEARTBEAT_TIMEOUT_MS = 5_000;
/** How the listening connection shows in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = "entrepairs-content-version";

function listenedContentVersion(db: AnyDb, url: string, log: Logger | undefined, retryFirstMs: number): ContentVersion {
  // Known only while listening; null also while the row is being read again.
  let stamp: VersionStamp | null = null;
  let client: pg.Client | null = null;
  let listening = false;
  let closed = false;
  // Notifications heard so far (and our own commits): a read that overlaps one of them is older than it.
  let heard = 0;
  // The last tokens heard, to know whether our own commit's notification already came.
  const heardTokens = new Set<string>();
  let retryMs = retryFirstMs;
  let retry: NodeJS.Timeout | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const refresh = async (listener: pg.Client) => {
    stamp = null;
    const before = heard;
    const row = await readRow(db);
    if (client === listener && listening && heard === before) stamp = row;
  };

  // Also catches a notification lost without the connection failing (none is expected).
  const checkIn = async (listener: pg.Client) => {
    const before = heard;
    const { rows } = await listener.query<{ token: string; changed_at: string }>("select token, changed_at from content_version where id = 1");
    const row = rows[0];
    if (row && client === listener && listening && heard === before && stamp?.token !== row.token) stamp = stampOf(row.token, row.changed_at);
  };

  learners.set(databaseOf(db), {
    // Our own commit. Notifications come in commit order: if ours already came, the stamp is ours or
    // a newer one; if not, whatever came is older than ours, and ours is the newest.
    committed(next) {
      if (!listening) return;
      // A read of the row begun before this commit must not overwrite it.
      heard++;
      if (!heardTokens.has(next.token)) stamp = next;
    },
  });

  const lost = (listener: pg.Client, error?: unknown) => {
    if (client !== listener) return;
    client = null;
    listening = false;
    stamp = null;
    if (heartbeat) clearInterval(heartbeat);
    heartbeat = null;
    void listener.end().catch(() => {});
    if (closed) return;
    log?.warn({ err: error }, "version du contenu : écoute interrompue, lue à chaque requête en attendant");
    retry = setTimeout(() => void listen(), retryMs);
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  };

  async function listen(): Promise<void> {
    retry = null;
    const listener = new pg.Client({ connectionString: url, application_name: LISTENER_APPLICATION_NAME, keepAlive: true, query_timeout: HEARTBEAT_TIMEOUT_MS });
    client = listener;
    listener.on("error", (error) => lost(listener, error));
    listener.on("end", () => lost(listener));
    listener.on("notification", (message) => {
      if (message.channel !== CHANNEL || client !== listener) return;
      heard++;
      const [token = "", at = ""] = (message.payload ?? "").split("|");
      if (heardTokens.size >= 256) heardTokens.clear();
      heardTokens.add(token);
      if (listening) stamp = stampOf(token, at);
    });
    try {
      await listener.connect();
      await listener.query(`listen ${CHANNEL}`);
      // Read once listening: a change committed meanwhile is in this read or in a notification.
      listening = true;
      await refresh(listener);
      retryMs = retryFirstMs;
      heartbeat = setInterval(() => void checkIn(listener).catch((error) => lost(listener, error)), HEARTBEAT_MS);
      heartbeat.unref();
    } catch (error) {
      lost(listener, error);
    }
  }

  void listen();
  return {
    known: () => stamp,
    read: async () => stamp ?? readRow(db),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (heartbeat) clearInterval(heartbeat);
      learners.delete(databaseOf(db));
      const listener = client;
      client = null;
      listening = false;
      stamp = null;
      await listener?.end().catch(() => {});
    },
  };
}
