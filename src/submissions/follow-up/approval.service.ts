import type { Queryable } from "../../database.js";
import { inlineImageKeys } from "../../media/image.js";
import { findImages } from "../../media/image.service.js";
import type { FileStore } from "../../platform/files/file-store.js";
import type { Viewer } from "../../platform/http/access.js";
import { enqueueMail } from "../../platform/mail/outbox.js";
import { siteIdentity } from "../../settings/site-identity.js";
import { createStory, type PublicationGuard, type StoryEditDeps, type StoryStatusListener } from "../../stories/story-editing.service.js";
import {
  anonymiseStory,
  eraseStory,
  recordVersionForApproval,
  revisionVersion,
  takeDownStory,
  workingFingerprint,
} from "../../stories/story-publication.service.js";
import type { StoryVersion } from "../../stories/story-version.js";
import { parseContentNotes } from "../../stories/story.js";
import { editorialRecipients } from "../../accounts/account.service.js";
import { attachEpisodeAudio, detachEpisodeAudio, eraseEpisode } from "../../podcasts/episode.service.js";
import { contributorMail, editorMail } from "../contribution-mail.js";
import { type ConsentChannel, isOpen } from "../submission.js";
import * as store from "../submission.store.js";
import type { SubmissionDeps } from "../submission.service.js";

/**
 * The "bon à tirer": an edited version goes back to its author, who approves that exact version
 * for the channels they chose, or asks for changes. A story made from a contribution can only be
 * published while the author's latest approval covers its current words and the site channel.
 */
export type ApprovalDeps = SubmissionDeps & StoryEditDeps & { files: FileStore };

export type ApprovalResult = { ok: true; storyId?: number } | { ok: false; message: string };

/** Turns a contribution into a story draft, keeping the link between them. */
export async function draftStoryFromContribution(deps: ApprovalDeps, actor: Viewer, submissionId: number): Promise<ApprovalResult> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s || s.state === "draft") return { ok: false, message: "admin.contributions.error.notFound" };
  if (s.storyId !== null) return { ok: true, storyId: s.storyId };
  if (s.state === "withdrawn" || s.state === "declined") return { ok: false, message: "admin.contributions.error.closed" };
  // A recording becomes a podcast episode with the processed (and, if chosen, disguised) voice.
  const recording = s.audio.key ? await deps.privateFiles.read(s.audio.key) : null;
  const created = await createStory(deps, actor, {
    title: s.title || `Contribution n° ${s.id}`,
    slug: "",
    kind: recording ? "podcast" : "article",
    format: "single",
    standfirst: "",
    body: s.bodyMd || (recording ? "Témoignage reçu en audio : la transcription est à écrire sur la page de l'épisode." : ""),
    themeIds: [],
    seriesId: null,
    seriesPosition: null,
    credit: s.credit,
    contentNotes: parseContentNotes(s.contentNotes.join(",")),
    coverImageId: null,
    coverAlt: "",
    isFeatured: false,
  });
  if (!created.ok) return { ok: false, message: "admin.contributions.error.draftFailed" };
  await store.linkStory(deps.db, s.id, created.id, deps.clock.now().toISOString());
  if (recording) await attachEpisodeAudio(deps, created.id, recording, s.audio.durationMs ?? 0);
  return { ok: true, storyId: created.id };
}

/**
 * Sends the story's current version, everything the public would see included (credit, cover,
 * series, an episode's audio and transcript), to its author for approval.
 */
export async function sendForApproval(deps: ApprovalDeps, submissionId: number): Promise<ApprovalResult> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s?.storyId || s.state === "withdrawn" || s.state === "declined") return { ok: false, message: "admin.contributions.error.noVersion" };
  const recorded = await recordVersionForApproval(deps, s.storyId);
  if (!recorded) return { ok: false, message: "admin.contributions.error.noVersion" };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await store.insertConsentEvent(tx, { submissionId, event: "sent_for_approval", channels: [], versionId: recorded.revisionId, consentTextId: s.consentTextId, now: now.toISOString() });
    await store.updateSubmission(tx, submissionId, { state: "awaiting_approval", updated_at: now.toISOString() });
    if (s.email) await enqueueMail(tx, contributorMail(await siteIdentity(tx), deps.baseUrl, { email: s.email, locale: s.locale }, "awaiting_approval"), now);
  });
  return { ok: true };
}

export type PendingVersion = {
  versionId: number;
  storyId: number;
  version: StoryVersion;
  /** The version the author approved last, to compare with (null before a first approval). */
  lastApproved: StoryVersion | null;
  /** Whether the story still reads exactly like this version (an editor may have changed it since). */
  stillCurrent: boolean;
  /** Whether the author asked for anonymity after their last approval. */
  anonymityRequested: boolean;
};

/** The latest of the events that decide what may be published. */
function latestDecision(events: store.ConsentEvent[]) {
  return [...events].reverse().find((e) => e.event === "approved" || e.event === "withdrawn" || e.event === "anonymised") ?? null;
}

/** The version waiting for the author's approval, with the last one they approved. */
export async function pendingVersion(deps: ApprovalDeps, submissionId: number): Promise<PendingVersion | null> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s?.storyId || s.state !== "awaiting_approval") return null;
  const events = await store.listConsentEvents(deps.db, submissionId);
  const sent = [...events].reverse().find((e) => e.event === "sent_for_approval");
  if (!sent?.versionId) return null;
  const [pending, current] = await Promise.all([revisionVersion(deps, s.storyId, sent.versionId), workingFingerprint(deps, s.storyId)]);
  if (!pending) return null;
  const approved = [...events].reverse().find((e) => e.event === "approved");
  const lastApproved = approved?.versionId ? await revisionVersion(deps, s.storyId, approved.versionId) : null;
  return {
    versionId: sent.versionId,
    storyId: s.storyId,
    version: pending.version,
    lastApproved: lastApproved?.version ?? null,
    stillCurrent: current === pending.fingerprint,
    anonymityRequested: latestDecision(events)?.event === "anonymised",
  };
}

/** The audio file of the version awaiting approval, if it has one (played on the approval page). */
export async function pendingAudioKey(deps: ApprovalDeps, submissionId: number): Promise<string | null> {
  const pending = await pendingVersion(deps, submissionId);
  const episode = pending?.version.parts.episode;
  const key = episode && typeof episode === "object" ? (episode as { audioKey?: unknown }).audioKey : null;
  return typeof key === "string" && /^audio\/[a-f0-9]{24}\.mp3$/.test(key) ? key : null;
}

/**
 * Whether the version awaiting this author's approval shows the image (by storage key), as its
 * cover or in its text: the author sees it on the approval page before any reader can.
 */
export async function pendingVersionShowsImage(deps: ApprovalDeps, submissionId: number, key: string): Promise<boolean> {
  const version = (await pendingVersion(deps, submissionId))?.version;
  if (!version) return false;
  if (inlineImageKeys(version.body).includes(key)) return true;
  if (version.coverImageId === null) return false;
  return (await findImages(deps, [version.coverImageId])).get(version.coverImageId)?.key === key;
}

/** The author approves the version sent to them, for the channels they consented to. Refusals are catalogue keys. */
export async function approveVersion(deps: ApprovalDeps, submissionId: number, versionId: number): Promise<ApprovalResult> {
  const pending = await pendingVersion(deps, submissionId);
  if (!pending || pending.versionId !== versionId) return { ok: false, message: "followUp.error.versionNotPending" };
  if (!pending.stillCurrent) return { ok: false, message: "followUp.error.versionChanged" };
  if (pending.anonymityRequested && pending.version.credit.kind !== "anonymous") return { ok: false, message: "followUp.error.versionChanged" };
  const s = (await store.findSubmissionById(deps.db, submissionId)) as store.Submission;
  const given = [...(await store.listConsentEvents(deps.db, submissionId))].reverse().find((e) => e.event === "given");
  const now = deps.clock.now().toISOString();
  const editors = await editorialRecipients(deps);
  await deps.db.transaction().execute(async (tx) => {
    await store.insertConsentEvent(tx, { submissionId, event: "approved", channels: given?.channels ?? [], versionId, consentTextId: s.consentTextId, now });
    await store.updateSubmission(tx, submissionId, { state: "editing", updated_at: now });
    for (const to of editors) await enqueueMail(tx, editorMail(await siteIdentity(tx), deps.baseUrl, to, submissionId, "approved"), deps.clock.now());
  });
  return { ok: true };
}

/**
 * The publication guard for stories made from contributions: the version released must be the one
 * its author approved last, for the site, and after any request for anonymity it must be an
 * anonymous version approved after that request.
 */
export function approvalGuard(): PublicationGuard {
  return async (db: Queryable, storyId, version, fingerprint) => {
    const submission = await store.findSubmissionByStoryId(db, storyId);
    if (!submission) return null;
    if (submission.state === "withdrawn") return { key: "admin.approval.refusal.withdrawn" };
    const events = await store.listConsentEvents(db, submission.id);
    const decision = latestDecision(events);
    if (decision?.event === "anonymised") {
      return { key: "admin.approval.refusal.anonymityAsked" };
    }
    if (!decision || decision.event === "withdrawn" || decision.versionId === null) {
      return { key: "admin.approval.refusal.noApproval" };
    }
    if ((await revisionVersion({ db }, storyId, decision.versionId))?.fingerprint !== fingerprint) {
      return { key: "admin.approval.refusal.otherVersion" };
    }
    if (!decision.channels.includes("site")) return { key: "admin.approval.refusal.notOnSite" };
    if (events.some((e) => e.event === "anonymised") && version.credit.kind !== "anonymous") {
      return { key: "admin.approval.refusal.creditNotAnonymous" };
    }
    return null;
  };
}

/**
 * Which of the given stories may go out on a channel (the newsletter, say). A story made from a
 * contribution needs its author's latest decision to be an approval covering that channel; a story
 * the team wrote itself has no contributor to ask.
 */
export async function storiesAllowedOnChannel(deps: { db: Queryable }, storyIds: number[], channel: ConsentChannel): Promise<Set<number>> {
  const allowed = new Set<number>();
  for (const storyId of storyIds) {
    const submission = await store.findSubmissionByStoryId(deps.db, storyId);
    if (!submission) {
      allowed.add(storyId);
      continue;
    }
    if (submission.state === "withdrawn") continue;
    const decision = latestDecision(await store.listConsentEvents(deps.db, submission.id));
    if (decision?.event === "approved" && decision.channels.includes(channel)) allowed.add(storyId);
  }
  return allowed;
}

/** Tells a contributor who left an address that the story made from their text is scheduled or published. */
export function publicationMail(deps: { baseUrl: string }): StoryStatusListener {
  return async (tx, change) => {
    if (change.from === change.to || (change.to !== "scheduled" && change.to !== "published")) return;
    const submission = await store.findSubmissionByStoryId(tx, change.storyId);
    if (submission?.email && isOpen(submission.state)) await enqueueMail(tx, contributorMail(await siteIdentity(tx), deps.baseUrl, { email: submission.email, locale: submission.locale }, change.to), change.at);
  };
}

/**
 * When an author withdraws, a story made from the contribution leaves the site at once and the
 * version the team prepared from their text is deleted, audio included: the team no longer reads it.
 */
export async function withdrawLinkedStory(deps: ApprovalDeps, submissionId: number): Promise<void> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s?.storyId) return;
  await takeDownStory(deps, s.storyId);
  await detachEpisodeAudio(deps, s.storyId);
  await eraseEpisode(deps, s.storyId);
  await eraseStory(deps, s.storyId);
}

/** Erasure: the same, and nothing of the story remains (revisions, checklist, episode, listening counts). */
export async function eraseLinkedStory(deps: ApprovalDeps, storyId: number): Promise<void> {
  await takeDownStory(deps, storyId);
  await eraseEpisode(deps, storyId);
  await eraseStory(deps, storyId);
}

/**
 * The author asks to be anonymous: the credit becomes "Anonyme" at once, here and on any story
 * made from the contribution, and that story leaves the site until an anonymised version is
 * approved; the editors are asked to remove identifying details and send it back for approval.
 */
export async function anonymiseContribution(deps: ApprovalDeps, submissionId: number): Promise<boolean> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s) return false;
  const now = deps.clock.now();
  const editors = s.state === "draft" ? [] : await editorialRecipients(deps);
  await deps.db.transaction().execute(async (tx) => {
    for (const to of editors) await enqueueMail(tx, editorMail(await siteIdentity(tx), deps.baseUrl, to, submissionId, "anonymised"), now);
    await store.updateSubmission(tx, submissionId, { credit_kind: "anonymous", credit_name: "", credit_age: null, updated_at: now.toISOString(), ...(s.storyId && isOpen(s.state) ? { state: "editing" } : {}) });
    await store.insertConsentEvent(tx, { submissionId, event: "anonymised", channels: [], versionId: null, consentTextId: s.consentTextId, now: now.toISOString() });
    await store.insertMessage(tx, {
      submissionId,
      author: "contributor",
      editorId: null,
      isInternal: false,
      body: "Je demande l'anonymisation de mon témoignage : merci de retirer les détails qui pourraient me faire reconnaître, puis de m'envoyer la nouvelle version.",
      hasCrisisSignal: false,
      now: now.toISOString(),
    });
  });
  if (s.storyId) await anonymiseStory(deps, s.storyId);
  return true;
}
