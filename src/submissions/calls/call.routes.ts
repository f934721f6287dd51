import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { sendAdminPage } from "../../platform/http/admin-page.js";
import { emptyForm, type FormState, formValues, parseForm, translatedForm } from "../../platform/http/form.js";
import { isoToParisLocal, parisLocalToIso } from "../../platform/i18n/locale.js";
import type { VersionedMemo } from "../../platform/cache/versioned-memo.js";
import { presentCard } from "../../stories/story.present.js";
import { callDates, callOffers, inReadingLabel, presentCallCard } from "./call.present.js";
import { renderMarkdown } from "../../platform/html/markdown.js";
import { renderDocument } from "../../platform/html/render.js";
import { listThemes } from "../../stories/taxonomy-editing.service.js";
import * as calls from "./call.service.js";
import { callForm } from "../submission.schemas.js";
import * as submissions from "../submission.service.js";
import { CallPage, CallsAdminPage, CallsPage } from "./views/call-pages.js";


type SlugParams = { Params: { slug: string } };
type IdParams = { Params: { id: string } };

export async function callRoutes(
  app: FastifyInstance,
  opts: { deps: calls.CallDeps & submissions.SubmissionDeps & { memo: VersionedMemo } },
): Promise<void> {
  const { deps } = opts;

  // Not page-cached: a call opens and closes with the clock, not with an edit.
  app.get("/appels", { config: { access: "public" } }, async (req, reply) => {
    const ctx = req.pageContext();
    const cards = (await calls.publicCalls(deps)).map((c) => presentCallCard(ctx, c));
    return reply.type("text/html; charset=utf-8").send(renderDocument(h(CallsPage, { ctx, calls: cards })));
  });

  app.get<SlugParams>("/appels/:slug", { config: { access: "public" } }, async (req, reply) => {
    const found = await calls.callBySlug(deps, req.params.slug);
    if (!found) return reply.callNotFound();
    const { call } = found;
    const ctx = req.pageContext();
    const view = {
      title: call.title,
      isOpen: found.isOpen,
      dates: callDates(ctx, call),
      introHtml: renderMarkdown(call.introMd),
      questionsHtml: call.questionsMd ? renderMarkdown(call.questionsMd, { firstHeadingLevel: 3 }) : "",
      safetyHtml: call.safetyNoticeMd ? renderMarkdown(call.safetyNoticeMd, { firstHeadingLevel: 3 }) : "",
      ...callOffers(ctx, call),
      inReading: inReadingLabel(ctx, found.inReading),
      answerHref: `/temoigner?appel=${encodeURIComponent(call.slug)}`,
      published: (await calls.storiesFromCall(deps, call.id)).map((card) => presentCard(ctx, card)),
    };
    return reply.type("text/html; charset=utf-8").send(renderDocument(h(CallPage, { ctx, view })));
  });

  // --- back office ---

  const themeOptions = async () => (await listThemes(deps)).map((t) => ({ value: String(t.id), label: t.name }));

  const adminPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, editing: { id: number; title: string } | null, status = 200, saved = false) => {
    const now = deps.clock.now();
    const ctx = req.pageContext();
    const { t } = ctx;
    const list = (await calls.allCalls(deps)).map((c) => ({ id: c.id, title: c.title, dates: callDates(ctx, c), isOpen: calls.isCallOpen(c, now) }));
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.calls.title"), current: "calls", status, flash: saved ? t("admin.calls.saved") : undefined },
      h(CallsAdminPage, { calls: list, form: translatedForm(t, form), csrf: req.csrfToken(reply), themes: await themeOptions(), editing, t }),
    );
  };

  const blank = async () => {
    const consent = await submissions.consentText(deps);
    return emptyForm({ formats: ["text"], creditOptions: ["anonymous", "pseudonym", "first_name_age", "name"], consentText: consent.bodyMd });
  };

  const save = async (req: FastifyRequest, reply: FastifyReply, id: number | null, editing: { id: number; title: string } | null) => {
    const parsed = parseForm(callForm, req.body, "form.invalid");
    if (!parsed.ok) return adminPage(req, reply, parsed.form, editing, 422);
    const d = parsed.data;
    const opensAt = parisLocalToIso(d.opensAt);
    const closesAt = parisLocalToIso(d.closesAt);
    const dateErrors: Record<string, string> = {};
    if (!opensAt) dateErrors.opensAt = "admin.calls.error.dateMissing";
    if (!closesAt) dateErrors.closesAt = "admin.calls.error.dateMissing";
    if (!opensAt || !closesAt) return adminPage(req, reply, { values: formValues(req.body), errors: dateErrors }, editing, 422);
    const result = await calls.saveCall(deps, id, {
      slug: d.slug,
      title: d.title,
      themeId: d.themeId ? Number(d.themeId) : null,
      introMd: d.introMd,
      questionsMd: d.questionsMd,
      safetyNoticeMd: d.safetyNoticeMd,
      opensAt,
      closesAt,
      formats: d.formats,
      creditOptions: d.creditOptions,
      consentText: d.consentText,
    });
    if (!result.ok) return adminPage(req, reply, { values: formValues(req.body), errors: result.errors }, editing, 422);
    return reply.redirect("/admin/appels?ok=1", 303);
  };

  app.get("/admin/appels", { config: { access: "editor" } }, async (req, reply) =>
    adminPage(req, reply, await blank(), null, 200, (req.query as Record<string, unknown>).ok === "1"),
  );

  app.post("/admin/appels", { config: { access: "editor" } }, (req, reply) => save(req, reply, null, null));

  const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);

  app.get<IdParams>("/admin/appels/:id", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const found = id ? await calls.callForEditing(deps, id) : null;
    if (!found || !id) return reply.callNotFound();
    const c = found.call;
    const form = emptyForm({
      title: c.title,
      slug: c.slug,
      themeId: c.themeId === null ? "" : String(c.themeId),
      introMd: c.introMd,
      questionsMd: c.questionsMd,
      safetyNoticeMd: c.safetyNoticeMd,
      opensAt: isoToParisLocal(c.opensAt),
      closesAt: isoToParisLocal(c.closesAt),
      formats: c.formats,
      creditOptions: c.creditOptions,
      consentText: found.consentText,
    });
    return adminPage(req, reply, form, { id, title: c.title });
  });

  app.post<IdParams>("/admin/appels/:id", { config: { access: "editor" } }, async (req, reply) => {
    const id = idOf(req.params.id);
    const found = id ? await calls.callForEditing(deps, id) : null;
    if (!found || !id) return reply.callNotFound();
    return save(req, reply, id, { id, title: found.call.title });
  });
}
