import { editorialRecipients } from "../../accounts/account.service.js";
import { checkpointAfterErasure } from "../../platform/db/dialect.js";
import { forgetJobsFor } from "../../platform/jobs/job-queue.js";
import { enqueueMail, forgetMailTo } from "../../platform/mail/outbox.js";
import { siteIdentity } from "../../settings/site-identity.js";
import { type ApprovalDeps, eraseLinkedStory, withdrawLinkedStory } from "./approval.service.js";
import { jobSubject, removeContributionAudio } from "../audio/contribution-audio.service.js";
import { editorMail } from "../contribution-mail.js";
import * as store from "../submission.store.js";

/**
 * Withdrawal and erasure, the two ways a contributor takes their story back. Every path goes
 * through these functions: the follow-up buttons and the retention task alike.
 */

/** Declined and withdrawn contributions are kept this long, then erased with their receipt. */
export const DEFAULT_RETENTION_DAYS = 90;

/**
 * Withdrawal: the story leaves the site at once, the version the team prepared from the text is
 * deleted with its audio, and editors no longer read the text; the contributor still can, with
 * their receipt, until it is erased after the retention period.
 */
export async function withdrawContribution(deps: ApprovalDeps, submissionId: number): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission || submission.state === "withdrawn") return false;
  await withdrawLinkedStory(deps, submissionId);
  await removeContributionAudio(deps, submissionId);
  const now = deps.clock.now().toISOString();
  // A draft was never sent: the editors do not know it and are not told.
  const editors = submission.state === "draft" ? [] : await editorialRecipients(deps);
  await deps.db.transaction().execute(async (tx) => {
    await store.updateSubmission(tx, submissionId, { state: "withdrawn", closed_at: now, updated_at: now });
    await store.insertConsentEvent(tx, { submissionId, event: "withdrawn", channels: ["site", "newsletter", "podcast", "editing"], versionId: null, consentTextId: submission.consentTextId, now });
    for (const to of editors) await enqueueMail(tx, editorMail(await siteIdentity(tx), deps.baseUrl, to, submissionId, "withdrawn"), deps.clock.now());
  });
  return true;
}

/**
 * Erasure, now and for good: the contribution, any story drafted from it with all its revisions,
 * its messages and consent history, its audio, every mail to its address (queued or failed), and
 * the address itself. Then SQLite's WAL is truncated so the text lingers in no file.
 */
export async function eraseContribution(deps: ApprovalDeps, submissionId: number, opts: { tellEditors: boolean } = { tellEditors: true }): Promise<boolean> {
  const submission = await store.findSubmissionById(deps.db, submissionId);
  if (!submission) return false;
  const editors = opts.tellEditors && submission.state !== "draft" ? await editorialRecipients(deps) : [];
  if (submission.storyId !== null) await eraseLinkedStory(deps, submission.storyId);
  await removeContributionAudio(deps, submissionId);
  await forgetJobsFor(deps.db, jobSubject(submissionId));
  await deps.db.transaction().execute(async (tx) => {
    if (submission.email) await forgetMailTo(tx, submission.email);
    // Messages and consent events go with it (ON DELETE CASCADE, and explicitly in the store).
    await store.deleteSubmission(tx, submissionId);
    for (const to of editors) await enqueueMail(tx, editorMail(await siteIdentity(tx), deps.baseUrl, to, submissionId, "erased"), deps.clock.now());
  });
  await checkpointAfterErasure(deps.db);
  return true;
}

/** Erases declined and withdrawn contributions closed more than `retentionDays` ago, without telling anyone. */
export async function eraseExpiredContributions(deps: ApprovalDeps, retentionDays = DEFAULT_RETENTION_DAYS): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - retentionDays * 86_400_000).toISOString();
  const ids = await store.listExpiredSubmissionIds(deps.db, cutoff);
  for (const id of ids) await eraseContribution(deps, id, { tellEditors: false });
  return ids.length;
}
