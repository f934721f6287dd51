import { type SiteWords, translator } from "../platform/i18n/translate.js";
import type { MailMessage, Recipient } from "../platform/mail/mailer.js";

/** The links a subscriber's mails carry, each with the per-subscriber token. */
export type SubscriberLinks = { confirm: string; unsubscribe: string; data: string };

// The links are added to the translated words, never given as parameters: a token is not kept in
// the translator's memory of texts.

/** The double opt-in: nothing is sent to the address until its owner follows the link. */
export function confirmationMail(site: SiteWords, to: Recipient, links: SubscriberLinks, hours: number): MailMessage {
  const t = translator(to.locale, site);
  return {
    to: to.email,
    subject: t("mail.newsletter.confirm.subject"),
    text: [t("mail.newsletter.hello"), "", t("mail.newsletter.confirm.asked"), t("mail.newsletter.confirm.link", { hours }), links.confirm, "", t("mail.newsletter.confirm.ignore")].join("\n"),
  };
}

/** A confirmed subscriber's links: what is kept about them, and leaving. */
export function accessMail(site: SiteWords, to: Recipient, links: SubscriberLinks): MailMessage {
  const t = translator(to.locale, site);
  return {
    to: to.email,
    subject: t("mail.newsletter.access.subject"),
    text: [
      t("mail.newsletter.hello"),
      "",
      t("mail.newsletter.access.known"),
      "",
      `${t("mail.newsletter.access.data")} ${links.data}`,
      `${t("mail.newsletter.access.unsubscribe")} ${links.unsubscribe}`,
      "",
      t("mail.newsletter.access.keep"),
    ].join("\n"),
  };
}
