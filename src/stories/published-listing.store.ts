import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Database, Queryable } from "../database.js";
import { compiledQuery } from "../platform/db/compiled-query.js";
import { hasTheme, type PublishedSummary, SUMMARY_COLUMNS, type SummaryRow, toSummary } from "./published-story.store.js";
import type { StoryKind } from "./story.js";

/**
 * The public listings' pages: which released stories a filter (kind, theme, series, keyword, a set
 * of ids, a date) selects, how many, and one page of them, newest first. Pages past the first
 * landmark start after it instead of counting every story before them, and a theme's listing walks
 * the theme's own rows, so that no page grows with the archive (story-listing.test.ts checks every
 * page against a plain sort on both databases).
 */

export type PublicFilter = { kind?: StoryKind; themeId?: number; seriesId?: number; keywordId?: number; ids?: number[]; publishedSince?: string };

function whereFilter<O>(query: SelectQueryBuilder<Database, "published_stories", O>, filter: PublicFilter) {
  let q = query;
  if (filter.kind) q = q.where("published_stories.kind", "=", filter.kind);
  if (filter.seriesId !== undefined) q = q.where("published_stories.series_id", "=", filter.seriesId);
  // An empty IN () is a syntax error on both databases.
  if (filter.ids !== undefined) q = filter.ids.length ? q.where("published_stories.story_id", "in", filter.ids) : q.where("published_stories.story_id", "<", 0);
  if (filter.themeId !== undefined) q = q.where(hasTheme([filter.themeId]));
  if (filter.publishedSince !== undefined) q = q.where("published_stories.published_at", ">=", filter.publishedSince);
  if (filter.keywordId !== undefined) {
    const keywordId = filter.keywordId;
    // Keywords sit beside the version: the listing still shows only what was released.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("story_keywords")
          .select("story_keywords.story_id")
          .whereRef("story_keywords.story_id", "=", "published_stories.story_id")
          .where("story_keywords.keyword_id", "=", keywordId),
      ),
    );
  }
  return q;
}

/**
 * A place in the listing's order (newest first): a page past the first few starts after the
 * landmark nearest before it instead of counting every story from the first (see `listingLandmarks`).
 */
export type ListingLandmark = { publishedAt: string; storyId: number };

export type ListingPage = { limit: number; offset: number; after?: ListingLandmark };

/** The listing's query, one compiled shape per combination of the usual filters (kind, theme, series) and of a landmark. */
const listingQueries = new Map<string, ReturnType<typeof listingQuery>>();

type ListingArgs = [kind: string | undefined, themeId: number | undefined, seriesId: number | undefined, limit: number, offset: number, afterPublishedAt: string | undefined, afterStoryId: number | undefined];

function listingQuery(filter: Omit<PublicFilter, "ids" | "keywordId">, fromLandmark: boolean) {
  if (filter.themeId !== undefined) return themeListingQuery(filter, fromLandmark);
  return compiledQuery<Database, ListingArgs, SummaryRow>((db, slot) => {
    let q = db.selectFrom("published_stories").select(SUMMARY_COLUMNS);
    if (filter.kind) q = q.where("published_stories.kind", "=", slot<string>(0));
    if (filter.seriesId !== undefined) q = q.where("published_stories.series_id", "=", slot<number>(2));
    if (filter.themeId !== undefined) q = q.where(hasTheme([slot<number>(1)]));
    if (fromLandmark) q = q.where(beforeLandmark(slot<string>(5), slot<number>(6)));
    return q.orderBy("published_stories.published_at", "desc").orderBy("published_stories.story_id", "desc").limit(slot<number>(3)).offset(slot<number>(4));
  });
}

/**
 * A theme's listing walks the theme's own rows in publication order (published_story_themes_recent_idx):
 * a page costs the same at any depth and archive size, where filtering the newest-first index by
 * theme let PostgreSQL hash the whole theme against every older story on deep pages. The page is
 * cut from the theme's rows before the stories are fetched by key, so no plan joins more than a page.
 */
function themeListingQuery(filter: Omit<PublicFilter, "ids" | "keywordId">, fromLandmark: boolean) {
  return compiledQuery<Database, ListingArgs, SummaryRow>((db, slot) => {
    let rows = db.selectFrom("published_story_themes").where("published_story_themes.theme_id", "=", slot<number>(1));
    // A value looked up per theme row, not an EXISTS: PostgreSQL turns a semi-join into a hash of
    // every story, where this stays a lookup by key for each row walked until the page is full.
    const storyOf = (eb: ExpressionBuilder<Database, "published_story_themes">) =>
      eb.selectFrom("published_stories").whereRef("published_stories.story_id", "=", "published_story_themes.story_id");
    if (filter.kind) rows = rows.where((eb) => eb(storyOf(eb).select("published_stories.kind"), "=", slot<string>(0)));
    if (filter.seriesId !== undefined) rows = rows.where((eb) => eb(storyOf(eb).select("published_stories.series_id"), "=", slot<number>(2)));
    if (fromLandmark) {
      rows = rows.where((eb) => eb(eb.refTuple("published_story_themes.published_at", "published_story_themes.story_id"), "<", eb.tuple(slot<string>(5), slot<number>(6))));
    }
    const page = rows
      .select(["published_story_themes.story_id", "published_story_themes.published_at"])
      .orderBy("published_story_themes.published_at", "desc")
      .orderBy("published_story_themes.story_id", "desc")
      .limit(slot<number>(3))
      .offset(slot<number>(4));
    return db
      .selectFrom(page.as("page"))
      .innerJoin("published_stories", "published_stories.story_id", "page.story_id")
      .select(SUMMARY_COLUMNS)
      .orderBy("page.published_at", "desc")
      .orderBy("page.story_id", "desc");
  });
}

// A row value, so both databases walk the (published_at, story_id) indexes from the landmark on.
const beforeLandmark = (publishedAt: string, storyId: number) => (eb: ExpressionBuilder<Database, "published_stories">) =>
  eb(eb.refTuple("published_stories.published_at", "published_stories.story_id"), "<", eb.tuple(publishedAt, storyId));

export async function listPublishedStories(db: Queryable, filter: PublicFilter, page: ListingPage): Promise<PublishedSummary[]> {
  const { after } = page;
  // A chosen set of stories, a keyword's listing (imported sites) or a week's stories (the newsletter's digest) is built each time.
  if (filter.ids !== undefined || filter.keywordId !== undefined || filter.publishedSince !== undefined) {
    let q = whereFilter(db.selectFrom("published_stories").select(SUMMARY_COLUMNS), filter);
    if (after) q = q.where(beforeLandmark(after.publishedAt, after.storyId));
    const rows = await q
      .orderBy("published_stories.published_at", "desc")
      .orderBy("published_stories.story_id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map(toSummary);
  }
  const shape = `${filter.kind ? "k" : ""}${filter.themeId !== undefined ? "t" : ""}${filter.seriesId !== undefined ? "s" : ""}${after ? "a" : ""}`;
  let query = listingQueries.get(shape);
  if (!query) {
    query = listingQuery(filter, after !== undefined);
    listingQueries.set(shape, query);
  }
  return (await query(db, filter.kind, filter.themeId, filter.seriesId, page.limit, page.offset, after?.publishedAt, after?.storyId)).map(toSummary);
}

/**
 * Every `every`-th story of a filtered listing, newest first (the `every`-th, the 2 × `every`-th…):
 * one pass over the filter's index, for the service to keep per content version, so that a deep
 * page walks at most `every` stories past its landmark instead of all those before it.
 */
export async function listingLandmarks(db: Queryable, filter: PublicFilter, every: number): Promise<ListingLandmark[]> {
  const ranked = whereFilter(
    db
      .selectFrom("published_stories")
      .select([
        "published_stories.published_at",
        "published_stories.story_id",
        sql<number>`row_number() over (order by published_stories.published_at desc, published_stories.story_id desc)`.as("row_no"),
      ]),
    filter,
  );
  const rows = await db
    .selectFrom(ranked.as("ranked"))
    .select(["ranked.published_at", "ranked.story_id"])
    .where(sql`ranked.row_no % ${every}`, "=", 0)
    .orderBy("ranked.row_no")
    .execute();
  return rows.map((r) => ({ publishedAt: r.published_at, storyId: r.story_id }));
}

export async function countPublishedStories(db: Queryable, filter: PublicFilter): Promise<number> {
  const row = await whereFilter(db.selectFrom("published_stories").select((eb) => eb.fn.countAll<number>().as("n")), filter).executeTakeFirstOrThrow();
  return Number(row.n);
}
