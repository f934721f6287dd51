import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { CookieJar } from "../../platform/http/cookies.js";
import { emptyForm, formValues, parseForm } from "../../platform/http/form.js";
import { formatDateTime } from "../../platform/i18n/locale.js";
import type { MessageKey } from "../../platform/i18n/translate.js";
import { renderMarkdown } from "../../platform/html/markdown.js";
import { releasedCredit } from "../../stories/story-publication.service.js";
import { presentCredit } from "../../stories/story.present.js";
import { parseReceipt } from "../receipt.js";
import { isConsentChannel, isConsentEvent, isOpen } from "../submission.js";
import { messageForm, receiptForm, sendDraftForm } from "../submission.schemas.js";
import * as submissions from "../submission.service.js";
import { CONTRIBUTION_RATE, PUBLIC_FALLBACK } from "../submission.routes.js";
import { audioViewOf } from "../audio/contribution-audio.intake.js";
import * as approvals from "./approval.service.js";
import * as withdrawal from "./withdrawal.service.js";
import { closeFollowUpSession, FOLLOW_UP_COOKIE, followedContribution, openFollowUpSession, sendPersonalPage } from "./follow-up-session.js";
import { ConfirmPage, ErasedPage, FollowUpLoginPage, FollowUpPage } from "./views/follow-up-pages.js";

// Guessing receipts is pointless at 100 bits; this keeps anyone from trying at speed anyway.
const RECEIPT_RATE = { max: 10, timeWindow: "10 minutes" };
const PUBLIC = { access: "public" } as const;

const html = sendPersonalPage;

/**
 * The contributor's follow-up with her receipt (/suivi): signing in, her contribution and its
 * messages, sending a draft, her consents, withdrawal, erasure, anonymisation and signing out.
 */
export async function followUpRoutes(
  app: FastifyInstance,
  opts: { deps: approvals.ApprovalDeps; cookies: CookieJar; backupRetentionDays: number },
): Promise<void> {
  const { deps, cookies } = opts;


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
    const result = await submissions.sendDraft(deps, id, parsed.data.channels);
    if (!result.ok) return followUpPage(req, reply, id, emptyForm(), 409, result.reason === "not_draft" ? "followUp.flash.notDraft" : "followUp.flash.audioNotReady");
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
