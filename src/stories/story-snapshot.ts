import type { Queryable } from "../database.js";
import type { StorySnapshot } from "./story-editing.service.js";
import { joinVoices } from "./story.js";
import * as store from "./story.store.js";

/** The whole editable state of a story, as revisions keep it. */
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

/** What an author approves: the words and how they are signed, not the status or the cover. */
export function contentFingerprint(s: Pick<StorySnapshot, "title" | "standfirst" | "body" | "credit" | "contentNotes">): string {
  return JSON.stringify([s.title, s.standfirst, s.body, s.credit.kind, s.credit.kind === "anonymous" ? "" : s.credit.name, s.credit.age, [...s.contentNotes].sort()]);
}
