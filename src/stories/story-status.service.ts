import type { Viewer } from "../platform/http/access.js";
import * as published from "./published-story.store.js";
import type { StoryStatus } from "./story.js";
import * as policy from "./story.policy.js";
import * as store from "./story.store.js";
import type { StoryEditDeps } from "./story-editing.service.js";
import type { Refusal } from "./story-refusal.js";
import { releaseProblem, releaseVersion, retractStory } from "./story-release.service.js";
import { recordRevision, workingVersion } from "./story-snapshot.js";
import { fingerprintOf, type StoryVersion } from "./story-version.js";

/**
 * A story's status: draft → review → scheduled/published → unpublished, each change checked for
 * who may make it, and the scheduler that releases scheduled versions. Every way to public goes
 * through the release door (`releaseVersion`); editing the working copy is story-editing.service.ts.
 */

export type StatusAction = "submit" | "publish" | "schedule" | "unpublish" | "draft";

export type StatusResult = { ok: true } | { ok: false; refusals: Refusal[] } | { ok: false; denied: true };

/** Thrown inside a transaction to roll it back with the reasons the release was refused. */
class Refused extends Error {
  constructor(readonly refusals: Refusal[]) {
    super("refused");
  }
}

/**
 * Moves a story through draft → review → scheduled/published → unpublished, checking who may.
 * "publish" releases the current working copy (a published story's pending edits included);
 * "schedule" keeps the exact version checked now, which the scheduler releases later through the
 * same guards.
 */
export async function changeStatus(
  deps: StoryEditDeps,
  actor: Viewer,
  id: number,
  action: StatusAction,
  publishAt?: string | null,
): Promise<StatusResult> {
  const story = await store.findStoryById(deps.db, id);
  if (!story || !policy.canChangeStatus(actor, story, action)) return { ok: false, denied: true };
  const now = deps.clock.now().toISOString();
  if (action === "submit" && story.status !== "draft") return { ok: false, refusals: ["not_a_draft"] };
  if (action === "unpublish" && story.status !== "published" && story.status !== "scheduled") return { ok: false, refusals: ["not_public"] };
  if (action === "schedule") {
    if (!publishAt || publishAt <= now) return { ok: false, refusals: ["date_not_ahead"] };
    if (story.status === "published") return { ok: false, refusals: ["already_published"] };
  }
  let next: StoryStatus = story.status;
  try {
    await deps.db.transaction().execute(async (tx) => {
      switch (action) {
        case "submit":
          next = "review";
          break;
        case "draft":
          next = "draft";
          break;
        case "unpublish":
          next = "unpublished";
          break;
        case "publish": {
          const version = (await workingVersion(deps, tx, id)) as StoryVersion;
          const publishedAt = story.publishedAt && story.status !== "scheduled" ? story.publishedAt : now;
          const problem = await releaseVersion(deps, tx, id, version, { publishedAt, now });
          if (problem) throw new Refused(problem);
          next = "published";
          break;
        }
        case "schedule": {
          const version = (await workingVersion(deps, tx, id)) as StoryVersion;
          const problem = await releaseProblem(deps, tx, id, version);
          if (problem) throw new Refused(problem);
          await store.updateStory(tx, id, { scheduled_version: JSON.stringify(version), published_at: publishAt as string });
          next = "scheduled";
          break;
        }
      }
      // Leaving "published" takes the story down; leaving "scheduled" drops the scheduled version.
      if (next !== "published" && story.status === "published") await retractStory(deps, tx, id);
      if (next !== "scheduled" && next !== "published") await store.updateStory(tx, id, { status: next, scheduled_version: null, updated_at: now });
      if (next === "scheduled") await store.updateStory(tx, id, { status: next, updated_at: now });
      await recordRevision(deps, tx, id, { userId: actor.id }, now);
      if (next !== story.status) {
        for (const listener of deps.statusListeners ?? []) await listener(tx, { storyId: id, from: story.status, to: next, at: deps.clock.now() });
      }
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, refusals: error.refusals };
    throw error;
  }
  return { ok: true };
}

/** Why the working copy cannot be released now, or null: what the publish button would say. */
export async function publicationProblem(deps: StoryEditDeps, storyId: number): Promise<Refusal[] | null> {
  const version = await workingVersion(deps, deps.db, storyId);
  return version ? releaseProblem(deps, deps.db, storyId, version) : ["story_gone"];
}

/**
 * Releases the scheduled versions whose time has come, each through the guards again (the author
 * may have withdrawn since). Safe to run from several instances at once: only the instance that
 * wins the status update releases and tells the listeners.
 */
export async function publishDueStories(deps: StoryEditDeps): Promise<number> {
  const now = deps.clock.now();
  let count = 0;
  for (const id of await store.listDueStoryIds(deps.db, now.toISOString())) {
    const released = await deps.db.transaction().execute(async (tx) => {
      const due = await store.claimDueStory(tx, id, now.toISOString());
      if (!due) return false;
      const problem = await releaseVersion(deps, tx, id, due.version as StoryVersion, { publishedAt: due.publishAt, now: now.toISOString() });
      if (problem) throw new Refused(problem);
      for (const listener of deps.statusListeners ?? []) await listener(tx, { storyId: id, from: "scheduled", to: "published", at: now });
      // The history says the platform published it, at its time, not an editor.
      await recordRevision(deps, tx, id, { origin: "scheduler" }, now.toISOString());
      return true;
    }).catch((error: unknown) => {
      // The story stays scheduled, and the back office shows why (scheduledProblem).
      if (error instanceof Refused) return false;
      throw error;
    });
    if (released) count++;
  }
  return count;
}

/** Why a scheduled story will not be released at its time, or null (shown on its editing page). */
export async function scheduledProblem(deps: StoryEditDeps, storyId: number): Promise<Refusal[] | null> {
  const story = await store.findStoryById(deps.db, storyId);
  const scheduled = story?.status === "scheduled" ? await store.findScheduledVersion(deps.db, storyId) : null;
  if (!scheduled) return null;
  return releaseProblem(deps, deps.db, storyId, scheduled as StoryVersion);
}

/** Whether the working copy differs from what readers see (pending edits of a published story). */
export async function hasPendingChanges(deps: StoryEditDeps, storyId: number): Promise<boolean> {
  const [working, live] = await Promise.all([workingVersion(deps, deps.db, storyId), published.findPublishedStoryById(deps.db, storyId)]);
  return working !== null && live !== null && fingerprintOf(working) !== live.fingerprint;
}
