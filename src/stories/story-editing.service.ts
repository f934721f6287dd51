import { diffWordsWithSpace } from "diff";
import type { Db, Queryable } from "../database.js";
import type { ContentVersion } from "../platform/cache/content-version.js";
import type { Clock } from "../platform/clock.js";
import type { Viewer } from "../platform/http/access.js";
import * as revisions from "./revision.store.js";
import { needsSafetyCheck } from "./safety-check.js";
import { contentFingerprint, snapshotOf } from "./story-snapshot.js";
import {
  type ContentNote,
  type Credit,
  countWords,
  isValidSlug,
  minutesForWords,
  slugify,
  splitVoices,
  type StoryFormat,
  type StoryKind,
  type StoryStatus,
  uniqueSlug,
} from "./story.js";
import * as policy from "./story.policy.js";
import * as store from "./story.store.js";
import * as safetyChecks from "./safety-check.store.js";
import * as themeStore from "./theme.store.js";
import * as seriesStore from "./series.store.js";

/**
 * A check another feature adds before a story goes public (the author's approval of a
 * contribution). Returns a French reason to refuse, or null.
 */
export type PublicationGuard = (storyId: number, fingerprint: string) => Promise<string | null>;

/**
 * Told of a status change inside its transaction (another feature's mail about it goes in the
 * same commit as the change, or not at all).
 */
export type StoryStatusListener = (tx: Queryable, change: { storyId: number; from: StoryStatus; to: StoryStatus; at: Date }) => Promise<void>;

export type StoryEditDeps = {
  db: Db;
  clock: Clock;
  contentVersion: ContentVersion;
  publicationGuards?: PublicationGuard[];
  statusListeners?: StoryStatusListener[];
};

/** Everything an editor can change in the story form. Collective voices live in `body` after "@voix" lines. */
export type StoryInput = {
  title: string;
  slug: string;
  kind: StoryKind;
  format: StoryFormat;
  standfirst: string;
  body: string;
  themeIds: number[];
  seriesId: number | null;
  seriesPosition: number | null;
  credit: Credit;
  contentNotes: ContentNote[];
  coverImageId: number | null;
  coverAlt: string;
  isFeatured: boolean;
};

/** What a revision keeps: the whole editable state, so any revision can be restored. */
export type StorySnapshot = StoryInput & { status: StoryStatus; publishedAt: string | null };

export type EditResult = { ok: true; id: number } | { ok: false; errors: Record<string, string> } | { ok: false; denied: true };

async function validateInput(deps: StoryEditDeps, input: StoryInput, storyId?: number): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  if (input.slug && !isValidSlug(input.slug)) {
    errors.slug = "L'adresse ne peut contenir que des lettres minuscules sans accent, des chiffres et des tirets.";
  } else if (input.slug && (await store.isSlugTaken(deps.db, input.slug, storyId))) {
    errors.slug = "Cette adresse est déjà utilisée par un autre témoignage.";
  }
  if (input.format === "collective") {
    const split = splitVoices(input.body);
    if (split.badLines.length) errors.body = `Ligne ${split.badLines.join(", ")} : crédit de voix illisible (ex. « @voix pseudonym | Nour »).`;
    else if (split.voices.length < 2) errors.body = "Un récit collectif réunit au moins deux voix, chacune introduite par une ligne « @voix … ».";
  }
  if (input.seriesId !== null && !(await seriesStore.findSeriesById(deps.db, input.seriesId))) errors.seriesId = "Cette série n'existe plus.";
  if (input.seriesId !== null && input.seriesPosition === null) errors.seriesPosition = "Indiquez la place du témoignage dans la série.";
  const themes = new Set((await themeStore.listThemes(deps.db)).map((t) => t.id));
  if (input.themeIds.some((id) => !themes.has(id))) errors.themeIds = "Un des thèmes choisis n'existe plus.";
  return errors;
}

function storedBody(input: StoryInput) {
  if (input.format !== "collective") return { bodyMd: input.body, voices: [] as store.Voice[], words: countWords(input.body) };
  const split = splitVoices(input.body);
  const voices = split.voices.map((v, i) => ({ position: i + 1, credit: v.credit, bodyMd: v.bodyMd }));
  return { bodyMd: split.intro, voices, words: countWords(input.body.replace(/^@voix.*$/gm, "")) };
}

function rowFields(input: StoryInput, words: number, bodyMd: string, now: string) {
  return {
    kind: input.kind,
    format: input.format,
    title: input.title,
    standfirst: input.standfirst,
    body_md: bodyMd,
    reading_minutes: minutesForWords(words),
    series_id: input.seriesId,
    series_position: input.seriesId === null ? null : input.seriesPosition,
    credit_kind: input.credit.kind,
    credit_name: input.credit.kind === "anonymous" ? "" : input.credit.name,
    credit_age: input.credit.kind === "first_name_age" ? input.credit.age : null,
    content_notes: input.contentNotes.join(","),
    cover_image_id: input.coverImageId,
    cover_alt: input.coverAlt,
    is_featured: input.isFeatured ? 1 : 0,
    updated_at: now,
  };
}

export function editableStory(deps: Pick<StoryEditDeps, "db">, id: number) {
  return snapshotOf(deps.db, id);
}

export async function createStory(deps: StoryEditDeps, actor: Viewer, input: StoryInput): Promise<EditResult> {
  if (!policy.canCreateStory(actor)) return { ok: false, denied: true };
  const errors = await validateInput(deps, input);
  if (Object.keys(errors).length) return { ok: false, errors };
  const now = deps.clock.now().toISOString();
  const { bodyMd, voices, words } = storedBody(input);
  const id = await deps.db.transaction().execute(async (tx) => {
    const slug = input.slug || (await uniqueSlug(slugify(input.title), (s) => store.isSlugTaken(tx, s)));
    const id = await store.insertStory(tx, {
      ...rowFields({ ...input, isFeatured: policy.canPublish(actor) && input.isFeatured }, words, bodyMd, now),
      slug,
      status: "draft",
      published_at: null,
      author_id: actor.id,
      audio_key: null,
      created_at: now,
    });
    await store.replaceStoryThemes(tx, id, input.themeIds);
    await store.replaceVoices(tx, id, voices);
    const snapshot = await snapshotOf(tx, id);
    await revisions.insertRevision(tx, { storyId: id, userId: actor.id, createdAt: now, snapshot: JSON.stringify(snapshot) });
    return id;
  });
  return { ok: true, id };
}

export async function saveStory(deps: StoryEditDeps, actor: Viewer, id: number, input: StoryInput): Promise<EditResult> {
  const current = await store.findStoryById(deps.db, id);
  if (!current || !policy.canEditStory(actor, current)) return { ok: false, denied: true };
  const errors = await validateInput(deps, input, id);
  if (Object.keys(errors).length) return { ok: false, errors };
  const now = deps.clock.now().toISOString();
  const { bodyMd, voices, words } = storedBody(input);
  await deps.db.transaction().execute(async (tx) => {
    const slug = input.slug || current.slug;
    // Once a story has been public, its old address keeps working through a 301.
    if (slug !== current.slug && current.publishedAt !== null) await store.insertSlugRedirect(tx, current.slug, id);
    await store.deleteSlugRedirect(tx, slug);
    const isFeatured = policy.canPublish(actor) ? input.isFeatured : current.isFeatured;
    await store.updateStory(tx, id, { ...rowFields({ ...input, isFeatured }, words, bodyMd, now), slug });
    if (isFeatured) await store.clearFeatured(tx, id);
    await store.replaceStoryThemes(tx, id, input.themeIds);
    await store.replaceVoices(tx, id, voices);
    const snapshot = await snapshotOf(tx, id);
    await revisions.insertRevision(tx, { storyId: id, userId: actor.id, createdAt: now, snapshot: JSON.stringify(snapshot) });
  });
  if (current.status === "published") await deps.contentVersion.bump();
  return { ok: true, id };
}

export type StatusAction = "submit" | "publish" | "schedule" | "unpublish" | "draft";

export type StatusResult = { ok: true } | { ok: false; message: string } | { ok: false; denied: true };

/** Moves a story through draft → review → scheduled/published → unpublished, checking who may. */
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
  let next: { status: StoryStatus; published_at: string | null };
  switch (action) {
    case "submit":
      if (story.status !== "draft") return { ok: false, message: "Seul un brouillon peut être proposé à la relecture." };
      next = { status: "review", published_at: story.publishedAt };
      break;
    case "draft":
      next = { status: "draft", published_at: story.publishedAt };
      break;
    case "publish": {
      const problem = await publicationProblem(deps, story);
      if (problem) return { ok: false, message: problem };
      next = { status: "published", published_at: story.publishedAt && story.status !== "scheduled" ? story.publishedAt : now };
      break;
    }
    case "schedule": {
      if (!publishAt || publishAt <= now) return { ok: false, message: "Choisissez une date et une heure à venir." };
      const problem = await publicationProblem(deps, story);
      if (problem) return { ok: false, message: problem };
      next = { status: "scheduled", published_at: publishAt };
      break;
    }
    case "unpublish":
      if (story.status !== "published" && story.status !== "scheduled") return { ok: false, message: "Ce témoignage n'est pas publié." };
      next = { status: "unpublished", published_at: story.publishedAt };
      break;
  }
  await deps.db.transaction().execute(async (tx) => {
    await store.updateStory(tx, id, { status: next.status, published_at: next.published_at, updated_at: now });
    const snapshot = await snapshotOf(tx, id);
    await revisions.insertRevision(tx, { storyId: id, userId: actor.id, createdAt: now, snapshot: JSON.stringify(snapshot) });
    for (const listener of deps.statusListeners ?? []) await listener(tx, { storyId: id, from: story.status, to: next.status, at: deps.clock.now() });
  });
  if (story.status === "published" || next.status === "published") await deps.contentVersion.bump();
  return { ok: true };
}

async function publicationProblem(deps: Pick<StoryEditDeps, "db" | "publicationGuards">, story: store.Story): Promise<string | null> {
  if (!story.title.trim()) return "Un titre est nécessaire avant publication.";
  if (story.format === "collective" ? (await store.listVoices(deps.db, story.id)).length < 2 : !story.bodyMd.trim()) {
    return "Le texte est vide : rien à publier.";
  }
  if (!story.standfirst.trim()) return "Ajoutez un chapô avant de publier : il apparaît dans les listes et les partages.";
  const snapshot = await snapshotOf(deps.db, story.id);
  if (snapshot && needsSafetyCheck(snapshot.contentNotes)) {
    const check = await safetyChecks.findLatestSafetyCheck(deps.db, story.id);
    if (check?.fingerprint !== contentFingerprint(snapshot)) {
      return "Ce témoignage porte des avertissements de contenu : un éditeur ou une éditrice doit signer la liste de vérification avant publication.";
    }
  }
  for (const guard of deps.publicationGuards ?? []) {
    const problem = snapshot ? await guard(story.id, contentFingerprint(snapshot)) : null;
    if (problem) return problem;
  }
  return null;
}

/** Publishes scheduled stories whose time has come. Safe to run from several instances at once. */
export async function publishDueStories(deps: StoryEditDeps): Promise<number> {
  const now = deps.clock.now();
  let count = 0;
  // One story per transaction, published only if still scheduled: with several instances, only
  // the one that wins the update tells the listeners.
  for (const id of await store.listDueStoryIds(deps.db, now.toISOString())) {
    const published = await deps.db.transaction().execute(async (tx) => {
      if (!(await store.publishDueStory(tx, id, now.toISOString()))) return false;
      for (const listener of deps.statusListeners ?? []) await listener(tx, { storyId: id, from: "scheduled", to: "published", at: now });
      return true;
    });
    if (published) count++;
  }
  if (count > 0) await deps.contentVersion.bump();
  return count;
}

export type RevisionSummary = { id: number; createdAt: string; authorName: string | null; origin: revisions.RevisionOrigin; status: string; title: string };

export async function listStoryRevisions(deps: Pick<StoryEditDeps, "db">, actor: Viewer, id: number): Promise<RevisionSummary[] | null> {
  const story = await store.findStoryById(deps.db, id);
  if (!story || !policy.canViewStory(actor, story)) return null;
  return (await revisions.listRevisions(deps.db, id)).map((r) => {
    const snap = JSON.parse(r.snapshot) as StorySnapshot;
    return { id: r.id, createdAt: r.createdAt, authorName: r.authorName, origin: r.origin, status: snap.status, title: snap.title };
  });
}

export type FieldDiff = { field: string; parts: Array<{ value: string; added?: boolean; removed?: boolean }> };

const COMPARED: Array<[keyof StorySnapshot, string]> = [
  ["title", "Titre"],
  ["slug", "Adresse"],
  ["standfirst", "Chapô"],
  ["body", "Texte"],
  ["status", "Statut"],
  ["contentNotes", "Avertissements"],
  ["themeIds", "Thèmes"],
  ["credit", "Crédit"],
];

/** Word-level differences between two revisions of the same story, field by field. */
export async function compareRevisions(
  deps: Pick<StoryEditDeps, "db">,
  actor: Viewer,
  id: number,
  fromId: number,
  toId: number,
): Promise<FieldDiff[] | null> {
  const story = await store.findStoryById(deps.db, id);
  if (!story || !policy.canViewStory(actor, story)) return null;
  const [a, b] = await Promise.all([revisions.findRevision(deps.db, id, fromId), revisions.findRevision(deps.db, id, toId)]);
  if (!a || !b) return null;
  const before = JSON.parse(a.snapshot) as StorySnapshot;
  const after = JSON.parse(b.snapshot) as StorySnapshot;
  const text = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
  return COMPARED.filter(([key]) => text(before[key]) !== text(after[key])).map(([key, label]) => ({
    field: label,
    parts: diffWordsWithSpace(text(before[key]), text(after[key])).map((p) => ({ value: p.value, added: p.added, removed: p.removed })),
  }));
}

/** Restoring a revision saves its content as a new revision; the status does not change. */
export async function restoreRevision(deps: StoryEditDeps, actor: Viewer, id: number, revisionId: number): Promise<EditResult> {
  const rev = await revisions.findRevision(deps.db, id, revisionId);
  if (!rev) return { ok: false, denied: true };
  const snap = JSON.parse(rev.snapshot) as StorySnapshot;
  const { status: _status, publishedAt: _publishedAt, ...input } = snap;
  return saveStory(deps, actor, id, input);
}

export const ADMIN_PAGE_SIZE = 25;

/** The back-office list: editors see everything, authors their own stories only. */
export async function listForEditors(
  deps: Pick<StoryEditDeps, "db">,
  actor: Viewer,
  query: { q?: string; status?: StoryStatus; kind?: StoryKind; page: number },
) {
  const scope: store.AdminFilter = { query: query.q, kind: query.kind, authorId: policy.canPublish(actor) ? undefined : actor.id };
  const [total, counts] = await Promise.all([
    store.countStoriesForEditors(deps.db, { ...scope, status: query.status }),
    store.countStoriesByStatus(deps.db, scope),
  ]);
  const pages = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const stories = await store.listStoriesForEditors(deps.db, { ...scope, status: query.status }, { limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE });
  return { stories, total, counts, page, pages };
}

export function findStoryForEditing(deps: Pick<StoryEditDeps, "db">, actor: Viewer, id: number) {
  return store.findStoryById(deps.db, id).then((s) => (s && policy.canViewStory(actor, s) ? s : null));
}

export type ImportedStory = StoryInput & { status: StoryStatus; publishedAt: string | null };

/**
 * Trusted import (demo content, benchmarks, migrations from another tool): stores stories with
 * their given status and dates, in one transaction per batch, with a first revision each.
 */
export async function importStories(deps: StoryEditDeps, stories: ImportedStory[]): Promise<number[]> {
  const now = deps.clock.now().toISOString();
  const ids = await deps.db.transaction().execute(async (tx) => {
    const ids: number[] = [];
    for (const input of stories) {
      const { bodyMd, voices, words } = storedBody(input);
      const slug = await uniqueSlug(input.slug || slugify(input.title), (s) => store.isSlugTaken(tx, s));
      const id = await store.insertStory(tx, {
        ...rowFields(input, words, bodyMd, input.publishedAt ?? now),
        slug,
        status: input.status,
        published_at: input.publishedAt,
        author_id: null,
        audio_key: null,
        created_at: input.publishedAt ?? now,
      });
      await store.replaceStoryThemes(tx, id, input.themeIds);
      await store.replaceVoices(tx, id, voices);
      await revisions.insertRevision(tx, { storyId: id, userId: null, origin: "import", createdAt: now, snapshot: JSON.stringify({ ...input, slug }) });
      ids.push(id);
    }
    return ids;
  });
  await deps.contentVersion.bump();
  return ids;
}

export async function hasAnyStory(deps: Pick<StoryEditDeps, "db">): Promise<boolean> {
  return (await store.countStoriesForEditors(deps.db, {})) > 0;
}
