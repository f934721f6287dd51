import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import { applyBulk, type BulkAction, type BulkOutcome, planBulk } from "../stories/story-bulk.service.js";
import * as taxonomy from "../stories/taxonomy-editing.service.js";
import type { EditorialDeps } from "./story-admin.routes.js";
import { bulkFields, parseBulkForm, type BulkParse } from "./story-bulk.schemas.js";
import { BulkConfirmPage, BulkProblemPage, type BulkRowView, BulkResultPage, bulkSummary } from "./views/story-bulk-pages.js";

/**
 * Bulk actions from the back office's list: POST the selection to see what will happen to each
 * story (nothing changes), then confirm to apply. Authors may use them on their own stories, for
 * what they could do one by one; the service checks every id against the person acting.
 */

const LIST = "/admin/temoignages";
// A hundred ids and the action's fields fit in well under 8 KiB; anything larger is refused unread.
const BULK_ROUTE = { config: { access: "author" }, bodyLimit: 8 * 1024 } as const;

const STATUS_ACTION_LABELS = {
  submit: "proposer à la relecture",
  draft: "repasser en brouillon",
  publish: "publier maintenant",
  unpublish: "dépublier",
} as const;

const DONE: Record<Exclude<BulkAction["kind"], "status"> | keyof typeof STATUS_ACTION_LABELS, [string, string]> = {
  submit: ["proposé à la relecture", "proposés à la relecture"],
  draft: ["repassé en brouillon", "repassés en brouillon"],
  publish: ["publié", "publiés"],
  unpublish: ["dépublié", "dépubliés"],
  addTheme: ["modifié", "modifiés"],
  removeTheme: ["modifié", "modifiés"],
  series: ["modifié", "modifiés"],
  schedule: ["programmé", "programmés"],
};

const viewerOf = (req: FastifyRequest) => req.viewer as Viewer;

export async function storyBulkRoutes(app: FastifyInstance, opts: { deps: EditorialDeps }): Promise<void> {
  const { deps } = opts;

  /** The action in words, with its theme or series by name. */
  async function actionLabel(action: BulkAction): Promise<string> {
    if (action.kind === "status") return STATUS_ACTION_LABELS[action.action];
    if (action.kind === "schedule") return `programmer la publication le ${formatDateTime("fr", action.publishAt)} (heure de Paris)`;
    if (action.kind === "series") {
      if (action.seriesId === null) return "sortir de leur série";
      const series = await taxonomy.findSeries(deps, action.seriesId);
      return `placer dans la série « ${series?.title ?? "supprimée"} »`;
    }
    const theme = await taxonomy.findTheme(deps, action.themeId);
    return `${action.kind === "addTheme" ? "ajouter" : "retirer"} le thème « ${theme?.name ?? "supprimé"} »`;
  }

  function problemPage(req: FastifyRequest, reply: FastifyReply, problem: Extract<BulkParse, { ok: false }>) {
    return sendAdminPage(req, reply, { title: "Actions groupées", current: "stories", status: problem.status }, h(BulkProblemPage, { message: problem.message, back: LIST }));
  }

  const rowsOf = (outcomes: BulkOutcome[]): BulkRowView[] => outcomes.map((o) => ({ ...o, title: o.title ?? `Témoignage n° ${o.id}` }));

  app.post(`${LIST}/lot`, BULK_ROUTE, async (req, reply) => {
    const parsed = parseBulkForm(req.body, deps.clock.now());
    if (!parsed.ok) return problemPage(req, reply, parsed);
    const [outcomes, label] = await Promise.all([planBulk(deps, viewerOf(req), parsed.request), actionLabel(parsed.request.action)]);
    return sendAdminPage(
      req,
      reply,
      { title: "Confirmer une action groupée", current: "stories" },
      h(BulkConfirmPage, { action: label, rows: rowsOf(outcomes), fields: bulkFields(parsed.request), csrf: req.csrfToken(reply), back: LIST }),
    );
  });

  app.post(`${LIST}/lot/appliquer`, BULK_ROUTE, async (req, reply) => {
    const parsed = parseBulkForm(req.body, deps.clock.now());
    if (!parsed.ok) return problemPage(req, reply, parsed);
    const { action } = parsed.request;
    const [outcomes, label] = await Promise.all([applyBulk(deps, viewerOf(req), parsed.request), actionLabel(action)]);
    const rows = rowsOf(outcomes);
    const summary = bulkSummary(rows, DONE[action.kind === "status" ? action.action : action.kind]);
    return sendAdminPage(req, reply, { title: "Résultat de l'action groupée", current: "stories" }, h(BulkResultPage, { action: label, summary, rows, back: LIST }));
  });
}
