import type { Queryable } from "../database.js";

/** Old public addresses of an imported site and what they lead to now. */

export type LegacyTarget = { kind: string; id: number | null; path: string | null };

export async function findLegacyAddress(db: Queryable, path: string): Promise<LegacyTarget | null> {
  const row = await db.selectFrom("legacy_addresses").select(["target_kind", "target_id", "target_path"]).where("path", "=", path).executeTakeFirst();
  return row ? { kind: row.target_kind, id: row.target_id, path: row.target_path } : null;
}

/** Records an old address; one already recorded keeps its first target. Returns whether it was new. */
export async function insertLegacyAddress(db: Queryable, siteUrl: string, path: string, target: LegacyTarget, now: string): Promise<boolean> {
  const result = await db
    .insertInto("legacy_addresses")
    .values({ path, site_url: siteUrl, target_kind: target.kind, target_id: target.id, target_path: target.path, created_at: now })
    .onConflict((oc) => oc.column("path").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Which of these addresses are recorded already (for any site). */
export async function listKnownPaths(db: Queryable, paths: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < paths.length; i += 500) {
    const rows = await db.selectFrom("legacy_addresses").select("path").where("path", "in", paths.slice(i, i + 500)).execute();
    for (const r of rows) known.add(r.path);
  }
  return known;
}

export async function countLegacyAddresses(db: Queryable, siteUrl: string): Promise<number> {
  const row = await db.selectFrom("legacy_addresses").select((eb) => eb.fn.countAll<number>().as("n")).where("site_url", "=", siteUrl).executeTakeFirstOrThrow();
  return Number(row.n);
}
