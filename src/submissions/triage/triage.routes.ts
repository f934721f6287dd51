import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ComponentChild, createElement as h } from "preact";
import { findAccount, listAccounts } from "../../accounts/account.service.js";
import { roleSatisfies, type Viewer } from "../../platform/http/access.js";
import { sendAdminPage } from "../../platform/http/admin-page.js";
import { emptyForm, type FormState, parseForm, translatedForm } from "../../platform/http/form.js";
import type { PageContext } from "../../platform/html/page-context.js";
import type { MessageKey } from "../../platform/i18n/translate.js";
import { SUBMISSION_STATES, type SubmissionState } from "../submission.js";
import { editorMessageForm, internalNoteForm, markReadForm, stateForm } from "../submission.schemas.js";
import * as approvals from "../follow-up/approval.service.js";
import * as calls from "../calls/call.service.js";
import { audioViewOf } from "../audio/contribution-audio.intake.js";
import { retryContributionAudio } from "../audio/contribution-audio.service.js";
import type { RetryRefusal } from "../../platform/jobs/job-queue.js";
import * as submissions from "../submission.service.js";
import { presentContributionForEditors, presentTriageRow } from "./triage.present.js";
import { ContributionAdminPage, TriagePage, UrgentContributions } from "./views/triage-pages.js";

type IdParams = { Params: { id: string } };
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);
const EDITOR = { access: "editor" } as const;
// A retry that did not happen says why, with the status that goes with it.
const RETRY_REFUSALS: Record<RetryRefusal, { status: number; flash: MessageKey }> = {
  not_found: { status: 404, flash: "audio.admin.retry.notFound" },
  not_failed: { status: 409, flash: "audio.admin.retry.notFailed" },
};

/**
 * The back-office home's first section for editors: crisis signals nobody has taken yet and new
 * messages from the people who wrote. Given to the editorial routes by app.ts, so the dashboard
 * knows no contribution.
 */
export function urgentContributionsPanel(deps: Pick<approvals.ApprovalDeps, "db">) {
  return async (viewer: Viewer, ctx: PageContext): Promise<ComponentChild> => {
    if (!roleSatisfies(viewer.role, "editor")) return null;
    const [items, users] = await Promise.all([submissions.urgentContributions(deps), listAccounts(deps)]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return h(UrgentContributions, { rows: items.map((s) => presentTriageRow(ctx, s, names)), t: ctx.t });
  };
}

/** The editors' side of contributions: triage, reading, messages to the person, internal notes. */
export async function triageRoutes(app: FastifyInstance, opts: { deps: approvals.ApprovalDeps }): Promise<void> {
  const { deps } = opts;

  app.get("/admin/contributions", { config: EDITOR }, async (req, reply) => {
    const raw = String((req.query as Record<string, unknown>).etat ?? "");
    const state = (SUBMISSION_STATES as readonly string[]).includes(raw) && raw !== "draft" ? (raw as SubmissionState) : undefined;
    const [{ items, counts }, users] = await Promise.all([submissions.triage(deps, { state }), listAccounts(deps)]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const ctx = req.pageContext();
    const rows = items.map((s) => presentTriageRow(ctx, s, names));
    return sendAdminPage(req, reply, { title: ctx.t("admin.contributions.title"), current: "contributions" }, h(TriagePage, { rows, counts, state: state ?? "", t: ctx.t }));
  });

  type Forms = { message?: FormState; note?: FormState; state?: FormState };

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: number, forms: Forms = {}, status = 200, flash?: MessageKey) => {
    const data = await submissions.editorView(deps, id);
    if (!data) return reply.callNotFound();
    const s = data.submission;
    const [assignee, call] = await Promise.all([s.assigneeId ? findAccount(deps, s.assigneeId) : null, s.callId ? calls.callById(deps, s.callId) : null]);
    const ctx = req.pageContext();
    const { t } = ctx;
    const view = presentContributionForEditors(ctx, data, req.viewer as Viewer, { assignee: assignee?.displayName ?? null, callTitle: call?.title ?? null });
    const audio = await audioViewOf(deps, t, s);
    return sendAdminPage(
      req,
      reply,
      { title: t("admin.contributions.pageTitle"), current: "contributions", status, flash: flash && t(flash) },
      h(ContributionAdminPage, {
        view,
        messageForm: translatedForm(t, forms.message ?? emptyForm()),
        noteForm: translatedForm(t, forms.note ?? emptyForm()),
        stateForm: translatedForm(t, forms.state ?? emptyForm()),
        csrf: req.csrfToken(reply),
        audio,
        t,
      }),
    );
  };

  const FLASH: Record<string, MessageKey> = {
    message: "admin.contributions.flash.message",
    note: "admin.contributions.flash.note",
    lu: "admin.contributions.flash.read",
    etat: "admin.contributions.flash.state",
    attribuee: "admin.contributions.flash.assigned",
    accord: "admin.contributions.flash.approval",
    audio: "audio.admin.retried",
  };

  app.get<IdParams>("/admin/contributions/:id", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const ok = String((req.query as Record<string, unknown>).ok ?? "");
    return detailPage(req, reply, id, {}, 200, Object.hasOwn(FLASH, ok) ? FLASH[ok] : undefined);
  });

  app.post<IdParams>("/admin/contributions/:id/audio/relancer", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await submissions.editorView(deps, id))) return reply.callNotFound();
    const result = await retryContributionAudio(deps, id);
    if (result.ok) return reply.redirect(`/admin/contributions/${id}?ok=audio`, 303);
    const refusal = RETRY_REFUSALS[result.reason];
    return detailPage(req, reply, id, {}, refusal.status, refusal.flash);
  });

  // Two actions, two forms, two fields: a message always reaches the person, a note never does.
  app.post<IdParams>("/admin/contributions/:id/message", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const parsed = parseForm(editorMessageForm, req.body, "form.invalid");
    if (!parsed.ok) return detailPage(req, reply, id, { message: parsed.form }, 422);
    const ok = await submissions.sendMessageToContributor(deps, req.viewer as Viewer, id, { body: parsed.data.message, seenUpTo: parsed.data.seenUpTo });
    if (!ok) return reply.callNotFound();
    return reply.redirect(`/admin/contributions/${id}?ok=message`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/note", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const parsed = parseForm(internalNoteForm, req.body, "form.invalid");
    if (!parsed.ok) return detailPage(req, reply, id, { note: parsed.form }, 422);
    const ok = await submissions.addInternalNote(deps, req.viewer as Viewer, id, { body: parsed.data.note, seenUpTo: parsed.data.seenUpTo });
    if (!ok) return reply.callNotFound();
    return reply.redirect(`/admin/contributions/${id}?ok=note`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/lu", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const parsed = parseForm(markReadForm, req.body);
    if (!parsed.ok || !(await submissions.markMessagesRead(deps, id, parsed.data.seenUpTo))) return reply.callNotFound();
    return reply.redirect(`/admin/contributions/${id}?ok=lu`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/etat", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const parsed = parseForm(stateForm, req.body, "form.invalid");
    const result = parsed.ok ? await submissions.changeContributionState(deps, id, parsed.data.state as SubmissionState) : ({ ok: false, reason: "not_allowed" } as const);
    if (result.ok) return reply.redirect(`/admin/contributions/${id}?ok=etat`, 303);
    if (result.reason === "not_found") return reply.callNotFound();
    // A closed contribution is a conflict with its state, not a mistake in the form.
    const [status, error] = result.reason === "closed" ? [409, "admin.contributions.error.closed" as const] : [422, "admin.contributions.error.stateChange" as const];
    return detailPage(req, reply, id, { state: { values: {}, errors: { state: error } } }, status);
  });

  app.post<IdParams>("/admin/contributions/:id/brouillon", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const result = await approvals.draftStoryFromContribution(deps, req.viewer as Viewer, id);
    if (!result.ok) return detailPage(req, reply, id, { state: { values: {}, errors: { state: result.message } } }, 422);
    return reply.redirect(`/admin/temoignages/${result.storyId}`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/accord", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const result = await approvals.sendForApproval(deps, id);
    if (!result.ok) return detailPage(req, reply, id, { state: { values: {}, errors: { state: result.message } } }, 422);
    return reply.redirect(`/admin/contributions/${id}?ok=accord`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/attribuer", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await submissions.assignContribution(deps, req.viewer as Viewer, id))) return reply.callNotFound();
    return reply.redirect(`/admin/contributions/${id}?ok=attribuee`, 303);
  });
}
