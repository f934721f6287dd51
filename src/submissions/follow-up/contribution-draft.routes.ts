import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { CONTRIBUTION_AUDIO_LIMITS } from "../../media/audio.js";
import type { CookieJar } from "../../platform/http/cookies.js";
import { emptyForm, type FormState, formValues, parseForm } from "../../platform/http/form.js";
import { diskUploadConfig } from "../../platform/http/uploads.js";
import * as calls from "../calls/call.service.js";
import { audioViewOf, readAudioIntake, withFileNotKept } from "../audio/contribution-audio.intake.js";
import { keepAudioSource } from "../audio/contribution-audio.service.js";
import { reviseDraft } from "./contribution-draft.service.js";
import { followedContribution, sendPersonalPage } from "./follow-up-session.js";
import { contributionForm, toContributionDraft } from "../submission.schemas.js";
import type { ApprovalDeps } from "./approval.service.js";
import * as submissions from "../submission.service.js";
import { CONTRIBUTION_RATE, PUBLIC_FALLBACK } from "../submission.routes.js";
import type { Formats } from "../audio/views/audio-fields.js";
import { DraftEditorPage } from "./views/draft-editor-page.js";

const PUBLIC = { access: "public" } as const;
type Submission = submissions.FollowUp["submission"];
const FREE_FORMATS: Formats = ["text", "audio"];

/** The draft editor on /suivi: a saved draft resumed, every field and the recording, saved or sent. */
export async function contributionDraftRoutes(app: FastifyInstance, opts: { deps: ApprovalDeps; cookies: CookieJar }): Promise<void> {
  const { deps, cookies } = opts;

  /** The draft this browser follows; anything else goes back to the follow-up, which says where it stands. */
  const followedDraft = async (req: FastifyRequest, reply: FastifyReply): Promise<Submission | null> => {
    const id = await followedContribution(deps, cookies, req);
    const data = id === null ? null : await submissions.followUp(deps, id);
    if (data?.submission.state === "draft") return data.submission;
    reply.redirect(id === null ? "/suivi" : "/suivi/contribution", 303);
    return null;
  };

  /** What the contribution may be: its call's formats and credits, or everything for a free one. */
  const offerOf = async (s: Submission) => {
    const call = s.callId === null ? null : await calls.callById(deps, s.callId);
    return { formats: (call?.formats ?? FREE_FORMATS) as Formats, creditOptions: call?.creditOptions };
  };

  const editorPage = async (req: FastifyRequest, reply: FastifyReply, s: Submission, form: FormState, status = 200) => {
    const { formats, creditOptions } = await offerOf(s);
    return sendPersonalPage(
      reply,
      h(DraftEditorPage, {
        ctx: req.pageContext(),
        form,
        csrf: req.csrfToken(reply),
        consentText: await submissions.consentTextOf(deps, s),
        formats,
        creditOptions,
        recording: await audioViewOf(deps, req.pageContext().t, s),
      }),
      status,
    );
  };

  app.get("/suivi/modifier", { config: PUBLIC }, async (req, reply) => {
    const s = await followedDraft(req, reply);
    if (!s) return reply;
    return editorPage(
      req,
      reply,
      s,
      emptyForm({
        title: s.title,
        body: s.bodyMd,
        format: s.format,
        disguise: s.audio.disguise,
        creditKind: s.credit.kind,
        creditName: s.credit.name,
        creditAge: s.credit.age === null ? "" : String(s.credit.age),
        contentNotes: s.contentNotes,
        email: s.email ?? "",
        channels: ["site"],
      }),
    );
  });

  // The same intake as /temoigner: a new file streams to a private folder, deleted unless kept.
  const intakeConfig = { ...PUBLIC, rateLimit: CONTRIBUTION_RATE, ...diskUploadConfig("audio", CONTRIBUTION_AUDIO_LIMITS.maxBytes) };
  app.post("/suivi/modifier", { config: intakeConfig }, async (req, reply) => {
    const s = await followedDraft(req, reply);
    if (!s) return reply;
    const { t } = req.pageContext();
    const values = formValues(req.body);
    const { formats, creditOptions } = await offerOf(s);
    const parsed = parseForm(contributionForm, req.body, PUBLIC_FALLBACK);
    const hasRecording = s.format === "audio" && (s.audio.key !== null || s.audio.sourceKey !== null);
    const audio = await readAudioIntake(t, req.body, formats, { keepsRecording: hasRecording });
    const errors = { ...audio.errors, ...(parsed.ok ? {} : parsed.form.errors) };
    if (parsed.ok && creditOptions && !creditOptions.includes(parsed.data.creditKind)) errors.creditKind = "contribute.error.creditNotOffered";
    if (!parsed.ok || Object.keys(errors).length > 0) return editorPage(req, reply, s, { values, errors: withFileNotKept(t, audio, errors) }, 422);
    const newSourceKey = audio.checked ? await keepAudioSource(deps, audio.checked) : null;
    const result = await reviseDraft(
      deps,
      s.id,
      { draft: toContributionDraft(parsed.data), format: audio.format, audio: audio.format === "audio" ? { newSourceKey, disguise: audio.disguise } : null },
      { send: parsed.data.action === "send" },
    );
    if (!result.ok) {
      if (result.reason === "not-draft") return reply.redirect("/suivi/contribution", 303);
      const message = result.reason === "source-gone" ? t("draft.error.sourceGone") : t("audio.error.missing");
      return editorPage(req, reply, s, { values, errors: { audio: message } }, 422);
    }
    return reply.redirect(`/suivi/contribution?ok=${result.sent ? "envoye" : result.mustListen ? "ecouter" : "brouillon"}`, 303);
  });
}
