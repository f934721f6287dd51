import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { CONTRIBUTION_AUDIO_LIMITS } from "../media/audio.js";
import type { CookieJar } from "../platform/http/cookies.js";
import { emptyForm, type FormState, formValues, parseForm, textOf } from "../platform/http/form.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import { renderMarkdown } from "../platform/html/markdown.js";
import { diskUploadConfig } from "../platform/http/uploads.js";
import { releasedCredit } from "../stories/story-publication.service.js";
import { presentCredit } from "../stories/story.present.js";
import { parseReceipt } from "./receipt.js";
import { RECEIPT_FLASH_MINUTES, type RecentReceipts, sealReceiptFlash } from "./receipt-flash.js";
import { isConsentChannel, isConsentEvent, isFormToken, isOpen, newFormToken } from "./submission.js";
import { contributionForm, messageForm, receiptForm, sendDraftForm, toContributionDraft } from "./submission.schemas.js";
import * as approvals from "./follow-up/approval.service.js";
import { audioViewOf, readAudioIntake, withFileNotKept } from "./audio/contribution-audio.intake.js";
import { discardAudioSource, keepAudioSource } from "./audio/contribution-audio.service.js";
import * as calls from "./calls/call.service.js";
import * as submissions from "./submission.service.js";
import * as withdrawal from "./follow-up/withdrawal.service.js";
import {
  closeFollowUpSession,
  FOLLOW_UP_COOKIE,
  followedContribution,
  openFollowUpSession,
  RECEIPT_COOKIE,
  sendPersonalPage,
} from "./follow-up/follow-up-session.js";
import { ContributionPage } from "./views/contribution-pages.js";
import { ConfirmPage, ErasedPage, FollowUpLoginPage, FollowUpPage } from "./follow-up/views/follow-up-pages.js";

// Guessing receipts is pointless at 100 bits; this keeps anyone from trying at speed anyway.
const RECEIPT_RATE = { max: 10, timeWindow: "10 minutes" };
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

export async function submissionRoutes(
  app: FastifyInstance,
  opts: { deps: approvals.ApprovalDeps & calls.CallDeps; cookies: CookieJar; recentReceipts: RecentReceipts; backupRetentionDays: number },
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

  // --- follow-up with the receipt ---

  const currentId = (req: FastifyRequest) => followedContribution(deps, cookies, req);
  const NOTICES: Record<string, MessageKey> = { ferme: "followUp.closed", expire: "followUp.expired" };

  const loginPage = (req: FastifyRequest, reply: FastifyReply, form = emptyForm(), status = 200) => {
    const ctx = req.pageContext();
    const notice = NOTICES[String((req.query as Record<string, unknown>).info ?? "")];
    return html(reply, h(FollowUpLoginPage, { ctx, form, csrf: req.csrfToken(reply), notice: notice && ctx.t(notice) }), status);
  };

  app.get("/suivi", { config: PUBLIC }, async (req, reply) => ((await currentId(req)) ? reply.redirect("/suivi/contribution", 303) : loginPage(req, reply)));

  app.post("/suivi", { config: { ...PUBLIC, rateLimit: RECEIPT_RATE } }, async (req, reply) => {
    const parsed = parseForm(receiptForm, req.body, PUBLIC_FALLBACK);
    const receipt = parsed.ok ? parseReceipt(parsed.data.receipt) : null;
    const submission = receipt ? await submissions.openWithReceipt(deps, receipt) : null;
    if (!submission) {
      // The typed receipt is not shown back: it may be close to a real one.
      return loginPage(req, reply, { values: {}, errors: { receipt: "followUp.error.receiptUnknown" } }, 422);
    }
    await openFollowUpSession(deps, cookies, reply, submission.id);
    return reply.redirect("/suivi/contribution", 303);
  });

  /** Resolves the follow-up cookie; sends back to /suivi when it is missing or expired. */
  const withContribution = async (req: FastifyRequest, reply: FastifyReply) => {
    const id = await currentId(req);
    if (id === null) {
      reply.redirect(cookies.read(req, FOLLOW_UP_COOKIE) ? "/suivi?info=expire" : "/suivi", 303);
      return null;
    }
    return id;
  };

  const followUpPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form = emptyForm(),
    status = 200,
    flash?: MessageKey,
    draftForm = emptyForm({ channels: ["site"] }),
  ) => {
    const ctx = req.pageContext();
    const { t } = ctx;
    const data = await submissions.followUp(deps, id);
    if (!data) {
      closeFollowUpSession(cookies, reply);
      return reply.redirect("/suivi", 303);
    }
    const s = data.submission;
    const pending = await approvals.pendingVersion(deps, id);
    const online = s.storyId !== null ? await releasedCredit(deps, s.storyId) : null;
    const published = online !== null;
    const lastEvent = data.consents.at(-1)?.event;
    const view = {
      stateLabel: t(published ? "followUp.state.published" : lastEvent === "approved" ? "followUp.state.approved" : `followUp.state.${s.state}`),
      hasPendingVersion: pending !== null,
      state: s.state,
      title: s.title,
      bodyHtml: renderMarkdown(s.bodyMd, { firstHeadingLevel: 3 }),
      credit: presentCredit(ctx, s.credit),
      publishedCredit: online ? presentCredit(ctx, online) : null,
      isOpen: isOpen(s.state),
      isDraft: s.state === "draft",
      isAnonymous: s.credit.kind === "anonymous",
      messages: data.messages.map((m) => ({
        from: t(m.author === "contributor" ? "followUp.fromMe" : "followUp.fromTeam"),
        when: formatDateTime(ctx.locale, m.createdAt),
        body: m.body,
      })),
      consents: data.consents.map((c) => {
        // Labels only: a code the catalogue does not know is said to be unknown, never shown as stored.
        const event = t(isConsentEvent(c.event) ? `followUp.event.${c.event}` : "followUp.event.unknown");
        const channels = c.channels.map((ch) => t(isConsentChannel(ch) ? `contribute.channel.${ch}` : "followUp.event.unknown")).join(", ");
        return { when: formatDateTime(ctx.locale, c.createdAt), what: channels ? t("followUp.consentChannels", { event, channels }) : event };
      }),
      // Crisis resources stay in view while a signal was found in the text or a message.
      hasCrisisSignal: s.hasCrisisSignal,
    };
    const audio = await audioViewOf(deps, t, s);
    // Sending a draft asks for the consent text it was saved under.
    const consentText = s.state === "draft" ? await submissions.consentTextOf(deps, s) : "";
    return html(
      reply,
      h(FollowUpPage, {
        ctx,
        view,
        form,
        draftForm,
        consentText,
        csrf: req.csrfToken(reply),
        flash: flash && t(flash),
        audio,
      }),
      status,
    );
  };

  const FLASH: Record<string, MessageKey> = {
    message: "followUp.flash.message",
    envoye: "followUp.flash.sent",
    retire: "followUp.flash.withdrawn",
    approuve: "followUp.flash.approved",
    anonyme: "followUp.flash.anonymised",
    brouillon: "draft.saved",
    ecouter: "draft.savedListen",
  };

  app.get("/suivi/contribution", { config: PUBLIC }, async (req, reply) => {
    const id = await withContribution(req, reply);
    if (id === null) return reply;
    return followUpPage(req, reply, id, emptyForm(), 200, FLASH[String((req.query as Record<string, unknown>).ok ?? "")]);
  });

  app.post("/suivi/message", { config: { ...PUBLIC, rateLimit: CONTRIBUTION_RATE } }, async (req, reply) => {
    const id = await withContribution(req, reply);
    if (id === null) return reply;
    const parsed = parseForm(messageForm, req.body, PUBLIC_FALLBACK);
    if (!parsed.ok) return followUpPage(req, reply, id, parsed.form, 422);
    const result = await submissions.sendContributorMessage(deps, id, parsed.data.body);
    if (!result.ok) return followUpPage(req, reply, id, { values: formValues(req.body), errors: { body: "followUp.error.closed" } }, 422);
    return reply.redirect("/suivi/contribution?ok=message", 303);
  });

  app.post("/suivi/envoyer", { config: PUBLIC }, async (req, reply) => {
    const id = await withContribution(req, reply);
    if (id === null) return reply;
    // Sending needs the consent box, as on /temoigner; what was ticked is shown again otherwise.
    const parsed = parseForm(sendDraftForm, req.body, PUBLIC_FALLBACK);
    if (!parsed.ok) return followUpPage(req, reply, id, emptyForm(), 422, undefined, parsed.form);
    await submissions.sendDraft(deps, id, parsed.data.channels);
    return reply.redirect("/suivi/contribution?ok=envoye", 303);
  });

  app.get("/suivi/accords.json", { config: PUBLIC }, async (req, reply) => {
    const id = await withContribution(req, reply);
    if (id === null) return reply;
    const data = await submissions.followUp(deps, id);
    if (!data) return reply.redirect("/suivi", 303);
    return reply
      .header("cache-control", "no-store")
      .header("content-disposition", 'attachment; filename="mes-accords-entre-pairs.json"')
      .type("application/json; charset=utf-8")
      .send(JSON.stringify({ accords: data.consents.map((c) => ({ date: c.createdAt, evenement: c.event, usages: c.channels, texte_de_consentement: c.consentTextId })) }, null, 2));
  });

  const CONFIRM = { retirer: "withdraw", effacer: "erase", anonymiser: "anonymise" } as const;
  for (const [path, kind] of Object.entries(CONFIRM)) {
    app.get(`/suivi/${path}`, { config: PUBLIC }, async (req, reply) => {
      const id = await withContribution(req, reply);
      if (id === null) return reply;
      return html(reply, h(ConfirmPage, { ctx: req.pageContext(), csrf: req.csrfToken(reply), kind, backupRetentionDays: opts.backupRetentionDays }));
    });
  }

  app.post("/suivi/anonymiser", { config: PUBLIC }, async (req, reply) => {
    const id = await withContribution(req, reply);
    if (id === null) return reply;
    await approvals.anonymiseContribution(deps, id);
    return reply.redirect("/suivi/contribution?ok=anonyme", 303);
  });

  app.post("/suivi/retirer", { config: PUBLIC }, async (req, reply) => {
    const id = await withContribution(req, reply);
    if (id === null) return reply;
    // A story made from it leaves the site at the very next request.
    await withdrawal.withdrawContribution(deps, id);
    return reply.redirect("/suivi/contribution?ok=retire", 303);
  });

  app.post("/suivi/effacer", { config: PUBLIC }, async (req, reply) => {
    const id = await withContribution(req, reply);
    if (id === null) return reply;
    await withdrawal.eraseContribution(deps, id);
    closeFollowUpSession(cookies, reply);
    return html(reply, h(ErasedPage, { ctx: req.pageContext() }));
  });

  app.post("/suivi/fermer", { config: PUBLIC }, async (req, reply) => {
    // Closing ends the session on the server too: a copy of the cookie opens nothing any more.
    const id = await currentId(req);
    if (id !== null) await submissions.closeFollowUp(deps, id);
    closeFollowUpSession(cookies, reply);
    return reply.redirect("/suivi?info=ferme", 303);
  });
}
