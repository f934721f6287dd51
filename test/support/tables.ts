import { sql } from "kysely";
import type { TestApp } from "./test-app.js";

/** Every table of the database, as the database itself lists them (migrations' bookkeeping left out). */
export async function listTables(t: TestApp): Promise<string[]> {
  const db = t.deps.db;
  const names =
    t.deps.database.dialect === "postgres"
      ? (await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db)).rows
      : (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows;
  return names.map((r) => r.name).filter((n) => !n.startsWith("kysely_migration")).sort();
}

/**
 * The rate limiter's counters (PostgreSQL): they count every attempt on a limited route, refused or
 * not, under HMAC keys that hold no address. A refused request rightly moves them, so "nothing
 * written" checks leave them out by name.
 */
export const LIMIT_COUNTERS = "shared_counters";

/** The whole content of every table, row by row, in a stable order: compare two to see any write. */
export async function snapshotTables(t: TestApp, except: string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const table of await listTables(t)) {
    if (except.includes(table)) continue;
    const rows = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(t.deps.db);
    out[table] = rows.rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}
