import { type RawBuilder, sql } from "kysely";
import type { Queryable } from "../database.js";
import { isPostgres } from "../platform/db/dialect.js";
import { indexTerms } from "../platform/search/french-text.js";
import { type SearchQuery, toFts5Match, toTsQuery } from "../platform/search/search-query.js";

/**
 * The back office's search index: the working copy of every story (title; standfirst, text, voices and
 * credits), stemmed by the public index's code (platform/search/french-text.ts) and matched by its query
 * parser (platform/search/search-query.ts). It holds words that
 * are not public (drafts, pending edits): only the back office reads it, and `/recherche` reads
 * `story_search` alone. The story store calls `indexWorkingCopy` after each write of a working
 * copy, in its transaction, and `deleteWorkingCopyEntry` when a story is erased.
 */

export async function indexWorkingCopy(tx: Queryable, storyId: number): Promise<void> {
  const story = await tx.selectFrom("stories").select(["title", "standfirst", "body_md", "credit_name"]).where("id", "=", storyId).executeTakeFirst();
  if (!story) return;
  const voices = await tx.selectFrom("story_voices").select(["credit_name", "body_md"]).where("story_id", "=", storyId).orderBy("position").execute();
  const text = [story.standfirst, story.body_md, story.credit_name, ...voices.flatMap((v) => [v.credit_name, v.body_md])].join("\n");
  const row = { title_terms: indexTerms(story.title), body_terms: indexTerms(text) };
  await tx
    .insertInto("story_editorial_search")
    .values({ story_id: storyId, ...row })
    .onConflict((oc) => oc.column("story_id").doUpdateSet(row))
    .execute();
}

export async function deleteWorkingCopyEntry(tx: Queryable, storyId: number): Promise<void> {
  await tx.deleteFrom("story_editorial_search").where("story_id", "=", storyId).execute();
}

/** Stories with no entry (made before this index existed). */
export async function listUnindexedWorkingCopyIds(db: Queryable): Promise<number[]> {
  const rows = await db
    .selectFrom("stories")
    .leftJoin("story_editorial_search", "story_editorial_search.story_id", "stories.id")
    .select("stories.id")
    .where("story_editorial_search.story_id", "is", null)
    .execute();
  return rows.map((r) => r.id);
}

/** The ids of stories whose working copy matches, as a subquery for `stories.id in (…)`. */
export function workingCopyMatches(db: Queryable, query: SearchQuery): RawBuilder<unknown> {
  if (isPostgres(db)) return sql`select story_id from story_editorial_search where terms @@ to_tsquery('simple', ${toTsQuery(query)})`;
  return sql`select rowid from story_editorial_search_fts where story_editorial_search_fts match ${toFts5Match(query)}`;
}

/**
 * Each matching story's score, smaller first (bm25's sign on SQLite, ts_rank negated on
 * PostgreSQL), title weighted as on the public side: a subquery to join, so that FTS5 reads the
 * word's statistics once per query, not once per story.
 */
export function workingCopyScores(db: Queryable, query: SearchQuery): RawBuilder<{ story_id: number; score: number }> {
  if (isPostgres(db)) {
    const q = sql`to_tsquery('simple', ${toTsQuery(query)})`;
    return sql`(select story_id, -ts_rank(terms, ${q}, 1) as score from story_editorial_search where terms @@ ${q})`;
  }
  return sql`(select rowid as story_id, bm25(story_editorial_search_fts, 5.0, 1.0) as score from story_editorial_search_fts where story_editorial_search_fts match ${toFts5Match(query)})`;
}
