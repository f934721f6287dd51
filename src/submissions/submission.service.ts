import { editorialRecipients } from "../accounts/account.service.js";
import type { Db, Queryable } from "../database.js";
import type { Clock } from "../platform/clock.js";
import type { FileStore } from "../platform/files/file-store.js";
import { enqueueJob } from "../platform/jobs/job-queue.js";
import type { Viewer } from "../platform/http/access.js";
import type { Locale } from "../platform/i18n/locale.js";
import type { Recipient } from "../platform/mail/mailer.js";
import { enqueueMail } from "../platform/mail/outbox.js";
import { frenchThat } from "../platform/i18n/translate.js";
import { siteIdentity } from "../settings/site-identity.js";
import { contributorMail, contributorMessageMail, newContributionMail } from "./contribution-mail.js";
import { AUDIO_JOB, dropAudioSource, jobSubject } from "./audio/contribution-audio.service.js";
import { assessCrisisSignal } from "../safety/crisis-signal.js";
import { generateReceipt, hashReceipt } from "./receipt.js";
import { type ContributionDraft, EDITOR_STATES, isOpen, type SubmissionState } from "./submission.js";
import { findConsentText } from "./calls/call.store.js";
import * as store from "./submission.store.js";

export type SubmissionDeps = {
  db: Db;
  clock: Clock;
  baseUrl: string;
  /** Instance secret, generated once and shared by every app instance (settings table). */
  receiptSalt: Buffer;
  /** Instance secret the receipt on its way to its page is encrypted under (receipt-flash.ts). */
  sealingSecret: string;
  /** Contributors' recordings, never served as files (contribution-audio.service.ts). */
  privateFiles: FileStore;
  /** A private local folder for ffmpeg's copies (contribution-audio.service.ts). */
  workDir: string;
};

/**
 * The general consent text (free contributions), naming the site as its settings name it now: the
 * wording shown above the consent box is the one recorded with the consent.
 */
export function generalConsentText(siteName: string): string {
  return [
    // The uses are chosen above this text, in the form: it points up to them.
    `J'accepte ${frenchThat(siteName)} conserve mon texte pour le lire et le publier par les moyens que j'ai cochés plus haut.`,
    "Rien ne sera publié sans que j'aie relu et approuvé la version finale, pour chaque usage.",
    "Je peux à tout moment, avec mon reçu, retirer mon témoignage, demander qu'il soit anonymisé ou tout effacer.",
  ].join(" ");
}

/**
 * The general consent text under the site's current name, and its row. Consent texts are evidence
 * of what each person agreed to: a new wording (the site was renamed) is a new row, and the rows
 * past consents point to are never rewritten, even when they name the site as it was then.
 */
async function currentConsentText(deps: Pick<SubmissionDeps, "db" | "clock">): Promise<{ id: number; bodyMd: string }> {
  const bodyMd = generalConsentText((await siteIdentity(deps.db)).name);
  const existing = await store.findConsentTextByBody(deps.db, bodyMd);
  if (existing !== null) return { id: existing, bodyMd };
  return { id: await store.insertConsentText(deps.db, bodyMd, deps.clock.now().toISOString()), bodyMd };
}

export function consentText(deps: Pick<SubmissionDeps, "db" | "clock">) {
  return currentConsentText(deps);
}

/** The consent text a contribution was saved under: the one its author accepts by sending it. */
export async function consentTextOf(deps: Pick<SubmissionDeps, "db">, submission: Pick<store.Submission, "consentTextId">): Promise<string> {
  return (await findConsentText(deps.db, submission.consentTextId)) ?? "";
}

export type Started = { id: number; receipt: string; hasCrisisSignal: boolean; sent: boolean };

/**
 * Stores a contribution and returns its receipt, shown once. Sending records the consent given
 * for each chosen channel and tells the editors; saving a draft does neither. Nothing about the
 * person is kept beyond what they typed. Returns null, and writes nothing, when the form's
 * one-time token was already used: the same form sent twice never makes a second contribution.
 */
export async function startContribution(
  deps: SubmissionDeps,
  draft: ContributionDraft,
  opts: {
    send: boolean;
    callId: number | null;
    consentTextId?: number;
    formToken: string;
    /** The language of the page it is sent from: the mails to its author will be in it. */
    locale: Locale;
    audio?: { sourceKey: string; disguise: string };
  },
): Promise<Started | null> {
  const receipt = generateReceipt();
  const receiptHash = await hashReceipt(receipt, deps.receiptSalt);
  const crisis = assessCrisisSignal(`${draft.title}\n${draft.body}`);
  // A call brings its own consent text; a free contribution takes the current general one.
  const consent = opts.consentTextId ? { id: opts.consentTextId } : await currentConsentText(deps);
  const now = deps.clock.now().toISOString();
  const editors = opts.send ? await editorialRecipients(deps) : [];
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
      formToken: opts.formToken,
      locale: opts.locale,
      now,
    });
    if (id === null) return null;
    // The source is already on disk (fsynced, renamed); its processing is queued with the row.
    if (opts.audio) await enqueueJob(tx, { kind: AUDIO_JOB, subject: jobSubject(id), payload: { submissionId: id, disguise: opts.audio.disguise } }, deps.clock.now());
    if (opts.send) {
      await store.insertConsentEvent(tx, { submissionId: id, event: "given", channels: draft.channels, versionId: null, consentTextId: consent.id, now });
      for (const to of editors) {
        await enqueueMail(tx, newContributionMail(await siteIdentity(tx), deps.baseUrl, to, id, crisis.level === "acute"), deps.clock.now());
      }
    }
    return id;
  });
  return id === null ? null : { id, receipt, hasCrisisSignal: crisis.level === "acute", sent: opts.send };
}

/** Whether a contribution was already made with this form (checked before the slow work of a new one). */
export function isFormAlreadySent(deps: Pick<SubmissionDeps, "db">, formToken: string): Promise<boolean> {
  return store.isFormTokenUsed(deps.db, formToken);
}

// --- follow-up (/suivi) --------------------------------------------------------------------

const FOLLOW_UP_MINUTES = 30;

/** Finds the contribution a receipt opens, or null. */
export async function openWithReceipt(deps: SubmissionDeps, receipt: string): Promise<store.Submission | null> {
  return store.findSubmissionByReceiptHash(deps.db, await hashReceipt(receipt, deps.receiptSalt));
}

/**
 * After the receipt was checked once, a short-lived cookie stands for it, so the receipt itself
 * never travels again nor appears in any address. Its value names the contribution, the follow-up
 * generation it was made for and when it ends; the routes sign it (platform/http/cookies.ts).
 */
export async function followUpToken(deps: Pick<SubmissionDeps, "db" | "clock">, submissionId: number): Promise<string> {
  const generation = (await store.findFollowUpGeneration(deps.db, submissionId)) ?? 0;
  const expires = deps.clock.now().getTime() + FOLLOW_UP_MINUTES * 60_000;
  return `${submissionId}.${generation}.${expires}`;
}

/** The contribution a (verified) follow-up cookie value opens, or null: expired, closed or gone. */
export async function readFollowUpToken(deps: Pick<SubmissionDeps, "db" | "clock">, token: string | null): Promise<number | null> {
  const m = token ? /^(\d{1,10})\.(\d{1,10})\.(\d{1,15})$/.exec(token) : null;
  if (!m) return null;
  if (Number(m[3]) < deps.clock.now().getTime()) return null;
  const id = Number(m[1]);
  return (await store.findFollowUpGeneration(deps.db, id)) === Number(m[2]) ? id : null;
}

/** "Fermer": every follow-up cookie of this contribution stops working, copies included. */
export async function closeFollowUp(deps: Pick<SubmissionDeps, "db">, submissionId: number): Promise<void> {
  await store.advanceFollowUpGeneration(deps.db, submissionId);
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
  const editors = await editorialRecipients(deps);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await store.insertMessage(tx, { submissionId, author: "contributor", editorId: null, isInternal: false, body, hasCrisisSignal: crisis.level === "acute", now });
    const patch: Parameters<typeof store.updateSubmission>[2] = { updated_at: now };
    if (crisis.level === "acute") Object.assign(patch, { has_crisis_signal: 1, crisis_score: Math.max(submission.crisisScore, crisis.score) });
    await store.updateSubmission(tx, submissionId, patch);
    for (const to of editors) {
      await enqueueMail(tx, contributorMessageMail(await siteIdentity(tx), deps.baseUrl, to, submissionId, crisis.level === "acute"), deps.clock.now());
    }
  });
  return { ok: true, hasCrisisSignal: crisis.level === "acute" };
}

/**
 * What sending a draft writes, in the caller's transaction: the state the team sees, the consent
 * given for the chosen channels, and the editors' mail.
 */
export async function recordSending(
  tx: Queryable,
  deps: Pick<SubmissionDeps, "baseUrl" | "clock">,
  submission: Pick<store.Submission, "id" | "consentTextId" | "hasCrisisSignal">,
  channels: string[],
  editors: Recipient[],
): Promise<void> {
  const now = deps.clock.now().toISOString();
  await store.updateSubmission(tx, submission.id, { state: "received", updated_at: now });
  await store.insertConsentEvent(tx, { submissionId: submission.id, event: "given", channels, versionId: null, consentTextId: submission.consentTextId, now });
  for (const to of editors) await enqueueMail(tx, newContributionMail(await siteIdentity(tx), deps.baseUrl, to, submission.id, submission.hasCrisisSignal), deps.clock.now());
}

/** Why a draft was not sent: it is no longer a draft (sent already, from another tab, or withdrawn), or its recording is still being processed. */
export type SendDraftResult = { ok: true } | { ok: false; reason: "not_draft" | "audio_not_ready" };

/** Sends a saved draft as it is: the same as sending at once, from the follow-up page. */
export async function sendDraft(deps: SubmissionDeps, submissionId: number, channels: string[]): Promise<SendDraftResult> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (submission?.state !== "draft") return { ok: false, reason: "not_draft" };
  // A recording is sent only once its author could listen to the processed result.
  if (submission.format === "audio" && !submission.audio.key) return { ok: false, reason: "audio_not_ready" };
  const editors = await editorialRecipients(deps);
  await deps.db.transaction().execute((tx) => recordSending(tx, deps, submission, channels, editors));
  await dropAudioSource(deps, submissionId);
  return { ok: true };
}

// --- editors -------------------------------------------------------------------------------

/** Crisis signals nobody has taken yet, and contributions whose author wrote since the team last dealt with their messages. */
export async function urgentContributions(deps: Pick<SubmissionDeps, "db">): Promise<store.TriageItem[]> {
  return store.listSubmissionsForTriage(deps.db, { urgentOnly: true }, 50);
}

export async function triage(deps: Pick<SubmissionDeps, "db">, filter: store.TriageFilter) {
  const [items, counts] = await Promise.all([store.listSubmissionsForTriage(deps.db, filter, 200), store.countSubmissionsByState(deps.db)]);
  return { items, counts };
}

export async function editorView(deps: Pick<SubmissionDeps, "db">, id: number) {
  const found = await store.findSubmissionById(deps.db, id);
  if (!found || found.state === "draft") return null;
  const [messages, consents] = await Promise.all([store.listMessages(deps.db, id, true), store.listConsentEvents(deps.db, id)]);
  // A withdrawn text is no longer read by the team: only its author still can, until it is erased.
  const submission = found.state === "withdrawn" ? { ...found, title: "", bodyMd: "" } : found;
  const decision = [...consents].reverse().find((e) => e.event === "approved" || e.event === "withdrawn" || e.event === "anonymised");
  return { submission, messages, consents, anonymityRequested: decision?.event === "anonymised" };
}

/**
 * A message from the team to the person: shown on their follow-up page and announced by e-mail
 * when they left an address. The messages the editor saw when writing it are dealt with.
 */
export async function sendMessageToContributor(deps: SubmissionDeps, actor: Viewer, id: number, input: { body: string; seenUpTo: number }): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || submission.state === "draft") return false;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await store.insertMessage(tx, { submissionId: id, author: "editor", editorId: actor.id, isInternal: false, body: input.body, hasCrisisSignal: false, now: now.toISOString() });
    await store.markMessagesRead(tx, id, input.seenUpTo);
    if (submission.email) await enqueueMail(tx, contributorMail(await siteIdentity(tx), deps.baseUrl, { email: submission.email, locale: submission.locale }, "message"), now);
  });
  return true;
}

/** A note for the team only: never shown to the person, never announced. */
export async function addInternalNote(deps: Pick<SubmissionDeps, "db" | "clock">, actor: Viewer, id: number, input: { body: string; seenUpTo: number }): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || submission.state === "draft") return false;
  await deps.db.transaction().execute(async (tx) => {
    await store.insertMessage(tx, { submissionId: id, author: "editor", editorId: actor.id, isInternal: true, body: input.body, hasCrisisSignal: false, now: deps.clock.now().toISOString() });
    await store.markMessagesRead(tx, id, input.seenUpTo);
  });
  return true;
}

/** An editor read the person's messages and has nothing to answer: they are no longer new. */
export async function markMessagesRead(deps: Pick<SubmissionDeps, "db">, id: number, seenUpTo: number): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || submission.state === "draft") return false;
  await store.markMessagesRead(deps.db, id, seenUpTo);
  return true;
}

/**
 * Moves a contribution to another state inside the caller's transaction. The contributor hears
 * when reading starts and when the text is declined, once per move; other moves are the team's business.
 */
async function moveState(tx: Queryable, deps: Pick<SubmissionDeps, "baseUrl">, submission: store.Submission, state: SubmissionState, now: Date): Promise<void> {
  const notice = state !== submission.state && (state === "reading" || state === "declined") ? state : null;
  await store.updateSubmission(tx, submission.id, { state, updated_at: now.toISOString(), closed_at: state === "declined" ? now.toISOString() : null });
  if (notice && submission.email) await enqueueMail(tx, contributorMail(await siteIdentity(tx), deps.baseUrl, { email: submission.email, locale: submission.locale }, notice), now);
}

/** Why a state change did not happen: a state editors may not choose, no such sent contribution, or one already closed (declined or withdrawn). */
export type StateChangeResult = { ok: true } | { ok: false; reason: "not_allowed" | "not_found" | "closed" };

export async function changeContributionState(
  deps: Pick<SubmissionDeps, "db" | "clock" | "baseUrl">,
  id: number,
  state: SubmissionState,
): Promise<StateChangeResult> {
  if (!EDITOR_STATES.includes(state)) return { ok: false, reason: "not_allowed" };
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || submission.state === "draft") return { ok: false, reason: "not_found" };
  if (!isOpen(submission.state)) return { ok: false, reason: "closed" };
  const now = deps.clock.now();
  await deps.db.transaction().execute((tx) => moveState(tx, deps, submission, state, now));
  return { ok: true };
}

/** "Je la prends": the editor follows it, and a contribution nobody had opened starts being read, as its author then sees. */
export async function assignContribution(deps: Pick<SubmissionDeps, "db" | "clock" | "baseUrl">, actor: Viewer, id: number): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, id);
  if (!submission || submission.state === "draft") return false;
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (tx) => {
    await store.updateSubmission(tx, id, { assignee_id: actor.id });
    if (submission.state === "received") await moveState(tx, deps, submission, "reading", now);
  });
  return true;
}
