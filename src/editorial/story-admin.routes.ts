import { storyStatusLabel } from "../stories/story-status.present.js";
import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { ImageRejected, MAX_IMAGE_BYTES, storeImage, type ImageDeps } from "../media/image.service.js";
import { imageUrl } from "../media/views/picture.js";
import type { LibraryImage } from "../media/image.js";
import * as library from "../media/library.service.js";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { sendErrorPage } from "../platform/http/errors.js";
import { emptyForm, type FormState, formValues, listOf, parseForm, textOf, translatedForm } from "../platform/http/form.js";
import { memoryUploadConfig } from "../platform/http/uploads.js";
import { formatDateTime, isoToParisLocal, parisLocalToIso } from "../platform/i18n/locale.js";
import type { RevisionOrigin } from "../stories/story.js";
import * as editing from "../stories/story-editing.service.js";
import * as storyStatus from "../stories/story-status.service.js";
import { type StoryVersion, versionOf } from "../stories/story-version.js";
import { type Refusal, refusalsText } from "../stories/story-refusal.js";
import type { EpisodeExtra } from "../stories/views/story-page.js";
import type { VersionedMemo } from "../platform/cache/versioned-memo.js";
import type { PageContext } from "../platform/html/page-context.js";
import { storyPreviewRoutes } from "./story-preview.routes.js";
import { compareVersions, type FieldChange, type VersionNames } from "../stories/version-diff.js";
import type { MessageKey, Translate } from "../platform/i18n/translate.js";
import * as publication from "../stories/story-publication.service.js";
import * as policy from "../stories/story.policy.js";
import * as taxonomy from "../stories/taxonomy-editing.service.js";
import { editorIntent, statusForm, storyForm, toStoryInput } from "./story-form.schemas.js";
import { RevisionsPage } from "./views/editorial-pages.js";
import { type CoverChoice, type EditConflictView, type EditorStatus, StoryEditorPage } from "./views/story-editor-page.js";

export type EditorialDeps = editing.StoryEditDeps & ImageDeps;

type IdParams = { Params: { id: string } };
// The story form is the only one here with a file: its cover, read into memory.
const STORY_FORM = { access: "author", ...memoryUploadConfig("cover", MAX_IMAGE_BYTES) } as const;
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);
const viewerOf = (req: FastifyRequest) => req.viewer as Viewer;

// The flash message after a redirect, by the `ok` parameter the redirect carries.
const SAVED: Record<string, MessageKey> = {
  cree: "admin.story.saved.created",
  enregistre: "admin.story.saved.saved",
  statut: "admin.story.saved.status",
  restaure: "admin.story.saved.restored",
  verifie: "admin.story.saved.checked",
};

export type StoryAdminOptions = {
  deps: EditorialDeps;
  /** The public pages' cache of themes and series, for the preview's article. */
  memo: VersionedMemo;
  /** The podcasts feature renders a version's episode (chapters, transcript) in the preview. */
  episodePreview?(ctx: PageContext, version: StoryVersion, audioUrl: string): EpisodeExtra;
  /** Readable lines of another feature's part of a version (the podcast episode), for comparisons. */
  describePart?(t: Translate, name: string, value: unknown): Array<{ key: string; label: string; text: string }>;
};

const REVISION_AUTHORS: Record<Exclude<RevisionOrigin, "editor">, MessageKey> = {
  contributor: "admin.story.origin.contributor",
  import: "admin.story.origin.import",
  system: "admin.story.origin.system",
  scheduler: "admin.story.origin.scheduler",
};

function revisionAuthor(t: Translate, r: { authorName: string | null; origin: RevisionOrigin }): string {
  if (r.origin !== "editor") return t(REVISION_AUTHORS[r.origin]);
  return r.authorName ?? t("admin.story.deletedAccount");
}

/** Refusals (release door, status change) in the page's language, or null when there are none. */
const inWords = (t: Translate, refusals: Refusal[] | null) => (refusals ? refusalsText(t, refusals) : null);

/** A form's errors for the editor's script, in the page's language (the form's messages are catalogue keys). */
const errorsIn = (t: Translate, form: Pick<FormState, "errors" | "errorValues">) => translatedForm(t, { values: {}, ...form }).errors;

/** What this feature adds to the frames' menus. */
export const editorialNavigation: FeatureNavigation = {
  adminHome: "/admin",
  admin: [
    { key: "dashboard", href: "/admin", label: "admin.editorial.nav.dashboard", position: 10, role: "author" },
    { key: "stories", href: "/admin/temoignages", label: "admin.editorial.nav.stories", position: 20, role: "author" },
    { key: "themes", href: "/admin/themes", label: "admin.editorial.nav.themes", position: 70, role: "editor" },
    { key: "series", href: "/admin/series", label: "admin.editorial.nav.series", position: 80, role: "editor" },
  ],
};

export async function storyAdminRoutes(app: FastifyInstance, opts: StoryAdminOptions): Promise<void> {
  const { deps } = opts;
  await app.register(storyPreviewRoutes, { deps, memo: opts.memo, episodePreview: opts.episodePreview });

  async function versionNames(t: Translate): Promise<VersionNames> {
    const [themes, series] = await Promise.all([taxonomy.listThemes(deps), taxonomy.listAllSeries(deps)]);
    const themeName = new Map(themes.map((x) => [x.id, x.name]));
    const seriesName = new Map(series.map((x) => [x.id, x.title]));
    return {
      t,
      theme: (id) => themeName.get(id) ?? t("admin.story.deletedTheme", { id: String(id) }),
      series: (id) => seriesName.get(id) ?? t("admin.story.deletedSeries", { id: String(id) }),
      part: opts.describePart ? (name, value) => opts.describePart?.(t, name, value) ?? [] : undefined,
    };
  }

  async function editorPage(
    req: FastifyRequest,
    reply: FastifyReply,
    args: { storyId: number | null; form: FormState; status?: number; flash?: string; statusMessage?: string; conflict?: EditConflictView },
  ) {
    const actor = viewerOf(req);
    const { t, locale } = req.pageContext();
    const [themes, series] = await Promise.all([taxonomy.listThemes(deps), taxonomy.listAllSeries(deps)]);
    const coverId = idOf(textOf(args.form.values, "coverImageId"));
    const cover = coverId ? await library.findLibraryImage(deps, coverId) : null;
    const { images } = await library.listLibrary(deps, 1);
    const choices = cover && !images.some((img) => img.id === cover.id) ? [cover, ...images] : images;
    let status: EditorStatus | null = null;
    if (args.storyId) {
      const story = await editing.findStoryForEditing(deps, actor, args.storyId);
      if (story) {
        const safety = await publication.safetyStatus(deps, story.id);
        status = {
          safety: {
            required: safety?.required ?? false,
            signed: safety?.signed
              ? safety.signed.byImport
                ? t("admin.story.safety.signedByImport", { date: formatDateTime(locale, safety.signed.at) })
                : t("admin.story.safety.signedBy", { name: safety.signed.by ?? t("admin.story.safety.deletedAccount"), date: formatDateTime(locale, safety.signed.at) })
              : null,
            mentions3114: safety?.mentions3114 ?? false,
            canSign: policy.canPublish(actor),
          },
          status: story.status,
          publishedAt: story.publishedAt,
          publishAtLocal: story.status === "scheduled" && story.publishedAt ? isoToParisLocal(story.publishedAt) : "",
          canPublish: policy.canPublish(actor),
          canSubmit: policy.canChangeStatus(actor, story, "submit"),
          publicUrl: story.status === "published" ? `/temoignages/${(await publication.releasedSlug(deps, story.id)) ?? story.slug}` : null,
          hasPendingChanges: story.status === "published" && (await storyStatus.hasPendingChanges(deps, story.id)),
          scheduledProblem: inWords(t, await storyStatus.scheduledProblem(deps, story.id)),
          publishProblem: policy.canPublish(actor) ? inWords(t, await storyStatus.publicationProblem(deps, story.id)) : null,
        };
      }
    }
    return sendAdminPage(
      req,
      reply,
      { title: args.storyId ? t("admin.story.pageTitle.edit") : t("admin.story.pageTitle.new"), current: "stories", status: args.status, flash: args.flash },
      h(StoryEditorPage, {
        t,
        storyId: args.storyId,
        form: args.form,
        csrf: req.csrfToken(reply),
        themes: themes.map((theme) => ({ value: String(theme.id), label: theme.name })),
        series: series.map((s) => ({ value: String(s.id), label: s.title })),
        cover: cover ? { url: imageUrl(cover, 480) } : null,
        library: choices.map((img) => coverChoice(t, img)),
        status,
        canFeature: policy.canPublish(actor),
        statusMessage: args.statusMessage,
        conflict: args.conflict ?? null,
      }),
    );
  }

  /**
   * Stores a newly uploaded cover first, so a form re-displayed for another error keeps it. A cover
   * chosen in the library without a description of its own takes the library's (or its decorative mark).
   */
  async function withCover(body: unknown): Promise<{ values: ReturnType<typeof formValues>; coverError?: string }> {
    const values = formValues(body);
    const file = (body as Record<string, unknown> | null)?.cover;
    if (Buffer.isBuffer(file) && file.length > 0) {
      try {
        // It joins the library with the description typed beside it, for the next story that reuses it.
        const image = await storeImage(deps, file, { alt: values.coverDecorative ? "" : textOf(values, "coverAlt").trim().slice(0, 300) });
        values.coverImageId = String(image.id);
        values.removeCover = undefined;
      } catch (error) {
        if (error instanceof ImageRejected) return { values, coverError: error.message };
        throw error;
      }
      return { values };
    }
    const chosen = idOf(textOf(values, "coverImageId"));
    if (chosen && !values.removeCover && !values.coverDecorative && !textOf(values, "coverAlt").trim()) {
      const image = await library.findLibraryImage(deps, chosen);
      if (image?.decorative) values.coverDecorative = "1";
      else if (image?.alt) values.coverAlt = image.alt;
    }
    return { values };
  }

  /** The stored working copy as form values, with the revision it is, for the form's concurrency check. */
  async function storedForm(id: number): Promise<FormState["values"]> {
    const snap = await editing.editableStory(deps, id);
    if (!snap) return {};
    return {
      ...snapshotValues(snap),
      coverDecorative: snap.coverImageId !== null && !snap.coverAlt ? "1" : undefined,
      baseRevision: String((await editing.latestRevisionId(deps, id)) ?? ""),
    };
  }

  /**
   * 409: the words were changed by someone else since this form was loaded. Nothing was written;
   * the page shows theirs beside the editor's, and keeps the editor's in the form, now based on
   * the stored revision, so saving again is a deliberate choice.
   */
  async function conflictPage(req: FastifyRequest, reply: FastifyReply, id: number, values: FormState["values"], mine: editing.StoryInput, conflict: editing.EditConflict) {
    const yours: editing.StorySnapshot = { ...mine, slug: mine.slug || conflict.theirs.slug, status: conflict.theirs.status, publishedAt: conflict.theirs.publishedAt };
    const { t, locale } = req.pageContext();
    const diffs = compareVersions(versionOf(conflict.theirs), versionOf(yours), await versionNames(t));
    return editorPage(req, reply, {
      storyId: id,
      form: { values: { ...values, baseRevision: String(conflict.revisionId) }, errors: {} },
      status: 409,
      conflict: { savedBy: revisionAuthor(t, { authorName: conflict.savedBy, origin: conflict.origin }), savedAt: formatDateTime(locale, conflict.savedAt), diffs },
    });
  }

  async function submitStory(req: FastifyRequest, reply: FastifyReply, storyId: number | null) {
    const { values, coverError } = await withCover(req.body);
    const intent = editorIntent.parse(values);
    const parsed = parseForm(storyForm, values);
    if (!parsed.ok || coverError) {
      const form = parsed.ok ? { values, errors: {} } : parsed.form;
      form.values = values;
      if (coverError) form.errors.cover = coverError;
      return editorPage(req, reply, { storyId, form, status: 422 });
    }
    const actor = viewerOf(req);
    const input = toStoryInput(parsed.data);
    const result = storyId === null ? await editing.createStory(deps, actor, input) : await editing.saveStory(deps, actor, storyId, input, intent.baseRevision);
    if (!result.ok) {
      if ("denied" in result) return reply.callNotFound();
      if ("conflict" in result && storyId !== null) return conflictPage(req, reply, storyId, values, input, result.conflict);
      const form = "errors" in result ? { values, errors: result.errors, errorValues: result.errorValues } : emptyForm(values);
      return editorPage(req, reply, { storyId, form: translatedForm(req.pageContext().t, form), status: 422 });
    }
    // One save: "Aperçu" and the status buttons save what was typed, then show or change what was saved.
    if (intent.action === "preview") return reply.redirect(`/admin/temoignages/${result.id}/apercu`, 303);
    if (storyId !== null && intent.action !== "save") {
      const publishAt = intent.publishAt ? parisLocalToIso(intent.publishAt) : null;
      const changed = await storyStatus.changeStatus(deps, actor, storyId, intent.action, publishAt);
      if (changed.ok) return reply.redirect(`/admin/temoignages/${storyId}?ok=statut`, 303);
      if ("denied" in changed) return sendErrorPage(req, reply, 403, "forbidden");
      return editorPage(req, reply, { storyId, form: { values: await storedForm(storyId), errors: {} }, status: 422, flash: req.pageContext().t("admin.story.saved.saved"), statusMessage: refusalsText(req.pageContext().t, changed.refusals) });
    }
    return reply.redirect(`/admin/temoignages/${result.id}?ok=${storyId === null ? "cree" : "enregistre"}`, 303);
  }

  app.get("/admin/temoignages/nouveau", { config: { access: "author" } }, async (req, reply) =>
    editorPage(req, reply, { storyId: null, form: emptyForm({ kind: "article", format: "single", creditKind: "pseudonym" }) }),
  );

  app.post("/admin/temoignages", { config: STORY_FORM }, (req, reply) => submitStory(req, reply, null));

  app.get<IdParams>("/admin/temoignages/:id", { config: { access: "author" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const story = id ? await editing.findStoryForEditing(deps, viewerOf(req), id) : null;
    const snap = story && id ? await editing.editableStory(deps, id) : null;
    if (!snap || !id) return reply.callNotFound();
    const form = emptyForm(await storedForm(id));
    const ok = SAVED[String((req.query as Record<string, unknown>).ok ?? "")];
    return editorPage(req, reply, { storyId: id, form, flash: ok && req.pageContext().t(ok) });
  });

  app.post<IdParams>("/admin/temoignages/:id", { config: STORY_FORM }, async (req, reply) => {
    const id = idOf(req.params.id);
    const story = id ? await editing.findStoryForEditing(deps, viewerOf(req), id) : null;
    if (!story || !id) return reply.callNotFound();
    if (!policy.canEditStory(viewerOf(req), story)) return sendErrorPage(req, reply, 403, "forbidden");
    return submitStory(req, reply, id);
  });

  // Autosave for the editor's script: the same checks and the same save as the form's "Enregistrer",
  // answered in JSON. Its new revision becomes the base the form carries; a conflict writes nothing.
  app.post<IdParams>("/admin/temoignages/:id/brouillon", { config: { access: "author" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const story = id ? await editing.findStoryForEditing(deps, viewerOf(req), id) : null;
    const { t } = req.pageContext();
    reply.header("cache-control", "no-store");
    if (!story || !id) return reply.code(404).send({ error: t("admin.story.draft.notFound") });
    if (!policy.canEditStory(viewerOf(req), story)) return reply.code(403).send({ error: t("admin.story.draft.forbidden") });
    const values = formValues(req.body);
    const parsed = parseForm(storyForm, values);
    if (!parsed.ok) return reply.code(422).send({ error: t("admin.story.draft.invalid"), fields: errorsIn(t, parsed.form) });
    const result = await editing.saveStory(deps, viewerOf(req), id, toStoryInput(parsed.data), editorIntent.parse(values).baseRevision);
    if (result.ok) return reply.send({ revisionId: result.revisionId });
    if ("conflict" in result) {
      return reply.code(409).send({ error: t("admin.story.draft.conflict") });
    }
    if ("errors" in result) return reply.code(422).send({ error: t("admin.story.draft.invalid"), fields: errorsIn(t, result) });
    return reply.code(403).send({ error: t("admin.story.draft.forbidden") });
  });

  app.post<IdParams>("/admin/temoignages/:id/statut", { config: { access: "author" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await editing.findStoryForEditing(deps, viewerOf(req), id))) return reply.callNotFound();
    const parsed = parseForm(statusForm, req.body);
    const publishAt = parsed.ok && parsed.data.publishAt ? parisLocalToIso(parsed.data.publishAt) : null;
    const result = parsed.ok
      ? await storyStatus.changeStatus(deps, viewerOf(req), id, parsed.data.action, publishAt)
      : ({ ok: false, refusals: [{ key: "admin.story.error.action" }] } satisfies storyStatus.StatusResult);
    if (result.ok) return reply.redirect(`/admin/temoignages/${id}?ok=statut`, 303);
    if ("denied" in result) return sendErrorPage(req, reply, 403, "forbidden");
    return editorPage(req, reply, { storyId: id, form: { values: await storedForm(id), errors: {} }, status: 422, statusMessage: refusalsText(req.pageContext().t, result.refusals) });
  });

  app.post<IdParams>("/admin/temoignages/:id/verification", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await editing.findStoryForEditing(deps, viewerOf(req), id))) return reply.callNotFound();
    const result = await publication.signSafetyChecklist(deps, viewerOf(req), id, listOf(formValues(req.body), "items"));
    if (!result.ok) {
      return editorPage(req, reply, { storyId: id, form: { values: await storedForm(id), errors: {} }, status: 422, statusMessage: refusalsText(req.pageContext().t, result.refusals) });
    }
    return reply.redirect(`/admin/temoignages/${id}?ok=verifie`, 303);
  });

  app.get<IdParams>("/admin/temoignages/:id/revisions", { config: { access: "author" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const actor = viewerOf(req);
    const story = id ? await editing.findStoryForEditing(deps, actor, id) : null;
    const revisions = story && id ? await editing.listStoryRevisions(deps, actor, id) : null;
    if (!story || !id || !revisions) return reply.callNotFound();
    const q = req.query as Record<string, unknown>;
    const from = idOf(String(q.de ?? ""));
    const to = idOf(String(q.a ?? ""));
    const pair = from && to ? await editing.revisionPair(deps, actor, id, Math.min(from, to), Math.max(from, to)) : null;
    const { t, locale } = req.pageContext();
    const diffs = pair ? [...statusChange(t, pair.before.status, pair.after.status), ...compareVersions(versionOf(pair.before), versionOf(pair.after), await versionNames(t))] : null;
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.story.history.title"), current: "stories" },
      h(RevisionsPage, {
        t,
        storyId: id,
        title: story.title,
        revisions: revisions.map((r) => ({ id: r.id, when: formatDateTime(locale, r.createdAt), who: revisionAuthor(t, r), status: r.status, title: r.title })),
        compare: diffs && from && to ? { from: Math.min(from, to), to: Math.max(from, to), diffs } : null,
        csrf: req.csrfToken(reply),
        canRestore: policy.canEditStory(actor, story),
      }),
    );
  });

  app.post<{ Params: { id: string; rev: string } }>("/admin/temoignages/:id/revisions/:rev/restaurer", { config: { access: "author" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const rev = idOf(req.params.rev);
    if (!id || !rev) return reply.callNotFound();
    const result = await editing.restoreRevision(deps, viewerOf(req), id, rev);
    if (!result.ok) return reply.callNotFound();
    return reply.redirect(`/admin/temoignages/${id}?ok=restaure`, 303);
  });
}

function coverChoice(t: Translate, img: LibraryImage): CoverChoice {
  const id = String(img.id);
  const label = img.decorative ? t("admin.story.library.decorative", { id }) : img.alt || t("admin.story.library.undescribed", { id });
  return { id: img.id, thumb: imageUrl(img, 480), width: 120, height: Math.max(1, Math.round((120 * img.height) / img.width)), label };
}

function snapshotValues(snap: editing.StorySnapshot): FormState["values"] {
  return {
    title: snap.title,
    slug: snap.slug,
    kind: snap.kind,
    format: snap.format,
    standfirst: snap.standfirst,
    body: snap.body,
    themeIds: snap.themeIds.map(String),
    seriesId: snap.seriesId === null ? "" : String(snap.seriesId),
    seriesPosition: snap.seriesPosition === null ? "" : String(snap.seriesPosition),
    creditKind: snap.credit.kind,
    creditName: snap.credit.name,
    creditAge: snap.credit.age === null ? "" : String(snap.credit.age),
    contentNotes: snap.contentNotes,
    coverImageId: snap.coverImageId === null ? "" : String(snap.coverImageId),
    coverAlt: snap.coverAlt,
    isFeatured: snap.isFeatured ? "1" : undefined,
  };
}

/** A change of status between two revisions, in words ("Brouillon → Publié"), as a comparison line. */
function statusChange(t: Translate, before: string, after: string): FieldChange[] {
  if (before === after) return [];
  const label = (status: string) => storyStatusLabel(t, status);
  return [{ key: "status", label: t("admin.story.history.status"), blocks: [[{ value: label(before), removed: true }, { value: " → " }, { value: label(after), added: true }]] }];
}
