import { type ExpressionBuilder, type SelectQueryBuilder, sql } from "kysely";
import type { Database, Queryable } from "../database.js";
import { compiledQuery } from "../platform/db/compiled-query.js";
import { type Credit, type CreditKind, parseContentNotes, type StoryFormat, type StoryKind } from "./story.js";
import type { StorySummary } from "./story.store.js";
import type { PublishedStoryBodyRow, PublishedStoryRow } from "./story.tables.js";
import type { StoryVersion } from "./story-version.js";

/**
 * The public side of stories: every query a reader's page, feed or sitemap makes reads the
 * released versions in `published_stories` (narrow rows, what listings scan) and
 * `published_story_bodies` (the body, voices and version JSON, for the story's own page), never
 * the editors' working copies in `stories`.
 * The two write functions at the bottom are called by story-release.service.ts only (checked by
 * test/dependency-rules.test.ts), so nothing reaches readers without passing its guards.
 */

export type PublishedVoice = { credit: Credit; html: string };

/** A released version's summary, with its theme ids (kept with the row: no query per card). */
export type PublishedSummary = StorySummary & { themeIds: number[] };

export type PublishedStory = PublishedSummary & {
  bodyHtml: string;
  voices: PublishedVoice[];
  fingerprint: string;
  version: StoryVersion;
};

const SUMMARY_COLUMNS = [
  "published_stories.story_id",
  "published_stories.slug",
  "published_stories.kind",
  "published_stories.format",
  "published_stories.title",
  "published_stories.standfirst",
  "published_stories.published_at",
  "published_stories.released_at",
  "published_stories.reading_minutes",
  "published_stories.credit_kind",
  "published_stories.credit_name",
  "published_stories.credit_age",
  "published_stories.content_notes",
  "published_stories.cover_image_id",
  "published_stories.cover_alt",
  "published_stories.series_id",
  "published_stories.series_position",
  "published_stories.is_featured",
  "published_stories.theme_ids",
] as const;

type SummaryRow = Pick<PublishedStoryRow, (typeof SUMMARY_COLUMNS)[number] extends `published_stories.${infer C}` ? C & keyof PublishedStoryRow : never>;

const parseIds = (text: string) => (text ? text.split(",").map(Number) : []);

function toSummary(row: SummaryRow): PublishedSummary {
  return {
    id: row.story_id,
    slug: row.slug,
    kind: row.kind as StoryKind,
    format: row.format as StoryFormat,
    title: row.title,
    standfirst: row.standfirst,
    status: "published",
    publishedAt: row.published_at,
    readingMinutes: row.reading_minutes,
    credit: { kind: row.credit_kind as CreditKind, name: row.credit_name, age: row.credit_age },
    contentNotes: parseContentNotes(row.content_notes),
    coverImageId: row.cover_image_id,
    coverAlt: row.cover_alt,
    seriesId: row.series_id,
    seriesPosition: row.series_position,
    isFeatured: row.is_featured === 1,
    // Readers never learn which account edited a story.
    authorId: null,
    updatedAt: row.released_at,
    themeIds: parseIds(row.theme_ids),
  };
}

/** What a story's own page shows of its released version: the summary and the body rendered at release. */
export type PublishedPage = PublishedSummary & { bodyHtml: string; voices: PublishedVoice[] };

function toPublished(row: PublishedStoryRow & PublishedStoryBodyRow): PublishedStory {
  return {
    ...toSummary(row),
    bodyHtml: row.body_html,
    voices: JSON.parse(row.voices) as PublishedVoice[],
    fingerprint: row.fingerprint,
    version: JSON.parse(row.version) as StoryVersion,
  };
}

function selectWithBody(db: Queryable) {
  return db
    .selectFrom("published_stories")
    .innerJoin("published_story_bodies", "published_story_bodies.story_id", "published_stories.story_id")
    .selectAll("published_stories")
    .select(["published_story_bodies.version", "published_story_bodies.body_html", "published_story_bodies.voices"]);
}

export type PublicFilter = { kind?: StoryKind; themeId?: number; seriesId?: number; keywordId?: number; ids?: number[]; publishedSince?: string };

const hasTheme = (themeIds: number[]) => (eb: ExpressionBuilder<Database, "published_stories">) =>
  eb.exists(
    eb
      .selectFrom("published_story_themes")
      .select("published_story_themes.story_id")
      .whereRef("published_story_themes.story_id", "=", "published_stories.story_id")
      .where("published_story_themes.theme_id", "in", themeIds),
  );

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

/** The released text of these stories (body and voices, rendered at release), for full-text feeds. */
export async function listPublishedBodies(db: Queryable, ids: number[]): Promise<Map<number, { bodyHtml: string; voices: PublishedVoice[] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("published_story_bodies").select(["story_id", "body_html", "voices"]).where("story_id", "in", ids).execute();
  return new Map(rows.map((r) => [r.story_id, { bodyHtml: r.body_html, voices: JSON.parse(r.voices) as PublishedVoice[] }]));
}

/** Which of these stories are public (one query for any number of ids). */
export async function listPublishedIdsAmong(db: Queryable, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("published_stories").select("story_id").where("story_id", "in", ids).execute();
  return rows.map((r) => r.story_id);
}

export async function findFeaturedStory(db: Queryable): Promise<PublishedSummary | null> {
  const row = await db
    .selectFrom("published_stories")
    .select(SUMMARY_COLUMNS)
    .where("published_stories.is_featured", "=", 1)
    .orderBy("published_stories.published_at", "desc")
    .orderBy("published_stories.story_id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? toSummary(row) : null;
}

export async function findPublishedStoryBySlug(db: Queryable, slug: string): Promise<PublishedStory | null> {
  const row = await selectWithBody(db).where("published_stories.slug", "=", slug).executeTakeFirst();
  return row ? toPublished(row) : null;
}

const pageBySlug = compiledQuery<Database, [slug: string], SummaryRow & { body_html: string; voices: string }>((db, slot) =>
  db
    .selectFrom("published_stories")
    .innerJoin("published_story_bodies", "published_story_bodies.story_id", "published_stories.story_id")
    .select([...SUMMARY_COLUMNS, "published_story_bodies.body_html", "published_story_bodies.voices"])
    .where("published_stories.slug", "=", slot<string>(0)),
);

/** The story page's own row: no version JSON or fingerprint, which only editors' comparisons need. */
export async function findPublishedPageBySlug(db: Queryable, slug: string): Promise<PublishedPage | null> {
  const [row] = await pageBySlug(db, slug);
  return row ? { ...toSummary(row), bodyHtml: row.body_html, voices: JSON.parse(row.voices) as PublishedVoice[] } : null;
}

export async function findPublishedStoryById(db: Queryable, storyId: number): Promise<PublishedStory | null> {
  const row = await selectWithBody(db).where("published_stories.story_id", "=", storyId).executeTakeFirst();
  return row ? toPublished(row) : null;
}

/** Where an old address now points, if its story is public. */
export async function findRedirectTarget(db: Queryable, oldSlug: string): Promise<string | null> {
  const row = await db
    .selectFrom("story_slug_redirects")
    .innerJoin("published_stories", "published_stories.story_id", "story_slug_redirects.story_id")
    .select("published_stories.slug")
    .where("story_slug_redirects.old_slug", "=", oldSlug)
    .executeTakeFirst();
  return row?.slug ?? null;
}

export async function isPublishedSlugTaken(db: Queryable, slug: string, exceptStoryId?: number): Promise<boolean> {
  let q = db.selectFrom("published_stories").select("story_id").where("slug", "=", slug);
  if (exceptStoryId !== undefined) q = q.where("story_id", "!=", exceptStoryId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function countPublishedStoriesByTheme(db: Queryable): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("published_story_themes")
    .select(["theme_id", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("theme_id")
    .execute();
  return new Map(rows.map((r) => [r.theme_id, Number(r.n)]));
}

/** Public parts of a series, in reading order. */
export async function listPublishedSeriesParts(db: Queryable, seriesId: number): Promise<PublishedSummary[]> {
  const rows = await db
    .selectFrom("published_stories")
    .select(SUMMARY_COLUMNS)
    .where("published_stories.series_id", "=", seriesId)
    .orderBy("published_stories.series_position")
    .orderBy("published_stories.published_at")
    .orderBy("published_stories.story_id")
    .execute();
  return rows.map(toSummary);
}

/**
 * How long each released episode lasts, by story id: an episode's card gives its listening time
 * rather than a reading time. The released episode belongs to the released version (written by
 * the release door with the story), so this stays on the public side.
 */
export async function listPublishedListeningTimes(db: Queryable): Promise<Map<number, number>> {
  const rows = await db.selectFrom("published_episodes").select(["story_id", "duration_ms"]).where("duration_ms", "is not", null).execute();
  return new Map(rows.map((r) => [r.story_id, Number(r.duration_ms)]));
}

export async function countPublishedPartsBySeries(db: Queryable, seriesIds: number[]): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  if (seriesIds.length === 0) return map;
  const rows = await db
    .selectFrom("published_stories")
    .select(["series_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("series_id", "in", seriesIds)
    .groupBy("series_id")
    .execute();
  for (const r of rows) if (r.series_id !== null) map.set(r.series_id, Number(r.n));
  return map;
}

/** Public stories with any of these themes, newest first. */
export async function listPublishedStoriesWithAnyTheme(db: Queryable, themeIds: number[], limit: number): Promise<PublishedSummary[]> {
  if (themeIds.length === 0) return [];
  const rows = await db
    .selectFrom("published_stories")
    .select(SUMMARY_COLUMNS)
    .where(hasTheme(themeIds))
    .orderBy("published_stories.published_at", "desc")
    .orderBy("published_stories.story_id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

export async function listPublishedSlugs(db: Queryable, page: { limit: number; offset: number }): Promise<Array<{ slug: string; updatedAt: string }>> {
  const rows = await db
    .selectFrom("published_stories")
    .select(["slug", "released_at"])
    .orderBy("published_at", "desc")
    .orderBy("story_id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.released_at }));
}

/** Featuring is an editorial choice, not content: it follows the working copy without a new version. */
export async function setPublishedFeatured(db: Queryable, storyId: number, isFeatured: boolean): Promise<void> {
  if (isFeatured) await db.updateTable("published_stories").set({ is_featured: 0 }).where("is_featured", "=", 1).where("story_id", "!=", storyId).execute();
  await db.updateTable("published_stories").set({ is_featured: isFeatured ? 1 : 0 }).where("story_id", "=", storyId).execute();
}

// --- writes: story-release.service.ts only ---------------------------------------------------

export type ReleasedRow = Omit<PublishedStoryRow, "is_featured" | "theme_ids"> & { is_featured: number };
export type ReleasedBody = Omit<PublishedStoryBodyRow, "story_id">;

/** Replaces the public version of a story (inside the release transaction). */
export async function writePublishedStory(tx: Queryable, row: ReleasedRow, body: ReleasedBody, themeIds: number[]): Promise<void> {
  const themes = [...new Set(themeIds)].sort((a, b) => a - b);
  await deleteReleasedRows(tx, row.story_id);
  await tx.insertInto("published_stories").values({ ...row, theme_ids: themes.join(",") }).execute();
  await tx.insertInto("published_story_bodies").values({ story_id: row.story_id, ...body }).execute();
  if (themes.length > 0) {
    await tx
      .insertInto("published_story_themes")
      .values(themes.map((theme_id) => ({ story_id: row.story_id, theme_id, published_at: row.published_at })))
      .execute();
  }
}

/** Takes a story off every public page (its themes and released parts go with it). */
export async function deletePublishedStory(tx: Queryable, storyId: number): Promise<boolean> {
  return deleteReleasedRows(tx, storyId);
}

// Explicit rather than relying on ON DELETE CASCADE alone: SQLite enforces it only with foreign_keys on.
async function deleteReleasedRows(tx: Queryable, storyId: number): Promise<boolean> {
  await tx.deleteFrom("published_story_themes").where("story_id", "=", storyId).execute();
  await tx.deleteFrom("published_story_bodies").where("story_id", "=", storyId).execute();
  const result = await tx.deleteFrom("published_stories").where("story_id", "=", storyId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
