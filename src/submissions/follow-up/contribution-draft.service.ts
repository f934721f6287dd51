import { editorialRecipients } from "../../accounts/account.service.js";
import type { Disguise } from "../../media/audio.js";
import { enqueueJob, forgetJobsFor } from "../../platform/jobs/job-queue.js";
import { AUDIO_JOB, type AudioDeps, discardAudioSource, dropAudioSource, jobSubject, removeAudioFolder } from "../audio/contribution-audio.service.js";
import { assessCrisisSignal } from "../../safety/crisis-signal.js";
import type { ContributionDraft } from "../submission.js";
import { recordSending, type SubmissionDeps } from "../submission.service.js";
import * as store from "../submission.store.js";

/**
 * A saved draft, resumed from /suivi: every field can change, the recording too (another file or
 * recording, another disguise), through the same intake as a new contribution. Saving asks for
 * nothing more; sending records the consent, as sending at once does.
 */
export type DraftRevision = {
  draft: ContributionDraft;
  format: "text" | "audio";
  /** For a recording: a new source already stored (or null to keep the current one), and the disguise. */
  audio: { newSourceKey: string | null; disguise: Disguise } | null;
};

export type DraftResult =
  | { ok: true; sent: boolean; mustListen: boolean }
  | { ok: false; reason: "not-draft" | "source-gone" | "no-recording" };

/** Saves the draft's new version, and sends it when asked and allowed. A new source not kept is deleted. */
export async function reviseDraft(deps: SubmissionDeps & AudioDeps, submissionId: number, revision: DraftRevision, opts: { send: boolean }): Promise<DraftResult> {
  const result = await applyRevision(deps, submissionId, revision, opts);
  if (!result.ok && revision.audio?.newSourceKey) await discardAudioSource(deps, revision.audio.newSourceKey);
  return result;
}

async function applyRevision(deps: SubmissionDeps & AudioDeps, submissionId: number, revision: DraftRevision, opts: { send: boolean }): Promise<DraftResult> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (s?.state !== "draft") return { ok: false, reason: "not-draft" };
  const { draft, audio } = revision;
  const now = deps.clock.now();
  const crisis = assessCrisisSignal(`${draft.title}\n${draft.body}`);
  const patch: Parameters<typeof store.updateSubmission>[2] = {
    title: draft.title,
    body_md: draft.body,
    credit_kind: draft.credit.kind,
    credit_name: draft.credit.kind === "anonymous" ? "" : draft.credit.name,
    credit_age: draft.credit.age,
    content_notes: draft.contentNotes.join(","),
    email: draft.email,
    // A draft was never read: its signal follows its current words.
    crisis_score: crisis.score,
    has_crisis_signal: crisis.level === "acute" ? 1 : 0,
    updated_at: now.toISOString(),
  };
  // Files to delete once the new version is committed, and whether a processing is queued.
  const obsolete: Array<string | null> = [];
  let process: Disguise | null = null;
  if (revision.format === "text") {
    Object.assign(patch, { format: "text", audio_key: null, audio_source_key: null, audio_disguise: "none", audio_duration_ms: null });
    obsolete.push(s.audio.key, s.audio.sourceKey);
  } else if (audio?.newSourceKey) {
    Object.assign(patch, { format: "audio", audio_key: null, audio_source_key: audio.newSourceKey, audio_disguise: audio.disguise, audio_duration_ms: null });
    obsolete.push(s.audio.key, s.audio.sourceKey);
    process = audio.disguise;
  } else if (s.format !== "audio" || !audio) {
    return { ok: false, reason: "no-recording" };
  } else if (audio.disguise !== s.audio.disguise) {
    // Another disguise is made from the original, which a draft keeps for a while only.
    if (!s.audio.sourceKey) return { ok: false, reason: "source-gone" };
    Object.assign(patch, { audio_key: null, audio_disguise: audio.disguise, audio_duration_ms: null });
    obsolete.push(s.audio.key);
    process = audio.disguise;
  }
  const disguise = revision.format === "audio" ? (audio?.disguise ?? "none") : "none";
  const heardAsIs = revision.format === "text" || (process === null && s.audio.key !== null);
  // A disguised voice is sent only after its author has listened to it, as on the first sending.
  const mustListen = revision.format === "audio" && disguise !== "none" && !heardAsIs;
  const send = opts.send && !mustListen;
  const editors = send ? await editorialRecipients(deps) : [];
  await deps.db.transaction().execute(async (tx) => {
    await store.updateSubmission(tx, submissionId, patch);
    if (revision.format === "text") await forgetJobsFor(tx, jobSubject(submissionId));
    if (process) await enqueueJob(tx, { kind: AUDIO_JOB, subject: jobSubject(submissionId), payload: { submissionId, disguise: process } }, now);
    if (send) await recordSending(tx, deps, { id: submissionId, consentTextId: s.consentTextId, hasCrisisSignal: crisis.level === "acute" }, draft.channels, editors);
  });
  for (const key of obsolete) await removeAudioFolder(deps, key);
  // Sent with a processed voice: the original has no reason to stay (a queued processing drops it when done).
  if (send) await dropAudioSource(deps, submissionId);
  return { ok: true, sent: send, mustListen: opts.send && mustListen };
}
