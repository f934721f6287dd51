import type { Viewer } from "../platform/http/access.js";
import * as revisions from "./revision.store.js";
import { isChecklistComplete, mentionsCrisisLine, needsSafetyCheck } from "./safety-check.js";
import type { StoryEditDeps, StorySnapshot } from "./story-editing.service.js";
import * as policy from "./story.policy.js";
import { contentFingerprint, snapshotOf } from "./story-snapshot.js";
import * as store from "./story.store.js";
import * as safetyChecks from "./safety-check.store.js";

/**
 * What surrounds a publication: the safe-messaging checklist, the versions an author approves,
 * taking a story down or anonymising its credit at its author's request.
 */

export type SafetyStatus = { required: boolean; signed: { by: string | null; at: string } | null; mentions3114: boolean };

/** Whether the story's current words carry a signed safe-messaging checklist. */
export async function safetyStatus(deps: Pick<StoryEditDeps, "db">, storyId: number): Promise<SafetyStatus | null> {
  const snapshot = await snapshotOf(deps.db, storyId);
  if (!snapshot) return null;
  const check = await safetyChecks.findLatestSafetyCheck(deps.db, storyId);
  const current = check?.fingerprint === contentFingerprint(snapshot) ? check : null;
  return {
    required: needsSafetyCheck(snapshot.contentNotes),
    signed: current ? { by: current.signedBy, at: current.signedAt } : null,
    mentions3114: mentionsCrisisLine(snapshot.body),
  };
}

/** An editor signs the checklist for the story's current words; every item must be ticked. */
export async function signSafetyChecklist(deps: StoryEditDeps, actor: Viewer, storyId: number, ticked: string[]): Promise<{ ok: true } | { ok: false; message: string }> {
  if (!policy.canPublish(actor)) return { ok: false, message: "Seule l'équipe éditoriale signe cette liste." };
  if (!isChecklistComplete(ticked)) return { ok: false, message: "Cochez chaque point : la liste ne se signe qu'entière." };
  const snapshot = await snapshotOf(deps.db, storyId);
  if (!snapshot) return { ok: false, message: "Ce témoignage n'existe plus." };
  await safetyChecks.insertSafetyCheck(deps.db, { storyId, fingerprint: contentFingerprint(snapshot), items: ticked, signedBy: actor.id, now: deps.clock.now().toISOString() });
  return { ok: true };
}


/** The latest revision of a story, as sent to an author for approval. */
export async function latestRevision(deps: Pick<StoryEditDeps, "db">, storyId: number): Promise<{ id: number; snapshot: StorySnapshot; fingerprint: string } | null> {
  const [latest] = await revisions.listRevisions(deps.db, storyId);
  if (!latest) return null;
  const snapshot = JSON.parse(latest.snapshot) as StorySnapshot;
  return { id: latest.id, snapshot, fingerprint: contentFingerprint(snapshot) };
}

export async function revisionSnapshot(deps: Pick<StoryEditDeps, "db">, storyId: number, revisionId: number): Promise<StorySnapshot | null> {
  const rev = await revisions.findRevision(deps.db, storyId, revisionId);
  return rev ? (JSON.parse(rev.snapshot) as StorySnapshot) : null;
}

export async function revisionFingerprint(deps: Pick<StoryEditDeps, "db">, storyId: number, revisionId: number): Promise<string | null> {
  const rev = await revisions.findRevision(deps.db, storyId, revisionId);
  return rev ? contentFingerprint(JSON.parse(rev.snapshot) as StorySnapshot) : null;
}

/** Takes a story off every public page at once (its author withdrew it). */
export async function takeDownStory(deps: StoryEditDeps, storyId: number): Promise<void> {
  const story = await store.findStoryById(deps.db, storyId);
  if (!story || (story.status !== "published" && story.status !== "scheduled")) return;
  await store.updateStory(deps.db, storyId, { status: "unpublished", updated_at: deps.clock.now().toISOString() });
  await deps.contentVersion.bump();
}

export async function isStoryPublished(deps: Pick<StoryEditDeps, "db">, storyId: number): Promise<boolean> {
  return (await store.findStoryById(deps.db, storyId))?.status === "published";
}

/** The credit becomes "Anonyme" at once, on every page, whatever the story's status. */
export async function anonymiseStoryCredit(deps: StoryEditDeps, storyId: number): Promise<void> {
  const story = await store.findStoryById(deps.db, storyId);
  if (!story) return;
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await store.updateStory(tx, storyId, { credit_kind: "anonymous", credit_name: "", credit_age: null, updated_at: now });
    const snapshot = await snapshotOf(tx, storyId);
    // The contributor's own change, made from /suivi: no account, never "a deleted account".
    await revisions.insertRevision(tx, { storyId, userId: null, origin: "contributor", createdAt: now, snapshot: JSON.stringify(snapshot) });
  });
  if (story.status === "published" || story.status === "scheduled") await deps.contentVersion.bump();
}
