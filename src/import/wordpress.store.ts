import type { Queryable } from "../database.js";
import type { WordpressImportRow, WordpressItemRow } from "./wordpress.tables.js";

/** Queries on what an imported WordPress site became here, and on import runs. */

export type ImportedItem = {
  wpId: number;
  wpType: string;
  targetId: number;
  sourceHash: string;
  title: string;
  importedFingerprint: string | null;
  awaiting: string | null;
};

const toItem = (r: WordpressItemRow): ImportedItem => ({
  wpId: r.wp_id,
  wpType: r.wp_type,
  targetId: r.target_id,
  sourceHash: r.source_hash,
  title: r.title,
  importedFingerprint: r.imported_fingerprint,
  awaiting: r.awaiting,
});

export async function findItem(db: Queryable, siteUrl: string, wpId: number): Promise<ImportedItem | null> {
  const row = await db.selectFrom("wordpress_items").selectAll().where("site_url", "=", siteUrl).where("wp_id", "=", wpId).executeTakeFirst();
  return row ? toItem(row) : null;
}

export async function saveItem(db: Queryable, siteUrl: string, item: ImportedItem, now: string): Promise<void> {
  const values = {
    wp_type: item.wpType,
    target_id: item.targetId,
    source_hash: item.sourceHash,
    title: item.title,
    imported_fingerprint: item.importedFingerprint,
    awaiting: item.awaiting,
    updated_at: now,
  };
  await db
    .insertInto("wordpress_items")
    .values({ site_url: siteUrl, wp_id: item.wpId, imported_at: now, ...values })
    .onConflict((oc) => oc.columns(["site_url", "wp_id"]).doUpdateSet(values))
    .execute();
}

export async function setAwaiting(db: Queryable, siteUrl: string, wpId: number, awaiting: string | null): Promise<void> {
  await db.updateTable("wordpress_items").set({ awaiting }).where("site_url", "=", siteUrl).where("wp_id", "=", wpId).execute();
}

/** The imported item that became this story, if any. */
export async function findItemOfStory(db: Queryable, storyId: number): Promise<(ImportedItem & { siteUrl: string }) | null> {
  const row = await db.selectFrom("wordpress_items").selectAll().where("wp_type", "=", "post").where("target_id", "=", storyId).executeTakeFirst();
  return row ? { ...toItem(row), siteUrl: row.site_url } : null;
}

/** Stories public on their old site and not public here yet, with why. */
export async function listAwaitingStories(db: Queryable): Promise<Array<{ storyId: number; title: string; awaiting: string }>> {
  const rows = await db
    .selectFrom("wordpress_items")
    .select(["target_id", "title", "awaiting"])
    .where("wp_type", "=", "post")
    .where("awaiting", "is not", null)
    .orderBy("imported_at")
    .orderBy("wp_id")
    .limit(500)
    .execute();
  return rows.map((r) => ({ storyId: r.target_id, title: r.title, awaiting: r.awaiting as string }));
}

export async function clearAwaitingOfStory(db: Queryable, storyId: number): Promise<void> {
  await db.updateTable("wordpress_items").set({ awaiting: null }).where("wp_type", "=", "post").where("target_id", "=", storyId).execute();
}

export async function findTermTarget(db: Queryable, siteUrl: string, taxonomy: string, wpSlug: string): Promise<{ kind: string; id: number } | null> {
  const row = await db
    .selectFrom("wordpress_terms")
    .select(["target_kind", "target_id"])
    .where("site_url", "=", siteUrl)
    .where("taxonomy", "=", taxonomy)
    .where("wp_slug", "=", wpSlug)
    .executeTakeFirst();
  return row ? { kind: row.target_kind, id: row.target_id } : null;
}

export async function saveTerm(db: Queryable, siteUrl: string, term: { taxonomy: string; wpSlug: string; kind: string; id: number }): Promise<void> {
  await db
    .insertInto("wordpress_terms")
    .values({ site_url: siteUrl, taxonomy: term.taxonomy, wp_slug: term.wpSlug, target_kind: term.kind, target_id: term.id })
    .onConflict((oc) => oc.columns(["site_url", "taxonomy", "wp_slug"]).doUpdateSet({ target_kind: term.kind, target_id: term.id }))
    .execute();
}

export async function findAuthor(db: Queryable, siteUrl: string, login: string): Promise<{ displayName: string; userId: number | null } | null> {
  const row = await db.selectFrom("wordpress_authors").select(["display_name", "user_id"]).where("site_url", "=", siteUrl).where("login", "=", login).executeTakeFirst();
  return row ? { displayName: row.display_name, userId: row.user_id } : null;
}

export async function saveAuthor(db: Queryable, siteUrl: string, a: { login: string; displayName: string; userId: number | null }): Promise<void> {
  await db
    .insertInto("wordpress_authors")
    .values({ site_url: siteUrl, login: a.login, display_name: a.displayName, user_id: a.userId })
    .onConflict((oc) => oc.columns(["site_url", "login"]).doUpdateSet({ display_name: a.displayName, user_id: a.userId }))
    .execute();
}

// --- import runs started from the back office ------------------------------------------------

export type ImportRun = {
  id: number;
  state: string;
  options: string;
  filesKey: string;
  report: string | null;
  /** A failure stored before codes: a French sentence, or a catalogue key. */
  error: string | null;
  errorCode: string | null;
  /** JSON object of the failure's values. */
  errorValues: string | null;
  createdAt: string;
  finishedAt: string | null;
};

const toRun = (r: WordpressImportRow): ImportRun => ({
  id: r.id,
  state: r.state,
  options: r.options,
  filesKey: r.files_key,
  report: r.report,
  error: r.error,
  errorCode: r.error_code,
  errorValues: r.error_values,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
});

export async function insertRun(db: Queryable, run: { options: string; filesKey: string; requestedBy: number; now: string }): Promise<number> {
  const row = await db
    .insertInto("wordpress_imports")
    .values({ state: "queued", options: run.options, files_key: run.filesKey, requested_by: run.requestedBy, created_at: run.now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findRun(db: Queryable, id: number): Promise<ImportRun | null> {
  const row = await db.selectFrom("wordpress_imports").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toRun(row) : null;
}

export async function listRuns(db: Queryable, limit: number): Promise<ImportRun[]> {
  const rows = await db.selectFrom("wordpress_imports").selectAll().orderBy("id", "desc").limit(limit).execute();
  return rows.map(toRun);
}

export async function updateRun(db: Queryable, id: number, patch: { state: string; report?: string | null; errorCode?: string | null; errorValues?: string | null; finishedAt?: string | null }): Promise<void> {
  await db
    .updateTable("wordpress_imports")
    .set({ state: patch.state, report: patch.report, error_code: patch.errorCode, error_values: patch.errorValues, finished_at: patch.finishedAt })
    .where("id", "=", id)
    .execute();
}
