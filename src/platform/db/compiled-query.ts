import type { Compilable, CompiledQuery, Kysely } from "kysely";
import { sqliteReadableNow } from "./connection.js";

/**
 * A query built and compiled once per database, then run with new values. Building a Kysely query
 * (parsing each column reference, then compiling the tree) costs more than running it on SQLite:
 * tens of microseconds for a wide select, on every page. Only for a query whose SQL does not change
 * with its values (no IN list of varying length): each value is a slot, `slot(i)` standing for
 * the i-th argument while the query is built.
 */
export function compiledQuery<DB, Args extends readonly unknown[], Row>(build: (db: Kysely<DB>, slot: <T>(index: number) => T) => Compilable<Row>) {
  // By database (or transaction): the same SQL, but each its own connection to run it on.
  const compiled = new WeakMap<Kysely<DB>, { query: CompiledQuery<Row>; slots: Array<number | null>; select: boolean }>();
  const SLOT = "\u0000slot:";
  const slot = <T>(index: number) => `${SLOT}${index}` as unknown as T;
  return async (db: Kysely<DB>, ...args: Args): Promise<Row[]> => {
    let entry = compiled.get(db);
    if (!entry) {
      const query = build(db, slot).compile();
      const slots = query.parameters.map((p) => (typeof p === "string" && p.startsWith(SLOT) ? Number(p.slice(SLOT.length)) : null));
      // Only a SELECT may skip the driver's turn (sqliteReadableNow): a write returning rows is a
      // "reader" to better-sqlite3 too, and must keep its place behind the writes queued before it.
      entry = { query, slots, select: query.query.kind === "SelectQueryNode" };
      compiled.set(db, entry);
    }
    const { query, slots, select } = entry;
    const parameters = query.parameters.map((p, i) => {
      const index = slots[i];
      return index === null || index === undefined ? p : args[index];
    });
    const statement = select ? sqliteReadableNow(db)?.prepare(query.sql) : undefined;
    if (statement?.reader) return statement.all(parameters) as Row[];
    return (await db.executeQuery<Row>({ ...query, parameters })).rows;
  };
}
