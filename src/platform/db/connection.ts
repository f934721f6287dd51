import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { type DatabaseConnection, type Driver, Kysely, PostgresDialect, type PostgresDialectConfig, PostgresDriver, SqliteDialect, SqliteDriver, type TransactionSettings } from "kysely";
import pg from "pg";
import type { AnyTransaction, DialectName } from "./dialect.js";

export type DatabaseHandle<DB> = {
  db: Kysely<DB>;
  dialect: DialectName;
  /** SQLite only: the raw connection, for the online backup API, integrity checks and the content version. */
  sqlite: SQLite.Database | null;
  /** PostgreSQL only: the connection string, for a connection of its own that listens for notifications. */
  postgresUrl: string | null;
  close(): Promise<void>;
};

// What runs once a transaction's commit has returned, by the connection it runs on. Set up again
// at each BEGIN and dropped at ROLLBACK, so nothing outlives its own transaction.
const afterCommitByConnection = new WeakMap<DatabaseConnection, Array<() => void>>();

/**
 * Runs `effect` right after the transaction commits, never if it rolls back. The effect may only
 * update what this process keeps in memory: the database is already changed, so anything that
 * must survive a crash belongs inside the transaction.
 */
export async function afterCommit(tx: AnyTransaction, effect: () => void): Promise<void> {
  await tx.getExecutor().provideConnection(async (connection) => {
    afterCommitByConnection.get(connection)?.push(effect);
  });
}

function beginEffects(connection: DatabaseConnection): void {
  afterCommitByConnection.set(connection, []);
}

function runEffects(connection: DatabaseConnection): void {
  const effects = afterCommitByConnection.get(connection) ?? [];
  afterCommitByConnection.delete(connection);
  for (const effect of effects) effect();
}

// Durability and privacy settings, applied to every SQLite connection:
// WAL keeps readers off the writer's back; synchronous=FULL keeps the last commits through an
// OS crash or power loss; secure_delete overwrites erased content so it does not linger in the file.
const SQLITE_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = FULL",
  "foreign_keys = ON",
  "secure_delete = ON",
  // The WAL is cut back to nothing each time it restarts, so old page images do not pile up in it.
  "journal_size_limit = 0",
  "busy_timeout = 5000",
];

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; preparing is a tenth of a page's CPU here. Statements are
 * kept by SQL text and reused (better-sqlite3 runs them synchronously, one at a time).
 */
function cacheStatements(sqlite: SQLite.Database): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, SQLite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (!statement) {
      statement = prepare(source);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(source, statement);
    }
    return statement;
  }) as typeof sqlite.prepare;
}

/**
 * First come, first served, for SQLite's one connection. Kysely's own lock wakes every waiter at
 * each release and lets a newcomer take the connection before them: under load (50 requests at
 * once) some requests waited seconds while others passed them again and again. Here the
 * connection is handed to the oldest waiter.
 */
class FifoLock {
  private busy = false;
  private readonly waiting: Array<() => void> = [];

  lock(): Promise<void> {
    if (!this.busy) {
      this.busy = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  unlock(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}

/**
 * When a statement fails with SQLITE_FULL (or an I/O error), SQLite may roll the transaction back
 * itself; Kysely's ROLLBACK then fails ("no transaction is active") and that error would replace
 * the one that says what happened. Roll back only what is still open.
 */
class SqliteDialectKeepingErrors extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const sqlite = this.sqlite;
    const turn = new FifoLock();
    return new (class extends SqliteDriver {
      // Kysely's lock is then never contended: ours decides the order.
      override async acquireConnection(): Promise<DatabaseConnection> {
        await turn.lock();
        return super.acquireConnection();
      }
      override async releaseConnection(): Promise<void> {
        await super.releaseConnection();
        turn.unlock();
      }
      override async beginTransaction(connection: DatabaseConnection): Promise<void> {
        beginEffects(connection);
        await super.beginTransaction(connection);
      }
      override async commitTransaction(connection: DatabaseConnection): Promise<void> {
        await super.commitTransaction(connection);
        runEffects(connection);
      }
      override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
        afterCommitByConnection.delete(connection);
        if (sqlite.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: sqlite });
  }
}

/** The database file and its -wal and -shm companions are readable by the server's user only. */
function createPrivately(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}

// Each SQLite Kysely instance's one connection, for reads that need not wait their turn (below).
const sqliteBehind = new WeakMap<object, SQLite.Database>();

/**
 * SQLite only, outside any transaction: the connection a read can run on at once. better-sqlite3
 * runs a statement synchronously, so while no transaction is open on the one connection, nothing
 * a read could see is half done, and going through Kysely's driver (its turn, several awaits)
 * adds work and no safety. Inside a transaction, or on PostgreSQL: null, and the read goes the
 * usual way, after the transaction.
 */
export function sqliteReadableNow(db: object): SQLite.Database | null {
  const sqlite = sqliteBehind.get(db);
  return sqlite?.open && !sqlite.inTransaction ? sqlite : null;
}

export function openSqlite<DB>(file: string): DatabaseHandle<DB> {
  // SQLite gives the -wal and -shm files the database file's permissions.
  if (file !== ":memory:") createPrivately(file);
  const sqlite = new SQLite(file);
  for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
  // Planner statistics for long-lived connections, bounded so opening stays fast (SQLite ≥ 3.46).
  sqlite.pragma("optimize = 0x10002");
  cacheStatements(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialectKeepingErrors(sqlite) });
  sqliteBehind.set(db, sqlite);
  return {
    db,
    dialect: "sqlite",
    sqlite,
    postgresUrl: null,
    close: async () => {
      // Lets SQLite refresh its planner statistics where they matter, as its manual advises.
      sqlite.pragma("optimize");
      await db.destroy();
    },
  };
}

// PostgreSQL returns bigint counts as strings; we never count past 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

/** Kysely's PostgreSQL dialect, with the effects of `afterCommit` run after each commit. */
class PostgresDialectWithEffects extends PostgresDialect {
  constructor(private readonly settings: PostgresDialectConfig) {
    super(settings);
  }

  override createDriver(): Driver {
    return new (class extends PostgresDriver {
      override async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
        beginEffects(connection);
        await super.beginTransaction(connection, settings);
      }
      override async commitTransaction(connection: DatabaseConnection): Promise<void> {
        await super.commitTransaction(connection);
        runEffects(connection);
      }
      override async rollbackTransaction(connection: Parameters<PostgresDriver["rollbackTransaction"]>[0]): Promise<void> {
        afterCommitByConnection.delete(connection);
        await super.rollbackTransaction(connection);
      }
    })(this.settings);
  }
}

export function openPostgres<DB>(url: string, poolSize = 10): DatabaseHandle<DB> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<DB>({ dialect: new PostgresDialectWithEffects({ pool }) });
  return { db, dialect: "postgres", sqlite: null, postgresUrl: url, close: () => db.destroy() };
}

export function openDatabase<DB>(opts: { databaseUrl: string | null; dataDir: string }): DatabaseHandle<DB> {
  return opts.databaseUrl
    ? openPostgres<DB>(opts.databaseUrl)
    : openSqlite<DB>(path.join(opts.dataDir, "entrepairs.sqlite"));
}
