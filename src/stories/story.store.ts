import { type SelectQueryBuilder, sql } from "kysely";
import type { Database, Queryable } from "../database.js";
import { deleteWorkingCopyEntry, indexWorkingCopy, workingCopyMatches, workingCopyScores } from "./working-copy-search.store.js";
import type { SearchQuery } from "../platform/search/search-query.js";
import { type ContentNote, type Credit, type CreditKind, parseContentNotes, type StoryFormat, type StoryKind, type StoryStatus } from "./story.js";
import type { NewStoryRow, StoryRow, StoryUpdate, VoiceRow } from "./story.tables.js";

export type StorySummary = {
  id: number;
  slug: string;
  kind: StoryKind;
  format: StoryFormat;
  title: string;
  standfirst: string;
  status: StoryStatus;
  publishedAt: string | null;
  readingMinutes: number;
  credit: Credit;
  contentNotes: ContentNote[];
  coverImageId: number | null;
  coverAlt: string;
  seriesId: number | null;
  seriesPosition: number | null;
  isFeatured: boolean;
  authorId: number | null;
  updatedAt: string;
};

export type Story = StorySummary & { bodyMd: string; audioKey: string | null; createdAt: string };

export type Voice = { position: number; credit: Credit; bodyMd: string };

const SUMMARY_COLUMNS = [
  "stories.id",
  "stories.slug",
  "stories.kind",
  "stories.format",
  "stories.title",
  "stories.standfirst",
  "stories.status",
  "stories.published_at",
  "stories.reading_minutes",
  "stories.credit_kind",
  "stories.credit_name",
  "stories.credit_age",
  "stories.content_notes",
  "stories.cover_image_id",
  "stories.cover_alt",
  "stories.series_id",
  "stories.series_position",
  "stories.is_featured",
  "stories.author_id",
  "stories.updated_at",
] as const;

type SummaryRow = Pick<StoryRow, (typeof SUMMARY_COLUMNS)[number] extends `stories.${infer C}` ? C & keyof StoryRow : never>;

function toSummary(row: SummaryRow): StorySummary {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind as StoryKind,
    format: row.format as StoryFormat,
    title: row.title,
    standfirst: row.standfirst,
    status: row.status as StoryStatus,
    publishedAt: row.published_at,
    readingMinutes: row.reading_minutes,
    credit: { kind: row.credit_kind as CreditKind, name: row.credit_name, age: row.credit_age },
    contentNotes: parseContentNotes(row.content_notes),
    coverImageId: row.cover_image_id,
    coverAlt: row.cover_alt,
    seriesId: row.series_id,
    seriesPosition: row.series_position,
    isFeatured: row.is_featured === 1,
    authorId: row.author_id,
    updatedAt: row.updated_at,
  };
}

function toStory(row: StoryRow): Story {
  return { ...toSummary(row), bodyMd: row.body_md, audioKey: row.audio_key, createdAt: row.created_at };
}







export async function findStoryById(db: Queryable, id: number): Promise<Story | null> {
  const row = await db.selectFrom("stories").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toStory(row) : null;
}

export async function isSlugTaken(db: Queryable, slug: string, exceptStoryId?: number): Promise<boolean> {
  let q = db.selectFrom("stories").select("id").where("slug", "=", slug);
  if (exceptStoryId !== undefined) q = q.where("id", "!=", exceptStoryId);
  if (await q.executeTakeFirst()) return true;
  // An old address of another story stays reserved so its redirect keeps working.
  let r = db.selectFrom("story_slug_redirects").select("story_id").where("old_slug", "=", slug);
  if (exceptStoryId !== undefined) r = r.where("story_id", "!=", exceptStoryId);
  return (await r.executeTakeFirst()) !== undefined;
}


export async function insertSlugRedirect(db: Queryable, oldSlug: string, storyId: number): Promise<void> {
  // A story renamed back to an old slug must not redirect to itself.
  await db.deleteFrom("story_slug_redirects").where("old_slug", "=", oldSlug).execute();
  await db.insertInto("story_slug_redirects").values({ old_slug: oldSlug, story_id: storyId }).execute();
}

export async function deleteSlugRedirect(db: Queryable, slug: string): Promise<void> {
  await db.deleteFrom("story_slug_redirects").where("old_slug", "=", slug).execute();
}

// Every write of a working copy goes through insertStory, updateStory, replaceVoices and
// deleteStory: the back office's search index follows it there, in the same transaction.
const INDEXED_COLUMNS: ReadonlyArray<keyof StoryUpdate> = ["title", "standfirst", "body_md", "credit_name"];

export async function insertStory(db: Queryable, row: NewStoryRow): Promise<number> {
  const inserted = await db.insertInto("stories").values(row).returning("id").executeTakeFirstOrThrow();
  await indexWorkingCopy(db, inserted.id);
  return inserted.id;
}

export async function updateStory(db: Queryable, id: number, patch: StoryUpdate): Promise<void> {
  await db.updateTable("stories").set(patch).where("id", "=", id).execute();
  if (INDEXED_COLUMNS.some((column) => patch[column] !== undefined)) await indexWorkingCopy(db, id);
}

export async function listVoices(db: Queryable, storyId: number): Promise<Voice[]> {
  const rows = await db.selectFrom("story_voices").selectAll().where("story_id", "=", storyId).orderBy("position").orderBy("id").execute();
  return rows.map((r: VoiceRow) => ({
    position: r.position,
    credit: { kind: r.credit_kind as CreditKind, name: r.credit_name, age: r.credit_age },
    bodyMd: r.body_md,
  }));
}

export async function replaceVoices(db: Queryable, storyId: number, voices: Voice[]): Promise<void> {
  await db.deleteFrom("story_voices").where("story_id", "=", storyId).execute();
  if (voices.length > 0) {
    await db
      .insertInto("story_voices")
      .values(
        voices.map((v, i) => ({
          story_id: storyId,
          position: i + 1,
          credit_kind: v.credit.kind,
          credit_name: v.credit.name,
          credit_age: v.credit.age,
          body_md: v.bodyMd,
        })),
      )
      .execute();
  }
  await indexWorkingCopy(db, storyId);
}

export async function listThemeIdsOfStory(db: Queryable, storyId: number): Promise<number[]> {
  const rows = await db.selectFrom("story_themes").select("theme_id").where("story_id", "=", storyId).execute();
  return rows.map((r) => r.theme_id);
}

export async function replaceStoryThemes(db: Queryable, storyId: number, themeIds: number[]): Promise<void> {
  await db.deleteFrom("story_themes").where("story_id", "=", storyId).execute();
  if (themeIds.length === 0) return;
  await db
    .insertInto("story_themes")
    .values([...new Set(themeIds)].map((theme_id) => ({ story_id: storyId, theme_id })))
    .execute();
}

/** Theme ids of many stories at once, for listing cards. */
export async function listThemeIdsOfStories(db: Queryable, storyIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  // An empty IN () is a syntax error on both databases.
  if (storyIds.length === 0) return map;
  const rows = await db
    .selectFrom("story_themes")
    .select(["story_id", "theme_id"])
    .where("story_id", "in", storyIds)
    .orderBy("story_id")
    .orderBy("theme_id")
    .execute();
  for (const r of rows) map.set(r.story_id, [...(map.get(r.story_id) ?? []), r.theme_id]);
  return map;
}





/** `search`: a parsed query (search-query.ts) matched against the back office's index of working copies. */
export type AdminFilter = { status?: StoryStatus; search?: SearchQuery; authorId?: number; kind?: StoryKind; themeId?: number; seriesId?: number };

// Working copies are not in the public search index (it holds released versions only): they have
// an index of their own, built by the same code (search/editorial-index.store.ts).
function whereAdminFilter<O>(db: Queryable, query: SelectQueryBuilder<Database, "stories", O>, filter: AdminFilter) {
  let q = query;
  if (filter.status) q = q.where("stories.status", "=", filter.status);
  if (filter.kind) q = q.where("stories.kind", "=", filter.kind);
  if (filter.authorId !== undefined) q = q.where("stories.author_id", "=", filter.authorId);
  if (filter.seriesId !== undefined) q = q.where("stories.series_id", "=", filter.seriesId);
  if (filter.themeId !== undefined) {
    const themeId = filter.themeId;
    q = q.where((eb) => eb.exists(eb.selectFrom("story_themes").select("story_themes.story_id").whereRef("story_themes.story_id", "=", "stories.id").where("story_themes.theme_id", "=", themeId)));
  }
  const search = filter.search;
  if (search) q = q.where(sql<boolean>`stories.id in (${workingCopyMatches(db, search)})`);
  return q;
}

export async function listStoriesForEditors(
  db: Queryable,
  filter: AdminFilter,
  page: { limit: number; offset: number },
): Promise<StorySummary[]> {
  let listed = whereAdminFilter(db, db.selectFrom("stories").select(SUMMARY_COLUMNS), filter);
  // A search lists the best matches first, as on the public side; then, as always, the latest edited.
  if (filter.search) {
    listed = listed
      .innerJoin(workingCopyScores(db, filter.search).as("matched"), (join) => join.on(sql<boolean>`matched.story_id = stories.id`))
      .orderBy(sql`matched.score`);
  }
  const rows = await listed
    .orderBy("stories.updated_at", "desc")
    .orderBy("stories.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toSummary);
}

export async function countStoriesForEditors(db: Queryable, filter: AdminFilter): Promise<number> {
  const row = await whereAdminFilter(db, db.selectFrom("stories").select((eb) => eb.fn.countAll<number>().as("n")), filter).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countStoriesByStatus(db: Queryable, filter: Omit<AdminFilter, "status">): Promise<Record<string, number>> {
  const rows = await whereAdminFilter(
    db,
    db.selectFrom("stories").select(["stories.status", (eb) => eb.fn.countAll<number>().as("n")]),
    filter,
  )
    .groupBy("stories.status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Scheduled stories whose time has come. */
export async function listDueStoryIds(db: Queryable, now: string): Promise<number[]> {
  const rows = await db.selectFrom("stories").select("id").where("status", "=", "scheduled").where("published_at", "<=", now).orderBy("id").execute();
  return rows.map((r) => r.id);
}


export async function clearFeatured(db: Queryable, exceptId: number): Promise<void> {
  await db.updateTable("stories").set({ is_featured: 0 }).where("is_featured", "=", 1).where("id", "!=", exceptId).execute();
}

/**
 * Takes a due scheduled story for release: only one caller (instance) wins the status change.
 * Returns the version that was scheduled and its time, or null if it was not (or no longer) due.
 */
export async function claimDueStory(db: Queryable, id: number, now: string): Promise<{ version: unknown; publishAt: string } | null> {
  const row = await db.selectFrom("stories").select(["scheduled_version", "published_at"]).where("id", "=", id).where("status", "=", "scheduled").where("published_at", "<=", now).executeTakeFirst();
  if (!row?.scheduled_version || !row.published_at) return null;
  const result = await db.updateTable("stories").set({ status: "published", updated_at: now }).where("id", "=", id).where("status", "=", "scheduled").executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return null;
  return { version: JSON.parse(row.scheduled_version) as unknown, publishAt: row.published_at };
}

export async function findScheduledVersion(db: Queryable, id: number): Promise<unknown> {
  const row = await db.selectFrom("stories").select("scheduled_version").where("id", "=", id).executeTakeFirst();
  return row?.scheduled_version ? (JSON.parse(row.scheduled_version) as unknown) : null;
}

/** Deletes a story and everything attached to it (revisions, themes, voices, checklist, redirects): its author erased it. */
export async function deleteStory(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom("story_slug_redirects").where("story_id", "=", id).execute();
  await db.deleteFrom("story_safety_checks").where("story_id", "=", id).execute();
  await db.deleteFrom("story_revisions").where("story_id", "=", id).execute();
  await db.deleteFrom("story_voices").where("story_id", "=", id).execute();
  await db.deleteFrom("story_themes").where("story_id", "=", id).execute();
  await db.deleteFrom("story_keywords").where("story_id", "=", id).execute();
  await deleteWorkingCopyEntry(db, id);
  await db.deleteFrom("stories").where("id", "=", id).execute();
}

/** Stories marked published that have no released version (made before versions existed). */
export async function listPublishedWithoutVersion(db: Queryable): Promise<number[]> {
  const rows = await db
    .selectFrom("stories")
    .select("stories.id")
    .where("stories.status", "=", "published")
    .where((eb) => eb.not(eb.exists(eb.selectFrom("published_stories").select("published_stories.story_id").whereRef("published_stories.story_id", "=", "stories.id"))))
    .orderBy("stories.id")
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Holds the story's row until the transaction ends (PostgreSQL locks the row; SQLite's writer
 * lock serialises anyway), so two saves based on the same version cannot both pass the check.
 */
export async function lockStory(db: Queryable, id: number): Promise<void> {
  await db.updateTable("stories").set((eb) => ({ updated_at: eb.ref("updated_at") })).where("id", "=", id).execute();
}
