import { type Kysely, type RawBuilder, sql, type Transaction } from "kysely";

/**
 * Every difference between SQLite and PostgreSQL lives here; feature code never branches on
 * the dialect. Each helper is exercised on both databases by the store tests.
 */
export type DialectName = "sqlite" | "postgres";

// biome-ignore lint/suspicious/noExplicitAny: migrations and helpers work on any schema
export type AnyDb = Kysely<any>;
/** A transaction on any schema: the database itself is not one (its `isTransaction` is not `true`). */
// biome-ignore lint/suspicious/noExplicitAny: platform helpers work on any schema
export type AnyTransaction = Transaction<any>;

/** Column type of an auto-incremented integer primary key. */
export function serialPrimaryKey(dialect: DialectName) {
  return dialect === "postgres" ? "serial" : "integer";
}

export function isPostgres(db: AnyDb): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith("Postgres");
}

/**
 * Case- and accent-insensitive "contains" match. Both sides go through the same
 * folding: lower() plus removal of the common French diacritics, so that "ecole" finds "École"
 * on both databases without an extension.
 */
export function foldedContains(column: string, needle: string): RawBuilder<boolean> {
  return sql<boolean>`${foldSql(sql.ref(column))} like ${`%${foldText(needle).replace(/[\\%_]/g, "\\$&")}%`} escape '\\'`;
}

// Pairs applied after lower(); SQLite has no translate(), so nested replace() keeps both dialects identical.
const FOLDS: ReadonlyArray<readonly [string, string]> = [
  ["à", "a"], ["â", "a"], ["ä", "a"], ["á", "a"], ["ç", "c"], ["é", "e"], ["è", "e"], ["ê", "e"], ["ë", "e"],
  ["î", "i"], ["ï", "i"], ["í", "i"], ["ñ", "n"], ["ô", "o"], ["ö", "o"], ["ó", "o"], ["û", "u"], ["ù", "u"],
  ["ü", "u"], ["ú", "u"], ["ÿ", "y"], ["œ", "oe"], ["æ", "ae"],
];

function foldSql(expr: RawBuilder<unknown>): RawBuilder<string> {
  // SQLite's lower() only folds ASCII, so capitals with accents are listed too.
  let out: RawBuilder<unknown> = sql`lower(${expr})`;
  for (const [from, to] of FOLDS) {
    out = sql`replace(${out}, ${sql.lit(from)}, ${sql.lit(to)})`;
    const upper = from.toUpperCase();
    if (upper !== from) out = sql`replace(${out}, ${sql.lit(upper)}, ${sql.lit(to)})`;
  }
  return out as RawBuilder<string>;
}

export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/Œ/g, "oe")
    .replace(/Æ/g, "ae")
    .toLowerCase();
}

/**
 * After an erasure: SQLite copies the WAL into the database (whose freed pages secure_delete has
 * zeroed) and truncates the WAL to nothing, so erased text lingers in neither file. PostgreSQL's
 * own WAL is recycled by the server in time; nothing can be done from a client.
 */
export async function checkpointAfterErasure(db: AnyDb): Promise<void> {
  if (isPostgres(db)) return;
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
}
