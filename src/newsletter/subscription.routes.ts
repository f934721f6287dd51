import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ComponentChildren, createElement as h } from "preact";
import { z } from "zod";
import { renderDocument } from "../platform/html/render.js";
import { emptyForm, type FormState, parseForm } from "../platform/http/form.js";
import { memoryUploadConfig } from "../platform/http/uploads.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import * as subscription from "./subscription.service.js";
import { NewsletterNotice, NewsletterPage, type SentNotice, SubscriberDataList, TokenButton } from "./views/subscription-pages.js";

const address = z
  .string()
  .trim()
  .min(1, "newsletter.error.emailMissing" satisfies MessageKey)
  .max(254, "contribute.error.emailTooLong" satisfies MessageKey)
  .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "contribute.error.emailInvalid" satisfies MessageKey);
const subscribeForm = z.object({ email: address });
const accessForm = z.object({ accessEmail: address });

/** The token of a link: anything else is treated as a token nobody holds. */
function tokenOf(req: FastifyRequest): string {
  const jeton = (req.query as Record<string, unknown> | undefined)?.jeton;
  return typeof jeton === "string" && /^[A-Za-z0-9_-]{43}$/.test(jeton) ? jeton : "";
}

const send = (reply: FastifyReply, status: number, page: unknown) =>
  reply.code(status).header("cache-control", "no-store").type("text/html; charset=utf-8").send(renderDocument(page));

/** What this feature adds to the frames' menus. */
export const newsletterNavigation: FeatureNavigation = {
  footer: [{ key: "newsletter", href: "/lettre", label: "footer.newsletter", position: 90 }],
  admin: [{ key: "newsletter", href: "/admin/lettres", label: "admin.newsletter.nav", position: 60, role: "editor" }],
};

export async function subscriptionRoutes(app: FastifyInstance, opts: { deps: subscription.SubscriptionDeps }): Promise<void> {
  const { deps } = opts;
  const formPage = (req: FastifyRequest, reply: FastifyReply, forms: { subscribe?: FormState; access?: FormState }, status = 200, sent: SentNotice = null) =>
    send(
      reply,
      status,
      h(NewsletterPage, { ctx: req.pageContext(), subscribeForm: forms.subscribe ?? emptyForm(), accessForm: forms.access ?? emptyForm(), csrf: req.csrfToken(reply), sent }),
    );
  const notice = (req: FastifyRequest, reply: FastifyReply, status: number, title: MessageKey, body: ComponentChildren) =>
    send(reply, status, h(NewsletterNotice, { ctx: req.pageContext(), title: req.pageContext().t(title), children: body }));
  const paragraph = (req: FastifyRequest, key: MessageKey) => h("p", null, req.pageContext().t(key));

  app.get("/lettre", { config: { access: "public" } }, (req, reply) => {
    const envoye = (req.query as Record<string, unknown>).envoye;
    return formPage(req, reply, {}, 200, envoye === "1" ? "subscribe" : envoye === "liens" ? "access" : null);
  });

  // Per client address, in memory only: stops a script from filling the table (each address is
  // mailed at most once in ten minutes whatever the number of requests, see the service).
  const limited = { access: "public" as const, rateLimit: { max: 30, timeWindow: "10 minutes" } };
  app.post("/lettre", { config: limited }, async (req, reply) => {
    const parsed = parseForm(subscribeForm, req.body, "form.invalid" satisfies MessageKey);
    if (!parsed.ok) return formPage(req, reply, { subscribe: parsed.form }, 422);
    await subscription.requestSubscription(deps, parsed.data.email, req.locale);
    return reply.redirect("/lettre?envoye=1", 303);
  });

  app.post("/lettre/liens", { config: limited }, async (req, reply) => {
    const parsed = parseForm(accessForm, req.body, "form.invalid" satisfies MessageKey);
    if (!parsed.ok) return formPage(req, reply, { access: parsed.form }, 422);
    await subscription.requestAccessLinks(deps, parsed.data.accessEmail);
    return reply.redirect("/lettre?envoye=liens", 303);
  });

  const confirmed = (req: FastifyRequest, reply: FastifyReply, state: subscription.Confirmation) =>
    state === "expired"
      ? notice(req, reply, 410, "newsletter.confirm.title", h("div", null, paragraph(req, "newsletter.confirm.expired"), h("p", null, h("a", { href: "/lettre" }, req.pageContext().t("newsletter.confirm.again")))))
      : notice(req, reply, 200, "newsletter.confirm.title", paragraph(req, "newsletter.confirm.done"));

  // Opening the link only shows a button: a mail scanner that follows links confirms nothing.
  app.get("/lettre/confirmer", { config: { access: "public" } }, async (req, reply) => {
    const token = tokenOf(req);
    const state = await subscription.confirmationState(deps, token);
    if (state !== "confirmed") return confirmed(req, reply, state);
    const { t } = req.pageContext();
    return notice(
      req,
      reply,
      200,
      "newsletter.confirm.title",
      h("div", null, paragraph(req, "newsletter.confirm.intro"), h(TokenButton, { action: `/lettre/confirmer?jeton=${token}`, csrf: req.csrfToken(reply), label: t("newsletter.confirm.button") })),
    );
  });

  app.post("/lettre/confirmer", { config: { access: "public" } }, async (req, reply) => confirmed(req, reply, await subscription.confirmSubscription(deps, tokenOf(req))));

  app.get("/lettre/desinscription", { config: { access: "public" } }, async (req, reply) => {
    const token = tokenOf(req);
    if (!(await subscription.subscriberData(deps, token))) return notice(req, reply, 200, "newsletter.unsubscribe.title", paragraph(req, "newsletter.unsubscribe.done"));
    const { t } = req.pageContext();
    return notice(
      req,
      reply,
      200,
      "newsletter.unsubscribe.title",
      h("div", null, paragraph(req, "newsletter.unsubscribe.intro"), h(TokenButton, { action: `/lettre/desinscription?jeton=${token}`, label: t("newsletter.unsubscribe.button"), oneClick: true })),
    );
  });

  // RFC 8058 one-click: mail software posts "List-Unsubscribe=One-Click" to this address, urlencoded
  // or multipart, with no cookie. No CSRF token by design: the only authority is the unguessable
  // per-subscriber token in the address, which a forging site cannot know; and the only effect is to
  // erase that token's own address. Nothing in the body is needed, so none of it is read.
  app.post("/lettre/desinscription", { config: { access: "public", csrf: false, ...memoryUploadConfig("fichier", 0) } }, async (req, reply) => {
    await subscription.unsubscribe(deps, tokenOf(req));
    return notice(req, reply, 200, "newsletter.unsubscribe.title", paragraph(req, "newsletter.unsubscribe.done"));
  });

  app.get("/lettre/donnees", { config: { access: "public" } }, async (req, reply) => {
    const token = tokenOf(req);
    const data = await subscription.subscriberData(deps, token);
    if (!data) return notice(req, reply, 404, "newsletter.data.title", paragraph(req, "newsletter.data.gone"));
    const ctx = req.pageContext();
    const consent = data.confirmedAt ? formatDateTime(ctx.locale, data.confirmedAt) : ctx.t("newsletter.data.pending");
    const language = ctx.t(data.locale === "en" ? "newsletter.data.locale.en" : "newsletter.data.locale.fr");
    return notice(req, reply, 200, "newsletter.data.title", h(SubscriberDataList, { ctx, email: data.email, consent, language, unsubscribeAction: `/lettre/desinscription?jeton=${token}` }));
  });
}
