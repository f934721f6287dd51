import type { Viewer } from "../platform/http/access.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import * as seriesStore from "./series.store.js";
import * as editing from "./story-editing.service.js";
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

/** What happens (or happened) to one story: `title` is null for a story the actor may not see. */
export type BulkOutcome = { id: number; title: string | null; result: "change" | "unchanged" | "refused"; note: string };

/** The most a theme list may hold, as the story form says. */
const MAX_THEMES = 10;
const MAX_SERIES_POSITION = 99;

const NOT_YOURS = "Ce témoignage n'existe pas, ou n'est pas dans votre liste : rien n'y sera fait.";

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
  const say = (result: BulkOutcome["result"], note: string): BulkOutcome => ({ id, title: story.title, result, note });
  if (action.kind === "status") {
    const planned = await plannedStatus(deps, actor, story, action.action);
    if (planned.result !== "change" || !apply) return say(planned.result, planned.note);
    const done = await editing.changeStatus(deps, actor, id, action.action);
    if (done.ok) return say("change", STATUS_DONE[action.action]);
    return say("refused", "denied" in done ? STATUS_DENIED[action.action] : done.message);
  }
  if (action.kind === "schedule") {
    const planned = await plannedSchedule(deps, actor, story, action.publishAt);
    if (planned.result !== "change" || !apply) return say(planned.result, planned.note);
    const done = await editing.changeStatus(deps, actor, id, "schedule", action.publishAt);
    if (done.ok) return say("change", `Programmé : publié le ${parisTime(action.publishAt)}, dans la version vérifiée à l'instant.`);
    return say("refused", "denied" in done ? STATUS_DENIED.publish : done.message);
  }
  return taxonomyChange(deps, actor, story, action, names, apply, say);
}

const STATUS_DONE: Record<BulkStatusAction, string> = {
  submit: "Proposé à la relecture.",
  draft: "Repassé en brouillon.",
  publish: "Publié : les lecteurs voient cette version.",
  unpublish: "Dépublié : retiré de toutes les pages publiques.",
};

const STATUS_WILL: Record<BulkStatusAction, string> = {
  submit: "Sera proposé à la relecture.",
  draft: "Repassera en brouillon.",
  publish: "Sera publié : les lecteurs verront sa version de travail actuelle.",
  unpublish: "Sera dépublié : retiré de toutes les pages publiques.",
};

const STATUS_DENIED: Record<BulkStatusAction, string> = {
  submit: "Vous ne pouvez plus changer le statut de ce témoignage : il n'est plus un brouillon.",
  draft: "Vous ne pouvez plus changer le statut de ce témoignage.",
  publish: "Seule l'équipe éditoriale publie.",
  unpublish: "Seule l'équipe éditoriale dépublie.",
};

type Planned = { result: BulkOutcome["result"]; note: string };

/** The same rules as the single-story status buttons, said before anything is done. */
async function plannedStatus(deps: editing.StoryEditDeps, actor: Viewer, story: EditedStory, action: BulkStatusAction): Promise<Planned> {
  if (!policy.canChangeStatus(actor, story, action)) return { result: "refused", note: STATUS_DENIED[action] };
  const status = story.status;
  switch (action) {
    case "submit":
      if (status === "review") return { result: "unchanged", note: "Déjà en relecture." };
      if (status !== "draft") return { result: "refused", note: "Seul un brouillon peut être proposé à la relecture." };
      break;
    case "draft":
      if (status === "draft") return { result: "unchanged", note: "Déjà un brouillon." };
      if (status === "published" || status === "scheduled") return { result: "refused", note: "Il est publié ou programmé : dépubliez-le d'abord." };
      break;
    case "unpublish":
      if (status !== "published" && status !== "scheduled") return { result: "unchanged", note: "N'est pas publié." };
      break;
    case "publish": {
      if (status === "published" && !(await editing.hasPendingChanges(deps, story.id))) return { result: "unchanged", note: "Déjà publié, sans modification en attente." };
      const problem = await editing.publicationProblem(deps, story.id);
      if (problem) return { result: "refused", note: problem };
      if (status === "published") return { result: "change", note: "Ses modifications seront publiées." };
      break;
    }
  }
  return { result: "change", note: STATUS_WILL[action] };
}

const parisTime = (iso: string) => `${formatDateTime("fr", iso)} (heure de Paris)`;

/**
 * The same rules as the story's own "Programmer" button, said before anything is done: the
 * working version must pass the release door now (the author's approval of that exact version,
 * the content-note checklist), and the scheduler checks it again when its time comes.
 */
async function plannedSchedule(deps: editing.StoryEditDeps, actor: Viewer, story: EditedStory, publishAt: string): Promise<Planned> {
  if (!policy.canChangeStatus(actor, story, "schedule")) return { result: "refused", note: STATUS_DENIED.publish };
  if (story.status === "published") return { result: "refused", note: "Déjà publié : publiez ses modifications, ou dépubliez-le avant de le programmer." };
  const problem = await editing.publicationProblem(deps, story.id);
  if (problem) return { result: "refused", note: problem };
  const again = story.status === "scheduled" ? "Sera reprogrammé" : "Sera programmé";
  return { result: "change", note: `${again} : publié le ${parisTime(publishAt)}, dans sa version de travail actuelle.` };
}

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
  say: (result: BulkOutcome["result"], note: string) => BulkOutcome,
): Promise<BulkOutcome> {
  if (!policy.canEditStory(actor, story)) return say("refused", "Vous ne pouvez plus modifier ce témoignage : il n'est plus un brouillon.");
  const [snapshot, baseRevision] = await Promise.all([editing.editableStory(deps, story.id), editing.latestRevisionId(deps, story.id)]);
  if (!snapshot) return say("refused", NOT_YOURS);
  const { status: _status, publishedAt: _publishedAt, parts: _parts, ...input } = snapshot;
  const next = { ...input };
  let what: string;
  switch (action.kind) {
    case "addTheme": {
      const name = names.theme(action.themeId);
      if (name === null) return say("refused", "Ce thème n'existe plus.");
      if (input.themeIds.includes(action.themeId)) return say("unchanged", `A déjà le thème « ${name} ».`);
      if (input.themeIds.length >= MAX_THEMES) return say("refused", `A déjà ${MAX_THEMES} thèmes, le plus qu'un témoignage puisse avoir.`);
      next.themeIds = [...input.themeIds, action.themeId];
      what = `le thème « ${name} » ajouté`;
      break;
    }
    case "removeTheme": {
      const name = names.theme(action.themeId) ?? `n° ${action.themeId}`;
      if (!input.themeIds.includes(action.themeId)) return say("unchanged", `N'a pas le thème « ${name} ».`);
      next.themeIds = input.themeIds.filter((x) => x !== action.themeId);
      what = `le thème « ${name} » retiré`;
      break;
    }
    case "series": {
      if (action.seriesId === null) {
        if (input.seriesId === null) return say("unchanged", "N'est dans aucune série.");
        next.seriesId = null;
        next.seriesPosition = null;
        what = `sorti de la série « ${names.series(input.seriesId) ?? ""} »`;
        break;
      }
      const name = names.series(action.seriesId);
      if (name === null) return say("refused", "Cette série n'existe plus.");
      if (input.seriesId === action.seriesId) return say("unchanged", `Déjà dans la série « ${name} ».`);
      const position = await seriesStore.nextSeriesPosition(deps.db, action.seriesId);
      if (position > MAX_SERIES_POSITION) return say("refused", `La série « ${name} » a déjà ${MAX_SERIES_POSITION} places.`);
      next.seriesId = action.seriesId;
      next.seriesPosition = position;
      what = `placé dans la série « ${name} » (partie ${position})`;
      break;
    }
  }
  const release = await releaseAfterSave(deps, actor, story, next);
  if (!apply) return say("change", `Sera ${what} ; ${release.will}`);
  const saved = await editing.saveStory(deps, actor, story.id, next, baseRevision);
  if (!saved.ok) {
    if ("conflict" in saved) return say("refused", "Modifié par quelqu'un d'autre pendant l'action : rien n'a changé, recommencez.");
    if ("errors" in saved) return say("refused", Object.values(saved.errors).join(" "));
    return say("refused", "Vous ne pouvez plus modifier ce témoignage.");
  }
  if (!release.again) return say("change", `${capitalise(what)} ; ${release.did}`);
  const released = await editing.changeStatus(deps, actor, story.id, "publish");
  if (released.ok) return say("change", `${capitalise(what)} ; les lecteurs le voient déjà.`);
  return say("change", `${capitalise(what)} dans la version de travail seulement : ${"message" in released ? released.message : STATUS_DENIED.publish}`);
}

type ReleasePlan = { again: boolean; will: string; did: string };

/** Whether the changed working copy goes public at once, and what to say about it. */
async function releaseAfterSave(deps: editing.StoryEditDeps, actor: Viewer, story: EditedStory, next: editing.StoryInput): Promise<ReleasePlan> {
  const later = "les lecteurs le verront à sa prochaine publication.";
  if (story.status === "scheduled") {
    const note = "la version programmée reste celle qui a été vérifiée : programmez-le de nouveau pour y inclure ce changement.";
    return { again: false, will: note, did: note };
  }
  if (story.status !== "published" || !policy.canPublish(actor)) return { again: false, will: "il n'est pas public.", did: "il n'est pas public." };
  if (await editing.hasPendingChanges(deps, story.id)) {
    const note = `d'autres modifications attendent d'être publiées : ${later}`;
    return { again: false, will: note, did: note };
  }
  const working = await workingVersion(deps, deps.db, story.id);
  const candidate = working && { ...working, themeIds: [...next.themeIds].sort((a, b) => a - b), seriesId: next.seriesId, seriesPosition: next.seriesPosition };
  const problem = candidate ? await releaseProblem(deps, deps.db, story.id, candidate) : null;
  if (problem) {
    const note = `dans la version de travail seulement, ${later} Pour le publier : ${problem}`;
    return { again: false, will: note, did: note };
  }
  return { again: true, will: "les lecteurs le verront aussitôt.", did: "les lecteurs le voient déjà." };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
