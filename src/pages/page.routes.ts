import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { z } from "zod";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, parseForm } from "../platform/http/form.js";
import { formatDate, formatDateTime } from "../platform/i18n/locale.js";
import { renderMarkdown } from "../platform/html/markdown.js";
import { renderDocument } from "../platform/html/render.js";
import * as pages from "./page.service.js";
import { AdminPageEdit, AdminPagesList, PublicPage } from "./views/page-views.js";

// Messages are catalogue keys, translated where they are shown.
const pageForm = z.object({
  title: z.string().trim().min(1, "admin.pages.error.titleMissing").max(200, "admin.pages.error.titleTooLong"),
  summary: z.string().trim().max(400, "admin.pages.error.summaryTooLong").default(""),
  bodyMd: z.string().trim().min(1, "admin.pages.error.empty").max(100_000, "admin.pages.error.tooLong"),
});

const CURRENT: Record<string, "about" | "contribute"> = { "a-propos": "about", contribuer: "contribute" };

/** The page that also shows the publisher and host given in the site settings. */
const LEGAL_NOTICE_SLUG = "mentions-legales";

/** What this feature adds to the frames' menus. */
export const pageNavigation: FeatureNavigation = {
  main: [{ key: "about", href: "/pages/a-propos", label: "nav.about", position: 50 }],
  footer: [
    { key: "about", href: "/pages/a-propos", label: "nav.about", position: 10 },
    { key: "charter", href: "/pages/charte-editoriale", label: "footer.charter", position: 20 },
    { key: "legal", href: "/pages/mentions-legales", label: "footer.legal", position: 30 },
    { key: "privacy", href: "/pages/confidentialite", label: "footer.privacy", position: 40 },
    { key: "accessibility", href: "/pages/accessibilite", label: "footer.accessibility", position: 50 },
    { key: "contribute", href: "/pages/contribuer", label: "footer.contribute", position: 60 },
  ],
  admin: [{ key: "pages", href: "/admin/pages", label: "admin.pages.nav", position: 120, role: "editor" }],
};

export async function pageRoutes(app: FastifyInstance, opts: { deps: pages.PageWriteDeps }): Promise<void> {
  const { deps } = opts;

  app.get<{ Params: { slug: string } }>("/pages/:slug", { config: { access: "public", pageCache: true } }, async (req, reply) => {
    const page = await pages.findPage(deps, req.params.slug);
    if (!page) return reply.callNotFound();
    const ctx = req.pageContext();
    const updated = ctx.locale === "fr" ? `Mise à jour le ${formatDate("fr", page.updatedAt)}` : `Updated on ${formatDate("en", page.updatedAt)}`;
    return reply
      .type("text/html; charset=utf-8")
      .send(renderDocument(h(PublicPage, { ctx, title: page.title, summary: page.summary, bodyHtml: renderMarkdown(page.bodyMd, { images: await pages.imagesOfPage(deps, page.bodyMd) }), updated, current: CURRENT[page.slug], legal: page.slug === LEGAL_NOTICE_SLUG ? ctx.site.legal : undefined })));
  });

  app.get("/admin/pages", { config: { access: "editor" } }, async (req, reply) => {
    const { t, locale } = req.pageContext();
    const list = (await pages.listPages(deps)).map((p) => ({ id: p.id, title: p.title, slug: p.slug, updated: formatDateTime(locale, p.updatedAt) }));
    const ok = (req.query as Record<string, unknown>).ok === "1";
    return sendAdminPage(req, reply, { title: t("admin.pages.title"), current: "pages", flash: ok ? t("admin.pages.saved") : undefined }, h(AdminPagesList, { t, pages: list }));
  });

  type IdParams = { Params: { id: string } };
  const pageOf = async (req: FastifyRequest<IdParams>) => (/^\d{1,9}$/.test(req.params.id) ? pages.findPageById(deps, Number(req.params.id)) : null);
  const editPage = (req: FastifyRequest, reply: FastifyReply, page: { id: number; slug: string }, form: ReturnType<typeof emptyForm>, status = 200) => {
    const { t } = req.pageContext();
    return sendAdminPage(req, reply, { title: t("admin.pages.editTitle"), current: "pages", status }, h(AdminPageEdit, { t, id: page.id, slug: page.slug, form, csrf: req.csrfToken(reply) }));
  };

  app.get<IdParams>("/admin/pages/:id", { config: { access: "editor" } }, async (req, reply) => {
    const page = await pageOf(req);
    if (!page) return reply.callNotFound();
    return editPage(req, reply, page, emptyForm({ title: page.title, summary: page.summary, bodyMd: page.bodyMd }));
  });

  app.post<IdParams>("/admin/pages/:id", { config: { access: "editor" } }, async (req, reply) => {
    const page = await pageOf(req);
    if (!page) return reply.callNotFound();
    const parsed = parseForm(pageForm, req.body);
    if (!parsed.ok) return editPage(req, reply, page, parsed.form, 422);
    await pages.savePage(deps, page.id, parsed.data);
    return reply.redirect("/admin/pages?ok=1", 303);
  });
}
