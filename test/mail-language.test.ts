import { describe, expect, it } from "vitest";
import "../src/messages.js";
import * as accountMails from "../src/accounts/account-mail.js";
import { invitationMail, passwordResetMail } from "../src/accounts/account-mail.js";
import * as contactMails from "../src/contact/contact-mail.js";
import { contactNoticeMail } from "../src/contact/contact-mail.js";
import * as subscriptionMails from "../src/newsletter/subscription-mail.js";
import { accessMail, confirmationMail } from "../src/newsletter/subscription-mail.js";
import { LOCALES, type Locale } from "../src/platform/i18n/locale.js";
import type { MailMessage } from "../src/platform/mail/mailer.js";
import * as contributionMails from "../src/submissions/contribution-mail.js";
import { contributorMail, contributorMessageMail, editorMail, newContributionMail } from "../src/submissions/contribution-mail.js";
import { frenchLines, looksFrench } from "./support/french-words.js";

const SITE = { name: "Entre Pairs", revision: "1" };
const BASE = "https://exemple.fr";
const TOKEN = "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6";
const LINKS = { confirm: `${BASE}/lettre/confirmer?jeton=${TOKEN}`, unsubscribe: `${BASE}/lettre/desinscription?jeton=${TOKEN}`, data: `${BASE}/lettre/donnees?jeton=${TOKEN}` };

/** Every mail the application writes, by name, for a recipient in the given language. */
const MAILS: Record<string, (locale: Locale) => MailMessage> = {
  ...Object.fromEntries(
    (["reading", "awaiting_approval", "message", "scheduled", "published", "declined"] as const).map((n) => [
      `contributor: ${n}`,
      (locale: Locale) => contributorMail(SITE, BASE, { email: "c@exemple.fr", locale }, n),
    ]),
  ),
  ...Object.fromEntries(
    (["approved", "anonymised", "withdrawn", "erased"] as const).map((n) => [`editor: ${n}`, (locale: Locale) => editorMail(SITE, BASE, { email: "e@exemple.fr", locale }, 1234, n)]),
  ),
  "editor: new contribution": (locale) => newContributionMail(SITE, BASE, { email: "e@exemple.fr", locale }, 12, false),
  "editor: new contribution with a crisis signal": (locale) => newContributionMail(SITE, BASE, { email: "e@exemple.fr", locale }, 12, true),
  "editor: contributor's message": (locale) => contributorMessageMail(SITE, BASE, { email: "e@exemple.fr", locale }, 12, false),
  "editor: contributor's message with a crisis signal": (locale) => contributorMessageMail(SITE, BASE, { email: "e@exemple.fr", locale }, 12, true),
  "editor: contact message": (locale) => contactNoticeMail(SITE, BASE, { email: "e@exemple.fr", locale }),
  "account: invitation": (locale) => invitationMail(SITE, { email: "n@exemple.fr", displayName: "Sam", locale }, `${BASE}/admin/reinitialiser/${TOKEN}`),
  "account: password reset": (locale) => passwordResetMail(SITE, { email: "n@exemple.fr", displayName: "Sam", locale }, `${BASE}/admin/reinitialiser/${TOKEN}`, 60),
  "newsletter: confirmation": (locale) => confirmationMail(SITE, { email: "r@exemple.fr", locale }, LINKS, 48),
  "newsletter: access links": (locale) => accessMail(SITE, { email: "r@exemple.fr", locale }, LINKS),
};

describe("every mail in both languages", () => {
  it.each(Object.keys(MAILS).flatMap((name) => LOCALES.map((locale) => [name, locale] as const)))("%s in %s has a subject naming the site, a text, and its recipient", (name, locale) => {
    const mail = (MAILS[name] as (l: Locale) => MailMessage)(locale);
    expect(mail.subject.startsWith(SITE.name)).toBe(true);
    expect(mail.subject.length).toBeGreaterThan(SITE.name.length + 5);
    expect(mail.text.trim().length).toBeGreaterThan(20);
    expect(mail.to).toMatch(/@exemple\.fr$/);
  });

  it.each(Object.keys(MAILS))("%s: the English one has no French word, the French one is French", (name) => {
    const build = MAILS[name] as (l: Locale) => MailMessage;
    const english = build("en");
    expect(frenchLines(`${english.subject}\n${english.text}`)).toEqual([]);
    const french = build("fr");
    expect(french.subject).not.toBe(english.subject);
    expect(looksFrench(`${french.subject}\n${french.text}`)).toBe(true);
  });

  it("covers every function of the mail modules", () => {
    // A mail function added to one of these files without a line above would go untested.
    const exported = [accountMails, contactMails, subscriptionMails, contributionMails].flatMap((module) => Object.values(module).filter((v) => typeof v === "function"));
    const covered = [contributorMail, editorMail, newContributionMail, contributorMessageMail, contactNoticeMail, invitationMail, passwordResetMail, confirmationMail, accessMail];
    expect(exported.filter((f) => !covered.includes(f as never)).map((f) => (f as { name: string }).name)).toEqual([]);
  });
});
