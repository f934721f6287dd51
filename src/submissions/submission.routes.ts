import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { CONTRIBUTION_AUDIO_LIMITS } from "../media/audio.js";
import type { CookieJar } from "../platform/http/cookies.js";
import { emptyForm, type FormState, formValues, parseForm, textOf } from "../platform/http/form.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import { diskUploadConfig } from "../platform/http/uploads.js";
import { RECEIPT_FLASH_MINUTES, type RecentReceipts, sealReceiptFlash } from "./receipt-flash.js";
import { isFormToken, newFormToken } from "./submission.js";
import { contributionForm, toContributionDraft } from "./submission.schemas.js";
import type { ApprovalDeps } from "./follow-up/approval.service.js";
import { readAudioIntake, withFileNotKept } from "./audio/contribution-audio.intake.js";
import { discardAudioSource, keepAudioSource } from "./audio/contribution-audio.service.js";
import * as calls from "./calls/call.service.js";
import * as submissions from "./submission.service.js";
import { followedContribution, openFollowUpSession, RECEIPT_COOKIE, sendPersonalPage } from "./follow-up/follow-up-session.js";
import { ContributionPage } from "./views/contribution-pages.js";

export const CONTRIBUTION_RATE = { max: 20, timeWindow: "10 minutes" };
const PUBLIC = { access: "public" } as const;
// Public forms show a missing field's message in the reader's language.
export const PUBLIC_FALLBACK = "form.invalid" satisfies MessageKey;

const html = sendPersonalPage;

/** What this feature adds to the frames' menus. */
export const participationNavigation: FeatureNavigation = {
  main: [{ key: "contribute", href: "/temoigner", label: "nav.contribute", position: 40 }],
  footer: [{ key: "followUp", href: "/suivi", label: "footer.followUp", position: 70 }],
  admin: [
    { key: "contributions", href: "/admin/contributions", label: "admin.submissions.nav.contributions", position: 30, role: "editor" },
    { key: "calls", href: "/admin/appels", label: "admin.submissions.nav.calls", position: 40, role: "editor" },
  ],
};

/** The intake (/temoigner): the contribution form, sent once whatever the browser does, then its receipt. */
export async function submissionRoutes(
  app: FastifyInstance,
  opts: { deps: ApprovalDeps & calls.CallDeps; cookies: CookieJar; recentReceipts: RecentReceipts },
): Promise<void> {
  const { deps, cookies, recentReceipts } = opts;

  /** The open call a contribution answers, from `appel` in the query or the form; null for a free one. */
  const openCallOf = async (slug: unknown) => {
    if (typeof slug !== "string" || slug === "") return null;
    const found = await calls.callBySlug(deps, slug);
    return found?.isOpen ? found : null;
  };

  const contributionPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, call: Awaited<ReturnType<typeof openCallOf>>, status = 200) => {
    const consent = call ? { bodyMd: call.consentText } : await submissions.consentText(deps);
    if (call) form.values.appel = call.call.slug;
    return html(
      reply,
      h(ContributionPage, {
        ctx: req.pageContext(),
        form,
        csrf: req.csrfToken(reply),
        consentText: consent.bodyMd,
        callTitle: call?.call.title,
        creditOptions: call?.call.creditOptions,
        formats: (call?.call.formats ?? ["text", "audio"]) as Array<"text" | "audio">,
        hasOpenFollowUp: (await followedContribution(deps, cookies, req)) !== null,
      }),
      status,
    );
  };

  app.get("/temoigner", { config: PUBLIC }, async (req, reply) => {
    const call = await openCallOf((req.query as Record<string, unknown>).appel);
    const creditKind = call && !call.call.creditOptions.includes("anonymous") ? call.call.creditOptions[0] : "anonymous";
    return contributionPage(req, reply, emptyForm({ creditKind, channels: ["site"], formToken: newFormToken() }), call);
  });

  /**
   * The same form sent again (Back and "Confirm Form Resubmission", a reload, a double click):
   * no second contribution. When this process made the first one moments ago and its receipt has
   * not been shown yet, this answer carries it; otherwise the receipt page says it was shown.
   */
  const alreadySent = async (reply: FastifyReply, formToken: string) => {
    const recent = recentReceipts.find(formToken);
    if (recent) {
      cookies.set(reply, RECEIPT_COOKIE, recent.sealed, { maxAge: RECEIPT_FLASH_MINUTES * 60 });
      await openFollowUpSession(deps, cookies, reply, recent.submissionId);
    }
    return reply.redirect("/temoigner/recu", 303);
  };

  // An audio file streams to a private folder; whatever is not kept is deleted after the response.
  const intakeConfig = { ...PUBLIC, rateLimit: CONTRIBUTION_RATE, ...diskUploadConfig("audio", CONTRIBUTION_AUDIO_LIMITS.maxBytes) };
  app.post("/temoigner", { config: intakeConfig }, async (req, reply) => {
    const values = formValues(req.body);
    const call = await openCallOf(values.appel);
    const formToken = textOf(values, "formToken");
    if (!isFormToken(formToken)) {
      return contributionPage(req, reply, { values: { ...values, formToken: newFormToken() }, errors: { formToken: "contribute.error.formExpired" } }, call, 422);
    }
    if (await submissions.isFormAlreadySent(deps, formToken)) return alreadySent(reply, formToken);
    if (values.appel && !call) {
      return contributionPage(req, reply, { values, errors: { body: "contribute.error.callClosed" } }, null, 422);
    }
    const { t } = req.pageContext();
    const parsed = parseForm(contributionForm, req.body, PUBLIC_FALLBACK);
    const audio = await readAudioIntake(t, req.body, call?.call.formats ?? ["text", "audio"]);
    // The form's order: the format, the file and the text come before the credit and the consent.
    const errors = { ...audio.errors, ...(parsed.ok ? {} : parsed.form.errors) };
    if (parsed.ok && call && !call.call.creditOptions.includes(parsed.data.creditKind)) errors.creditKind = "contribute.error.creditNotOffered";
    if (!parsed.ok || Object.keys(errors).length > 0) return contributionPage(req, reply, { values, errors: withFileNotKept(t, audio, errors) }, call, 422);
    const d = parsed.data;
    // The stripped source is fsynced and renamed into place before the row that names it is committed.
    const sourceKey = audio.checked ? await keepAudioSource(deps, audio.checked) : null;
    // A disguised voice is sent only after its author has listened to it.
    const send = d.action === "send" && !(sourceKey && audio.disguise !== "none");
    const started = await submissions
      .startContribution(deps, toContributionDraft(d), {
        send,
        callId: call?.call.id ?? null,
        consentTextId: call?.call.consentTextId,
        formToken,
        locale: req.locale,
        audio: sourceKey ? { sourceKey, disguise: audio.disguise } : undefined,
      })
      .catch(async (err: unknown) => {
        if (sourceKey) await discardAudioSource(deps, sourceKey);
        throw err;
      });
    if (!started) {
      // Sent twice at the same instant: the other request made it.
      if (sourceKey) await discardAudioSource(deps, sourceKey);
      return alreadySent(reply, formToken);
    }
    // Post/Redirect/Get: the receipt goes sealed to the page that shows it once, never in an address.
    const sealed = sealReceiptFlash(
      deps.sealingSecret,
      { receipt: started.receipt, sent: started.sent, hasCrisisSignal: started.hasCrisisSignal, audio: sourceKey ? { mustListen: audio.disguise !== "none" } : null, formToken },
      deps.clock.now(),
    );
    recentReceipts.remember(formToken, sealed, started.id);
    cookies.set(reply, RECEIPT_COOKIE, sealed, { maxAge: RECEIPT_FLASH_MINUTES * 60 });
    // The follow-up opens without typing the receipt, as after checking it on /suivi.
    await openFollowUpSession(deps, cookies, reply, started.id);
    return reply.redirect("/temoigner/recu", 303);
  });
}
