import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { formatDateTime, type Locale } from "../platform/i18n/locale.js";
import type { MessageKey, Params, Translate } from "../platform/i18n/translate.js";
import { applyBulk, type BulkAction, type BulkNote, type BulkOutcome, type BulkStatusAction, planBulk } from "../stories/story-bulk.service.js";
import { refusalsText } from "../stories/story-refusal.js";
import * as taxonomy from "../stories/taxonomy-editing.service.js";
import type { EditorialDeps } from "./story-admin.routes.js";
import { BULK_MAX_STORIES, bulkFields, parseBulkForm, type BulkParse } from "./story-bulk.schemas.js";
import { BulkConfirmPage, BulkProblemPage, type BulkRowView, BulkResultPage, bulkSummary } from "./views/story-bulk-pages.js";

/**
 * Bulk actions from the back office's list: POST the selection to see what will happen to each
 * story (nothing changes), then confirm to apply. Authors may use them on their own stories, for
 * what they could do one by one; the service checks every id against the person acting.
 */

const LIST = "/admin/temoignages";
// A hundred ids and the action's fields fit in well under 8 KiB; anything larger is refused unread.
const BULK_ROUTE = { config: { access: "author" }, bodyLimit: 8 * 1024 } as const;

/** What happened, in the summary's number ("publié", "publiés"). */
const DONE: Record<BulkStatusAction | "schedule" | "taxonomy", MessageKey> = {
  submit: "admin.bulk.done.submit",
  draft: "admin.bulk.done.draft",
  publish: "admin.bulk.done.publish",
  unpublish: "admin.bulk.done.unpublish",
  schedule: "admin.bulk.done.schedule",
  taxonomy: "admin.bulk.done.changed",
};

const doneKey = (action: BulkAction): MessageKey => DONE[action.kind === "status" ? action.action : action.kind === "schedule" ? "schedule" : "taxonomy"];

const viewerOf = (req: FastifyRequest) => req.viewer as Viewer;

/** A story's note in the page's language: its values (notes among them) said first, its refusals as {problem}, its time as {date}. */
function bulkNoteText(t: Translate, locale: Locale, note: BulkNote): string {
  const params: Params = {};
  for (const [name, value] of Object.entries(note.values ?? {})) params[name] = typeof value === "object" ? bulkNoteText(t, locale, value) : value;
  if (note.refusals) params.problem = refusalsText(t, note.refusals);
  if (note.at) params.date = formatDateTime(locale, note.at);
  return t(note.key, params);
}

export async function storyBulkRoutes(app: FastifyInstance, opts: { deps: EditorialDeps }): Promise<void> {
  const { deps } = opts;

  /** The action in words, with its theme or series by name. */
  async function actionLabel(req: FastifyRequest, action: BulkAction): Promise<string> {
    const { t, locale } = req.pageContext();
    if (action.kind === "status") return t(`admin.bulk.do.${action.action}`);
    if (action.kind === "schedule") return t("admin.bulk.do.schedule", { date: formatDateTime(locale, action.publishAt) });
    if (action.kind === "series") {
      if (action.seriesId === null) return t("admin.bulk.do.noSeries");
      const series = await taxonomy.findSeries(deps, action.seriesId);
      return t("admin.bulk.do.series", { name: series?.title ?? t("admin.bulk.deletedSeries") });
    }
    const theme = await taxonomy.findTheme(deps, action.themeId);
    return t(action.kind === "addTheme" ? "admin.bulk.do.addTheme" : "admin.bulk.do.removeTheme", { name: theme?.name ?? t("admin.bulk.deletedTheme") });
  }

  function problemPage(req: FastifyRequest, reply: FastifyReply, problem: Extract<BulkParse, { ok: false }>) {
    const { t } = req.pageContext();
    const message = t(problem.message, { max: BULK_MAX_STORIES });
    return sendAdminPage(req, reply, { title: t("admin.bulk.pageTitle"), current: "stories", status: problem.status }, h(BulkProblemPage, { t, message, back: LIST }));
  }

  const rowsOf = (req: FastifyRequest, outcomes: BulkOutcome[]): BulkRowView[] => {
    const { t, locale } = req.pageContext();
    return outcomes.map((o) => ({ ...o, title: o.title ?? t("admin.bulk.untitled", { id: o.id }), note: bulkNoteText(t, locale, o.note) }));
  };

  app.post(`${LIST}/lot`, BULK_ROUTE, async (req, reply) => {
    const parsed = parseBulkForm(req.body, deps.clock.now());
    if (!parsed.ok) return problemPage(req, reply, parsed);
    const { t } = req.pageContext();
    const [outcomes, label] = await Promise.all([planBulk(deps, viewerOf(req), parsed.request), actionLabel(req, parsed.request.action)]);
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.bulk.confirmTitle"), current: "stories" },
      h(BulkConfirmPage, { t, action: label, rows: rowsOf(req, outcomes), fields: bulkFields(parsed.request), csrf: req.csrfToken(reply), back: LIST }),
    );
  });

  app.post(`${LIST}/lot/appliquer`, BULK_ROUTE, async (req, reply) => {
    const parsed = parseBulkForm(req.body, deps.clock.now());
    if (!parsed.ok) return problemPage(req, reply, parsed);
    const { action } = parsed.request;
    const { t } = req.pageContext();
    const [outcomes, label] = await Promise.all([applyBulk(deps, viewerOf(req), parsed.request), actionLabel(req, action)]);
    const rows = rowsOf(req, outcomes);
    const summary = bulkSummary(t, rows, (count) => t(doneKey(action), { count }));
    return sendAdminPage(req, reply, { title: t("admin.bulk.resultTitle"), current: "stories" }, h(BulkResultPage, { t, action: label, summary, rows, back: LIST }));
  });
}
