import type { Viewer } from "../platform/http/access.js";
import type { FileStore } from "../platform/files/file-store.js";
import { findStoryForEditing } from "../stories/story-editing.service.js";
import * as stories from "../stories/story.service.js";
import type { Db } from "../database.js";
import * as store from "./episode.store.js";
import type { EpisodeReadDeps } from "./episode.service.js";
import { dayOf, keepFirstSightings, type ListenCounter } from "./listen-counter.js";

/** The public side of podcasts: feeds, downloads, the audio itself, and listening figures. */
export type PodcastDeps = EpisodeReadDeps & { files: FileStore };

export type FeedEntry = { story: stories.StoryCard; episode: store.Episode & { audioKey: string; audioBytes: number; durationMs: number } };

type Playable = FeedEntry["episode"];
const isPlayable = (e: store.Episode): e is Playable => e.audioKey !== null && e.audioBytes !== null && e.durationMs !== null;

async function publishedEntries(deps: EpisodeReadDeps, episodes: store.Episode[]): Promise<FeedEntry[]> {
  const playable = episodes.filter(isPlayable);
  const ids = playable.map((e) => e.storyId);
  const cards = await stories.publishedCardsAmong(deps, ids, ids.length);
  const byId = new Map(playable.map((e) => [e.storyId, e]));
  return cards.filter((c) => c.kind === "podcast" && byId.has(c.id)).map((c) => ({ story: c, episode: byId.get(c.id) as Playable }));
}

/** Every published episode with audio, newest first. */
export function showEpisodes(deps: EpisodeReadDeps): Promise<FeedEntry[]> {
  return deps.memo.get("podcast:show", async () => {
    const entries = await publishedEntries(deps, await store.listPublishedEpisodesWithAudio(deps.db));
    return entries.sort((a, b) => (b.story.publishedAt ?? "").localeCompare(a.story.publishedAt ?? "") || b.story.id - a.story.id);
  });
}

export type SeriesFeed = { series: { slug: string; title: string; description: string }; entries: FeedEntry[] };

/**
 * A series' episodes in listening order (episode number, then place in the series). Null when the
 * series has no published podcast story at all, so only real shows get a feed address.
 */
export function seriesEpisodes(deps: EpisodeReadDeps, slug: string): Promise<SeriesFeed | null> {
  return deps.memo.get(`podcast:series:${slug}`, async () => {
    const page = await stories.seriesPage(deps, slug);
    const podcastParts = page?.parts.filter((p) => p.kind === "podcast") ?? [];
    if (!page || podcastParts.length === 0) return null;
    const entries = await publishedEntries(
      deps,
      await store.findPublishedEpisodes(
        deps.db,
        podcastParts.map((p) => p.id),
      ),
    );
    const order = (e: FeedEntry) => e.episode.number ?? e.story.series?.position ?? Number.MAX_SAFE_INTEGER;
    entries.sort((a, b) => order(a) - order(b) || (a.story.publishedAt ?? "").localeCompare(b.story.publishedAt ?? ""));
    return { series: { slug: page.series.slug, title: page.series.title, description: page.series.description }, entries };
  });
}

/** A published podcast story and its episode, for the transcript and chapter downloads. */
export async function publishedEpisodeBySlug(deps: EpisodeReadDeps, slug: string) {
  const story = await stories.findPublishedStory(deps, slug);
  if (story?.kind !== "podcast") return null;
  const episode = await deps.memo.get(`episode:${story.id}`, () => store.findPublishedEpisode(deps.db, story.id));
  return episode ? { story, episode } : null;
}

export type ServedAudio = { storyId: number; key: string; bytes: number };

/** The file behind /media/audio/<key>.mp3, only while a released version names it. */
export function publishedAudio(deps: PodcastDeps, name: string): Promise<ServedAudio | null> {
  const key = `audio/${name}`;
  return deps.memo.get(`audio:${key}`, async () => {
    const episode = await store.findPublishedEpisodeByAudioKey(deps.db, key);
    if (!episode) return null;
    return { storyId: episode.storyId, key, bytes: episode.audioBytes ?? 0 };
  });
}

/** Writes the listens counted in memory; on failure they go back to the counter for next time. */
export async function flushListens(deps: { db: Db }, counter: ListenCounter): Promise<number> {
  const rows = counter.drain();
  try {
    const counted = await deps.db.transaction().execute(async (tx) => {
      const fresh = await keepFirstSightings(tx, rows, new Date());
      await store.addListens(tx, fresh);
      return fresh;
    });
    return counted.reduce((n, r) => n + r.count, 0);
  } catch (error) {
    counter.restore(rows);
    throw error;
  }
}

/** Listens per story and day since a day: the readership page puts them beside reads. */
export function listensSince(deps: { db: Db }, sinceDay: string) {
  return store.listensSince(deps.db, sinceDay);
}

export type EpisodeFigures = { storyId: number; title: string; status: string; durationMs: number | null; recent: number; total: number };

const RECENT_DAYS = 30;

function daysAgo(now: Date, days: number): string {
  return dayOf(new Date(now.getTime() - days * 86_400_000));
}

/** Listening figures for the back office: per episode, the last 30 days and all time. */
export async function listeningFigures(deps: { db: Db }, actor: Viewer, now: Date): Promise<EpisodeFigures[]> {
  const [episodes, totals] = await Promise.all([store.listAllEpisodes(deps.db), store.listenTotals(deps.db, daysAgo(now, RECENT_DAYS - 1))]);
  const totalOf = new Map(totals.map((t) => [t.storyId, t]));
  const rows: EpisodeFigures[] = [];
  for (const e of episodes) {
    const story = await findStoryForEditing(deps, actor, e.storyId);
    if (story?.kind !== "podcast") continue;
    const t = totalOf.get(e.storyId);
    rows.push({ storyId: e.storyId, title: story.title, status: story.status, durationMs: e.durationMs, recent: t?.recent ?? 0, total: t?.total ?? 0 });
  }
  return rows;
}

export async function dailyFigures(deps: { db: Db }, actor: Viewer, storyId: number, now: Date) {
  const story = await findStoryForEditing(deps, actor, storyId);
  if (story?.kind !== "podcast") return null;
  return { title: story.title, days: await store.dailyListens(deps.db, storyId, daysAgo(now, RECENT_DAYS - 1)) };
}
