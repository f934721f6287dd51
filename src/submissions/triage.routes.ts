import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { findAccount, listAccounts } from "../accounts/account.service.js";
import type { Viewer } from "../platform/http/access.js";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, parseForm } from "../platform/http/form.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import { renderMarkdown } from "../platform/html/markdown.js";
import { presentCrisisPassages } from "../safety/crisis-signal.present.js";
import { creditLabel } from "../stories/story.js";
import { CHANNEL_LABELS, type ConsentChannel, isOpen, SUBMISSION_STATES, type SubmissionState } from "./submission.js";
import { editorMessageForm, stateForm } from "./submission.schemas.js";
import * as approvals from "./approval.service.js";
import { audioViewOf } from "./contribution-audio.intake.js";
import * as submissions from "./submission.service.js";
import { ContributionAdminPage, TriagePage } from "./views/triage-pages.js";

type IdParams = { Params: { id: string } };
const idOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : null);
const credit = (c: Parameters<typeof creditLabel>[0]) => creditLabel(c, { anonymous: "Anonyme", age: (n, a) => `${n}, ${a} ans` });
const EDITOR = { access: "editor" } as const;

/** The editors' side of contributions: triage, reading, messages, internal notes. */
export async function triageRoutes(app: FastifyInstance, opts: { deps: approvals.ApprovalDeps }): Promise<void> {
  const { deps } = opts;

  app.get("/admin/contributions", { config: EDITOR }, async (req, reply) => {
    const raw = String((req.query as Record<string, unknown>).etat ?? "");
    const state = (SUBMISSION_STATES as readonly string[]).includes(raw) && raw !== "draft" ? (raw as SubmissionState) : undefined;
    const [{ items, counts }, users] = await Promise.all([submissions.triage(deps, { state }), listAccounts(deps)]);
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    const rows = items.map((s) => ({
      id: s.id,
      title: s.title,
      state: s.state,
      received: formatDateTime("fr", s.createdAt),
      crisis: s.hasCrisisSignal,
      audio: s.format === "audio",
      credit: credit(s.credit),
      assignee: s.assigneeId ? (names.get(s.assigneeId) ?? "—") : "Personne",
    }));
    return sendAdminPage(req, reply, { title: "Contributions", current: "contributions" }, h(TriagePage, { rows, counts, state: state ?? "" }));
  });

  const detailPage = async (req: FastifyRequest, reply: FastifyReply, id: number, form: FormState = emptyForm(), status = 200, flash?: string) => {
    const data = await submissions.editorView(deps, id);
    if (!data) return reply.callNotFound();
    const s = data.submission;
    const viewer = req.viewer as Viewer;
    const assignee = s.assigneeId ? await findAccount(deps, s.assigneeId) : null;
    const view = {
      id: s.id,
      title: s.title,
      state: s.state,
      received: formatDateTime("fr", s.createdAt),
      credit: credit(s.credit),
      email: s.email,
      crisis: s.hasCrisisSignal,
      // Same text as assessed at intake; passages are found again here, never stored.
      crisisPassages: s.hasCrisisSignal
        ? [
            ...presentCrisisPassages(`${s.title}\n${s.bodyMd}`, "Texte reçu"),
            ...data.messages
              .filter((m) => m.author === "contributor" && m.hasCrisisSignal)
              .flatMap((m) => presentCrisisPassages(m.body, `Message du ${formatDateTime("fr", m.createdAt)}`)),
          ]
        : [],
      contentNotes: s.contentNotes.join(", "),
      bodyHtml: renderMarkdown(s.bodyMd),
      assignedToViewer: s.assigneeId === viewer.id,
      assignee: assignee?.displayName ?? "Personne",
      messages: data.messages.map((m) => ({
        from: m.author === "contributor" ? "La personne" : (m.editorName ?? "L'équipe"),
        when: formatDateTime("fr", m.createdAt),
        body: m.body,
        internal: m.isInternal,
        crisis: m.hasCrisisSignal,
      })),
      consents: data.consents.map((c) => ({
        when: formatDateTime("fr", c.createdAt),
        what: `${c.event} (${c.channels.map((ch) => CHANNEL_LABELS[ch as ConsentChannel] ?? ch).join(", ") || "aucun usage"}), texte de consentement n° ${c.consentTextId}`,
      })),
      canChangeState: isOpen(s.state),
      storyHref: s.storyId ? `/admin/temoignages/${s.storyId}` : null,
    };
    const audio = await audioViewOf(deps, req.pageContext().t, s);
    return sendAdminPage(req, reply, { title: "Contribution", current: "contributions", status, flash }, h(ContributionAdminPage, { view, form, csrf: req.csrfToken(reply), audio, t: req.pageContext().t }));
  };

  const FLASH: Record<string, string> = {
    message: "Message enregistré.",
    etat: "État mis à jour.",
    attribuee: "Contribution attribuée.",
    accord: "La version actuelle est envoyée à la personne pour accord.",
  };

  app.get<IdParams>("/admin/contributions/:id", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const ok = String((req.query as Record<string, unknown>).ok ?? "");
    return detailPage(req, reply, id, emptyForm(), 200, ok === "audio" ? req.pageContext().t("audio.admin.retried") : FLASH[ok]);
  });

  app.post<IdParams>("/admin/contributions/:id/message", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const parsed = parseForm(editorMessageForm, req.body);
    if (!parsed.ok) return detailPage(req, reply, id, parsed.form, 422);
    const ok = await submissions.sendEditorMessage(deps, req.viewer as Viewer, id, { body: parsed.data.body, isInternal: parsed.data.isInternal === "1" });
    if (!ok) return reply.callNotFound();
    return reply.redirect(`/admin/contributions/${id}?ok=message`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/etat", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const parsed = parseForm(stateForm, req.body);
    if (!parsed.ok || !(await submissions.changeContributionState(deps, id, parsed.data.state as SubmissionState))) {
      return detailPage(req, reply, id, { values: {}, errors: { body: "Ce changement d'état n'est pas possible." } }, 422);
    }
    return reply.redirect(`/admin/contributions/${id}?ok=etat`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/brouillon", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const result = await approvals.draftStoryFromContribution(deps, req.viewer as Viewer, id);
    if (!result.ok) return detailPage(req, reply, id, { values: {}, errors: { body: result.message } }, 422);
    return reply.redirect(`/admin/temoignages/${result.storyId}`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/accord", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id) return reply.callNotFound();
    const result = await approvals.sendForApproval(deps, id);
    if (!result.ok) return detailPage(req, reply, id, { values: {}, errors: { body: result.message } }, 422);
    return reply.redirect(`/admin/contributions/${id}?ok=accord`, 303);
  });

  app.post<IdParams>("/admin/contributions/:id/attribuer", { config: EDITOR }, async (req, reply) => {
    const id = idOf(req.params.id);
    if (!id || !(await submissions.editorView(deps, id))) return reply.callNotFound();
    await submissions.assignContribution(deps, id, (req.viewer as Viewer).id);
    return reply.redirect(`/admin/contributions/${id}?ok=attribuee`, 303);
  });
}
