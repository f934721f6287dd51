import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailText, startSmtpCatcher } from "../support/smtp.js";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { auditPages, launchChromium, newContext, signIn } from "./pages/harness.js";

/**
 * The newsletter's public pages and every page of /admin/lettres audited (axe-core, html-validate,
 * no third-party request, no console error), then the whole journey with JavaScript turned off:
 * subscribe, the confirmation mail read from a real SMTP server, confirm, an editor composes and
 * sends a test, the issue goes, and the reader leaves in one click from the link in their mail.
 */
type Env = { t: TestApp; browser: Browser; visitor: BrowserContext; editor: BrowserContext; editorEmail: string; issueId: number; smtp: Awaited<ReturnType<typeof startSmtpCatcher>> };

const TOKENS = { pending: randomBytes(32).toString("base64url"), confirmed: randomBytes(32).toString("base64url"), leaving: randomBytes(32).toString("base64url") };

const go = (path: string) => (page: Page, env: Env) => page.goto(env.t.url + path);

const PAGES = [
  { name: "the subscribe form", as: "visitor", status: 200, open: go("/lettre") },
  {
    name: "the subscribe form after an empty submit",
    as: "visitor",
    status: 422,
    async open(page: Page, env: Env) {
      await page.goto(`${env.t.url}/lettre`);
      await page.getByRole("button", { name: "Recevoir la lettre" }).click();
      await page.getByRole("alert").waitFor();
    },
  },
  { name: "the page saying a confirmation mail is on its way", as: "visitor", status: 200, open: go("/lettre?envoye=1") },
  { name: "the confirmation page", as: "visitor", status: 200, open: go(`/lettre/confirmer?jeton=${TOKENS.pending}`) },
  {
    name: "the confirmation page once confirmed",
    as: "visitor",
    status: 200,
    async open(page: Page, env: Env) {
      await page.goto(`${env.t.url}/lettre/confirmer?jeton=${TOKENS.pending}`);
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Confirmer mon inscription" }).click()]);
      await page.getByText("C'est fait").waitFor();
    },
  },
  { name: "an expired confirmation link", as: "visitor", status: 410, open: go(`/lettre/confirmer?jeton=${"x".repeat(43)}`) },
  { name: "the unsubscribe page", as: "visitor", status: 200, open: go(`/lettre/desinscription?jeton=${TOKENS.leaving}`) },
  { name: "the subscriber's data page", as: "visitor", status: 200, open: go(`/lettre/donnees?jeton=${TOKENS.confirmed}`) },
  { name: "the subscribe form in English", as: "english", status: 200, open: go("/lettre") },
  { name: "the issues list and compose form", as: "editor", status: 200, open: go("/admin/lettres") },
  {
    name: "the compose form after an empty submit",
    as: "editor",
    status: 422,
    async open(page: Page, env: Env) {
      await page.goto(`${env.t.url}/admin/lettres`);
      await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
      await page.getByRole("alert").waitFor();
    },
  },
  { name: "a draft issue with its schedule form", as: "editor", status: 200, open: async (page: Page, env: Env) => page.goto(`${env.t.url}/admin/lettres/${env.issueId}`) },
  {
    name: "a draft issue after a date already past",
    as: "editor",
    status: 422,
    async open(page: Page, env: Env) {
      await page.goto(`${env.t.url}/admin/lettres/${env.issueId}`);
      await page.getByLabel("Date et heure d'envoi (heure de Paris)").fill("2020-01-06T09:00");
      await page.getByRole("button", { name: "Programmer l'envoi" }).click();
      await page.getByRole("alert").waitFor();
    },
  },
  {
    name: "a scheduled issue",
    as: "editor",
    status: 200,
    async open(page: Page, env: Env) {
      await page.goto(`${env.t.url}/admin/lettres/${env.issueId}`);
      await page.getByLabel("Date et heure d'envoi (heure de Paris)").fill("2099-06-01T09:00");
      await page.getByRole("button", { name: "Programmer l'envoi" }).click();
      await page.getByRole("button", { name: "Annuler la programmation" }).waitFor();
    },
  },
  { name: "an issue's preview, the mail itself", as: "editor", status: 200, open: async (page: Page, env: Env) => page.goto(`${env.t.url}/admin/lettres/${env.issueId}/apercu`) },
  { name: "the weekly digest's settings", as: "editor", status: 200, open: go("/admin/lettres/resume") },
];

describe("the newsletter in the browser", () => {
  let env: Env;
  let english: BrowserContext;

  beforeAll(async () => {
    const smtp = await startSmtpCatcher();
    const t = await startTestApp({ dialect: "sqlite", demo: true, smtpUrl: smtp.url });
    const browser = await launchChromium();
    env = { t, browser, smtp } as Env;
    const now = new Date().toISOString();
    for (const [state, token] of Object.entries(TOKENS)) {
      await t.deps.db
        .insertInto("newsletter_subscribers")
        .values({ email: `audit-${state}@exemple.fr`, token, confirmed_at: state === "pending" ? null : now, requested_at: now })
        .execute();
    }
    const stories = await t.deps.db.selectFrom("published_stories").select("story_id").orderBy("story_id").limit(3).execute();
    const issue = await t.deps.db
      .insertInto("newsletter_issues")
      .values({ subject: "Lettre de l'audit", intro: "Bonjour, *bonne lecture*.", story_ids: stories.map((s) => s.story_id).join(","), state: "draft", created_at: now, sent_at: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    const visitor = await newContext(browser);
    english = await newContext(browser, { locale: "en-GB" });
    const editorEmail = await createAccount(t, "editor");
    const editor = await newContext(browser);
    const page = await editor.newPage();
    await signIn(page, t.url, editorEmail);
    await page.close();
    env = { t, browser, visitor, editor, editorEmail, issueId: issue.id, smtp };
  }, 120_000);

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
    await env?.smtp.close();
  });

  describe("audits", () => auditPages(PAGES, () => env, (as, e) => (as === "english" ? english : as === "editor" ? e.editor : e.visitor)));

  /** Runs the periodic tasks (jobs, outbox) until a mail to this address has arrived. */
  async function mailTo(address: string, subject: RegExp): Promise<string> {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      await env.t.app.runScheduledTasks();
      const mail = env.smtp.mails.find((m) => m.to.includes(address) && subject.test(m.raw.replace(/\r\n[ \t]+/g, " ")));
      if (mail) return mailText(mail.raw);
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`aucun courriel pour ${address}`);
  }

  const pathOf = (text: string, route: string) => {
    const url = new RegExp(`https?://[^/\\s]+(${route}\\?jeton=[A-Za-z0-9_-]{43})`).exec(text)?.[1];
    if (!url) throw new Error(`pas de lien ${route} dans le courriel`);
    return url;
  };

  it("subscribes, confirms from the mail, receives an issue an editor tested and sent, and leaves in one click, all without JavaScript", async () => {
    const reader = await newContext(env.browser, { javaScriptEnabled: false });
    const editor = await newContext(env.browser, { javaScriptEnabled: false });
    const address = "parcours@exemple.fr";
    try {
      const page = await reader.newPage();
      await page.goto(`${env.t.url}/lettre`);
      await page.getByLabel("Votre adresse électronique").fill(address);
      await Promise.all([page.waitForURL(/\/lettre\?envoye=1$/), page.getByRole("button", { name: "Recevoir la lettre" }).click()]);
      await page.getByRole("status").waitFor();

      const confirmation = await mailTo(address, /^Subject: .*confirmez/im);
      await page.goto(env.t.url + pathOf(confirmation, "/lettre/confirmer"));
      await page.getByRole("button", { name: "Confirmer mon inscription" }).click();
      await page.getByText("C'est fait").waitFor();
      const row = await env.t.deps.db.selectFrom("newsletter_subscribers").select("confirmed_at").where("email", "=", address).executeTakeFirstOrThrow();
      expect(row.confirmed_at).not.toBeNull();

      const desk = await editor.newPage();
      await signIn(desk, env.t.url, env.editorEmail);
      await desk.goto(`${env.t.url}/admin/lettres`);
      await desk.getByLabel("Objet").fill("La lettre du parcours");
      await desk.getByLabel("Texte d'introduction").fill("Bonjour à vous.");
      await desk.locator('input[name="storyIds"]').first().check();
      await Promise.all([desk.waitForURL(/\/admin\/lettres\/\d+$/), desk.getByRole("button", { name: "Enregistrer le brouillon" }).click()]);
      await Promise.all([desk.waitForURL(/fait=essai/), desk.getByRole("button", { name: "M'envoyer un essai" }).click()]);
      await mailTo(env.editorEmail, /^Subject: \[Essai\] La lettre du parcours/m);
      await Promise.all([desk.waitForURL(/fait=envoi/), desk.getByRole("button", { name: "Envoyer maintenant à tous les inscrits" }).click()]);

      const issue = await mailTo(address, /^Subject: La lettre du parcours/m);
      const leave = pathOf(issue, "/lettre/desinscription");
      // The mail software's one-click header points at the same address as the link in the text.
      const raw = env.smtp.mails.find((m) => m.to.includes(address) && m.raw.includes("List-Unsubscribe"))?.raw.replace(/\r\n[ \t]+/g, " ") ?? "";
      expect(raw).toContain(`${leave}>`);
      await page.goto(env.t.url + leave);
      await page.getByRole("button", { name: "Me désinscrire et effacer mon adresse" }).click();
      await page.getByRole("heading", { name: "Se désinscrire de la lettre" }).waitFor();
      expect(await env.t.deps.db.selectFrom("newsletter_subscribers").select("id").where("email", "=", address).execute()).toEqual([]);
    } finally {
      await reader.close();
      await editor.close();
    }
  }, 180_000);
});
