import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../database.js";
import { CONTRIBUTION_AUDIO_LIMITS, type Disguise, isDisguise } from "../../media/audio.js";
import { AudioRejected, type AudioProbe, probeAudio, processAudio, stripAudioMetadata } from "../../media/audio-processing.js";
import type { Clock } from "../../platform/clock.js";
import type { FileStore } from "../../platform/files/file-store.js";
import { withLocalCopy, withTempFile } from "../../platform/files/local-copy.js";
import type { UploadedFile } from "../../platform/http/uploads.js";
import { enqueueJob, type JobHandler, type JobView, latestJobFor, PermanentJobError, type RetryResult, retryJob } from "../../platform/jobs/job-queue.js";
import * as store from "../submission.store.js";

/**
 * Audio contributions. The upload is checked by content, stripped of its metadata without
 * re-encoding and kept privately as the *source*; a durable job turns it into the only audio
 * anyone at Entre Pairs hears (disguised if asked, normalised, mono MP3). The source lives only
 * while the contribution is an unsent draft — so its author can choose another disguise — and
 * until its first processing ends; sending, withdrawing or erasing deletes it.
 */
export type AudioDeps = { db: Db; clock: Clock; privateFiles: FileStore; /** A private local folder for ffmpeg's copies. */ workDir: string };

export const AUDIO_JOB = "contribution-audio";
export const jobSubject = (submissionId: number) => `submission:${submissionId}`;
/** A processing's failure code when the original recording is gone; the others are the media feature's `AudioRejection`. */
export const AUDIO_SOURCE_MISSING = "contribution_audio.source_missing";

const newFolder = () => `submissions/${randomBytes(16).toString("hex")}`;
const folderOf = (key: string) => path.posix.dirname(key);

export type UploadCheck = { ok: true; probe: AudioProbe; file: UploadedFile } | { ok: false; reason: "missing" | "too-big" | "rejected"; message?: string };

/** Checks the uploaded file by its content; the French reason is for the form. */
export async function checkAudioUpload(file: UploadedFile | null): Promise<UploadCheck> {
  if (!file) return { ok: false, reason: "missing" };
  if (file.truncated) return { ok: false, reason: "too-big" };
  try {
    return { ok: true, probe: await probeAudio(file.path, CONTRIBUTION_AUDIO_LIMITS), file };
  } catch (err) {
    if (err instanceof AudioRejected) return { ok: false, reason: "rejected", message: err.message };
    throw err;
  }
}

/**
 * Stores the checked upload as a contribution's source: metadata dropped by a stream copy, the
 * file fsynced and renamed into the private store, the raw upload deleted at once. Returns its key.
 */
export async function keepAudioSource(deps: Pick<AudioDeps, "privateFiles">, checked: { probe: AudioProbe; file: UploadedFile }): Promise<string> {
  const stripped = `${checked.file.path}.mka`;
  try {
    await stripAudioMetadata(checked.file.path, stripped, checked.probe);
  } finally {
    await fs.rm(checked.file.path, { force: true });
  }
  const key = `${newFolder()}/source.mka`;
  try {
    await deps.privateFiles.adopt(key, stripped);
  } catch (err) {
    await fs.rm(stripped, { force: true });
    throw err;
  }
  return key;
}

/** Deletes an audio file and its folder; keys come from our own rows. */
export async function removeAudioFolder(deps: Pick<AudioDeps, "privateFiles">, key: string | null): Promise<void> {
  if (key) await deps.privateFiles.remove(folderOf(key));
}

/** Used when the row could not be written after the source was stored. */
export function discardAudioSource(deps: Pick<AudioDeps, "privateFiles">, key: string): Promise<void> {
  return removeAudioFolder(deps, key);
}

/**
 * The durable job: processes the source with the disguise it was queued for. Only the result for
 * the contribution's current source and disguise is kept; a result that came too late (another
 * disguise chosen, the contribution withdrawn or erased) is deleted.
 */
export function contributionAudioJob(deps: AudioDeps): JobHandler {
  return async (job, ctx) => {
    const id = Number(job.payload.submissionId);
    const disguise = job.payload.disguise;
    const submission = Number.isInteger(id) ? await store.findSubmissionById(deps.db, id) : null;
    // Erased, or processed with another disguise since: nothing left to do.
    if (!submission || !isDisguise(disguise) || submission.audio.disguise !== disguise) return;
    const sourceKey = submission.audio.sourceKey;
    if (!sourceKey) {
      if (submission.audio.key) return;
      throw new PermanentJobError(AUDIO_SOURCE_MISSING, "the original recording is gone: deleted at sending or withdrawal");
    }
    const key = `${newFolder()}/voice.mp3`;
    // ffmpeg works on local copies: the source is fetched, the result stored, both copies deleted.
    const processed = await withLocalCopy(deps.privateFiles, sourceKey, deps.workDir, async (source) => {
      const probe = await probeAudio(source, CONTRIBUTION_AUDIO_LIMITS).catch((err: unknown) => {
        throw err instanceof AudioRejected ? new PermanentJobError(err.code, err.message) : err;
      });
      return withTempFile(deps.workDir, ".mp3", async (output) => {
        const result = await processAudio(source, output, probe, {
          disguise,
          onProgress: (fraction) => {
            ctx.progress(fraction).catch(() => undefined);
          },
        });
        await deps.privateFiles.adopt(key, output);
        return result;
      });
    }).catch(async (err: unknown) => {
      await removeAudioFolder(deps, key);
      throw err;
    });
    if (!processed) throw new PermanentJobError(AUDIO_SOURCE_MISSING, "the original recording is gone: deleted at sending or withdrawal");
    const result = processed.result;
    const previous = submission.audio.key;
    const updated = await deps.db
      .updateTable("submissions")
      .set({ audio_key: key, audio_duration_ms: result.durationMs, updated_at: deps.clock.now().toISOString() })
      .where("id", "=", id)
      .where("audio_source_key", "=", sourceKey)
      .where("audio_disguise", "=", disguise)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) {
      await removeAudioFolder(deps, key);
      return;
    }
    if (previous && previous !== key) await removeAudioFolder(deps, previous);
    // Sent (or withdrawn) while it was processed: the source has no reason to stay.
    const now = await store.findSubmissionById(deps.db, id);
    if (now && now.state !== "draft") await dropAudioSource(deps, id);
  };
}

/** Deletes the source once the contribution is sent: the raw voice is not kept after sending. */
export async function dropAudioSource(deps: AudioDeps, submissionId: number): Promise<void> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  const key = submission?.audio.sourceKey;
  // Still needed by a processing in progress: the job deletes it when done.
  if (!submission || !key || !submission.audio.key) return;
  await removeAudioFolder(deps, key);
  await store.updateSubmission(deps.db, submissionId, { audio_source_key: null });
}

/** How long an unsent draft keeps its original (undisguised) recording, so its author can choose another disguise. */
export const DRAFT_SOURCE_DAYS = 7;

/** Deletes the original recording of drafts left untouched; their processed version stays. */
export async function dropStaleDraftSources(deps: AudioDeps, days = DRAFT_SOURCE_DAYS): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - days * 86_400_000).toISOString();
  const ids = await store.listStaleDraftSources(deps.db, cutoff);
  for (const id of ids) await dropAudioSource(deps, id);
  return ids.length;
}

/** Deletes every audio file of a contribution (withdrawal, erasure, retention). */
export async function removeContributionAudio(deps: AudioDeps, submissionId: number): Promise<void> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission || (!submission.audio.key && !submission.audio.sourceKey)) return;
  // Files first: a crash in between leaves a row pointing at nothing, never a voice nobody can reach.
  await removeAudioFolder(deps, submission.audio.key);
  await removeAudioFolder(deps, submission.audio.sourceKey);
  await store.updateSubmission(deps.db, submissionId, { audio_key: null, audio_source_key: null });
}

export type AudioStatus = {
  state: "processing" | "ready" | "failed" | "gone";
  /** 0..1 while processing. */
  progress: number;
  disguise: Disguise;
  durationMs: number | null;
  /** The source is still there: another disguise can be chosen. */
  canChangeDisguise: boolean;
  job: JobView | null;
};

/** Where an audio contribution stands, for its author and for the editors; null for a text. */
export async function contributionAudioStatus(deps: Pick<AudioDeps, "db">, submission: store.Submission): Promise<AudioStatus | null> {
  if (submission.format !== "audio") return null;
  const job = await latestJobFor(deps.db, jobSubject(submission.id));
  const disguise = isDisguise(submission.audio.disguise) ? submission.audio.disguise : "none";
  const base = { disguise, durationMs: submission.audio.durationMs, job, canChangeDisguise: submission.state === "draft" && submission.audio.sourceKey !== null };
  if (job && (job.state === "queued" || job.state === "running")) return { ...base, state: "processing", progress: job.state === "running" ? job.progress : 0 };
  if (submission.audio.key) return { ...base, state: "ready", progress: 1 };
  if (job?.state === "failed") return { ...base, state: "failed", progress: 0 };
  return { ...base, state: submission.audio.sourceKey ? "processing" : "gone", progress: 0 };
}

export type DisguiseResult = { ok: true } | { ok: false; message: string };

/**
 * Another disguise for a draft: the processed file made with the previous one is deleted, and a
 * new processing is queued in the same transaction.
 */
export async function chooseDisguise(deps: AudioDeps, submissionId: number, disguise: Disguise): Promise<DisguiseResult> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (submission?.format !== "audio" || submission.state !== "draft" || !submission.audio.sourceKey) {
    return { ok: false, message: "Le déguisement ne peut plus être changé : le témoignage est envoyé ou l'enregistrement n'est plus là." };
  }
  if (disguise !== "none" && submission.credit.kind !== "anonymous") {
    return { ok: false, message: "Le déguisement de la voix va avec le crédit « Anonyme »." };
  }
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await store.updateSubmission(tx, submissionId, { audio_disguise: disguise, audio_key: null, audio_duration_ms: null, updated_at: now.toISOString() });
    await enqueueJob(tx, { kind: AUDIO_JOB, subject: jobSubject(submissionId), payload: { submissionId, disguise } }, now);
  });
  await removeAudioFolder(deps, submission.audio.key);
  return { ok: true };
}

/** An editor's "retry" on a failed processing: "not_found" when the contribution has no processing at all. */
export async function retryContributionAudio(deps: Pick<AudioDeps, "db" | "clock">, submissionId: number): Promise<RetryResult> {
  const job = await latestJobFor(deps.db, jobSubject(submissionId));
  if (!job || job.kind !== AUDIO_JOB) return { ok: false, reason: "not_found" };
  return retryJob(deps.db, job.id, deps.clock.now());
}

/** The key of the processed file a person may hear: the contributor on /suivi, editors for a sent contribution. */
export async function processedAudioKey(deps: Pick<AudioDeps, "db">, submissionId: number, opts: { editor: boolean }): Promise<string | null> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission?.audio.key || (opts.editor && submission.state === "draft")) return null;
  return submission.audio.key;
}

/**
 * Deletes audio folders no row points to: what a crash left between storing a file and writing
 * its row, or between deleting a row and its files. Folders younger than `graceMs` may belong to
 * an intake still in progress.
 */
export async function sweepOrphanAudio(deps: AudioDeps, graceMs = 3_600_000): Promise<number> {
  const keys = await deps.privateFiles.list("submissions");
  if (keys.length === 0) return 0;
  const rows = await deps.db.selectFrom("submissions").select(["audio_key", "audio_source_key"]).where((eb) => eb.or([eb("audio_key", "is not", null), eb("audio_source_key", "is not", null)])).execute();
  const used = new Set(rows.flatMap((r) => [r.audio_key, r.audio_source_key]).filter((k): k is string => k !== null).map(folderOf));
  const orphans = new Map<string, string[]>();
  for (const key of keys) {
    const folder = folderOf(key);
    if (used.has(folder) || !/^submissions\/[0-9a-f]{32}$/.test(folder)) continue;
    orphans.set(folder, [...(orphans.get(folder) ?? []), key]);
  }
  let removed = 0;
  for (const [folder, files] of orphans) {
    // Compared with the store's own clock, not the app's: the newest file of the folder decides.
    const newest = Math.max(...(await Promise.all(files.map((k) => deps.privateFiles.modifiedAt(k)))));
    if (Date.now() - newest < graceMs) continue;
    await deps.privateFiles.remove(folder);
    removed++;
  }
  return removed;
}
