import type { Db, Queryable } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { Clock } from "../platform/clock.js";
import type { Viewer } from "../platform/http/access.js";
import type { MessageKey, Params } from "../platform/i18n/translate.js";
import * as published from "./published-story.store.js";
import * as revisions from "./revision.store.js";
import * as seriesStore from "./series.store.js";
import type { CatalogueText } from "./story-refusal.js";
import { parseRevisionSnapshot, recordRevision, snapshotOf, workingVersion } from "./story-snapshot.js";
import {
  bodyParts,
  type ContentNote,
  type Credit,
  isValidSlug,
  minutesForWords,
  slugify,
  splitVoices,
  type StoryFormat,
  type RevisionOrigin,
  type StoryKind,
  type StoryStatus,
  uniqueSlug,
} from "./story.js";
import * as policy from "./story.policy.js";
import * as store from "./story.store.js";
import type { ReleaseListener, StoryVersion, VersionPart } from "./story-version.js";
import * as themeStore from "./theme.store.js";
import { findLibraryImage } from "../media/library.service.js";
import { parseSearchQuery } from "../platform/search/search-query.js";

/**
 * A check another feature adds before a version goes public (the author's approval of a
 * contribution, an episode's audio and transcript). It reads through `db`, which is the release
 * transaction. Returns its reason to refuse (a key of its own catalogue, see story-refusal.ts), or null.
 */
export type PublicationGuard = (db: Queryable, storyId: number, version: StoryVersion, fingerprint: string) => Promise<CatalogueText | null>;

/**
 * Told of a status change inside its transaction (another feature's mail about it goes in the
 * same commit as the change, or not at all).
 */
export type StoryStatusListener = (tx: Queryable, change: { storyId: number; from: StoryStatus; to: StoryStatus; at: Date }) => Promise<void>;

export type StoryEditDeps = {
  db: Db;
  clock: Clock;
  publicationGuards?: PublicationGuard[];
  statusListeners?: StoryStatusListener[];
  /** Other features' shares of a version (the podcast episode). */
  versionParts?: VersionPart[];
  /** Other features' indexes of what is public (search), kept in the release door's transaction. */
  releaseListeners?: ReleaseListener[];
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

/** What a revision keeps: the whole editable state, so any revision can be restored, and other features' parts. */
export type StorySnapshot = StoryInput & { status: StoryStatus; publishedAt: string | null; parts?: Record<string, unknown> };

/** The stored working copy an edit would have overwritten, and who saved it when. */
export type EditConflict = { theirs: StorySnapshot; revisionId: number; savedAt: string; savedBy: string | null; origin: RevisionOrigin };

export type EditResult =
  | { ok: true; id: number; revisionId: number }
  | ({ ok: false } & StoryErrors)
  | { ok: false; denied: true }
  | { ok: false; conflict: EditConflict };

/** The fields an editor types: two snapshots equal on these hold the same words, whatever their status. */
const EDITABLE: ReadonlyArray<keyof StoryInput> = [
  "title", "slug", "kind", "format", "standfirst", "body", "themeIds", "seriesId", "seriesPosition", "credit", "contentNotes", "coverImageId", "coverAlt", "isFeatured",
];

function sameContent(a: StoryInput, b: StoryInput): boolean {
  return EDITABLE.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]));
}

/** Thrown inside a save's transaction to roll it back when the edit is based on an outdated version. */
class Outdated extends Error {
  constructor(readonly conflict: EditConflict) {
    super("outdated");
  }
}

/** A story's form errors, by field: catalogue keys, with their values when the sentence needs some. */
export type StoryErrors = { errors: Record<string, MessageKey>; errorValues?: Record<string, Params> };

async function validateInput(deps: StoryEditDeps, input: StoryInput, storyId?: number): Promise<StoryErrors> {
  const errors: Record<string, MessageKey> = {};
  const errorValues: Record<string, Params> = {};
  if (input.slug && !isValidSlug(input.slug)) {
    errors.slug = "admin.stories.error.slugInvalid";
  } else if (input.slug && ((await store.isSlugTaken(deps.db, input.slug, storyId)) || (await published.isPublishedSlugTaken(deps.db, input.slug, storyId)))) {
    errors.slug = "admin.stories.error.slugTaken";
  }
  if (input.format === "collective") {
    const split = splitVoices(input.body);
    if (split.badLines.length) {
      errors.body = "admin.stories.error.voiceLines";
      errorValues.body = { lines: split.badLines.join(", ") };
    } else if (split.voices.length < 2) errors.body = "admin.stories.error.twoVoices";
  }
  if (input.seriesId !== null && !(await seriesStore.findSeriesById(deps.db, input.seriesId))) errors.seriesId = "admin.stories.error.seriesGone";
  if (input.seriesId !== null && input.seriesPosition === null) errors.seriesPosition = "admin.stories.error.seriesPositionMissing";
  const themes = new Set((await themeStore.listThemes(deps.db)).map((t) => t.id));
  if (input.themeIds.some((id) => !themes.has(id))) errors.themeIds = "admin.stories.error.themeGone";
  // A cover is an image of the library, used as it is stored (never a copy): any other id is refused here, for every path.
  if (input.coverImageId !== null && !(await findLibraryImage(deps, input.coverImageId))) {
    errors.coverImageId = "admin.stories.error.coverNotInLibrary";
  }
  return Object.keys(errorValues).length ? { errors, errorValues } : { errors };
}

export function storedBody(input: Pick<StoryInput, "format" | "body">) {
  const parts = bodyParts(input.format, input.body);
  const voices: store.Voice[] = parts.voices.map((v, i) => ({ position: i + 1, credit: v.credit, bodyMd: v.bodyMd }));
  return { bodyMd: parts.intro, voices, words: parts.words };
}

export function rowFields(input: StoryInput, words: number, bodyMd: string, now: string) {
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
  const invalid = await validateInput(deps, input);
  if (Object.keys(invalid.errors).length) return { ok: false, ...invalid };
  const now = deps.clock.now().toISOString();
  const { bodyMd, voices, words } = storedBody(input);
  const created = await deps.db.transaction().execute(async (tx) => {
    const slug = input.slug || (await uniqueSlug(slugify(input.title), (s) => isSlugTaken(tx, s)));
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
    const revision = await recordRevision(deps, tx, id, { userId: actor.id }, now);
    return { id, revisionId: revision.id };
  });
  return { ok: true, ...created };
}

export async function isSlugTaken(db: Queryable, slug: string, exceptStoryId?: number): Promise<boolean> {
  return (await store.isSlugTaken(db, slug, exceptStoryId)) || (await published.isPublishedSlugTaken(db, slug, exceptStoryId));
}

/**
 * Saves the working copy. Readers keep seeing the released version until a new one passes the
 * guards (publish, schedule): an edit never reaches a public page by itself.
 *
 * `baseRevisionId` is the revision the editor's form was loaded from (null: unknown). When the
 * stored words changed since then, the edit is refused with the stored version (`conflict`):
 * nothing is written, nobody's words are silently overwritten. A newer revision that only
 * changed the status (a publication, a scheduled release) is no conflict. Restoring a revision
 * passes `undefined`: it is based on what the editor chose to bring back.
 */
export async function saveStory(deps: StoryEditDeps, actor: Viewer, id: number, input: StoryInput, baseRevisionId?: number | null): Promise<EditResult> {
  const current = await store.findStoryById(deps.db, id);
  if (!current || !policy.canEditStory(actor, current)) return { ok: false, denied: true };
  const invalid = await validateInput(deps, input, id);
  if (Object.keys(invalid.errors).length) return { ok: false, ...invalid };
  const now = deps.clock.now().toISOString();
  const { bodyMd, voices, words } = storedBody(input);
  const isFeatured = policy.canPublish(actor) ? input.isFeatured : current.isFeatured;
  try {
    const revisionId = await deps.db.transaction().execute(async (tx) => {
      await store.lockStory(tx, id);
      const latest = await revisions.latestRevision(tx, id);
      const stored = (await snapshotOf(tx, id)) as StorySnapshot;
      if (baseRevisionId !== undefined && latest && latest.id !== baseRevisionId) {
        const base = baseRevisionId === null ? null : await revisions.findRevision(tx, id, baseRevisionId);
        if (!base || !sameContent(parseRevisionSnapshot(base.snapshot), stored)) {
          throw new Outdated({ theirs: stored, revisionId: latest.id, savedAt: latest.createdAt, savedBy: latest.authorName, origin: latest.origin });
        }
      }
      const slug = input.slug || current.slug;
      // Nothing typed since the last revision (a status button clicked on an untouched form): no new revision.
      if (latest && sameContent(stored, { ...input, slug, isFeatured })) return latest.id;
      await store.updateStory(tx, id, { ...rowFields({ ...input, isFeatured }, words, bodyMd, now), slug });
      if (isFeatured) await store.clearFeatured(tx, id);
      await store.replaceStoryThemes(tx, id, input.themeIds);
      await store.replaceVoices(tx, id, voices);
      // Featuring is an editorial choice, not content: it reaches the home page without a new version.
      if (isFeatured !== current.isFeatured) {
        await published.setPublishedFeatured(tx, id, isFeatured);
        if (current.status === "published") await markContentChanged(tx, now);
      }
      return (await recordRevision(deps, tx, id, { userId: actor.id }, now)).id;
    });
    return { ok: true, id, revisionId };
  } catch (error) {
    if (error instanceof Outdated) return { ok: false, conflict: error.conflict };
    throw error;
  }
}

/** The working copy as a version (every feature's part included): what the editors' preview shows. */
export function workingVersionOf(deps: Pick<StoryEditDeps, "db" | "versionParts">, id: number): Promise<StoryVersion | null> {
  return workingVersion(deps, deps.db, id);
}

/** The revision an editor's form starts from (carried as a hidden field). */
export async function latestRevisionId(deps: Pick<StoryEditDeps, "db">, id: number): Promise<number | null> {
  return (await revisions.latestRevision(deps.db, id))?.id ?? null;
}

export type RevisionSummary = { id: number; createdAt: string; authorName: string | null; origin: RevisionOrigin; status: string; title: string };

export async function listStoryRevisions(deps: Pick<StoryEditDeps, "db">, actor: Viewer, id: number): Promise<RevisionSummary[] | null> {
  const story = await store.findStoryById(deps.db, id);
  if (!story || !policy.canViewStory(actor, story)) return null;
  return (await revisions.listRevisions(deps.db, id)).map((r) => {
    const snap = parseRevisionSnapshot(r.snapshot);
    return { id: r.id, createdAt: r.createdAt, authorName: r.authorName, origin: r.origin, status: snap.status, title: snap.title };
  });
}

/** Two revisions of the same story, as versions, for a field-by-field comparison (version-diff.ts). */
export async function revisionPair(
  deps: Pick<StoryEditDeps, "db">,
  actor: Viewer,
  id: number,
  fromId: number,
  toId: number,
): Promise<{ before: StorySnapshot; after: StorySnapshot } | null> {
  const story = await store.findStoryById(deps.db, id);
  if (!story || !policy.canViewStory(actor, story)) return null;
  const [a, b] = await Promise.all([revisions.findRevision(deps.db, id, fromId), revisions.findRevision(deps.db, id, toId)]);
  if (!a || !b) return null;
  return { before: parseRevisionSnapshot(a.snapshot), after: parseRevisionSnapshot(b.snapshot) };
}

/** Restoring a revision saves its content as the working copy; readers see it only once released. */
export async function restoreRevision(deps: StoryEditDeps, actor: Viewer, id: number, revisionId: number): Promise<EditResult> {
  const rev = await revisions.findRevision(deps.db, id, revisionId);
  if (!rev) return { ok: false, denied: true };
  const { status: _status, publishedAt: _publishedAt, parts: _parts, ...input } = parseRevisionSnapshot(rev.snapshot);
  return saveStory(deps, actor, id, input);
}

export const ADMIN_PAGE_SIZE = 25;

/** The back-office list: editors see everything, authors their own stories only. */
export async function listForEditors(
  deps: Pick<StoryEditDeps, "db">,
  actor: Viewer,
  query: { q?: string; status?: StoryStatus; kind?: StoryKind; themeId?: number; seriesId?: number; page: number },
) {
  // The public search's parser: stems ("hopitaux" finds "hôpital"), "phrases", prefixes*.
  const parsed = query.q ? parseSearchQuery(query.q) : null;
  const search = parsed && parsed.terms.length > 0 ? parsed : undefined;
  const scope: store.AdminFilter = { search, kind: query.kind, themeId: query.themeId, seriesId: query.seriesId, authorId: policy.canPublish(actor) ? undefined : actor.id };
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

export async function hasAnyStory(deps: Pick<StoryEditDeps, "db">): Promise<boolean> {
  return (await store.countStoriesForEditors(deps.db, {})) > 0;
}
