import type { Locale } from "../platform/i18n/locale.js";
import { type SiteWords, translator } from "../platform/i18n/translate.js";
import type { MailMessage, Recipient } from "../platform/mail/mailer.js";

/**
 * The short mails about a contribution. They say the new state in plain words and where to look,
 * and nothing else: never the contribution's title or text, never the receipt. A contributor's mail
 * is in the language of the page the contribution was sent from; a French one also says it in
 * English, as every contributor's mail did before that language was kept. An editor's mail is in
 * that editor's interface language. `site` is the site's name from its settings (`siteIdentity`),
 * read in the transaction that sends.
 */
export type ContributorNotice = "reading" | "awaiting_approval" | "message" | "scheduled" | "published" | "declined";

const TO_CONTRIBUTOR = {
  reading: { subject: "mail.submissions.contributor.reading.subject", text: "mail.submissions.contributor.reading.text" },
  awaiting_approval: { subject: "mail.submissions.contributor.awaitingApproval.subject", text: "mail.submissions.contributor.awaitingApproval.text" },
  message: { subject: "mail.submissions.contributor.message.subject", text: "mail.submissions.contributor.message.text" },
  scheduled: { subject: "mail.submissions.contributor.scheduled.subject", text: "mail.submissions.contributor.scheduled.text" },
  published: { subject: "mail.submissions.contributor.published.subject", text: "mail.submissions.contributor.published.text" },
  declined: { subject: "mail.submissions.contributor.declined.subject", text: "mail.submissions.contributor.declined.text" },
} as const satisfies Record<ContributorNotice, unknown>;

export function contributorMail(site: SiteWords, baseUrl: string, to: Recipient, notice: ContributorNotice): MailMessage {
  const m = TO_CONTRIBUTOR[notice];
  const t = translator(to.locale, site);
  const news = (locale: Locale) => {
    const tl = translator(locale, site);
    return [tl(m.text), tl("mail.submissions.contributor.more", { url: `${baseUrl}/suivi` })];
  };
  const paragraphs = to.locale === "fr" ? [...news("fr"), "", ...news("en")] : news(to.locale);
  return { to: to.email, subject: t(m.subject), text: [...paragraphs, "", t("mail.submissions.contributor.why")].join("\n") };
}

export type EditorNotice = "approved" | "anonymised" | "withdrawn" | "erased";

const TO_EDITORS = {
  approved: { subject: "mail.submissions.editor.approved.subject", text: "mail.submissions.editor.approved.text" },
  anonymised: { subject: "mail.submissions.editor.anonymised.subject", text: "mail.submissions.editor.anonymised.text" },
  withdrawn: { subject: "mail.submissions.editor.withdrawn.subject", text: "mail.submissions.editor.withdrawn.text" },
  erased: { subject: "mail.submissions.editor.erased.subject", text: "mail.submissions.editor.erased.text" },
} as const satisfies Record<EditorNotice, unknown>;

const contributionPage = (baseUrl: string, submissionId: number) => `${baseUrl}/admin/contributions/${submissionId}`;

export function editorMail(site: SiteWords, baseUrl: string, to: Recipient, submissionId: number, notice: EditorNotice): MailMessage {
  const m = TO_EDITORS[notice];
  const t = translator(to.locale, site);
  // An erased contribution has no page any more. The number as written, not as a count ("1 234").
  const where = notice === "erased" ? t("mail.submissions.editor.erasedNumber", { id: String(submissionId) }) : contributionPage(baseUrl, submissionId);
  return { to: to.email, subject: t(m.subject), text: [t(m.text), where, "", t("mail.submissions.editor.withoutText")].join("\n") };
}

/** To each editor when a contribution is sent, first of all when it shows a crisis signal. */
export function newContributionMail(site: SiteWords, baseUrl: string, to: Recipient, submissionId: number, crisis: boolean): MailMessage {
  const t = translator(to.locale, site);
  return {
    to: to.email,
    subject: t(crisis ? "mail.submissions.editor.newCrisisContribution.subject" : "mail.submissions.editor.newContribution.subject"),
    text: [
      t(crisis ? "mail.submissions.editor.newCrisisContribution.text" : "mail.submissions.editor.newContribution.text"),
      contributionPage(baseUrl, submissionId),
      "",
      t("mail.submissions.editor.withoutText"),
    ].join("\n"),
  };
}

/** To each editor when a contributor writes from the follow-up page. */
export function contributorMessageMail(site: SiteWords, baseUrl: string, to: Recipient, submissionId: number, crisis: boolean): MailMessage {
  const t = translator(to.locale, site);
  return {
    to: to.email,
    subject: t(crisis ? "mail.submissions.editor.crisisMessage.subject" : "mail.submissions.editor.contributorMessage.subject"),
    text: [t("mail.submissions.editor.contributorMessage.text"), contributionPage(baseUrl, submissionId), "", t("mail.submissions.editor.withoutMessage")].join("\n"),
  };
}
