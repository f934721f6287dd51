import type { Viewer } from "../platform/http/access.js";
import * as published from "./published-story.store.js";
import * as revisions from "./revision.store.js";
import { isChecklistComplete, mentionsCrisisLine, needsSafetyCheck } from "../safety/safe-messaging-checklist.js";
import * as safetyChecks from "./safety-check.store.js";
import type { StoryEditDeps } from "./story-editing.service.js";
import { retractStory } from "./story-release.service.js";
import { parseRevisionSnapshot, recordRevision, workingVersion } from "./story-snapshot.js";
import * as policy from "./story.policy.js";
import * as store from "./story.store.js";
import type { Refusal } from "./story-refusal.js";
import { fingerprintOf, type StoryVersion, versionOf } from "./story-version.js";

/**
 * What surrounds a publication: the safe-messaging checklist, the versions an author approves,
 * taking a story down, anonymising or erasing it at its author's request.
 */

export type SafetyStatus = { required: boolean; signed: { by: string | null; at: string; byImport: boolean } | null; mentions3114: boolean };

/** Whether the working copy, as it would be released now, carries a signed safe-messaging checklist. */
export async function safetyStatus(deps: StoryEditDeps, storyId: number): Promise<SafetyStatus | null> {
  const version = await workingVersion(deps, deps.db, storyId);
  if (!version) return null;
  const check = await safetyChecks.findSafetyCheckFor(deps.db, storyId, fingerprintOf(version));
  return {
    required: needsSafetyCheck(version.contentNotes),
    signed: check ? { by: check.signedBy, at: check.signedAt, byImport: check.byImport } : null,
    mentions3114: mentionsCrisisLine(version.body),
  };
}

/** An editor signs the checklist for the working copy's exact version; every item must be ticked. */
export async function signSafetyChecklist(deps: StoryEditDeps, actor: Viewer, storyId: number, ticked: string[]): Promise<{ ok: true } | { ok: false; refusals: Refusal[] }> {
  if (!policy.canPublish(actor)) return { ok: false, refusals: ["checklist_not_yours"] };
  if (!isChecklistComplete(ticked)) return { ok: false, refusals: ["checklist_incomplete"] };
  const version = await workingVersion(deps, deps.db, storyId);
  if (!version) return { ok: false, refusals: ["story_gone"] };
  await safetyChecks.insertSafetyCheck(deps.db, { storyId, fingerprint: fingerprintOf(version), items: ticked, signedBy: actor.id, now: deps.clock.now().toISOString() });
  return { ok: true };
}

export type RecordedVersion = { revisionId: number; version: StoryVersion; fingerprint: string };

/** Records the working copy as a revision, parts included, to send it to its author for approval. */
export async function recordVersionForApproval(deps: StoryEditDeps, storyId: number): Promise<RecordedVersion | null> {
  if (!(await store.findStoryById(deps.db, storyId))) return null;
  const { id, snapshot } = await deps.db.transaction().execute((tx) => recordRevision(deps, tx, storyId, { origin: "system" }, deps.clock.now().toISOString()));
  const version = versionOf(snapshot);
  return { revisionId: id, version, fingerprint: fingerprintOf(version) };
}

/** A recorded revision as a version, with its fingerprint. */
export async function revisionVersion(deps: Pick<StoryEditDeps, "db">, storyId: number, revisionId: number): Promise<{ version: StoryVersion; fingerprint: string; createdAt: string } | null> {
  const rev = await revisions.findRevision(deps.db, storyId, revisionId);
  if (!rev) return null;
  const version = versionOf(parseRevisionSnapshot(rev.snapshot));
  return { version, fingerprint: fingerprintOf(version), createdAt: rev.createdAt };
}

/** The fingerprint of what would be released now. */
export async function workingFingerprint(deps: StoryEditDeps, storyId: number): Promise<string | null> {
  const version = await workingVersion(deps, deps.db, storyId);
  return version ? fingerprintOf(version) : null;
}

/** Takes a story off every public page at once (its author withdrew it, or asked for anonymity). */
export async function takeDownStory(deps: StoryEditDeps, storyId: number): Promise<void> {
  const story = await store.findStoryById(deps.db, storyId);
  if (!story || (story.status !== "published" && story.status !== "scheduled")) return;
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await retractStory(deps, tx, storyId);
    await store.updateStory(tx, storyId, { status: "unpublished", scheduled_version: null, updated_at: now });
  });
}

/** The address readers know the story by (its released version's), or null when it is not public. */
export async function releasedSlug(deps: Pick<StoryEditDeps, "db">, storyId: number): Promise<string | null> {
  return (await published.findPublishedStoryById(deps.db, storyId))?.slug ?? null;
}

/** How the public version is signed, or null when the story is not public. */
export async function releasedCredit(deps: Pick<StoryEditDeps, "db">, storyId: number) {
  return (await published.findPublishedStoryById(deps.db, storyId))?.credit ?? null;
}


/**
 * Its author asked for anonymity: the working copy's credit becomes "Anonyme" at once, and the
 * story leaves every public page until an editor prepares an anonymised version and the author
 * approves it (the approval guard asks for an approval given after the request).
 */
export async function anonymiseStory(deps: StoryEditDeps, storyId: number): Promise<void> {
  const story = await store.findStoryById(deps.db, storyId);
  if (!story) return;
  const now = deps.clock.now().toISOString();
  const wasPublic = story.status === "published" || story.status === "scheduled";
  await deps.db.transaction().execute(async (tx) => {
    await store.updateStory(tx, storyId, {
      credit_kind: "anonymous",
      credit_name: "",
      credit_age: null,
      ...(wasPublic ? { status: "unpublished", scheduled_version: null } : {}),
      updated_at: now,
    });
    if (wasPublic) await retractStory(deps, tx, storyId);
    await recordRevision(deps, tx, storyId, { origin: "contributor" }, now);
  });
}

/** Deletes the story with every revision, checklist and redirect: its author erased everything. */
export async function eraseStory(deps: StoryEditDeps, storyId: number): Promise<void> {
  const story = await store.findStoryById(deps.db, storyId);
  if (!story) return;
  await deps.db.transaction().execute(async (tx) => {
    await retractStory(deps, tx, storyId);
    await store.deleteStory(tx, storyId);
  });
}
