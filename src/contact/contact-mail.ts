import { type SiteWords, translator } from "../platform/i18n/translate.js";
import type { MailMessage, Recipient } from "../platform/mail/mailer.js";

/** To each editor when someone writes through the contact form: where to read it, never the message. */
export function contactNoticeMail(site: SiteWords, baseUrl: string, to: Recipient): MailMessage {
  const t = translator(to.locale, site);
  return { to: to.email, subject: t("mail.contact.notice.subject"), text: t("mail.contact.notice.text", { url: `${baseUrl}/admin/messages` }) };
}
