import { randomBytes } from "node:crypto";
import { type AudioRejection, EPISODE_AUDIO_LIMITS } from "../media/audio.js";
import { AudioRejected, probeAudio, processAudio } from "../media/audio-processing.js";
import type { Queryable } from "../database.js";
import type { FileStore } from "../platform/files/file-store.js";
import { withLocalCopy, withTempFile } from "../platform/files/local-copy.js";
import type { Viewer } from "../platform/http/access.js";
import { enqueueJob, type JobHandler, type JobView, latestJobFor, PermanentJobError, type RetryResult, retryJob } from "../platform/jobs/job-queue.js";
import { attachEpisodeAudioFile, type EpisodeDeps, episodeForEditing } from "./episode.service.js";

/**
 * An editor's upload becomes an episode's audio through a durable job: the file is checked by
 * content at once (a refusal is said on the form), kept privately, processed (metadata dropped,
 * −16 LUFS, MP3), then attached; the upload is deleted once the processed file is in place.
 */
export type EpisodeAudioDeps = EpisodeDeps & { privateFiles: FileStore; /** A private local folder for ffmpeg's copies. */ workDir: string };
export const EPISODE_AUDIO_JOB = "episode-audio";
/** A processing's failure code when its upload vanished before it ran; the others are the media feature's `AudioRejection`. */
export const EPISODE_UPLOAD_MISSING = "episode_audio.upload_missing";

/** What the multipart layer hands over; kept structural so services never see HTTP types. */
export type ReceivedFile = { path: string; bytes: number; truncated: boolean };

/** Why an upload was refused at once, as a code the route translates (with the size limit where said). */
export type UploadRefusal = { code: "episode_audio.missing" } | { code: "episode_audio.too_big"; megabytes: number } | { code: AudioRejection };
export type UploadResult = { ok: true } | { ok: false; error: UploadRefusal } | { ok: false; denied: true };

const subjectOf = (storyId: number) => `story:${storyId}`;

export async function acceptEpisodeUpload(deps: EpisodeAudioDeps, actor: Viewer, storyId: number, file: ReceivedFile | null): Promise<UploadResult> {
  if (!(await episodeForEditing(deps, actor, storyId))) return { ok: false, denied: true };
  if (!file) return { ok: false, error: { code: "episode_audio.missing" } };
  if (file.truncated) return { ok: false, error: { code: "episode_audio.too_big", megabytes: Math.round(EPISODE_AUDIO_LIMITS.maxBytes / (1024 * 1024)) } };
  try {
    await probeAudio(file.path, EPISODE_AUDIO_LIMITS);
  } catch (error) {
    if (error instanceof AudioRejected) return { ok: false, error: { code: error.code } };
    throw error;
  }
  const sourceKey = `episodes/${storyId}/${randomBytes(12).toString("hex")}.upload`;
  // On disk (fsynced) before the job that names it exists.
  await deps.privateFiles.adopt(sourceKey, file.path);
  await enqueueJob(deps.db, { kind: EPISODE_AUDIO_JOB, subject: subjectOf(storyId), payload: { storyId, sourceKey } }, deps.clock.now());
  return { ok: true };
}

/**
 * An imported episode's audio, already moved to the private disk under `sourceKey`: the same job
 * processes it, queued in the caller's transaction (the story and its episode are written there).
 */
export async function queueImportedEpisodeAudio(deps: Pick<EpisodeAudioDeps, "clock">, tx: Queryable, storyId: number, sourceKey: string): Promise<void> {
  await enqueueJob(tx, { kind: EPISODE_AUDIO_JOB, subject: subjectOf(storyId), payload: { storyId, sourceKey } }, deps.clock.now());
}

/** Where an imported episode's audio waits for its job (a fresh name each time). */
export function importedAudioKey(storyId: number): string {
  return `episodes/${storyId}/${randomBytes(12).toString("hex")}.upload`;
}

export function episodeAudioJob(deps: EpisodeAudioDeps): JobHandler {
  return async (job, ctx) => {
    const storyId = Number(job.payload.storyId);
    const sourceKey = String(job.payload.sourceKey);
    // ffmpeg works on local copies: the upload is fetched, the result stored, both copies deleted.
    const processed = await withLocalCopy(deps.privateFiles, sourceKey, deps.workDir, async (source) => {
      let probe: Awaited<ReturnType<typeof probeAudio>>;
      try {
        probe = await probeAudio(source, EPISODE_AUDIO_LIMITS);
      } catch (error) {
        if (error instanceof AudioRejected) {
          await deps.privateFiles.remove(sourceKey);
          throw new PermanentJobError(error.code, error.message);
        }
        throw error;
      }
      await withTempFile(deps.workDir, ".mp3", async (output) => {
        const result = await processAudio(source, output, probe, { disguise: "none", onProgress: (f) => void ctx.progress(f * 0.95) });
        await attachEpisodeAudioFile(deps, storyId, output, result);
      });
    });
    if (!processed) throw new PermanentJobError(EPISODE_UPLOAD_MISSING, "the uploaded file is no longer in the private store");
    await deps.privateFiles.remove(sourceKey);
  };
}

/** `failureCode`: why the last attempt failed (see `episodeAudioFailure`). */
export type AudioProcessing = { state: JobView["state"]; percent: number; failureCode: string | null; attempts: number; maxAttempts: number };

/** The latest processing of a story's audio, as the episode page shows it. */
export async function episodeAudioProcessing(deps: Pick<EpisodeAudioDeps, "db">, storyId: number): Promise<AudioProcessing | null> {
  const job = await latestJobFor(deps.db, subjectOf(storyId));
  if (!job || job.kind !== EPISODE_AUDIO_JOB) return null;
  return { state: job.state, percent: Math.round(job.progress * 100), failureCode: job.failureCode, attempts: job.attempts, maxAttempts: job.maxAttempts };
}

/** An editor asks for another try of a failed processing; "not_found" also for a story this person may not edit. */
export async function retryEpisodeAudio(deps: EpisodeAudioDeps, actor: Viewer, storyId: number): Promise<RetryResult> {
  if (!(await episodeForEditing(deps, actor, storyId))) return { ok: false, reason: "not_found" };
  const job = await latestJobFor(deps.db, subjectOf(storyId));
  if (!job || job.kind !== EPISODE_AUDIO_JOB) return { ok: false, reason: "not_found" };
  return retryJob(deps.db, job.id, deps.clock.now());
}
