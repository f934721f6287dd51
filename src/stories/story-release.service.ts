import type { Transaction } from "kysely";
import type { Database, Db, Queryable } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import { renderMarkdown } from "../platform/html/markdown.js";
import * as published from "./published-story.store.js";
import { needsSafetyCheck } from "../safety/safe-messaging-checklist.js";
import * as safetyChecks from "./safety-check.store.js";
import type { StoryEditDeps } from "./story-editing.service.js";
import { bodyParts, minutesForWords, splitVoices } from "./story.js";
import * as store from "./story.store.js";
import { inlineImagesOfVersion } from "./story-images.service.js";
import { workingVersion } from "./story-snapshot.js";
import type { Refusal } from "./story-refusal.js";
import { fingerprintOf, type StoryVersion } from "./story-version.js";

/**
 * The one door to the public. A version reaches readers only through `releaseVersion`, which runs
 * every guard on that exact version inside the transaction that writes it: the publish button,
 * the scheduler, a restored revision, an import and any future bulk action all come through here.
 * Taking a story down (`retractStory`) needs no guard: less is always allowed. Both mark the
 * content version in their transaction, so cached pages change with the commit, never after it.
 */

export type ReleaseDeps = Pick<StoryEditDeps, "clock" | "publicationGuards" | "versionParts" | "releaseListeners">;

type Tx = Transaction<Database>;

/**
 * Every reason this version may not go public (empty when it may), as codes. Guards come from other features.
 * `checklistSignedByImport` forecasts an import, which signs the checklist in the same transaction.
 */
export async function releaseProblems(deps: ReleaseDeps, db: Queryable, storyId: number, version: StoryVersion, opts: { checklistSignedByImport?: boolean } = {}): Promise<Refusal[]> {
  const problems: Refusal[] = [];
  if (!version.title.trim()) problems.push("title_missing");
  if (version.format === "collective" ? splitVoices(version.body).voices.length < 2 : !version.body.trim()) problems.push("body_empty");
  if (!version.standfirst.trim()) problems.push("standfirst_missing");
  if (await published.isPublishedSlugTaken(db, version.slug, storyId)) problems.push("slug_taken");
  const fingerprint = fingerprintOf(version);
  for (const guard of deps.publicationGuards ?? []) {
    const problem = await guard(db, storyId, version, fingerprint);
    if (problem) problems.push(problem);
  }
  // Last: the checklist is signed for a finished version, so it is the last thing to do.
  if (needsSafetyCheck(version.contentNotes) && !opts.checklistSignedByImport && !(await safetyChecks.findSafetyCheckFor(db, storyId, fingerprint))) {
    problems.push("checklist_unsigned");
  }
  return problems;
}

/** Why this version may not go public, or null. */
export async function releaseProblem(deps: ReleaseDeps, db: Queryable, storyId: number, version: StoryVersion): Promise<Refusal[] | null> {
  const problems = await releaseProblems(deps, db, storyId, version);
  return problems.length ? problems : null;
}

/**
 * Makes `version` the public version of the story, or says why not. Call it inside a transaction:
 * the guards read what the write depends on, in the same transaction.
 */
export async function releaseVersion(
  deps: ReleaseDeps,
  tx: Tx,
  storyId: number,
  version: StoryVersion,
  at: { publishedAt: string; now: string },
): Promise<Refusal[] | null> {
  const problem = await releaseProblem(deps, tx, storyId, version);
  if (problem) return problem;
  return writeVersion(deps, tx, storyId, version, at);
}

/**
 * Stories that were public before versions existed (databases made before this release) keep
 * their public page: their current state is copied as their released version once, at start,
 * without guards, as it was already what readers saw. Returns how many were copied.
 */
export async function adoptLegacyPublications(deps: ReleaseDeps & { db: Db }, now: string): Promise<number> {
  const ids = await store.listPublishedWithoutVersion(deps.db);
  for (const id of ids) {
    const version = await workingVersion(deps, deps.db, id);
    const story = await store.findStoryById(deps.db, id);
    if (!version || !story) continue;
    await deps.db.transaction().execute((tx) => writeVersion(deps, tx, id, version, { publishedAt: story.publishedAt ?? now, now }));
  }
  return ids.length;
}

async function writeVersion(deps: ReleaseDeps, tx: Tx, storyId: number, version: StoryVersion, at: { publishedAt: string; now: string }): Promise<Refusal[] | null> {
  const story = await store.findStoryById(tx, storyId);
  if (!story) return ["story_gone"];
  const previous = await published.findPublishedStoryById(tx, storyId);
  const body = bodyParts(version.format, version.body);
  // Rendered once per version, never per view.
  // Inline images as the version describes them, which is what was approved.
  const images = inlineImagesOfVersion(version);
  const bodyHtml = renderMarkdown(body.intro, { images });
  // Under the page's h2 "Les voix" and each voice's h3.
  const voices = body.voices.map((v) => ({ credit: v.credit, html: renderMarkdown(v.bodyMd, { firstHeadingLevel: 4, images }) }));
  await published.writePublishedStory(
    tx,
    {
      story_id: storyId,
      slug: version.slug,
      kind: version.kind,
      format: version.format,
      title: version.title,
      standfirst: version.standfirst,
      reading_minutes: minutesForWords(body.words),
      series_id: version.seriesId,
      series_position: version.seriesPosition,
      credit_kind: version.credit.kind,
      credit_name: version.credit.name,
      credit_age: version.credit.age,
      content_notes: version.contentNotes.join(","),
      cover_image_id: version.coverImageId,
      cover_alt: version.coverAlt,
      is_featured: story.isFeatured ? 1 : 0,
      published_at: at.publishedAt,
      released_at: at.now,
      fingerprint: fingerprintOf(version),
    },
    {
      version: JSON.stringify(version),
      body_html: bodyHtml,
      voices: JSON.stringify(voices),
    },
    version.themeIds,
  );
  for (const part of deps.versionParts ?? []) await part.release(tx, storyId, version.parts[part.name] ?? null);
  const text = { title: version.title, standfirst: version.standfirst, bodyHtml, voicesHtml: voices.map((v) => v.html) };
  for (const listener of deps.releaseListeners ?? []) await listener.released(tx, storyId, version, text);
  // An address readers knew keeps working through a 301.
  if (previous && previous.slug !== version.slug) await store.insertSlugRedirect(tx, previous.slug, storyId);
  await store.deleteSlugRedirect(tx, version.slug);
  if (story.isFeatured) await published.setPublishedFeatured(tx, storyId, true);
  await store.updateStory(tx, storyId, { status: "published", published_at: at.publishedAt, scheduled_version: null, updated_at: at.now });
  await markContentChanged(tx, at.now);
  return null;
}

/** Takes the story off every public page, feed and sitemap. Returns whether it was public. */
export async function retractStory(deps: ReleaseDeps, tx: Tx, storyId: number): Promise<boolean> {
  for (const part of deps.versionParts ?? []) await part.retract(tx, storyId);
  for (const listener of deps.releaseListeners ?? []) await listener.retracted(tx, storyId);
  const wasPublic = await published.deletePublishedStory(tx, storyId);
  if (wasPublic) await markContentChanged(tx, deps.clock.now().toISOString());
  return wasPublic;
}

/** The public version of a story, as readers see it now (null when it is not public). */
export function releasedVersion(db: Queryable, storyId: number) {
  return published.findPublishedStoryById(db, storyId);
}
