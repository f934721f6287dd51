import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import type { Database, Queryable } from "../database.js";
import { type Credit, type CreditKind, parseContentNotes, type StoryFormat, type StoryKind } from "./story.js";
import type { StorySummary } from "./story.store.js";
import type { PublishedStoryRow } from "./story.tables.js";
import type { StoryVersion } from "./story-version.js";

/**
 * The public side of stories: every query a reader's page, feed or sitemap makes reads the
 * released versions in `published_stories`, never the editors' working copies in `stories`.
 * The two write functions at the bottom are called by story-release.service.ts only (checked by
 * test/dependency-rules.test.ts), so nothing reaches readers without passing its guards.
 */

export type PublishedVoice = { credit: Credit; html: string };

export type PublishedStory = StorySummary & {
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
] as const;

type SummaryRow = Pick<PublishedStoryRow, (typeof SUMMARY_COLUMNS)[number] extends `published_stories.${infer C}` ? C & keyof PublishedStoryRow : never>;

function toSummary(row: SummaryRow): StorySummary {
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
  };
}

function toPublished(row: PublishedStoryRow): PublishedStory {
  return {
    ...toSummary(row),
    bodyHtml: row.body_html,
    voices: JSON.parse(row.voices) as PublishedVoice[],
    fingerprint: row.fingerprint,
    version: JSON.parse(row.version) as StoryVersion,
  };
}

export type PublicFilter = { kind?: StoryKind; themeId?: number; seriesId?: number; keywordId?: number; ids?: number[] };

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

export async function listPublishedStories(db: Queryable, filter: PublicFilter, page: { limit: number; offset: number }): Promise<StorySummary[]> {
  const rows = await whereFilter(db.selectFrom("published_stories").select(SUMMARY_COLUMNS), filter)
    .orderBy("published_stories.published_at", "desc")
    .orderBy("published_stories.story_id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toSummary);
}

export async function countPublishedStories(db: Queryable, filter: PublicFilter): Promise<number> {
  const row = await whereFilter(db.selectFrom("published_stories").select((eb) => eb.fn.countAll<number>().as("n")), filter).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The released text of these stories (body and voices, rendered at release), for full-text feeds. */
export async function listPublishedBodies(db: Queryable, ids: number[]): Promise<Map<number, { bodyHtml: string; voices: PublishedVoice[] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("published_stories").select(["story_id", "body_html", "voices"]).where("story_id", "in", ids).execute();
  return new Map(rows.map((r) => [r.story_id, { bodyHtml: r.body_html, voices: JSON.parse(r.voices) as PublishedVoice[] }]));
}

/** Which of these stories are public (one query for any number of ids). */
export async function listPublishedIdsAmong(db: Queryable, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("published_stories").select("story_id").where("story_id", "in", ids).execute();
  return rows.map((r) => r.story_id);
}

export async function findFeaturedStory(db: Queryable): Promise<StorySummary | null> {
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
  const row = await db.selectFrom("published_stories").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row ? toPublished(row) : null;
}

export async function findPublishedStoryById(db: Queryable, storyId: number): Promise<PublishedStory | null> {
  const row = await db.selectFrom("published_stories").selectAll().where("story_id", "=", storyId).executeTakeFirst();
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

/** Theme ids of public stories, as released (not as being edited). */
export async function listThemeIdsOfPublished(db: Queryable, storyIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  if (storyIds.length === 0) return map;
  const rows = await db
    .selectFrom("published_story_themes")
    .select(["story_id", "theme_id"])
    .where("story_id", "in", storyIds)
    .orderBy("story_id")
    .orderBy("theme_id")
    .execute();
  for (const r of rows) map.set(r.story_id, [...(map.get(r.story_id) ?? []), r.theme_id]);
  return map;
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
export async function listPublishedSeriesParts(db: Queryable, seriesId: number): Promise<StorySummary[]> {
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

/** Public stories sharing a theme with the given one, newest first. */
export async function listPublishedStoriesSharingThemes(db: Queryable, storyId: number, themeIds: number[], limit: number): Promise<StorySummary[]> {
  if (themeIds.length === 0) return [];
  const rows = await db
    .selectFrom("published_stories")
    .select(SUMMARY_COLUMNS)
    .where("published_stories.story_id", "!=", storyId)
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

export type ReleasedRow = Omit<PublishedStoryRow, "is_featured" | "voices"> & { is_featured: number; voices: string };

/** Replaces the public version of a story (inside the release transaction). */
export async function writePublishedStory(tx: Queryable, row: ReleasedRow, themeIds: number[]): Promise<void> {
  await tx.deleteFrom("published_stories").where("story_id", "=", row.story_id).execute();
  await tx.insertInto("published_stories").values(row).execute();
  if (themeIds.length > 0) {
    await tx
      .insertInto("published_story_themes")
      .values([...new Set(themeIds)].map((theme_id) => ({ story_id: row.story_id, theme_id })))
      .execute();
  }
}

/** Takes a story off every public page (its themes and released parts go with it). */
export async function deletePublishedStory(tx: Queryable, storyId: number): Promise<boolean> {
  // Explicit rather than relying on ON DELETE CASCADE alone: SQLite enforces it only with foreign_keys on.
  await tx.deleteFrom("published_story_themes").where("story_id", "=", storyId).execute();
  const result = await tx.deleteFrom("published_stories").where("story_id", "=", storyId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
