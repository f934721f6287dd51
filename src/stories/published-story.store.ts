import type { ExpressionBuilder } from "kysely";
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
 * the editors' working copies in `stories`. A listing's pages (filters, landmarks, counts) are in
 * published-listing.store.ts.
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

export const SUMMARY_COLUMNS = [
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

export type SummaryRow = Pick<PublishedStoryRow, (typeof SUMMARY_COLUMNS)[number] extends `published_stories.${infer C}` ? C & keyof PublishedStoryRow : never>;

const parseIds = (text: string) => (text ? text.split(",").map(Number) : []);

export function toSummary(row: SummaryRow): PublishedSummary {
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

// The body by two scalar subqueries rather than a join: one statement, so title and body come from
// the same release, and SQLite answers it in half the time of the join (measured 31 against 66 µs).
const pageBySlug = compiledQuery<Database, [slug: string], SummaryRow & { body_html: string | null; voices: string | null }>((db, slot) =>
  db
    .selectFrom("published_stories")
    .select(SUMMARY_COLUMNS)
    .select((eb) => [
      eb.selectFrom("published_story_bodies").select("body_html").whereRef("published_story_bodies.story_id", "=", "published_stories.story_id").as("body_html"),
      eb.selectFrom("published_story_bodies").select("voices").whereRef("published_story_bodies.story_id", "=", "published_stories.story_id").as("voices"),
    ])
    .where("published_stories.slug", "=", slot<string>(0)),
);

/** The story page's own row: no version JSON or fingerprint, which only editors' comparisons need. */
export async function findPublishedPageBySlug(db: Queryable, slug: string): Promise<PublishedPage | null> {
  const [row] = await pageBySlug(db, slug);
  // A story is released and withdrawn with its body: without one, it is not public.
  if (!row || row.body_html === null || row.voices === null) return null;
  return { ...toSummary(row), bodyHtml: row.body_html, voices: JSON.parse(row.voices) as PublishedVoice[] };
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

/** Whether a story has any of these themes (published_story_themes). */
export const hasTheme = (themeIds: number[]) => (eb: ExpressionBuilder<Database, "published_stories">) =>
  eb.exists(
    eb
      .selectFrom("published_story_themes")
      .select("published_story_themes.story_id")
      .whereRef("published_story_themes.story_id", "=", "published_stories.story_id")
      .where("published_story_themes.theme_id", "in", themeIds),
  );

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
