import type { Transaction } from "kysely";
import type { Database, Queryable } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import * as keywords from "./keyword.store.js";
import * as published from "./published-story.store.js";
import { needsSafetyCheck } from "../safety/safe-messaging-checklist.js";
import * as safetyChecks from "./safety-check.store.js";
import { isSlugTaken, rowFields, type StoryEditDeps, type StoryInput, storedBody } from "./story-editing.service.js";
import type { Refusal } from "./story-refusal.js";
import { releaseProblems, releaseVersion, retractStory } from "./story-release.service.js";
import { recordRevision, workingVersion } from "./story-snapshot.js";
import { slugify, type StoryStatus, uniqueSlug } from "./story.js";
import * as seriesStore from "./series.store.js";
import * as store from "./story.store.js";
import * as themeStore from "./theme.store.js";
import { fingerprintOf, type StoryVersion, versionOf } from "./story-version.js";

/**
 * Trusted imports (the demo seed, another tool's archive such as a WordPress site): stories keep
 * their dates and statuses, one transaction per story (or per batch, for a bulk load). Whatever
 * changes what readers see marks the content version in that transaction: the release door does
 * for versions, and the writes here that sit beside a version (keywords, new themes and series) do
 * themselves. A story meant to be public still goes
 * through the release door and every guard; the safe-messaging checklist of its version is signed
 * "by import", which the back office shows as such and lists as "à relire". A story the guards
 * refuse stays unpublished and the reason is returned, never released.
 */

export type ImportedStory = StoryInput & {
  status: StoryStatus;
  publishedAt: string | null;
  /** Keywords (an imported site's tags), by address and name. */
  keywords?: Array<{ slug: string; name: string }>;
  /** The account that owns the story here (an imported author's), if any. */
  authorId?: number | null;
};

export type ImportReport = { ids: number[]; notReleased: Array<{ id: number; slug: string; reasons: Refusal[] }> };

/**
 * Writes the working copy of an imported story: a new one, or the one a previous run made (its
 * address follows the new one when that is free). Themes, voices and keywords with it, and a
 * revision marked "import". The status is settled afterwards by `settleImportedStatus`.
 */
export async function writeImportedStory(
  deps: StoryEditDeps,
  tx: Transaction<Database>,
  existingId: number | null,
  input: ImportedStory,
  now: string,
): Promise<{ id: number; slug: string }> {
  const { bodyMd, voices, words } = storedBody(input);
  const wanted = input.slug || slugify(input.title);
  const current = existingId === null ? null : await store.findStoryById(tx, existingId);
  let id: number;
  let slug: string;
  if (!current) {
    slug = await uniqueSlug(wanted, (s) => isSlugTaken(tx, s));
    id = await store.insertStory(tx, {
      ...rowFields(input, words, bodyMd, input.publishedAt ?? now),
      slug,
      status: "draft",
      published_at: input.publishedAt,
      author_id: input.authorId ?? null,
      audio_key: null,
      created_at: input.publishedAt ?? now,
    });
  } else {
    id = current.id;
    slug = current.slug === wanted ? wanted : await uniqueSlug(wanted, (s) => isSlugTaken(tx, s, current.id));
    await store.updateStory(tx, id, { ...rowFields(input, words, bodyMd, now), slug, published_at: input.publishedAt ?? current.publishedAt });
  }
  await store.replaceStoryThemes(tx, id, input.themeIds);
  await store.replaceVoices(tx, id, voices);
  const keywordIds: number[] = [];
  for (const k of input.keywords ?? []) keywordIds.push(await keywords.ensureKeyword(tx, k.slug, k.name));
  await keywords.replaceStoryKeywords(tx, id, keywordIds);
  // Keywords sit beside the released version: a public story's keyword listings change now.
  if (current?.status === "published") await markContentChanged(tx, now);
  await recordRevision(deps, tx, id, { origin: "import" }, now);
  return { id, slug };
}

/**
 * Gives an imported story the status it had: a public one through the release door (its checklist
 * signed "by import"), a scheduled one as the exact version checked now, any other taken down if
 * it was public. Returns why it could not be public or scheduled (it is then left unpublished, or
 * in review for a scheduled one), or null. A story already public keeps its released version when
 * a newer one is refused.
 */
export async function settleImportedStatus(
  deps: StoryEditDeps,
  tx: Transaction<Database>,
  id: number,
  wanted: StoryStatus,
  publishedAt: string | null,
  now: string,
): Promise<Refusal[] | null> {
  const story = await store.findStoryById(tx, id);
  if (!story) return ["story_gone"];
  const version = (await workingVersion(deps, tx, id)) as StoryVersion;
  const due = wanted === "scheduled" && publishedAt !== null && publishedAt <= now;
  if (wanted === "published" || due) {
    const live = await published.findPublishedStoryById(tx, id);
    if (live && live.fingerprint === fingerprintOf(version)) return null;
    const problem = await releaseImported(deps, tx, id, version, publishedAt ?? now, now);
    if (problem && !live) await store.updateStory(tx, id, { status: "unpublished", scheduled_version: null, updated_at: now });
    return problem;
  }
  if (wanted === "scheduled") {
    await signByImport(tx, id, version, now);
    const problems = await releaseProblems(deps, tx, id, version);
    if (story.status === "published") await retractStory(deps, tx, id);
    if (problems.length > 0) {
      await store.updateStory(tx, id, { status: "review", scheduled_version: null, updated_at: now });
      return problems;
    }
    await store.updateStory(tx, id, { status: "scheduled", scheduled_version: JSON.stringify(version), published_at: publishedAt, updated_at: now });
    return null;
  }
  if (story.status === "published") await retractStory(deps, tx, id);
  await store.updateStory(tx, id, { status: wanted, scheduled_version: null, updated_at: now });
  return null;
}

/** Why an imported version would not go public, its checklist being signed by the import (a dry run's forecast). */
export async function importedVersionProblems(deps: StoryEditDeps, db: Queryable, storyId: number | null, version: StoryVersion): Promise<Refusal[]> {
  return releaseProblems(deps, db, storyId ?? -1, version, { checklistSignedByImport: true });
}

/** The public version an imported story would have, from its input and other features' parts. */
export function importedVersion(input: ImportedStory, slug: string, parts: Record<string, unknown>): StoryVersion {
  return versionOf({ ...input, slug, parts });
}

/** The fingerprint of a story's working copy, or null when it no longer exists. */
export async function workingCopyFingerprint(deps: StoryEditDeps, db: Queryable, id: number): Promise<string | null> {
  const version = await workingVersion(deps, db, id);
  return version ? fingerprintOf(version) : null;
}

/** A story's status, and whether readers see it now. */
export async function importedStoryState(db: Queryable, id: number): Promise<{ status: StoryStatus; isPublic: boolean } | null> {
  const story = await store.findStoryById(db, id);
  if (!story) return null;
  return { status: story.status, isPublic: (await published.findPublishedStoryById(db, id)) !== null };
}

async function signByImport(tx: Queryable, id: number, version: StoryVersion, now: string): Promise<void> {
  if (!needsSafetyCheck(version.contentNotes)) return;
  const fingerprint = fingerprintOf(version);
  if (await safetyChecks.findSafetyCheckFor(tx, id, fingerprint)) return;
  await safetyChecks.insertSafetyCheck(tx, { storyId: id, fingerprint, items: [safetyChecks.IMPORT_SIGNATURE], signedBy: null, now });
}

/** Releases an imported story through the guards, its checklist signed "by import". */
export async function releaseImported(deps: StoryEditDeps, tx: Transaction<Database>, id: number, version: StoryVersion, publishedAt: string, now: string): Promise<Refusal[] | null> {
  await signByImport(tx, id, version, now);
  return releaseVersion(deps, tx, id, version, { publishedAt, now });
}

/** Releases an imported story whose other parts came later (an episode's audio): same guards. */
export async function releaseImportedStory(deps: StoryEditDeps, id: number): Promise<Refusal[] | null> {
  const now = deps.clock.now().toISOString();
  const problem = await deps.db.transaction().execute(async (tx) => {
    const story = await store.findStoryById(tx, id);
    const version = await workingVersion(deps, tx, id);
    if (!story || !version) return ["story_gone"] satisfies Refusal[];
    return releaseImported(deps, tx, id, version, story.publishedAt ?? now, now);
  });
  return problem;
}

/**
 * Stores many stories at once (demo content, benchmarks), each in its own transaction unless
 * `perTransaction` says more (a bulk load: one commit per few hundred stories instead of one each):
 * those meant to be public are released through the guards, the others keep their status (a
 * scheduled one waits as a draft). Returns the ids in order and the stories the guards refused.
 */
export async function importStories(deps: StoryEditDeps, stories: ImportedStory[], opts: { perTransaction?: number } = {}): Promise<ImportReport> {
  const now = deps.clock.now().toISOString();
  const per = Math.max(1, opts.perTransaction ?? 1);
  const report: ImportReport = { ids: [], notReleased: [] };
  for (let start = 0; start < stories.length; start += per) {
    // Reported once committed: a batch that fails leaves nothing behind, in the report either.
    const batch = await deps.db.transaction().execute(async (tx) => {
      const done: ImportReport = { ids: [], notReleased: [] };
      for (const input of stories.slice(start, start + per)) {
        const { id, slug } = await writeImportedStory(deps, tx, null, input, now);
        done.ids.push(id);
        const wanted: StoryStatus = input.status === "scheduled" ? "draft" : input.status;
        const problem = await settleImportedStatus(deps, tx, id, wanted, input.publishedAt ?? now, now);
        if (problem) done.notReleased.push({ id, slug, reasons: problem });
      }
      return done;
    });
    report.ids.push(...batch.ids);
    report.notReleased.push(...batch.notReleased);
  }
  return report;
}

/** The theme with this address, made when it does not exist yet (an imported category); readers' theme lists change with it. */
export async function ensureTheme(tx: Transaction<Database>, theme: { slug: string; name: string; description: string }, now: string): Promise<number> {
  const existing = await themeStore.findThemeBySlug(tx, theme.slug);
  if (existing) return existing.id;
  await markContentChanged(tx, now);
  return themeStore.insertTheme(tx, { ...theme, position: 100 });
}

/** The series with this address, made when it does not exist yet (an imported "Série : …" tag); readers' series lists change with it. */
export async function ensureSeries(tx: Transaction<Database>, series: { slug: string; title: string }, now: string): Promise<number> {
  const existing = await seriesStore.findSeriesBySlug(tx, series.slug);
  if (existing) return existing.id;
  await markContentChanged(tx, now);
  return seriesStore.insertSeries(tx, { slug: series.slug, title: series.title, description: "", isCollection: false, createdAt: now });
}

/** Theme and series addresses as they are now, to tell what an import would make (a dry run). */
export async function findThemeIdBySlug(db: Queryable, slug: string): Promise<number | null> {
  return (await themeStore.findThemeBySlug(db, slug))?.id ?? null;
}

export async function findSeriesIdBySlug(db: Queryable, slug: string): Promise<number | null> {
  return (await seriesStore.findSeriesBySlug(db, slug))?.id ?? null;
}

/** Published stories whose released version's checklist was signed by an import and by no editor since: "à relire". */
export function listStoriesToReread(db: Queryable): Promise<Array<{ id: number; title: string }>> {
  return safetyChecks.listPublishedSignedByImportOnly(db);
}
