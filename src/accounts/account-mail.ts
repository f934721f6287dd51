import { type SiteWords, translator } from "../platform/i18n/translate.js";
import type { MailMessage, Recipient } from "../platform/mail/mailer.js";

// The links are lines of their own, never catalogue parameters: a token is not kept in the
// translator's memory of texts.

/** The reset link, asked for on /admin/mot-de-passe-oublie. */
export function passwordResetMail(site: SiteWords, to: Recipient & { displayName: string }, link: string, minutes: number): MailMessage {
  const t = translator(to.locale, site);
  return {
    to: to.email,
    subject: t("mail.accounts.reset.subject"),
    text: [t("mail.accounts.hello", { name: to.displayName }), "", t("mail.accounts.reset.asked"), t("mail.accounts.reset.link", { minutes }), link, "", t("mail.accounts.reset.ignore")].join("\n"),
  };
}

/** To someone an administrator adds: the link to choose a password. */
export function invitationMail(site: SiteWords, to: Recipient & { displayName: string }, link: string): MailMessage {
  const t = translator(to.locale, site);
  return {
    to: to.email,
    subject: t("mail.accounts.invitation.subject"),
    text: [t("mail.accounts.hello", { name: to.displayName }), "", t("mail.accounts.invitation.created"), t("mail.accounts.invitation.link"), link].join("\n"),
  };
}
