import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "../database.js";
import type { VersionedMemo } from "../platform/cache/versioned-memo.js";
import type { Clock } from "../platform/clock.js";
import type { FileStore } from "../platform/files/file-store.js";
import type { Viewer } from "../platform/http/access.js";
import { findStoryForEditing, type PublicationGuard } from "../stories/story-editing.service.js";
import type { VersionPart } from "../stories/story-version.js";
import * as policy from "../stories/story.policy.js";
import { type Chapter, parseChapterLines } from "./chapters.js";
import * as store from "./episode.store.js";
import { parseVtt, VttError } from "./webvtt.js";
import type { FormErrorValues } from "../platform/http/form.js";

/** Episodes: what turns a story of kind podcast into something to listen to and subscribe to. */
export type EpisodeDeps = { db: Db; clock: Clock; files: FileStore };
export type EpisodeReadDeps = { db: Db; memo: VersionedMemo };

export type { Episode } from "./episode.store.js";

const AUDIO_KEY = /^audio\/[a-f0-9]{24}\.mp3$/;

/**
 * Stores a processed MP3 for a story's episode under a fresh random key and points the working
 * episode at it; listeners keep the released file until a version with the new one is released.
 * Keys are never reused, so the audio URL can be cached for a year.
 */
export async function attachEpisodeAudio(deps: EpisodeDeps, storyId: number, mp3: Buffer, durationMs: number): Promise<store.Episode> {
  const audioKey = newAudioKey();
  await deps.files.write(audioKey, mp3);
  return pointEpisodeAt(deps, storyId, { audioKey, audioBytes: mp3.length, durationMs });
}

/** The same, for a processed file already on the media disk (large episodes never sit in memory). */
export async function attachEpisodeAudioFile(deps: EpisodeDeps, storyId: number, file: string, audio: { bytes: number; durationMs: number }): Promise<store.Episode> {
  const audioKey = newAudioKey();
  await deps.files.adopt(audioKey, file);
  return pointEpisodeAt(deps, storyId, { audioKey, audioBytes: audio.bytes, durationMs: audio.durationMs });
}

const newAudioKey = () => `audio/${randomBytes(12).toString("hex")}.mp3`;

async function pointEpisodeAt(deps: EpisodeDeps, storyId: number, audio: { audioKey: string; audioBytes: number; durationMs: number }): Promise<store.Episode> {
  const previous = await store.findEpisode(deps.db, storyId);
  const episode = await store.setEpisodeAudio(deps.db, storyId, { ...audio, durationMs: Math.round(audio.durationMs) }, deps.clock.now().toISOString());
  if (previous?.audioKey && previous.audioKey !== audio.audioKey) await removeAudioIfUnused(deps, previous.audioKey);
  return episode;
}

/** Deletes an audio file nothing names any more (a released or scheduled version may still need it). */
async function removeAudioIfUnused(deps: Pick<EpisodeDeps, "db" | "files">, audioKey: string): Promise<void> {
  if (AUDIO_KEY.test(audioKey) && !(await store.isAudioKeyInUse(deps.db, audioKey))) await deps.files.remove(audioKey);
}

/**
 * Deletes an episode's audio and forgets it (its author withdrew the testimony). The story is
 * taken down first, so no released version names the file any more. The guid stays.
 */
export async function detachEpisodeAudio(deps: EpisodeDeps, storyId: number): Promise<void> {
  const episode = await store.findEpisode(deps.db, storyId);
  if (!episode?.audioKey) return;
  await store.clearEpisodeAudio(deps.db, storyId, deps.clock.now().toISOString());
  await removeAudioIfUnused(deps, episode.audioKey);
}

/** Forgets the episode and deletes its audio (its author erased everything). */
export async function eraseEpisode(deps: EpisodeDeps, storyId: number): Promise<void> {
  const episode = await store.findEpisode(deps.db, storyId);
  const released = await store.findPublishedEpisode(deps.db, storyId);
  await store.deleteEpisode(deps.db, storyId);
  for (const key of new Set([episode?.audioKey, released?.audioKey])) if (key) await removeAudioIfUnused(deps, key);
}

/** Deletes episode audio files nothing names, left behind when a newer released version replaced them. */
export async function sweepUnusedEpisodeAudio(deps: Pick<EpisodeDeps, "db" | "files" | "clock">): Promise<number> {
  const inUse = await store.listAudioKeysInUse(deps.db);
  // A file written moments ago may not be named yet (its row is written just after).
  const before = deps.clock.now().getTime() - 3_600_000;
  let removed = 0;
  for (const key of await deps.files.list("audio")) {
    if (!AUDIO_KEY.test(key) || inUse.has(key)) continue;
    if ((await deps.files.modifiedAt(key)) > before) continue;
    await deps.files.remove(key);
    removed++;
  }
  return removed;
}

/** Sets an episode's number, chapters and transcript without an editor (the demo seed). */
export async function importEpisodeDetails(deps: EpisodeDeps, storyId: number, input: { season: number | null; number: number | null; chapters: Chapter[]; transcript: string }): Promise<void> {
  await store.saveEpisodeDetails(deps.db, storyId, { ...input, transcriptFormat: detectTranscriptFormat(input.transcript) }, deps.clock.now().toISOString());
}

export function ensureEpisode(deps: Pick<EpisodeDeps, "db" | "clock">, storyId: number): Promise<store.Episode> {
  return store.ensureEpisode(deps.db, storyId, deps.clock.now().toISOString());
}

export type EpisodeStory = { id: number; title: string; slug: string; kind: string; status: string };

/** The story and its episode as the back office shows them; null when the editor cannot see it or it is not a podcast. */
export async function episodeForEditing(deps: Pick<EpisodeDeps, "db">, actor: Viewer, storyId: number): Promise<{ story: EpisodeStory; episode: store.Episode | null } | null> {
  const story = await findStoryForEditing(deps, actor, storyId);
  if (story?.kind !== "podcast") return null;
  return { story: { id: story.id, title: story.title, slug: story.slug, kind: story.kind, status: story.status }, episode: await store.findEpisode(deps.db, storyId) };
}

export type EpisodeInput = { season: number | null; number: number | null; chapters: string; transcript: string };

/** Errors are catalogue keys, with their values (e.g. the line to fix), translated by the route. */
export type SaveEpisodeResult = { ok: true } | { ok: false; errors: Record<string, string>; errorValues: FormErrorValues } | { ok: false; denied: true };

/** "WEBVTT" first means timed captions; anything else is plain text. */
export function detectTranscriptFormat(text: string): store.TranscriptFormat {
  return /^\uFEFF?WEBVTT/.test(text.trimStart()) ? "vtt" : "text";
}

export async function saveEpisode(deps: EpisodeDeps, actor: Viewer, storyId: number, input: EpisodeInput): Promise<SaveEpisodeResult> {
  const found = await episodeForEditing(deps, actor, storyId);
  if (!found || !policy.canPublish(actor)) return { ok: false, denied: true };
  const errors: Record<string, string> = {};
  const chapters = parseChapterLines(input.chapters, found.episode?.durationMs ?? null);
  const errorValues: FormErrorValues = {};
  if (!chapters.ok) {
    errors.chapters = chapters.error.key;
    errorValues.chapters = chapters.error.values;
  }
  const transcript = input.transcript.replace(/\r\n?/g, "\n").trim();
  const format = detectTranscriptFormat(transcript);
  if (format === "vtt") {
    try {
      parseVtt(transcript);
    } catch (error) {
      if (!(error instanceof VttError)) throw error;
      errors.transcript = error.key;
      errorValues.transcript = error.values;
    }
  }
  const isPublic = found.story.status === "published" || found.story.status === "scheduled";
  if (transcript === "" && isPublic) errors.transcript = "admin.podcast.error.publicWithoutTranscript";
  if (Object.keys(errors).length > 0) return { ok: false, errors, errorValues };
  await store.saveEpisodeDetails(
    deps.db,
    storyId,
    { season: input.season, number: input.number, chapters: chapters.ok ? chapters.chapters : [], transcript, transcriptFormat: format },
    deps.clock.now().toISOString(),
  );
  return { ok: true };
}

const chapterSchema = z.object({ startMs: z.number(), title: z.string() });
const episodePartSchema = z.object({
  guid: z.string(),
  season: z.number().nullable(),
  number: z.number().nullable(),
  audioKey: z.string().nullable(),
  audioBytes: z.number().nullable(),
  durationMs: z.number().nullable(),
  transcript: z.string(),
  transcriptFormat: z.enum(["vtt", "text"]),
  chapters: z.array(chapterSchema),
});

/** An episode part read back from a version (JSON): checked, never trusted. */
export function readEpisodePart(value: unknown): store.EpisodePart | null {
  const parsed = episodePartSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

export const EPISODE_PART = "episode";

/**
 * The episode is part of its story's version: its audio, transcript and chapters are approved by
 * the author and released with the words, never on their own.
 */
export function episodeVersionPart(): VersionPart {
  return {
    name: EPISODE_PART,
    async read(db, storyId) {
      const episode = await store.findEpisode(db, storyId);
      if (!episode) return null;
      const { storyId: _id, updatedAt: _at, ...part } = episode;
      return part;
    },
    async release(tx, storyId, value) {
      const part = readEpisodePart(value);
      if (part) await store.writePublishedEpisode(tx, storyId, part);
      else await store.deletePublishedEpisode(tx, storyId);
    },
    retract: (tx, storyId) => store.deletePublishedEpisode(tx, storyId),
  };
}

/**
 * A podcast episode goes public only with its audio and a transcript: listeners who cannot hear
 * it read it, and the feeds carry both. Checked on the version being released.
 */
export function podcastGuard(): PublicationGuard {
  return async (_db, _storyId, version) => {
    if (version.kind !== "podcast") return null;
    const episode = readEpisodePart(version.parts[EPISODE_PART]);
    const hasAudio = Boolean(episode?.audioKey);
    const hasTranscript = Boolean(episode?.transcript.trim());
    if (hasAudio && hasTranscript) return null;
    return { key: hasAudio ? "admin.podcast.refusal.noTranscript" : hasTranscript ? "admin.podcast.refusal.noAudio" : "admin.podcast.refusal.noAudioNorTranscript" };
  };
}

/** The released episode shown on a story page, remembered until published content changes. */
export function episodeOfStory(deps: EpisodeReadDeps, storyId: number): Promise<store.Episode | null> {
  return deps.memo.get(`episode:${storyId}`, () => store.findPublishedEpisode(deps.db, storyId));
}

export type { Chapter };
