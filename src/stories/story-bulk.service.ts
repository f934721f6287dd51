import type { Viewer } from "../platform/http/access.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import * as seriesStore from "./series.store.js";
import * as editing from "./story-editing.service.js";
import * as storyStatus from "./story-status.service.js";
import type { Refusal } from "./story-refusal.js";
import { releaseProblem } from "./story-release.service.js";
import { workingVersion } from "./story-snapshot.js";
import * as policy from "./story.policy.js";
import * as themeStore from "./theme.store.js";

/**
 * Bulk actions over the back office's list. Each story goes through the same service function as
 * its own page (`changeStatus`, `saveStory`), so through the release door and every guard, in a
 * transaction of its own: one refusal never blocks or half-applies another story. The plan (the
 * confirmation page) and the run use the same checks; the run's service call has the last word.
 */

export type BulkStatusAction = "submit" | "draft" | "publish" | "unpublish";

export type BulkAction =
  | { kind: "status"; action: BulkStatusAction }
  /** Publication at a time to come (ISO, UTC), through the same `changeStatus` as the story's own form. */
  | { kind: "schedule"; publishAt: string }
  | { kind: "addTheme"; themeId: number }
  | { kind: "removeTheme"; themeId: number }
  | { kind: "series"; seriesId: number | null };

export type BulkRequest = { ids: number[]; action: BulkAction };

/**
 * What to say about one story, in no language yet: a catalogue key and its values, translated by
 * the page (`bulkNoteText` in editorial/story-bulk.routes.ts). A value may be a note itself (the part of a sentence that names the
 * change); `refusals` fill {problem} with the release door's reasons, `at` fills {date}.
 */
export type BulkNote = { key: MessageKey; values?: Record<string, string | number | BulkNote>; refusals?: Refusal[]; at?: string };

/** What happens (or happened) to one story: `title` is null for a story the actor may not see. */
export type BulkOutcome = { id: number; title: string | null; result: "change" | "unchanged" | "refused"; note: BulkNote };

/** The most a theme list may hold, as the story form says. */
const MAX_THEMES = 10;
const MAX_SERIES_POSITION = 99;

const note = (key: MessageKey, values?: BulkNote["values"]): BulkNote => (values ? { key, values } : { key });
const refusedBy = (refusals: Refusal[]): BulkNote => ({ key: "admin.bulk.note.refusals", refusals });

const NOT_YOURS = note("admin.bulk.note.notYours");

type EditedStory = NonNullable<Awaited<ReturnType<typeof editing.findStoryForEditing>>>;

type Names = { theme(id: number): string | null; series(id: number): string | null };

async function namesOf(deps: Pick<editing.StoryEditDeps, "db">): Promise<Names> {
  const [themes, series] = await Promise.all([themeStore.listThemes(deps.db), seriesStore.listSeries(deps.db)]);
  const themeName = new Map(themes.map((t) => [t.id, t.name]));
  const seriesName = new Map(series.map((s) => [s.id, s.title]));
  return { theme: (id) => themeName.get(id) ?? null, series: (id) => seriesName.get(id) ?? null };
}

/** What the action would do to each story, without changing anything (the confirmation page). */
export function planBulk(deps: editing.StoryEditDeps, actor: Viewer, request: BulkRequest): Promise<BulkOutcome[]> {
  return runEach(deps, actor, request, false);
}

/** Applies the action story by story, each in its own transaction, and says what happened to each. */
export function applyBulk(deps: editing.StoryEditDeps, actor: Viewer, request: BulkRequest): Promise<BulkOutcome[]> {
  return runEach(deps, actor, request, true);
}

async function runEach(deps: editing.StoryEditDeps, actor: Viewer, request: BulkRequest, apply: boolean): Promise<BulkOutcome[]> {
  const names = await namesOf(deps);
  const outcomes: BulkOutcome[] = [];
  // One after the other: each story's transaction sees the ones before it (series places, addresses).
  for (const id of request.ids) outcomes.push(await oneStory(deps, actor, id, request.action, names, apply));
  return outcomes;
}

async function oneStory(deps: editing.StoryEditDeps, actor: Viewer, id: number, action: BulkAction, names: Names, apply: boolean): Promise<BulkOutcome> {
  // The actor's own scope first: an id of someone else's story is refused without a word about it.
  const story = await editing.findStoryForEditing(deps, actor, id);
  if (!story) return { id, title: null, result: "refused", note: NOT_YOURS };
  const say = (result: BulkOutcome["result"], note: BulkNote): BulkOutcome => ({ id, title: story.title, result, note });
  if (action.kind === "status") {
    const planned = await plannedStatus(deps, actor, story, action.action);
    if (planned.result !== "change" || !apply) return say(planned.result, planned.note);
    const done = await storyStatus.changeStatus(deps, actor, id, action.action);
    if (done.ok) return say("change", note(STATUS_DONE[action.action]));
    return say("refused", "denied" in done ? note(STATUS_DENIED[action.action]) : refusedBy(done.refusals));
  }
  if (action.kind === "schedule") {
    const planned = await plannedSchedule(deps, actor, story, action.publishAt);
    if (planned.result !== "change" || !apply) return say(planned.result, planned.note);
    const done = await storyStatus.changeStatus(deps, actor, id, "schedule", action.publishAt);
    if (done.ok) return say("change", { key: "admin.bulk.note.scheduled", at: action.publishAt });
    return say("refused", "denied" in done ? note(STATUS_DENIED.publish) : refusedBy(done.refusals));
  }
  return taxonomyChange(deps, actor, story, action, names, apply, say);
}

const STATUS_DONE: Record<BulkStatusAction, MessageKey> = {
  submit: "admin.bulk.note.submitted",
  draft: "admin.bulk.note.redrafted",
  publish: "admin.bulk.note.published",
  unpublish: "admin.bulk.note.unpublished",
};

const STATUS_WILL: Record<BulkStatusAction, MessageKey> = {
  submit: "admin.bulk.note.willSubmit",
  draft: "admin.bulk.note.willRedraft",
  publish: "admin.bulk.note.willPublish",
  unpublish: "admin.bulk.note.willUnpublish",
};

const STATUS_DENIED: Record<BulkStatusAction, MessageKey> = {
  submit: "admin.bulk.note.submitDenied",
  draft: "admin.bulk.note.statusDenied",
  publish: "admin.bulk.note.publishDenied",
  unpublish: "admin.bulk.note.unpublishDenied",
};

type Planned = { result: BulkOutcome["result"]; note: BulkNote };

/** The same rules as the single-story status buttons, said before anything is done. */
async function plannedStatus(deps: editing.StoryEditDeps, actor: Viewer, story: EditedStory, action: BulkStatusAction): Promise<Planned> {
  if (!policy.canChangeStatus(actor, story, action)) return { result: "refused", note: note(STATUS_DENIED[action]) };
  const status = story.status;
  switch (action) {
    case "submit":
      if (status === "review") return { result: "unchanged", note: note("admin.bulk.note.alreadyInReview") };
      if (status !== "draft") return { result: "refused", note: refusedBy(["not_a_draft"]) };
      break;
    case "draft":
      if (status === "draft") return { result: "unchanged", note: note("admin.bulk.note.alreadyDraft") };
      if (status === "published" || status === "scheduled") return { result: "refused", note: note("admin.bulk.note.unpublishFirst") };
      break;
    case "unpublish":
      if (status !== "published" && status !== "scheduled") return { result: "unchanged", note: note("admin.bulk.note.notPublished") };
      break;
    case "publish": {
      if (status === "published" && !(await storyStatus.hasPendingChanges(deps, story.id))) return { result: "unchanged", note: note("admin.bulk.note.nothingPending") };
      const problem = await storyStatus.publicationProblem(deps, story.id);
      if (problem) return { result: "refused", note: refusedBy(problem) };
      if (status === "published") return { result: "change", note: note("admin.bulk.note.willPublishChanges") };
      break;
    }
  }
  return { result: "change", note: note(STATUS_WILL[action]) };
}

/**
 * The same rules as the story's own "Programmer" button, said before anything is done: the
 * working version must pass the release door now (the author's approval of that exact version,
 * the content-note checklist), and the scheduler checks it again when its time comes.
 */
async function plannedSchedule(deps: editing.StoryEditDeps, actor: Viewer, story: EditedStory, publishAt: string): Promise<Planned> {
  if (!policy.canChangeStatus(actor, story, "schedule")) return { result: "refused", note: note(STATUS_DENIED.publish) };
  if (story.status === "published") return { result: "refused", note: note("admin.bulk.note.alreadyPublished") };
  const problem = await storyStatus.publicationProblem(deps, story.id);
  if (problem) return { result: "refused", note: refusedBy(problem) };
  return { result: "change", note: { key: story.status === "scheduled" ? "admin.bulk.note.willReschedule" : "admin.bulk.note.willSchedule", at: publishAt } };
}

/** A change to the taxonomy, said before (`will`) and after (`did`) it is made. */
type Change = { will: BulkNote; did: BulkNote };

const change = (will: MessageKey, did: MessageKey, values: BulkNote["values"]): Change => ({ will: note(will, values), did: note(did, values) });

/**
 * Adds or removes a theme, or moves to a series: a save of the working copy through `saveStory`
 * (based on the revision read here, so an edit made meanwhile is never overwritten). A story public
 * with nothing else waiting is then released again through `changeStatus`, so readers see the
 * change at once; when the guards refuse that version (an author who has not approved it), the
 * change stays in the working copy until the story's next publication, and the note says why.
 */
async function taxonomyChange(
  deps: editing.StoryEditDeps,
  actor: Viewer,
  story: EditedStory,
  action: Extract<BulkAction, { kind: "addTheme" | "removeTheme" | "series" }>,
  names: Names,
  apply: boolean,
  say: (result: BulkOutcome["result"], note: BulkNote) => BulkOutcome,
): Promise<BulkOutcome> {
  if (!policy.canEditStory(actor, story)) return say("refused", note("admin.bulk.note.editDenied"));
  const [snapshot, baseRevision] = await Promise.all([editing.editableStory(deps, story.id), editing.latestRevisionId(deps, story.id)]);
  if (!snapshot) return say("refused", NOT_YOURS);
  const { status: _status, publishedAt: _publishedAt, parts: _parts, ...input } = snapshot;
  const next = { ...input };
  let what: Change;
  switch (action.kind) {
    case "addTheme": {
      const name = names.theme(action.themeId);
      if (name === null) return say("refused", note("admin.bulk.note.themeGone"));
      if (input.themeIds.includes(action.themeId)) return say("unchanged", note("admin.bulk.note.hasTheme", { name }));
      if (input.themeIds.length >= MAX_THEMES) return say("refused", note("admin.bulk.note.tooManyThemes", { max: MAX_THEMES }));
      next.themeIds = [...input.themeIds, action.themeId];
      what = change("admin.bulk.note.willAddTheme", "admin.bulk.note.themeAdded", { name });
      break;
    }
    case "removeTheme": {
      const name = names.theme(action.themeId) ?? note("admin.bulk.note.themeNumber", { id: action.themeId });
      if (!input.themeIds.includes(action.themeId)) return say("unchanged", note("admin.bulk.note.lacksTheme", { name }));
      next.themeIds = input.themeIds.filter((x) => x !== action.themeId);
      what = change("admin.bulk.note.willRemoveTheme", "admin.bulk.note.themeRemoved", { name });
      break;
    }
    case "series": {
      if (action.seriesId === null) {
        if (input.seriesId === null) return say("unchanged", note("admin.bulk.note.inNoSeries"));
        next.seriesId = null;
        next.seriesPosition = null;
        what = change("admin.bulk.note.willLeaveSeries", "admin.bulk.note.leftSeries", { name: names.series(input.seriesId) ?? "" });
        break;
      }
      const name = names.series(action.seriesId);
      if (name === null) return say("refused", note("admin.bulk.note.seriesGone"));
      if (input.seriesId === action.seriesId) return say("unchanged", note("admin.bulk.note.inSeries", { name }));
      const position = await seriesStore.nextSeriesPosition(deps.db, action.seriesId);
      if (position > MAX_SERIES_POSITION) return say("refused", note("admin.bulk.note.seriesFull", { name, max: MAX_SERIES_POSITION }));
      next.seriesId = action.seriesId;
      next.seriesPosition = position;
      what = change("admin.bulk.note.willJoinSeries", "admin.bulk.note.joinedSeries", { name, position });
      break;
    }
  }
  const release = await releaseAfterSave(deps, actor, story, next);
  if (!apply) return say("change", note("admin.bulk.note.willChange", { what: what.will, release: release.will }));
  const saved = await editing.saveStory(deps, actor, story.id, next, baseRevision);
  if (!saved.ok) {
    if ("conflict" in saved) return say("refused", note("admin.bulk.note.conflict"));
    if ("errors" in saved) return say("refused", refusedBy(Object.entries(saved.errors).map(([field, key]) => ({ key, values: saved.errorValues?.[field] }))));
    return say("refused", note("admin.bulk.note.cannotEdit"));
  }
  if (!release.again) return say("change", note("admin.bulk.note.changed", { what: what.did, release: release.did }));
  const released = await storyStatus.changeStatus(deps, actor, story.id, "publish");
  if (released.ok) return say("change", note("admin.bulk.note.changed", { what: what.did, release: note("admin.bulk.note.readersSeeIt") }));
  const why = "refusals" in released ? refusedBy(released.refusals) : note(STATUS_DENIED.publish);
  return say("change", note("admin.bulk.note.workingCopyOnly", { what: what.did, problem: why }));
}

type ReleasePlan = { again: boolean; will: BulkNote; did: BulkNote };

/** Whether the changed working copy goes public at once, and what to say about it. */
async function releaseAfterSave(deps: editing.StoryEditDeps, actor: Viewer, story: EditedStory, next: editing.StoryInput): Promise<ReleasePlan> {
  if (story.status === "scheduled") {
    const kept = note("admin.bulk.note.scheduledVersionKept");
    return { again: false, will: kept, did: kept };
  }
  if (story.status !== "published" || !policy.canPublish(actor)) {
    const notPublic = note("admin.bulk.note.notPublic");
    return { again: false, will: notPublic, did: notPublic };
  }
  if (await storyStatus.hasPendingChanges(deps, story.id)) {
    const pending = note("admin.bulk.note.otherChangesPending");
    return { again: false, will: pending, did: pending };
  }
  const working = await workingVersion(deps, deps.db, story.id);
  const candidate = working && { ...working, themeIds: [...next.themeIds].sort((a, b) => a - b), seriesId: next.seriesId, seriesPosition: next.seriesPosition };
  const problem = candidate ? await releaseProblem(deps, deps.db, story.id, candidate) : null;
  if (problem) {
    const refused: BulkNote = { key: "admin.bulk.note.releaseRefused", refusals: problem };
    return { again: false, will: refused, did: refused };
  }
  return { again: true, will: note("admin.bulk.note.readersWillSeeIt"), did: note("admin.bulk.note.readersSeeIt") };
}
