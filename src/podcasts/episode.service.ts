import { randomBytes } from "node:crypto";
import type { Db } from "../database.js";
import type { ContentVersion } from "../platform/cache/content-version.js";
import type { VersionedMemo } from "../platform/cache/versioned-memo.js";
import type { Clock } from "../platform/clock.js";
import type { FileStore } from "../platform/files/file-store.js";
import type { Viewer } from "../platform/http/access.js";
import { editableStory, findStoryForEditing, type PublicationGuard } from "../stories/story-editing.service.js";
import * as policy from "../stories/story.policy.js";
import { type Chapter, parseChapterLines } from "./chapters.js";
import * as store from "./episode.store.js";
import { parseVtt, VttError } from "./webvtt.js";

/** Episodes: what turns a story of kind podcast into something to listen to and subscribe to. */
export type EpisodeDeps = { db: Db; clock: Clock; contentVersion: ContentVersion; files: FileStore };
export type EpisodeReadDeps = { db: Db; memo: VersionedMemo };

export type { Episode } from "./episode.store.js";

const AUDIO_KEY = /^audio\/[a-f0-9]{24}\.mp3$/;

/**
 * Stores a processed MP3 for a story's episode under a fresh random key, points the episode at it,
 * removes the previous file and tells every cached page. Keys are never reused, so the audio URL
 * can be cached for a year.
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
  if (previous?.audioKey && previous.audioKey !== audio.audioKey && AUDIO_KEY.test(previous.audioKey)) await deps.files.remove(previous.audioKey);
  await deps.contentVersion.bump();
  return episode;
}

/** Deletes an episode's audio file and forgets it (its author withdrew the testimony). The guid stays. */
export async function detachEpisodeAudio(deps: EpisodeDeps, storyId: number): Promise<void> {
  const episode = await store.findEpisode(deps.db, storyId);
  if (!episode?.audioKey) return;
  await store.clearEpisodeAudio(deps.db, storyId, deps.clock.now().toISOString());
  if (AUDIO_KEY.test(episode.audioKey)) await deps.files.remove(episode.audioKey);
  await deps.contentVersion.bump();
}

/** Sets an episode's number, chapters and transcript without an editor (the demo seed). */
export async function importEpisodeDetails(deps: EpisodeDeps, storyId: number, input: { season: number | null; number: number | null; chapters: Chapter[]; transcript: string }): Promise<void> {
  await store.saveEpisodeDetails(deps.db, storyId, { ...input, transcriptFormat: detectTranscriptFormat(input.transcript) }, deps.clock.now().toISOString());
  await deps.contentVersion.bump();
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

export type SaveEpisodeResult = { ok: true } | { ok: false; errors: Record<string, string> } | { ok: false; denied: true };

/** "WEBVTT" first means timed captions; anything else is plain text. */
export function detectTranscriptFormat(text: string): store.TranscriptFormat {
  return /^\uFEFF?WEBVTT/.test(text.trimStart()) ? "vtt" : "text";
}

export async function saveEpisode(deps: EpisodeDeps, actor: Viewer, storyId: number, input: EpisodeInput): Promise<SaveEpisodeResult> {
  const found = await episodeForEditing(deps, actor, storyId);
  if (!found || !policy.canPublish(actor)) return { ok: false, denied: true };
  const errors: Record<string, string> = {};
  const chapters = parseChapterLines(input.chapters, found.episode?.durationMs ?? null);
  if (!chapters.ok) errors.chapters = chapters.error;
  const transcript = input.transcript.replace(/\r\n?/g, "\n").trim();
  const format = detectTranscriptFormat(transcript);
  if (format === "vtt") {
    try {
      parseVtt(transcript);
    } catch (error) {
      if (!(error instanceof VttError)) throw error;
      errors.transcript = `WebVTT : ${error.message}`;
    }
  }
  const isPublic = found.story.status === "published" || found.story.status === "scheduled";
  if (transcript === "" && isPublic) errors.transcript = "Cet épisode est publié ou programmé : sa transcription ne peut pas être retirée.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  await store.saveEpisodeDetails(
    deps.db,
    storyId,
    { season: input.season, number: input.number, chapters: chapters.ok ? chapters.chapters : [], transcript, transcriptFormat: format },
    deps.clock.now().toISOString(),
  );
  if (isPublic) await deps.contentVersion.bump();
  return { ok: true };
}

/**
 * A podcast episode goes public only with its audio and a transcript: listeners who cannot hear
 * it read it, and the feeds carry both.
 */
export function podcastGuard(deps: Pick<EpisodeDeps, "db">): PublicationGuard {
  return async (storyId) => {
    const snapshot = await editableStory(deps, storyId);
    if (snapshot?.kind !== "podcast") return null;
    const episode = await store.findEpisode(deps.db, storyId);
    const missing = [episode?.audioKey ? null : "son fichier audio", episode?.transcript.trim() ? null : "sa transcription"].filter(Boolean);
    if (missing.length === 0) return null;
    return `Un épisode de podcast ne peut pas être publié sans ${missing.join(" ni ")} : complétez la page « Épisode » de ce témoignage.`;
  };
}

/** The episode shown on a story page, remembered until published content changes. */
export function episodeOfStory(deps: EpisodeReadDeps, storyId: number): Promise<store.Episode | null> {
  return deps.memo.get(`episode:${storyId}`, () => store.findEpisode(deps.db, storyId));
}

export type { Chapter };
