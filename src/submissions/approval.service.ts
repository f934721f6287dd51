import { diffWordsWithSpace } from "diff";
import type { FileStore } from "../platform/files/file-store.js";
import type { Viewer } from "../platform/http/access.js";
import { enqueueMail } from "../platform/mail/outbox.js";
import { createStory, type PublicationGuard, type StoryEditDeps, type StoryStatusListener } from "../stories/story-editing.service.js";
import {
  anonymiseStoryCredit,
  latestRevision,
  revisionFingerprint,
  revisionSnapshot,
  takeDownStory,
} from "../stories/story-publication.service.js";
import { contentFingerprint } from "../stories/story-snapshot.js";
import { parseContentNotes } from "../stories/story.js";
import { editorialEmails } from "../accounts/account.service.js";
import { attachEpisodeAudio, detachEpisodeAudio } from "../podcasts/episode.service.js";
import { contributorMail, editorMail } from "./contribution-mail.js";
import { isOpen } from "./submission.js";
import * as store from "./submission.store.js";
import type { SubmissionDeps } from "./submission.service.js";

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
  if (!s || s.state === "draft") return { ok: false, message: "Cette contribution n'existe pas." };
  if (s.storyId !== null) return { ok: true, storyId: s.storyId };
  if (s.state === "withdrawn" || s.state === "declined") return { ok: false, message: "Cette contribution est close." };
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
  if (!created.ok) return { ok: false, message: "Le brouillon n'a pas pu être créé." };
  await store.linkStory(deps.db, s.id, created.id, deps.clock.now().toISOString());
  if (recording) await attachEpisodeAudio(deps, created.id, recording, s.audio.durationMs ?? 0);
  return { ok: true, storyId: created.id };
}

/** Sends the story's current version to its author for approval. */
export async function sendForApproval(deps: ApprovalDeps, submissionId: number): Promise<ApprovalResult> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s?.storyId || s.state === "withdrawn" || s.state === "declined") return { ok: false, message: "Aucune version à envoyer." };
  const latest = await latestRevision(deps, s.storyId);
  if (!latest) return { ok: false, message: "Aucune version à envoyer." };
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await store.insertConsentEvent(tx, { submissionId, event: "sent_for_approval", channels: [], versionId: latest.id, consentTextId: s.consentTextId, now: now.toISOString() });
    await store.updateSubmission(tx, submissionId, { state: "awaiting_approval", updated_at: now.toISOString() });
    if (s.email) await enqueueMail(tx, contributorMail(deps.baseUrl, s.email, "awaiting_approval"), now);
  });
  return { ok: true };
}

export type PendingVersion = {
  versionId: number;
  title: string;
  body: string;
  diff: Array<{ value: string; added?: boolean; removed?: boolean }>;
  stillCurrent: boolean;
};

/** The version waiting for the author's approval, with the differences from what they sent. */
export async function pendingVersion(deps: ApprovalDeps, submissionId: number): Promise<PendingVersion | null> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s?.storyId || s.state !== "awaiting_approval") return null;
  const sent = [...(await store.listConsentEvents(deps.db, submissionId))].reverse().find((e) => e.event === "sent_for_approval");
  if (!sent?.versionId) return null;
  const latest = await latestRevision(deps, s.storyId);
  const snap = await revisionSnapshot(deps, s.storyId, sent.versionId);
  if (!snap || !latest) return null;
  const sentFingerprint = contentFingerprint(snap);
  return {
    versionId: sent.versionId,
    title: snap.title,
    body: snap.body,
    diff: diffWordsWithSpace(s.bodyMd, snap.body).map((p) => ({ value: p.value, added: p.added, removed: p.removed })),
    stillCurrent: latest.fingerprint === sentFingerprint,
  };
}

/** The author approves the version sent to them, for the channels they consented to. Refusals are catalogue keys. */
export async function approveVersion(deps: ApprovalDeps, submissionId: number, versionId: number): Promise<ApprovalResult> {
  const pending = await pendingVersion(deps, submissionId);
  if (!pending || pending.versionId !== versionId) return { ok: false, message: "followUp.error.versionNotPending" };
  if (!pending.stillCurrent) return { ok: false, message: "followUp.error.versionChanged" };
  const s = (await store.findSubmissionById(deps.db, submissionId)) as store.Submission;
  const given = [...(await store.listConsentEvents(deps.db, submissionId))].reverse().find((e) => e.event === "given");
  const now = deps.clock.now().toISOString();
  const editors = await editorialEmails(deps);
  await deps.db.transaction().execute(async (tx) => {
    await store.insertConsentEvent(tx, { submissionId, event: "approved", channels: given?.channels ?? [], versionId, consentTextId: s.consentTextId, now });
    await store.updateSubmission(tx, submissionId, { state: "editing", updated_at: now });
    for (const to of editors) await enqueueMail(tx, editorMail(deps.baseUrl, to, submissionId, "approved"), deps.clock.now());
  });
  return { ok: true };
}

/** The publication guard for stories made from contributions. */
export function approvalGuard(deps: Pick<ApprovalDeps, "db">): PublicationGuard {
  return async (storyId, fingerprint) => {
    const submission = await store.findSubmissionByStoryId(deps.db, storyId);
    if (!submission) return null;
    if (submission.state === "withdrawn") return "Son auteur ou son autrice a retiré ce témoignage.";
    const approved = [...(await store.listConsentEvents(deps.db, submission.id))].reverse().find((e) => e.event === "approved" || e.event === "withdrawn");
    if (!approved || approved.event === "withdrawn" || approved.versionId === null) {
      return "L'auteur ou l'autrice n'a pas encore approuvé de version : envoyez-lui celle-ci pour accord avant de publier.";
    }
    if ((await revisionFingerprint(deps, storyId, approved.versionId)) !== fingerprint) {
      return "Le texte a changé depuis la version approuvée par l'auteur ou l'autrice : envoyez-lui la nouvelle version pour accord.";
    }
    if (!approved.channels.includes("site")) return "L'auteur ou l'autrice n'a pas accepté la publication sur le site.";
    return null;
  };
}

/** Tells a contributor who left an address that the story made from their text is scheduled or published. */
export function publicationMail(deps: { baseUrl: string }): StoryStatusListener {
  return async (tx, change) => {
    if (change.from === change.to || (change.to !== "scheduled" && change.to !== "published")) return;
    const submission = await store.findSubmissionByStoryId(tx, change.storyId);
    if (submission?.email && isOpen(submission.state)) await enqueueMail(tx, contributorMail(deps.baseUrl, submission.email, change.to), change.at);
  };
}

/** When an author withdraws or erases, a story made from the contribution leaves the site at once. */
export async function takeDownLinkedStory(deps: ApprovalDeps, submissionId: number): Promise<void> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s?.storyId) return;
  await takeDownStory(deps, s.storyId);
  // Withdrawn means the voice goes too, not only the page.
  await detachEpisodeAudio(deps, s.storyId);
}

/**
 * The author asks to be anonymous: the credit becomes "Anonyme" at once, here and on any story
 * made from the contribution; the editors are asked to remove identifying details and to send
 * the result back for approval.
 */
export async function anonymiseContribution(deps: ApprovalDeps, submissionId: number): Promise<boolean> {
  const s = await store.findSubmissionById(deps.db, submissionId);
  if (!s) return false;
  const now = deps.clock.now();
  const editors = s.state === "draft" ? [] : await editorialEmails(deps);
  await deps.db.transaction().execute(async (tx) => {
    for (const to of editors) await enqueueMail(tx, editorMail(deps.baseUrl, to, submissionId, "anonymised"), now);
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
  if (s.storyId) await anonymiseStoryCredit(deps, s.storyId);
  return true;
}
