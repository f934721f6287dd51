import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { VersionedMemo } from "../../platform/cache/versioned-memo.js";
import type { PageContext } from "../../platform/html/page-context.js";
import { renderDocument } from "../../platform/html/render.js";
import type { CookieJar } from "../../platform/http/cookies.js";
import { sendFile } from "../../platform/http/file-range.js";
import { formValues } from "../../platform/http/form.js";
import type { Translate } from "../../platform/i18n/translate.js";
import { presentStoryPage } from "../../stories/story.present.js";
import { previewPage } from "../../stories/story.service.js";
import type { StoryVersion } from "../../stories/story-version.js";
import { listAllSeries, listThemes } from "../../stories/taxonomy-editing.service.js";
import { compareVersions, type VersionNames } from "../../stories/version-diff.js";
import type { EpisodeExtra } from "../../stories/views/story-page.js";
import * as approvals from "./approval.service.js";
import * as submissions from "../submission.service.js";
import { followedContribution } from "./follow-up-session.js";
import { ApprovalPage } from "./views/approval-page.js";

const PUBLIC = { access: "public" } as const;
const AUDIO_URL = "/suivi/version/audio.mp3";

export type ApprovalRouteOptions = {
  deps: approvals.ApprovalDeps & { memo: VersionedMemo };
  cookies: CookieJar;
  /** The podcasts feature renders a version's episode (player, chapters, transcript). */
  episodePreview(ctx: PageContext, version: StoryVersion, audioUrl: string): EpisodeExtra;
  /** The podcasts feature describes a version's episode for comparisons. */
  describePart(t: Translate, name: string, value: unknown): Array<{ key: string; label: string; text: string }>;
};

/**
 * The author's approval page (/suivi/version): the version exactly as the public will see it,
 * rendered with the public page's components, and what changed, field by field.
 */
export async function approvalRoutes(app: FastifyInstance, opts: ApprovalRouteOptions): Promise<void> {
  const { deps } = opts;
  const followUpId = (req: FastifyRequest) => followedContribution(deps, opts.cookies, req);

  async function names(t: Translate): Promise<VersionNames> {
    const [themes, series] = await Promise.all([listThemes(deps), listAllSeries(deps)]);
    const themeName = new Map(themes.map((x) => [x.id, x.name]));
    const seriesName = new Map(series.map((x) => [x.id, x.title]));
    return {
      t,
      theme: (id) => themeName.get(id) ?? "?",
      series: (id) => seriesName.get(id) ?? "?",
      part: (name, value) => opts.describePart(t, name, value),
    };
  }

  async function approvalPage(req: FastifyRequest, reply: FastifyReply, id: number, error?: string, status = 200) {
    const pending = await approvals.pendingVersion(deps, id);
    const data = pending ? await submissions.followUp(deps, id) : null;
    if (!pending || !data) return reply.redirect("/suivi/contribution", 303);
    const ctx = req.pageContext();
    const s = data.submission;
    const n = await names(ctx.t);
    // Her own text, as a version: what she wrote, and nothing of what the team added (standfirst,
    // image, themes, series), so additions show as such. The address and kind are not compared.
    const ownText: StoryVersion = {
      ...pending.version,
      title: s.title,
      standfirst: "",
      body: s.bodyMd,
      credit: s.credit,
      contentNotes: [...s.contentNotes].sort() as StoryVersion["contentNotes"],
      coverImageId: null,
      coverAlt: "",
      themeIds: [],
      seriesId: null,
      seriesPosition: null,
    };
    const page = await previewPage(deps, pending.storyId, pending.version, null);
    const view = {
      versionId: pending.versionId,
      story: presentStoryPage(ctx, page),
      episode: opts.episodePreview(ctx, pending.version, AUDIO_URL),
      sinceApproved: pending.lastApproved ? compareVersions(pending.lastApproved, pending.version, n) : null,
      sinceOwnText: compareVersions(ownText, { ...pending.version, parts: {} }, { ...n, part: undefined }),
      stillCurrent: pending.stillCurrent,
      anonymityRequested: pending.anonymityRequested,
      isAnonymous: pending.version.credit.kind === "anonymous",
      error: error ? ctx.t(error as Parameters<Translate>[0]) : undefined,
    };
    return reply
      .code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(renderDocument(h(ApprovalPage, { ctx, csrf: req.csrfToken(reply), view })));
  }

  app.get("/suivi/version", { config: PUBLIC }, async (req, reply) => {
    const id = await followUpId(req);
    if (id === null) return reply.redirect("/suivi", 303);
    return approvalPage(req, reply, id);
  });

  app.post("/suivi/approuver", { config: PUBLIC }, async (req, reply) => {
    const id = await followUpId(req);
    if (id === null) return reply.redirect("/suivi", 303);
    const versionId = Number(formValues(req.body).versionId);
    const result = Number.isInteger(versionId) && versionId > 0 ? await approvals.approveVersion(deps, id, versionId) : { ok: false as const, message: "followUp.error.versionUnknown" };
    if (!result.ok) return approvalPage(req, reply, id, result.message, 422);
    return reply.redirect("/suivi/contribution?ok=approuve", 303);
  });

  // The recording of the version awaiting approval, for its author only, before anyone else hears it.
  app.get(AUDIO_URL, { config: PUBLIC }, async (req, reply) => {
    const id = await followUpId(req);
    if (id === null) return reply.redirect("/suivi", 303);
    const key = await approvals.pendingAudioKey(deps, id);
    if (!key) return reply.callNotFound();
    return sendFile(req, reply, deps.files, key, { type: "audio/mpeg", cacheControl: "no-store" });
  });
}

/**
 * For the image route: whether this browser follows a contribution whose version awaiting
 * approval shows the image, which its author must see before any reader can.
 */
export function approvalImagePreview(deps: approvals.ApprovalDeps, cookies: CookieJar) {
  return async (req: FastifyRequest, key: string): Promise<boolean> => {
    const id = await followedContribution(deps, cookies, req);
    return id !== null && (await approvals.pendingVersionShowsImage(deps, id, key));
  };
}
