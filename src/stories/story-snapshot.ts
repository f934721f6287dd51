import type { Queryable } from "../database.js";
import * as revisions from "./revision.store.js";
import type { StoryEditDeps, StorySnapshot } from "./story-editing.service.js";
import { joinVoices, type RevisionOrigin } from "./story.js";
import * as store from "./story.store.js";
import { type StoryVersion, versionOf } from "./story-version.js";

/** The editable state of a story's working copy (its row, themes and voices), without other features' parts. */
export async function snapshotOf(db: Queryable, id: number): Promise<StorySnapshot | null> {
  const story = await store.findStoryById(db, id);
  if (!story) return null;
  const [themeIds, voices] = await Promise.all([store.listThemeIdsOfStory(db, id), store.listVoices(db, id)]);
  return {
    title: story.title,
    slug: story.slug,
    kind: story.kind,
    format: story.format,
    standfirst: story.standfirst,
    body: story.format === "collective" ? joinVoices(story.bodyMd, voices) : story.bodyMd,
    themeIds,
    seriesId: story.seriesId,
    seriesPosition: story.seriesPosition,
    credit: story.credit,
    contentNotes: story.contentNotes,
    coverImageId: story.coverImageId,
    coverAlt: story.coverAlt,
    isFeatured: story.isFeatured,
    status: story.status,
    publishedAt: story.publishedAt,
  };
}

/** The working copy with every feature's part (an episode's audio, transcript, chapters): what would be released now. */
export async function workingSnapshot(deps: Pick<StoryEditDeps, "versionParts">, db: Queryable, storyId: number): Promise<StorySnapshot | null> {
  const snapshot = await snapshotOf(db, storyId);
  if (!snapshot) return null;
  const parts: Record<string, unknown> = {};
  for (const part of deps.versionParts ?? []) {
    const value = await part.read(db, storyId);
    if (value !== null && value !== undefined) parts[part.name] = value;
  }
  return { ...snapshot, parts };
}

export async function workingVersion(deps: Pick<StoryEditDeps, "versionParts">, db: Queryable, storyId: number): Promise<StoryVersion | null> {
  const snapshot = await workingSnapshot(deps, db, storyId);
  return snapshot ? versionOf(snapshot) : null;
}

/** Keeps the whole working copy, parts included, as a revision: any revision can be shown, compared, approved or restored. */
export async function recordRevision(
  deps: Pick<StoryEditDeps, "versionParts">,
  tx: Queryable,
  storyId: number,
  by: { userId: number } | { origin: Exclude<RevisionOrigin, "editor"> },
  now: string,
): Promise<{ id: number; snapshot: StorySnapshot }> {
  const snapshot = (await workingSnapshot(deps, tx, storyId)) as StorySnapshot;
  const author = "userId" in by ? { userId: by.userId, origin: "editor" as const } : { userId: null, origin: by.origin };
  const id = await revisions.insertRevision(tx, { storyId, ...author, createdAt: now, snapshot: JSON.stringify(snapshot) });
  return { id, snapshot };
}

export function parseRevisionSnapshot(json: string): StorySnapshot {
  return JSON.parse(json) as StorySnapshot;
}
