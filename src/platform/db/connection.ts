import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { DialectName } from "./dialect.js";

export type DatabaseHandle<DB> = {
  db: Kysely<DB>;
  dialect: DialectName;
  /** SQLite only: the raw connection, for the online backup API and integrity checks. */
  sqlite: SQLite.Database | null;
  close(): Promise<void>;
};

// Durability and privacy settings, applied to every SQLite connection:
// WAL keeps readers off the writer's back; synchronous=FULL keeps the last commits through an
// OS crash or power loss; secure_delete overwrites erased content so it does not linger in the file.
const SQLITE_PRAGMAS = [
  "journal_mode = WAL",
  "synchronous = FULL",
  "foreign_keys = ON",
  "secure_delete = ON",
  "busy_timeout = 5000",
];

export function openSqlite<DB>(file: string): DatabaseHandle<DB> {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  for (const pragma of SQLITE_PRAGMAS) sqlite.pragma(pragma);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    db,
    dialect: "sqlite",
    sqlite,
    close: () => db.destroy(),
  };
}

// PostgreSQL returns bigint counts as strings; we never count past 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function openPostgres<DB>(url: string, poolSize = 10): DatabaseHandle<DB> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", sqlite: null, close: () => db.destroy() };
}

export function openDatabase<DB>(opts: { databaseUrl: string | null; dataDir: string }): DatabaseHandle<DB> {
  return opts.databaseUrl
    ? openPostgres<DB>(opts.databaseUrl)
    : openSqlite<DB>(path.join(opts.dataDir, "entrepairs.sqlite"));
}
