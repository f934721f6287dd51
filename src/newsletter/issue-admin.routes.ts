import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { z } from "zod";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, parseForm } from "../platform/http/form.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import * as issues from "./issue.service.js";
import { IssueDetail, IssueList } from "./views/issue-admin.js";

const issueForm = z.object({
  subject: z.string().trim().min(1, "Indiquez l'objet de la lettre.").max(200, "L'objet est trop long (200 caractères au plus)."),
  intro: z.string().trim().max(10_000, "Le texte est trop long (10 000 caractères au plus).").default(""),
  storyIds: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^\d{1,9}$/, "Choix de témoignage inconnu.").transform(Number)).max(30, "Trente témoignages au plus par lettre.")),
});

const idOf = (req: FastifyRequest) => {
  const id = Number((req.params as { id: string }).id);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
};

export async function issueAdminRoutes(app: FastifyInstance, opts: { deps: issues.IssueDeps }): Promise<void> {
  const { deps } = opts;
  const listPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const [all, stories] = await Promise.all([issues.listIssues(deps), issues.storiesToChoose(deps)]);
    return sendAdminPage(
      req,
      reply,
      { title: "Lettres", current: "newsletter", status },
      h(IssueList, {
        issues: all.map((i) => ({ id: i.id, subject: i.subject, state: i.state, when: formatDateTime("fr", i.sentAt ?? i.createdAt) })),
        form,
        csrf: req.csrfToken(reply),
        stories: stories.map((s) => ({ value: String(s.id), label: s.title })),
      }),
    );
  };

  app.get("/admin/lettres", { config: { access: "editor" } }, (req, reply) => listPage(req, reply, emptyForm()));

  app.post("/admin/lettres", { config: { access: "editor" } }, async (req, reply) => {
    const parsed = parseForm(issueForm, req.body);
    if (!parsed.ok) return listPage(req, reply, parsed.form, 422);
    const id = await issues.createIssue(deps, parsed.data);
    return reply.redirect(`/admin/lettres/${id}`, 303);
  });

  app.get("/admin/lettres/:id", { config: { access: "editor" } }, async (req, reply) => {
    const issue = await issues.findIssue(deps, idOf(req));
    if (!issue) return reply.callNotFound();
    const [stories, deliveries] = await Promise.all([issues.storiesForIssue(deps, issue.storyIds), issues.countDeliveries(deps, issue.id)]);
    const flash = (req.query as Record<string, unknown>).fait === "essai" ? "Essai envoyé à votre adresse." : (req.query as Record<string, unknown>).fait === "envoi" ? "Envoi lancé." : undefined;
    return sendAdminPage(
      req,
      reply,
      { title: issue.subject, current: "newsletter", flash },
      h(IssueDetail, { id: issue.id, subject: issue.subject, state: issue.state, stories: stories.map((s) => s.title), deliveries, csrf: req.csrfToken(reply) }),
    );
  });

  // The mail's own HTML, as readers will get it.
  app.get("/admin/lettres/:id/apercu", { config: { access: "editor" } }, async (req, reply) => {
    const issue = await issues.findIssue(deps, idOf(req));
    if (!issue) return reply.callNotFound();
    return reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(await issues.previewIssue(deps, issue));
  });

  app.post("/admin/lettres/:id/essai", { config: { access: "editor" } }, async (req, reply) => {
    const issue = await issues.findIssue(deps, idOf(req));
    if (!issue || !req.viewer) return reply.callNotFound();
    await issues.sendTestIssue(deps, issue, req.viewer.email);
    return reply.redirect(`/admin/lettres/${issue.id}?fait=essai`, 303);
  });

  app.post("/admin/lettres/:id/envoyer", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req);
    if (!(await issues.findIssue(deps, id))) return reply.callNotFound();
    await issues.sendIssue(deps, id);
    return reply.redirect(`/admin/lettres/${id}?fait=envoi`, 303);
  });
}
