import { sql } from "kysely";
import type { Queryable } from "../database.js";
import { isPostgres } from "../platform/db/dialect.js";
import type { StoryKind } from "../stories/story.js";
import { type SearchQuery, toFts5Match, toTsQuery } from "../platform/search/search-query.js";

/**
 * The search index of released versions. Writes come from the release door only (search.service.ts
 * registers a release listener), in its transaction; reads join `published_stories`, so a row can
 * never show a story that is not public.
 */

export type IndexedStory = { storyId: number; plainText: string; titleTerms: string; bodyTerms: string };

export async function writeIndexedStory(tx: Queryable, row: IndexedStory): Promise<void> {
  await deleteIndexedStory(tx, row.storyId);
  await tx
    .insertInto("story_search")
    .values({ story_id: row.storyId, plain_text: row.plainText, title_terms: row.titleTerms, body_terms: row.bodyTerms })
    .execute();
}

export async function deleteIndexedStory(tx: Queryable, storyId: number): Promise<void> {
  await tx.deleteFrom("story_search").where("story_id", "=", storyId).execute();
}

/** Released stories with no index row (public before search existed). */
export async function listUnindexedPublishedIds(db: Queryable): Promise<number[]> {
  const rows = await db
    .selectFrom("published_stories")
    .leftJoin("story_search", "story_search.story_id", "published_stories.story_id")
    .select("published_stories.story_id")
    .where("story_search.story_id", "is", null)
    .execute();
  return rows.map((r) => r.story_id);
}

export type SearchFilter = { kind?: StoryKind; themeId?: number; seriesId?: number };

function filterSql(filter: SearchFilter) {
  const parts = [sql`1 = 1`];
  if (filter.kind) parts.push(sql`p.kind = ${filter.kind}`);
  if (filter.seriesId !== undefined) parts.push(sql`p.series_id = ${filter.seriesId}`);
  if (filter.themeId !== undefined) parts.push(sql`exists (select 1 from published_story_themes t where t.story_id = p.story_id and t.theme_id = ${filter.themeId})`);
  return sql.join(parts, sql` and `);
}

/**
 * How many matches are ranked at most: the newest ones. Ranking costs the database a little per
 * match, and a word most stories contain would otherwise be ranked across all of them; a query
 * with fewer matches (every rare word, most phrases) is ranked exactly, over all of them.
 */
export const MAX_RANKED = 1_000;

export type SearchPage = { limit: number; offset: number };

/**
 * Ids of matching public stories, best first (a word in the title weighs more than in the text;
 * then the newest), and how many match, counted up to `maxRanked` (`capped` past it). Only the
 * `maxRanked` newest matches (by story id) are ranked: both databases walk their index in
 * descending id order and stop there, so one query's cost is bounded whatever the word. An empty
 * query matches nothing.
 */
export async function searchPublished(
  db: Queryable,
  query: SearchQuery,
  filter: SearchFilter,
  page: SearchPage,
  maxRanked = MAX_RANKED,
): Promise<{ ids: number[]; total: number; capped: boolean }> {
  if (query.terms.length === 0) return { ids: [], total: 0, capped: false };
  const where = filterSql(filter);
  if (isPostgres(db)) {
    const q = sql`to_tsquery('simple', ${toTsQuery(query)})`;
    const matches = sql`from story_search s join published_stories p on p.story_id = s.story_id where s.terms @@ ${q} and ${where}`;
    const [rows, count] = await Promise.all([
      sql<{ story_id: number }>`select story_id from (select s.story_id, ts_rank(s.terms, ${q}, 1) as score, p.published_at ${matches} order by s.story_id desc limit ${maxRanked}) newest
        order by score desc, published_at desc, story_id desc limit ${page.limit} offset ${page.offset}`.execute(db),
      sql<{ n: string }>`select count(*) as n from (select 1 ${matches} limit ${maxRanked + 1}) counted`.execute(db),
    ]);
    return { ids: rows.rows.map((r) => Number(r.story_id)), ...capped(Number(count.rows[0]?.n ?? 0), maxRanked) };
  }
  const matches = sql`from story_search_fts f join published_stories p on p.story_id = f.rowid where story_search_fts match ${toFts5Match(query)} and ${where}`;
  const count = await sql<{ n: number }>`select count(*) as n from (select 1 ${matches} limit ${maxRanked + 1})`.execute(db);
  const counted = capped(Number(count.rows[0]?.n ?? 0), maxRanked);
  if (page.offset >= counted.total) return { ids: [], ...counted };
  // FTS5 walks its rowids (story ids) backwards for ORDER BY rowid DESC and stops at the limit;
  // bm25 is computed for those rows only.
  const rows = await sql<{ story_id: number }>`select story_id from (select f.rowid as story_id, bm25(story_search_fts, 5.0, 1.0) as score, p.published_at ${matches} order by f.rowid desc limit ${maxRanked})
    order by score, published_at desc, story_id desc limit ${page.limit} offset ${page.offset}`.execute(db);
  return { ids: rows.rows.map((r) => r.story_id), ...counted };
}

function capped(n: number, maxRanked: number): { total: number; capped: boolean } {
  return n > maxRanked ? { total: maxRanked, capped: true } : { total: n, capped: false };
}

export async function plainTextsOf(db: Queryable, storyIds: number[]): Promise<Map<number, string>> {
  if (storyIds.length === 0) return new Map();
  const rows = await db.selectFrom("story_search").select(["story_id", "plain_text"]).where("story_id", "in", storyIds).execute();
  return new Map(rows.map((r) => [r.story_id, r.plain_text]));
}
