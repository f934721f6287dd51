import { createHmac, timingSafeEqual } from "node:crypto";
import { editorialEmails } from "../accounts/account.service.js";
import type { Db } from "../database.js";
import type { Clock } from "../platform/clock.js";
import type { FileStore } from "../platform/files/file-store.js";
import { enqueueJob, forgetJobsFor } from "../platform/jobs/job-queue.js";
import type { Viewer } from "../platform/http/access.js";
import { enqueueMail } from "../platform/mail/outbox.js";
import { contributorMail, editorMail } from "./contribution-mail.js";
import { AUDIO_JOB, dropAudioSource, jobSubject, removeContributionAudio } from "./contribution-audio.service.js";
import { assessCrisisSignal } from "../safety/crisis-signal.js";
import { generateReceipt, hashReceipt } from "./receipt.js";
import { type ContributionDraft, EDITOR_STATES, isOpen, type SubmissionState } from "./submission.js";
import * as store from "./submission.store.js";

export type SubmissionDeps = {
  db: Db;
  clock: Clock;
  baseUrl: string;
  /** Instance secrets, generated once and shared by every app instance (settings table). */
  receiptSalt: Buffer;
  followUpSecret: string;
  /** Contributors' recordings, never served as files (contribution-audio.service.ts). */
  privateFiles: FileStore;
};

// The consent text used when none was written yet by the editors.
export const DEFAULT_CONSENT_TEXT = [
  "J'accepte qu'Entre Pairs conserve mon texte pour le lire et, si je le choisis ci-dessous, le publier.",
  "Rien ne sera publié sans que j'aie relu et approuvé la version finale, pour chaque usage.",
  "Je peux à tout moment, avec mon reçu, retirer mon témoignage, demander qu'il soit anonymisé ou tout effacer.",
].join(" ");

async function currentConsentText(deps: Pick<SubmissionDeps, "db" | "clock">): Promise<{ id: number; bodyMd: string }> {
  const existing = await store.latestConsentText(deps.db);
  if (existing) return existing;
  const id = await store.insertConsentText(deps.db, DEFAULT_CONSENT_TEXT, deps.clock.now().toISOString());
  return { id, bodyMd: DEFAULT_CONSENT_TEXT };
}

export function consentText(deps: Pick<SubmissionDeps, "db" | "clock">) {
  return currentConsentText(deps);
}

export type Started = { id: number; receipt: string; hasCrisisSignal: boolean; sent: boolean };

/**
 * Stores a contribution and returns its receipt, shown once. Sending records the consent given
 * for each chosen channel and tells the editors; saving a draft does neither. Nothing about the
 * person is kept beyond what they typed.
 */
export async function startContribution(
  deps: SubmissionDeps,
  draft: ContributionDraft,
  opts: { send: boolean; callId: number | null; consentTextId?: number; audio?: { sourceKey: string; disguise: string } },
): Promise<Started> {
  const receipt = generateReceipt();
  const receiptHash = await hashReceipt(receipt, deps.receiptSalt);
  const crisis = assessCrisisSignal(`${draft.title}\n${draft.body}`);
  // A call brings its own consent text; a free contribution takes the current general one.
  const consent = opts.consentTextId ? { id: opts.consentTextId } : await currentConsentText(deps);
  const now = deps.clock.now().toISOString();
  const editors = opts.send ? await editorialEmails(deps) : [];
  const id = await deps.db.transaction().execute(async (tx) => {
    const id = await store.insertSubmission(tx, {
      receiptHash,
      callId: opts.callId,
      state: opts.send ? "received" : "draft",
      title: draft.title,
      bodyMd: draft.body,
      credit: { kind: draft.credit.kind, name: draft.credit.kind === "anonymous" ? "" : draft.credit.name, age: draft.credit.age },
      contentNotes: draft.contentNotes,
      consentTextId: consent.id,
      email: draft.email,
      crisisScore: crisis.score,
      hasCrisisSignal: crisis.level === "acute",
      audio: opts.audio,
      now,
    });
    // The source is already on disk (fsynced, renamed); its processing is queued with the row.
    if (opts.audio) await enqueueJob(tx, { kind: AUDIO_JOB, subject: jobSubject(id), payload: { submissionId: id, disguise: opts.audio.disguise } }, deps.clock.now());
    if (opts.send) {
      await store.insertConsentEvent(tx, { submissionId: id, event: "given", channels: draft.channels, versionId: null, consentTextId: consent.id, now });
      for (const to of editors) {
        await enqueueMail(tx, newContributionMail(deps.baseUrl, id, crisis.level === "acute", to), deps.clock.now());
      }
    }
    return id;
  });
  return { id, receipt, hasCrisisSignal: crisis.level === "acute", sent: opts.send };
}

function newContributionMail(baseUrl: string, id: number, crisis: boolean, to: string) {
  return {
    to,
    subject: crisis ? "Entre Pairs : nouvelle contribution, signal de crise à lire en priorité" : "Entre Pairs : nouvelle contribution",
    text: [
      crisis
        ? "Une nouvelle contribution contient des signes de détresse aiguë. Merci de la lire en priorité."
        : "Une nouvelle contribution vient d'arriver.",
      `${baseUrl}/admin/contributions/${id}`,
      "",
      "Par discrétion, ce courriel ne contient pas le texte.",
    ].join("\n"),
  };
}

// --- follow-up (/suivi) --------------------------------------------------------------------

const FOLLOW_UP_MINUTES = 30;

/** Finds the contribution a receipt opens, or null. */
export async function openWithReceipt(deps: SubmissionDeps, receipt: string): Promise<store.Submission | null> {
  return store.findSubmissionByReceiptHash(deps.db, await hashReceipt(receipt, deps.receiptSalt));
}

/**
 * After the receipt was checked once, a signed, short-lived token in a cookie stands for it, so
 * the receipt itself never travels again nor appears in any address.
 */
export function followUpToken(deps: Pick<SubmissionDeps, "followUpSecret" | "clock">, submissionId: number): string {
  const expires = deps.clock.now().getTime() + FOLLOW_UP_MINUTES * 60_000;
  const payload = `${submissionId}.${expires}`;
  return `${payload}.${createHmac("sha256", deps.followUpSecret).update(payload).digest("base64url")}`;
}

export function readFollowUpToken(deps: Pick<SubmissionDeps, "followUpSecret" | "clock">, token: string | undefined): number | null {
  if (!token) return null;
  const m = /^(\d{1,10})\.(\d{1,15})\.([\w-]{43})$/.exec(token);
  if (!m) return null;
  const expected = createHmac("sha256", deps.followUpSecret).update(`${m[1]}.${m[2]}`).digest("base64url");
  const a = Buffer.from(expected);
  const b = Buffer.from(m[3] as string);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  if (Number(m[2]) < deps.clock.now().getTime()) return null;
  return Number(m[1]);
}

export type FollowUp = { submission: store.Submission; messages: store.Message[]; consents: store.ConsentEvent[] };

export async function followUp(deps: Pick<SubmissionDeps, "db">, submissionId: number): Promise<FollowUp | null> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission) return null;
  const [messages, consents] = await Promise.all([store.listMessages(deps.db, submissionId, false), store.listConsentEvents(deps.db, submissionId)]);
  return { submission, messages, consents };
}

export type MessageResult = { ok: true; hasCrisisSignal: boolean } | { ok: false; reason: "closed" | "missing" };

export async function sendContributorMessage(deps: SubmissionDeps, submissionId: number, body: string): Promise<MessageResult> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission) return { ok: false, reason: "missing" };
  if (!isOpen(submission.state)) return { ok: false, reason: "closed" };
  const crisis = assessCrisisSignal(body);
  const editors = await editorialEmails(deps);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await store.insertMessage(tx, { submissionId, author: "contributor", editorId: null, isInternal: false, body, hasCrisisSignal: crisis.level === "acute", now });
    const patch: Parameters<typeof store.updateSubmission>[2] = { updated_at: now };
    if (crisis.level === "acute") Object.assign(patch, { has_crisis_signal: 1, crisis_score: Math.max(submission.crisisScore, crisis.score) });
    await store.updateSubmission(tx, submissionId, patch);
    for (const to of editors) {
      await enqueueMail(
        tx,
        {
          to,
          subject: crisis.level === "acute" ? "Entre Pairs : message d'un contributeur, signal de crise" : "Entre Pairs : nouveau message d'un contributeur",
          text: `Un contributeur a écrit.\n${deps.baseUrl}/admin/contributions/${submissionId}\n\nPar discrétion, ce courriel ne contient pas le message.`,
        },
        deps.clock.now(),
      );
    }
  });
  return { ok: true, hasCrisisSignal: crisis.level === "acute" };
}

/** The contributor takes the contribution back: nothing of it is read or published any more. */
export async function withdrawContribution(deps: SubmissionDeps, submissionId: number): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission || submission.state === "withdrawn") return false;
  await removeContributionAudio(deps, submissionId);
  const now = deps.clock.now().toISOString();
  // A draft was never sent: the editors do not know it and are not told.
  const editors = submission.state === "draft" ? [] : await editorialEmails(deps);
  await deps.db.transaction().execute(async (tx) => {
    await store.updateSubmission(tx, submissionId, { state: "withdrawn", closed_at: now, updated_at: now });
    await store.insertConsentEvent(tx, { submissionId, event: "withdrawn", channels: ["site", "newsletter", "podcast", "editing"], versionId: null, consentTextId: submission.consentTextId, now });
    for (const to of editors) await enqueueMail(tx, editorMail(deps.baseUrl, to, submissionId, "withdrawn"), deps.clock.now());
  });
  return true;
}

/** Erases the contribution, its messages and consent history, now. The receipt opens nothing afterwards. */
export async function eraseContribution(deps: SubmissionDeps, submissionId: number): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission) return false;
  const editors = submission.state === "draft" ? [] : await editorialEmails(deps);
  await removeContributionAudio(deps, submissionId);
  await forgetJobsFor(deps.db, jobSubject(submissionId));
  await deps.db.transaction().execute(async (tx) => {
    // Messages and consent events go with it (ON DELETE CASCADE).
    await store.deleteSubmission(tx, submissionId);
    for (const to of editors) await enqueueMail(tx, editorMail(deps.baseUrl, to, submissionId, "erased"), deps.clock.now());
  });
  return true;
}

/** Sends a saved draft: the same as sending at once, from the follow-up page. */
export async function sendDraft(deps: SubmissionDeps, submissionId: number, channels: string[]): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (submission?.state !== "draft") return false;
  // A recording is sent only once its author could listen to the processed result.
  if (submission.format === "audio" && !submission.audio.key) return false;
  const editors = await editorialEmails(deps);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await store.updateSubmission(tx, submissionId, { state: "received", updated_at: now });
    await store.insertConsentEvent(tx, { submissionId, event: "given", channels, versionId: null, consentTextId: submission.consentTextId, now });
    for (const to of editors) await enqueueMail(tx, newContributionMail(deps.baseUrl, submissionId, submission.hasCrisisSignal, to), deps.clock.now());
  });
  await dropAudioSource(deps, submissionId);
  return true;
}

// --- editors -------------------------------------------------------------------------------

export async function triage(deps: Pick<SubmissionDeps, "db">, filter: store.TriageFilter) {
  const [items, counts] = await Promise.all([store.listSubmissionsForTriage(deps.db, filter, 200), store.countSubmissionsByState(deps.db)]);
  return { items, counts };
}

export async function editorView(deps: Pick<SubmissionDeps, "db">, id: number) {
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || submission.state === "draft") return null;
  const [messages, consents] = await Promise.all([store.listMessages(deps.db, id, true), store.listConsentEvents(deps.db, id)]);
  return { submission, messages, consents };
}

export async function sendEditorMessage(
  deps: SubmissionDeps,
  actor: Viewer,
  id: number,
  input: { body: string; isInternal: boolean },
): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || submission.state === "draft") return false;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await store.insertMessage(tx, { submissionId: id, author: "editor", editorId: actor.id, isInternal: input.isInternal, body: input.body, hasCrisisSignal: false, now: now.toISOString() });
    // A reply to the contributor is announced by e-mail when they left an address; the text stays on the site.
    if (!input.isInternal && submission.email) await enqueueMail(tx, contributorMail(deps.baseUrl, submission.email, "message"), now);
  });
  return true;
}

export async function changeContributionState(
  deps: Pick<SubmissionDeps, "db" | "clock" | "baseUrl">,
  id: number,
  state: SubmissionState,
): Promise<boolean> {
  if (!EDITOR_STATES.includes(state)) return false;
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || !isOpen(submission.state) || submission.state === "draft") return false;
  const now = deps.clock.now();
  // The contributor hears when reading starts and when the text is declined; other moves are the team's business.
  const notice = state !== submission.state && (state === "reading" || state === "declined") ? state : null;
  await deps.db.transaction().execute(async (tx) => {
    await store.updateSubmission(tx, id, { state, updated_at: now.toISOString(), closed_at: state === "declined" ? now.toISOString() : null });
    if (notice && submission.email) await enqueueMail(tx, contributorMail(deps.baseUrl, submission.email, notice), now);
  });
  return true;
}

export async function assignContribution(deps: Pick<SubmissionDeps, "db">, id: number, assigneeId: number | null): Promise<void> {
  await store.updateSubmission(deps.db, id, { assignee_id: assigneeId });
}

// --- retention -----------------------------------------------------------------------------

/** Declined and withdrawn contributions are kept this long, then erased with their receipt. */
export const DEFAULT_RETENTION_DAYS = 90;

export async function eraseExpiredContributions(deps: Pick<SubmissionDeps, "db" | "clock" | "privateFiles">, retentionDays = DEFAULT_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000).toISOString();
  const ids = await store.listExpiredSubmissionIds(deps.db, cutoff);
  // Already closed: erased without telling anyone.
  for (const id of ids) {
    await removeContributionAudio(deps, id);
    await forgetJobsFor(deps.db, jobSubject(id));
    await store.deleteSubmission(deps.db, id);
  }
  return ids.length;
}
