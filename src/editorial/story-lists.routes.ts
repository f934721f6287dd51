import type { FastifyInstance, FastifyRequest } from "fastify";
import { type ComponentChild, createElement as h } from "preact";
import { awaitingImportedStories } from "../import/import-run.service.js";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import type { PageContext } from "../platform/html/page-context.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import type { MessageKey, Translate } from "../platform/i18n/translate.js";
import { creditLabel } from "../stories/story.js";
import * as editing from "../stories/story-editing.service.js";
import { listStoriesToReread } from "../stories/story-import.service.js";
import * as policy from "../stories/story.policy.js";
import * as taxonomy from "../stories/taxonomy-editing.service.js";
import type { EditorialDeps } from "./story-admin.routes.js";
import { adminListQuery } from "./story-form.schemas.js";
import { DashboardPage } from "./views/editorial-pages.js";
import { AdminStoryListPage } from "./views/story-list-page.js";

/**
 * The two back-office pages that list stories: the home (`/admin`: counts, recent stories, what an
 * import left to check, and what other features put first) and the searchable, filterable list
 * with its bulk actions' form. The editor of one story is story-admin.routes.ts.
 */

/** A section another feature puts first on the back-office home for this viewer (urgent contributions), or null. */
export type DashboardSection = (viewer: Viewer, ctx: PageContext) => Promise<ComponentChild>;

export type StoryListOptions = { deps: EditorialDeps; dashboardSections?: DashboardSection[] };

const viewerOf = (req: FastifyRequest) => req.viewer as Viewer;

const credit = (t: Translate, c: Parameters<typeof creditLabel>[0]) =>
  creditLabel(c, { anonymous: t("admin.story.anonymous"), age: (name, age) => t("admin.story.age", { name, age: String(age) }) });

const AWAITING: Record<string, MessageKey> = {
  transcript: "admin.home.awaiting.transcript",
  audio: "admin.home.awaiting.audio",
  guard: "admin.home.awaiting.guard",
};

export async function storyListRoutes(app: FastifyInstance, opts: StoryListOptions): Promise<void> {
  const { deps } = opts;

  app.get("/admin", { config: { access: "author" } }, async (req, reply) => {
    const actor = viewerOf(req);
    const ctx = req.pageContext();
    const { t, locale } = ctx;
    const [list, sections] = await Promise.all([editing.listForEditors(deps, actor, { page: 1 }), Promise.all((opts.dashboardSections ?? []).map((section) => section(actor, ctx)))]);
    // After an import: stories public on the old site that wait here, and checklists signed by the import.
    const attention = policy.canPublish(actor)
      ? {
          awaiting: (await awaitingImportedStories(deps)).map((a) => ({ id: a.storyId, title: a.title, why: a.awaiting in AWAITING ? t(AWAITING[a.awaiting] as MessageKey) : a.awaiting })),
          reread: await listStoriesToReread(deps.db),
        }
      : null;
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.home.title"), current: "dashboard" },
      h(DashboardPage, {
        t,
        name: actor.displayName,
        counts: list.counts,
        recent: list.stories.slice(0, 8).map((s) => ({ id: s.id, title: s.title, status: s.status, kind: s.kind, updated: formatDateTime(locale, s.updatedAt), credit: credit(t, s.credit) })),
        canSeeAll: policy.canPublish(actor),
        first: sections,
        attention,
      }),
    );
  });

  app.get("/admin/temoignages", { config: { access: "author" } }, async (req, reply) => {
    const q = adminListQuery.parse(req.query ?? {});
    const [list, themes, series] = await Promise.all([
      editing.listForEditors(deps, viewerOf(req), { q: q.q, status: q.statut, kind: q.format, themeId: q.theme, seriesId: q.serie, page: q.page }),
      taxonomy.listThemes(deps),
      taxonomy.listAllSeries(deps),
    ]);
    const { t, locale } = req.pageContext();
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.storyList.title"), current: "stories" },
      h(AdminStoryListPage, {
        t,
        view: {
          rows: list.stories.map((s) => ({ id: s.id, title: s.title, status: s.status, kind: s.kind, updated: formatDateTime(locale, s.updatedAt), credit: credit(t, s.credit) })),
          total: list.total,
          counts: list.counts,
          filters: { q: q.q ?? "", statut: q.statut ?? "", format: q.format ?? "", theme: q.theme ? String(q.theme) : "", serie: q.serie ? String(q.serie) : "" },
          themes: themes.map((x) => ({ value: String(x.id), label: x.name })),
          series: series.map((x) => ({ value: String(x.id), label: x.title })),
          page: list.page,
          pages: list.pages,
          bulk: { csrf: req.csrfToken(reply), canPublish: policy.canPublish(viewerOf(req)) },
        },
      }),
    );
  });
}
