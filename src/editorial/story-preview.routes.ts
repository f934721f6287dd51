import type { FastifyInstance, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { VersionedMemo } from "../platform/cache/versioned-memo.js";
import { renderMarkdown } from "../platform/html/markdown.js";
import type { PageContext } from "../platform/html/page-context.js";
import { renderDocument } from "../platform/html/render.js";
import type { Viewer } from "../platform/http/access.js";
import { formValues, textOf } from "../platform/http/form.js";
import { allowFramingBySelf } from "../platform/http/security-headers.js";
import * as editing from "../stories/story-editing.service.js";
import { presentStoryPage } from "../stories/story.present.js";
import { previewPage } from "../stories/story.service.js";
import type { StoryVersion } from "../stories/story-version.js";
import type { EpisodeExtra } from "../stories/views/story-page.js";
import { STORY_BODY_MAX_CHARS, STORY_BODY_TOO_LONG } from "./story-form.schemas.js";
import { StoryPreviewPage } from "./views/story-preview-page.js";

type IdParams = { Params: { id: string } };
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);
const viewerOf = (req: FastifyRequest) => req.viewer as Viewer;

const PREVIEW = { firstHeadingLevel: 3 } as const;

export type StoryPreviewOptions = {
  deps: editing.StoryEditDeps;
  /** The public pages' cache of themes and series, for the preview's article. */
  memo: VersionedMemo;
  /** The podcasts feature renders a version's episode (chapters, transcript) in the preview. */
  episodePreview?(ctx: PageContext, version: StoryVersion, audioUrl: string): EpisodeExtra;
};

/** What a story will look like before it is public: the whole page as readers will see it, and the editor's live text. */
export async function storyPreviewRoutes(app: FastifyInstance, opts: StoryPreviewOptions): Promise<void> {
  const { deps } = opts;

  // The working copy as readers will see it, for whoever may see the story in the back office.
  app.get<IdParams>("/admin/temoignages/:id/apercu", { config: { access: "author" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const story = id ? await editing.findStoryForEditing(deps, viewerOf(req), id) : null;
    const version = story && id ? await editing.workingVersionOf(deps, id) : null;
    if (!story || !id || !version) return reply.callNotFound();
    const q = req.query as Record<string, unknown>;
    const width = q.largeur === "telephone" ? "telephone" : "ordinateur";
    const framed = width === "telephone" && q.cadre === "1";
    const ctx = req.pageContext();
    const page = await previewPage({ db: deps.db, memo: opts.memo }, id, version, story.publishedAt ?? deps.clock.now().toISOString());
    // The episode's audio is private until released: the preview shows its notes, chapters and transcript.
    const episode = opts.episodePreview?.(ctx, { ...version, parts: stripAudio(version.parts) }, "") ?? null;
    if (framed) allowFramingBySelf(reply);
    return reply
      .header("cache-control", "no-store")
      .header("x-robots-tag", "noindex, nofollow")
      .type("text/html; charset=utf-8")
      .send(renderDocument(h(StoryPreviewPage, { ctx, view: presentStoryPage(ctx, page), episode, storyId: id, width, framed })));
  });

  // Live preview for the editor's script; the "Aperçu" button does the same without JavaScript.
  // A text too long to save gets the form's own message instead of a preview; the render is bounded anyway.
  app.post("/admin/apercu", { config: { access: "author" } }, async (req, reply) => {
    const text = textOf(formValues(req.body), "body");
    reply.header("cache-control", "no-store").type("text/html; charset=utf-8");
    if (text.length > STORY_BODY_MAX_CHARS) {
      const { t } = req.pageContext();
      return reply.code(422).send(`<p class="field-error">${t("admin.story.livePreview.impossible")} ${t(STORY_BODY_TOO_LONG)}</p>`);
    }
    return reply.send(renderMarkdown(text, PREVIEW));
  });
}

/** A version's parts without the episode's audio key, so the preview never points a player at a private file. */
function stripAudio(parts: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, value && typeof value === "object" && "audioKey" in value ? { ...value, audioKey: null } : value]));
}
