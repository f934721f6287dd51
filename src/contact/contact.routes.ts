import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { z } from "zod";
import { sendAdminPage } from "../platform/http/admin-page.js";
import { emptyForm, type FormState, formValues, parseForm } from "../platform/http/form.js";
import { formatDateTime } from "../platform/i18n/locale.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import { renderDocument } from "../platform/html/render.js";
import * as contact from "./contact.service.js";
import { ContactInbox, ContactPage } from "./views/contact-pages.js";

export const contactForm = z.object({
  subject: z.string().trim().min(1, "contact.error.subjectMissing").max(200, "contact.error.subjectTooLong"),
  body: z.string().trim().min(1, "followUp.error.messageMissing").max(10_000, "followUp.error.messageTooLong"),
  replyTo: z
    .string()
    .trim()
    .max(254, "contribute.error.emailTooLong")
    .default("")
    .refine((v) => v === "" || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "contribute.error.emailInvalid"),
});

// Messages are catalogue keys: the form shows them in the reader's language.
const SPAM_MESSAGES: Record<Exclude<contact.SpamVerdict, "ok">, MessageKey> = {
  "too-fast": "contact.error.tooFast",
  stale: "contact.error.stale",
  robot: "contact.error.robot",
};

const SUBJECTS: Record<string, MessageKey> = { entretien: "contact.subject.interview" };

/** What this feature adds to the frames' menus. */
export const contactNavigation: FeatureNavigation = {
  footer: [{ key: "contact", href: "/contact", label: "footer.contact", position: 80 }],
  admin: [{ key: "messages", href: "/admin/messages", label: "admin.contact.nav", position: 50, role: "editor" }],
};

export async function contactRoutes(app: FastifyInstance, opts: { deps: contact.ContactDeps }): Promise<void> {
  const { deps } = opts;
  const page = (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, sent = false) =>
    reply
      .code(status)
      .header("cache-control", "no-store")
      .type("text/html; charset=utf-8")
      .send(renderDocument(h(ContactPage, { ctx: req.pageContext(), form, csrf: req.csrfToken(reply), stamp: contact.formStamp(deps), sent })));

  app.get("/contact", { config: { access: "public" } }, (req, reply) => {
    const query = req.query as Record<string, unknown>;
    // A link can fill in the subject of a known request (/pages/contribuer: an interview by phone).
    const subjectKey = SUBJECTS[String(query.sujet ?? "")];
    const form = emptyForm(subjectKey ? { subject: req.pageContext().t(subjectKey) } : {});
    return page(req, reply, form, 200, query.envoye === "1");
  });

  app.post("/contact", { config: { access: "public", rateLimit: { max: 10, timeWindow: "10 minutes" } } }, async (req, reply) => {
    const values = formValues(req.body);
    const verdict = contact.spamVerdict(deps, values.stamp, values.site);
    if (verdict !== "ok") return page(req, reply, { values, errors: { body: SPAM_MESSAGES[verdict] } }, 422);
    const parsed = parseForm(contactForm, req.body, "form.invalid" satisfies MessageKey);
    if (!parsed.ok) return page(req, reply, parsed.form, 422);
    await contact.sendContactMessage(deps, { subject: parsed.data.subject, body: parsed.data.body, replyTo: parsed.data.replyTo || null });
    return reply.redirect("/contact?envoye=1", 303);
  });

  app.get("/admin/messages", { config: { access: "editor" } }, async (req, reply) => {
    const { t, locale } = req.pageContext();
    const messages = (await contact.listContactMessages(deps)).map((m) => ({
      id: m.id,
      subject: m.subject,
      body: m.body,
      replyTo: m.replyTo ?? t("admin.contact.noReplyTo"),
      when: formatDateTime(locale, m.createdAt),
    }));
    return sendAdminPage(req, reply, { title: t("admin.contact.title"), current: "messages" }, h(ContactInbox, { messages, t }));
  });
}
