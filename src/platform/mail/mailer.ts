import nodemailer from "nodemailer";
import type { Logger } from "../logger.js";
import type { Locale } from "../i18n/locale.js";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  /** An HTML part beside the text (newsletters). */
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe. */
  headers?: Record<string, string>;
};
/** Someone mail is written for: their address and the language their mails are written in. */
export type Recipient = { email: string; locale: Locale };
export type Mailer = { send(message: MailMessage): Promise<void>; close(): void };

/** "camille@exemple.fr" → "c…@exemple.fr": enough to tell mails apart, never a whole address in a log. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf("@");
  return at > 0 ? `${address.slice(0, 1)}…${address.slice(at)}` : "…";
}

/**
 * Sends through SMTP_URL. Without it (development), the message is written to the log so a
 * developer can follow a reset link; nothing leaves the machine, and the address is masked.
 */
export function createMailer(opts: { smtpUrl: string | null; from: string; log: Logger }): Mailer {
  if (!opts.smtpUrl) {
    return {
      send: async (m) => {
        opts.log.info({ mail: { to: maskAddress(m.to), subject: m.subject, text: m.text } }, "courriel (pas de SMTP_URL : écrit ici)");
      },
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    send: async (m) => {
      await transport.sendMail({ from: opts.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers });
    },
    close: () => transport.close(),
  };
}
