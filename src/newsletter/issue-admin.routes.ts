import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { z } from "zod";
import { preferredLocale } from "../accounts/account.service.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, parseForm } from "../platform/http/form.js";
import { formatDateTime, parisLocalToIso } from "../platform/i18n/locale.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import * as digest from "./digest.service.js";
import * as issues from "./issue.service.js";
import { DigestSettingsForm, IssueDetail, IssueList } from "./views/issue-admin.js";
import { MAIL_CSS } from "./views/issue-mail.js";

// The preview is the mail itself: its one style element is allowed by its hash, nothing else loads.
const PREVIEW_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(MAIL_CSS).digest("base64")}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const issueForm = z.object({
  subject: z.string().trim().min(1, "admin.newsletter.error.subjectMissing").max(200, "admin.newsletter.error.subjectTooLong"),
  intro: z.string().trim().max(10_000, "admin.newsletter.error.introTooLong").default(""),
  storyIds: z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .pipe(z.array(z.string().regex(/^\d{1,9}$/, "admin.newsletter.error.story").transform(Number)).max(30, "admin.newsletter.error.tooManyStories")),
});

const scheduleForm = z.object({ sendAt: z.string().trim().min(1, "admin.newsletter.error.sendAtMissing") });

const digestForm = z.object({
  enabled: z.literal("1").optional(),
  weekday: z
    .string()
    .trim()
    .regex(/^0?[1-7]$/, "admin.newsletter.error.weekday")
    .transform(Number),
  hour: z
    .string()
    .trim()
    .regex(/^([01]?\d|2[0-3])$/, "admin.newsletter.error.hour")
    .transform(Number),
});

// Form messages above are catalogue keys, translated where they are shown.
const FLASHES: Record<string, MessageKey> = {
  essai: "admin.newsletter.flash.test",
  envoi: "admin.newsletter.flash.sent",
  programmee: "admin.newsletter.flash.scheduled",
  deprogrammee: "admin.newsletter.flash.unscheduled",
};

const idOf = (req: FastifyRequest) => {
  const id = Number((req.params as { id: string }).id);
  return Number.isSafeInteger(id) && id > 0 ? id : 0;
};

export async function issueAdminRoutes(app: FastifyInstance, opts: { deps: digest.DigestDeps }): Promise<void> {
  const { deps } = opts;
  const listPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const [all, stories] = await Promise.all([issues.listIssues(deps), issues.storiesToChoose(deps)]);
    const { t, locale } = req.pageContext();
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.newsletter.title"), current: "newsletter", status },
      h(IssueList, {
        t,
        issues: all.map((i) => ({
          id: i.id,
          subject: i.subject,
          state: i.state,
          when: formatDateTime(locale, i.sentAt ?? i.createdAt),
          scheduledFor: i.sendAt ? formatDateTime(locale, i.sendAt) : null,
        })),
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

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState, status = 200) => {
    const issue = await issues.findIssue(deps, id);
    if (!issue) return reply.callNotFound();
    const [stories, deliveries] = await Promise.all([issues.storiesForIssue(deps, issue.storyIds), issues.countDeliveries(deps, issue.id)]);
    const fait = (req.query as Record<string, unknown>).fait;
    const flash = typeof fait === "string" ? FLASHES[fait] : undefined;
    const { t, locale } = req.pageContext();
    return sendAdminPage(
      req,
      reply,
      { title: issue.subject, current: "newsletter", status, flash: flash && t(flash) },
      h(IssueDetail, {
        t,
        id: issue.id,
        subject: issue.subject,
        state: issue.state,
        scheduledFor: issue.sendAt ? formatDateTime(locale, issue.sendAt) : null,
        stories: stories.map((s) => s.title),
        deliveries,
        csrf: req.csrfToken(reply),
        scheduleForm: form,
      }),
    );
  };

  app.get("/admin/lettres/:id", { config: { access: "editor" } }, (req, reply) => detailPage(req, reply, idOf(req), emptyForm()));

  // The mail's own HTML, as readers will get it.
  app.get("/admin/lettres/:id/apercu", { config: { access: "editor" } }, async (req, reply) => {
    const issue = await issues.findIssue(deps, idOf(req));
    if (!issue) return reply.callNotFound();
    return reply
      .header("cache-control", "no-store")
      .header("content-security-policy", PREVIEW_CSP)
      .type("text/html; charset=utf-8")
      .send(await issues.previewIssue(deps, issue));
  });

  app.post("/admin/lettres/:id/essai", { config: { access: "editor" } }, async (req, reply) => {
    const issue = await issues.findIssue(deps, idOf(req));
    if (!issue || !req.viewer) return reply.callNotFound();
    await issues.sendTestIssue(deps, issue, { email: req.viewer.email, locale: await preferredLocale(deps, req.viewer) });
    return reply.redirect(`/admin/lettres/${issue.id}?fait=essai`, 303);
  });

  app.post("/admin/lettres/:id/envoyer", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req);
    if (!(await issues.findIssue(deps, id))) return reply.callNotFound();
    await issues.sendIssue(deps, id);
    return reply.redirect(`/admin/lettres/${id}?fait=envoi`, 303);
  });

  // Typed in Paris time; a time already past or an issue already gone is said, with what was typed.
  app.post("/admin/lettres/:id/programmer", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req);
    if (!(await issues.findIssue(deps, id))) return reply.callNotFound();
    const parsed = parseForm(scheduleForm, req.body);
    if (!parsed.ok) return detailPage(req, reply, id, parsed.form, 422);
    const sendAt = parisLocalToIso(parsed.data.sendAt);
    const result = sendAt ? await issues.scheduleIssue(deps, id, sendAt) : { ok: false as const, message: "admin.newsletter.error.noSuchDate" as const };
    if (!result.ok) return detailPage(req, reply, id, { values: { sendAt: parsed.data.sendAt }, errors: { sendAt: result.message } }, 422);
    return reply.redirect(`/admin/lettres/${id}?fait=programmee`, 303);
  });

  app.post("/admin/lettres/:id/deprogrammer", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req);
    if (!(await issues.findIssue(deps, id))) return reply.callNotFound();
    await issues.cancelSchedule(deps, id);
    return reply.redirect(`/admin/lettres/${id}?fait=deprogrammee`, 303);
  });

  const digestPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState | null, status = 200) => {
    const [settings, lastPeriods] = await Promise.all([digest.digestSettings(deps), digest.recentDigests(deps)]);
    const shown = form ?? emptyForm({ enabled: settings.enabled ? "1" : undefined, weekday: String(settings.weekday), hour: String(settings.hour) });
    const fait = (req.query as Record<string, unknown>).fait;
    const { t } = req.pageContext();
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.newsletter.digest.title"), current: "newsletter", status, flash: fait === "1" ? t("admin.newsletter.flash.digest") : undefined },
      h(DigestSettingsForm, { t, form: shown, csrf: req.csrfToken(reply), lastPeriods }),
    );
  };

  app.get("/admin/lettres/resume", { config: { access: "editor" } }, (req, reply) => digestPage(req, reply, null));

  app.post("/admin/lettres/resume", { config: { access: "editor" } }, async (req, reply) => {
    const parsed = parseForm(digestForm, req.body);
    if (!parsed.ok) return digestPage(req, reply, parsed.form, 422);
    await digest.saveDigestSettings(deps, { enabled: parsed.data.enabled === "1", weekday: parsed.data.weekday, hour: parsed.data.hour });
    return reply.redirect("/admin/lettres/resume?fait=1", 303);
  });
}
