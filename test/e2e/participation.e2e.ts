import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareAndSendForApproval } from "../support/participation.js";
import { Browser as HttpBrowser, createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import {
  auditPages,
  launchChromium,
  newContext,
  signIn,
} from "./pages/harness.js";

/**
 * Participation: contributing without an account, following up with the receipt, answering a
 * call, and the editors' triage. Every page is audited as in accessibility.e2e.ts; the whole
 * contributor journey is walked with JavaScript turned off; a text in acute distress brings the
 * crisis resources to its author and puts it first in front of the editors.
 */

const CALL = "etre-parent-avec-un-trouble-psychique";
const RECEIPT_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;

type Contribution = { title?: string; body: string; pseudonym?: string };

/** Fills the contribution form already on screen, sends it, and reads the receipt shown once. */
async function sendContribution(page: Page, c: Contribution): Promise<string> {
  if (c.title) await page.getByLabel("Titre proposé").fill(c.title);
  await page.getByLabel("Votre témoignage").fill(c.body);
  if (c.pseudonym) {
    await page.getByLabel("Comment souhaitez-vous apparaître ?").selectOption({ label: "Sous un pseudonyme" });
    await page.getByLabel("Nom, pseudonyme ou prénom affiché").fill(c.pseudonym);
  }
  await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
  await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
  await page.getByRole("heading", { level: 1, name: "Merci, votre témoignage est bien arrivé" }).waitFor();
  return (await page.locator("p.receipt strong").textContent())?.trim() ?? "";
}

/** Opens the follow-up: at once in the browser that sent the contribution, else by typing the receipt on /suivi. */
async function openFollowUp(page: Page, baseUrl: string, receipt: string): Promise<void> {
  await page.goto(`${baseUrl}/suivi`);
  if (page.url() === `${baseUrl}/suivi/contribution`) return;
  await page.getByLabel("Reçu").fill(receipt);
  await Promise.all([page.waitForURL(`${baseUrl}/suivi/contribution`), page.getByRole("button", { name: "Ouvrir" }).click()]);
}

/** The state of the contribution as its author reads it on the follow-up page. */
const stateShown = (page: Page) => page.locator('dl.facts > dt:text-is("État") + dd').textContent();

type Env = {
  t: TestApp;
  browser: Browser;
  visitor: BrowserContext;
  admin: BrowserContext;
  /** Holds a follow-up session (/suivi) on the contribution below. */
  follower: BrowserContext;
  editorEmail: string;
  contributionId: number;
  callId: number;
};

type Audit = {
  name: string;
  /**
   * Who looks at the page: a visitor, the signed-in editor, the author of the fixture contribution
   * in their follow-up session, or a newcomer in a context of their own (for a page whose
   * visit erases a contribution).
   */
  as: "visitor" | "admin" | "follower" | "newcomer";
  status: number;
  /** Brings the page on screen; the last document response is the page audited. */
  open(page: Page, env: Env): Promise<unknown>;
};

const go = (path: string) => (page: Page, env: Env) => page.goto(env.t.url + path);

const FIXTURE: Contribution = {
  title: "Le cahier de la cuisine",
  body: "Quand je vais mal, j'écris sur le cahier de la cuisine.\n\n## Ce que ma fille en dit\n\nElle y dessine des soleils.",
  pseudonym: "Plume-du-Matin",
};

const PUBLIC_PAGES: Audit[] = [
  { name: "the contribution form", as: "visitor", status: 200, open: go("/temoigner") },
  { name: "the contribution form answering the open call", as: "visitor", status: 200, open: go(`/temoigner?appel=${CALL}`) },
  {
    // A browser of its own: sending opens the follow-up there, and /suivi would then skip the receipt form.
    name: "the receipt page after sending",
    as: "newcomer",
    status: 200,
    async open(page, env) {
      await page.goto(`${env.t.url}/temoigner`);
      await sendContribution(page, { body: "Trois lignes pour dire que le groupe du jeudi m'a aidé." });
    },
  },
  {
    name: "the contribution form re-displayed with errors",
    as: "visitor",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/temoigner`);
      // No text, a pseudonym without a name, no consent: errors on fields and on a group of boxes.
      await page.getByLabel("Comment souhaitez-vous apparaître ?").selectOption({ label: "Sous un pseudonyme" });
      await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
      await page.getByRole("alert").filter({ hasText: /Il y a \d problèmes/ }).waitFor();
    },
  },
  { name: "the calls listing", as: "visitor", status: 200, open: go("/appels") },
  { name: "the contact form", as: "visitor", status: 200, open: go("/contact") },
  { name: "the open call", as: "visitor", status: 200, open: go(`/appels/${CALL}`) },
  { name: "the receipt entry page", as: "visitor", status: 200, open: go("/suivi") },
  {
    name: "the receipt entry page after a wrong receipt",
    as: "visitor",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/suivi`);
      await page.getByLabel("Reçu").fill("AAAA-BBBB-CCCC-DDDD-EEEE");
      await page.getByRole("button", { name: "Ouvrir" }).click();
      await page.getByRole("alert").filter({ hasText: "Il y a un problème" }).waitFor();
    },
  },
  { name: "the follow-up page", as: "follower", status: 200, open: go("/suivi/contribution") },
  { name: "the approval page (bon à tirer) with its comparisons", as: "follower", status: 200, open: go("/suivi/version") },
  { name: "the withdrawal confirmation page", as: "follower", status: 200, open: go("/suivi/retirer") },
  { name: "the erasure confirmation page", as: "follower", status: 200, open: go("/suivi/effacer") },
  { name: "the anonymisation confirmation page", as: "follower", status: 200, open: go("/suivi/anonymiser") },
  {
    name: "the « C'est effacé » page",
    as: "newcomer",
    status: 200,
    async open(page, env) {
      await page.goto(`${env.t.url}/temoigner`);
      const receipt = await sendContribution(page, { body: "Un texte que je préfère finalement effacer." });
      await openFollowUp(page, env.t.url, receipt);
      await page.goto(`${env.t.url}/suivi/effacer`);
      await page.getByRole("button", { name: "Oui, tout effacer" }).click();
      await page.getByRole("heading", { level: 1, name: "C'est effacé" }).waitFor();
    },
  },
];

const BACK_OFFICE_PAGES: Audit[] = [
  { name: "the contributions triage list", as: "admin", status: 200, open: go("/admin/contributions") },
  { name: "a contribution in the back office", as: "admin", status: 200, open: (page, env) => page.goto(`${env.t.url}/admin/contributions/${env.contributionId}`) },
  { name: "the calls admin page", as: "admin", status: 200, open: go("/admin/appels") },
  { name: "the contact messages inbox", as: "admin", status: 200, open: go("/admin/messages") },
  { name: "an existing call's editor", as: "admin", status: 200, open: (page, env) => page.goto(`${env.t.url}/admin/appels/${env.callId}`) },
  {
    name: "the call form re-displayed with errors",
    as: "admin",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/admin/appels`);
      // No title, introduction nor dates, and no format: errors on text fields and on a group of boxes.
      await page.getByLabel("Texte", { exact: true }).uncheck();
      await page.getByRole("button", { name: "Enregistrer l'appel" }).click();
      await page.getByRole("alert").filter({ hasText: "problèmes" }).waitFor();
    },
  },
];

describe("participation: contributing, following up, answering a call, triage", () => {
  let env: Env;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite", demo: true });
    const browser = await launchChromium();
    const editorEmail = await createAccount(t, "editor");
    const visitor = await newContext(browser);
    const admin = await newContext(browser);
    const follower = await newContext(browser);

    const adminPage = await admin.newPage();
    await signIn(adminPage, t.url, editorEmail);

    // A contribution with a message each way, so the follow-up and back-office pages show them.
    const page = await follower.newPage();
    await page.goto(`${t.url}/temoigner`);
    const receipt = await sendContribution(page, FIXTURE);
    await openFollowUp(page, t.url, receipt);
    await page.getByLabel("Écrire à l'équipe").fill("Puis-je ajouter un dessin de ma fille ?");
    await Promise.all([page.waitForURL(/\?ok=message$/), page.getByRole("button", { name: "Envoyer le message" }).click()]);
    await page.close();

    const row = await t.deps.db.selectFrom("submissions").select("id").where("title", "=", FIXTURE.title ?? "").executeTakeFirstOrThrow();
    const contributionId = Number(row.id);
    await adminPage.goto(`${t.url}/admin/contributions/${contributionId}`);
    await adminPage.getByLabel("Message à la personne qui témoigne").fill("Bien sûr, vous pourrez l'envoyer quand nous préparerons la version finale.");
    await Promise.all([adminPage.waitForURL(/\?ok=message$/), adminPage.getByRole("button", { name: "Envoyer à la personne" }).click()]);
    await adminPage.close();

    // The team drafts a story from it, adds a standfirst, and sends that version for approval.
    const team = new HttpBrowser(t.url);
    await team.signInDirectly(t, editorEmail);
    await prepareAndSendForApproval(team, contributionId, "Un cahier, une cuisine, une fille qui dessine.");

    const call = await t.deps.db.selectFrom("calls").select("id").where("slug", "=", CALL).executeTakeFirstOrThrow();
    env = { t, browser, visitor, admin, follower, editorEmail, contributionId, callId: Number(call.id) };
  });

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
  });

  const contextOf = (as: string, e: Env) => (as === "admin" ? e.admin : as === "visitor" ? e.visitor : as === "follower" ? e.follower : undefined);
  describe("public pages", () => auditPages(PUBLIC_PAGES, () => env, contextOf));
  describe("back-office pages", () => auditPages(BACK_OFFICE_PAGES, () => env, contextOf));

  it("without JavaScript, a contributor sends a text under a pseudonym, follows it with the receipt, talks with the team, withdraws it and erases everything", async () => {
    const { t, browser } = env;
    const contributor = await newContext(browser, { javaScriptEnabled: false });
    const editor = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await contributor.newPage();
      const pseudonym = "Marée-Basse";
      const question = "Pouvez-vous retirer le nom de ma ville avant de publier ?";
      const reply = "Oui, nous l'avons retiré : vous relirez la version finale avant toute publication.";

      // Sending: the receipt is shown once, in five groups of four.
      await page.goto(`${t.url}/temoigner`);
      await page.getByLabel("Votre témoignage").fill("J'ai repris le travail à mi-temps après six mois d'arrêt.\n\nMon équipe a été formidable.");
      await page.getByLabel("Comment souhaitez-vous apparaître ?").selectOption({ label: "Sous un pseudonyme" });
      await page.getByLabel("Nom, pseudonyme ou prénom affiché").fill(pseudonym);
      await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
      await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
      await page.getByRole("heading", { level: 1, name: "Merci, votre témoignage est bien arrivé" }).waitFor();
      const receipt = (await page.locator("p.receipt strong").textContent())?.trim() ?? "";
      expect(receipt).toMatch(RECEIPT_FORMAT);
      expect(await page.getByRole("note", { name: "Vous n'êtes pas seul·e" }).count()).toBe(0);

      // Kept, then the follow-up opens without typing it; closed, it opens again with the receipt
      // typed in lower case, spaces for dashes.
      await page.getByLabel("J'ai gardé mon reçu").check();
      await Promise.all([page.waitForURL(`${t.url}/suivi/contribution`), page.getByRole("button", { name: "Continuer vers le suivi de ma contribution" }).click()]);
      await Promise.all([page.waitForURL(`${t.url}/suivi?info=ferme`), page.getByRole("button", { name: "Fermer ma session de suivi" }).click()]);
      await page.getByLabel("Reçu").fill(receipt.toLowerCase().replaceAll("-", " "));
      await Promise.all([page.waitForURL(`${t.url}/suivi/contribution`), page.getByRole("button", { name: "Ouvrir" }).click()]);
      expect(await stateShown(page)).toBe("Reçu\u202f: l'équipe va le lire");
      expect(await page.locator('dl.facts > dt:text-is("Crédit choisi") + dd').textContent()).toBe(pseudonym);

      await page.getByLabel("Écrire à l'équipe").fill(question);
      await Promise.all([page.waitForURL(`${t.url}/suivi/contribution?ok=message`), page.getByRole("button", { name: "Envoyer le message" }).click()]);
      await page.getByRole("status").filter({ hasText: "Votre message est envoyé à l'équipe." }).waitFor();
      expect(await page.locator("ol.messages > li").allInnerTexts()).toEqual([expect.stringContaining(question)]);

      // The editor finds it by its pseudonym, reads the question and replies.
      const desk = await editor.newPage();
      await signIn(desk, t.url, env.editorEmail);
      await desk.goto(`${t.url}/admin/contributions`);
      const row = desk.getByRole("row").filter({ hasText: pseudonym });
      await Promise.all([desk.waitForURL(/\/admin\/contributions\/\d+$/), row.getByRole("link").click()]);
      const contributionUrl = desk.url();
      const received = desk.locator("ol.messages > li").filter({ hasText: question });
      expect(await received.locator(".hint").textContent()).toMatch(/^Nouveau La personne qui témoigne, /);
      await desk.getByLabel("Message à la personne qui témoigne").fill(reply);
      await Promise.all([desk.waitForURL(`${contributionUrl}?ok=message`), desk.getByRole("button", { name: "Envoyer à la personne" }).click()]);
      await desk.getByRole("status").filter({ hasText: "Message envoyé à la personne." }).waitFor();

      // Back as the contributor: the reply is there, signed by the team.
      await page.goto(`${t.url}/suivi/contribution`);
      const answer = page.locator("ol.messages > li").filter({ hasText: reply });
      expect(await answer.locator(".hint").textContent()).toMatch(/^L'équipe éditoriale, /);
      expect(await page.locator("ol.messages > li").count()).toBe(2);

      // Withdrawing, after a confirmation.
      await Promise.all([page.waitForURL(`${t.url}/suivi/retirer`), page.getByRole("link", { name: "Retirer mon témoignage" }).click()]);
      await page.getByRole("heading", { level: 1, name: "Retirer mon témoignage ?" }).waitFor();
      await Promise.all([page.waitForURL(`${t.url}/suivi/contribution?ok=retire`), page.getByRole("button", { name: "Oui, retirer mon témoignage" }).click()]);
      await page.getByRole("status").filter({ hasText: "Votre témoignage est retiré." }).waitFor();
      expect(await stateShown(page)).toBe("Retiré à votre demande");
      expect(await page.getByLabel("Écrire à l'équipe").count()).toBe(0);
      expect(await page.getByRole("link", { name: "Retirer mon témoignage" }).count()).toBe(0);

      // Erasing everything, after a confirmation.
      await Promise.all([page.waitForURL(`${t.url}/suivi/effacer`), page.getByRole("link", { name: "Tout effacer" }).click()]);
      await page.getByRole("heading", { level: 1, name: "Tout effacer ?" }).waitFor();
      await page.getByRole("button", { name: "Oui, tout effacer" }).click();
      await page.getByRole("heading", { level: 1, name: "C'est effacé" }).waitFor();

      // The session is gone and the receipt opens nothing any more; the editors lost it too.
      await page.goto(`${t.url}/suivi/contribution`);
      expect(page.url()).toBe(`${t.url}/suivi`);
      await page.getByLabel("Reçu").fill(receipt);
      await page.getByRole("button", { name: "Ouvrir" }).click();
      await page.getByRole("alert").filter({ hasText: "Ce reçu ne correspond à aucune contribution" }).waitFor();
      expect(page.url()).toBe(`${t.url}/suivi`);
      const gone = await desk.goto(contributionUrl);
      expect(gone?.status()).toBe(404);
    } finally {
      await contributor.close();
      await editor.close();
    }
  });

  it("without JavaScript, an author reads the version as readers will see it, with what changed, approves it, and sees it published as approved", async () => {
    const { t, browser } = env;
    const contributor = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await contributor.newPage();
      await page.goto(`${t.url}/temoigner`);
      const receipt = await sendContribution(page, { title: "Les lundis de Nour", body: "Le lundi, je vais au groupe.", pseudonym: "Nour-du-Lundi" });
      await openFollowUp(page, t.url, receipt);
      const row = await t.deps.db.selectFrom("submissions").select("id").where("title", "=", "Les lundis de Nour").executeTakeFirstOrThrow();
      const team = new HttpBrowser(t.url);
      await team.signInDirectly(t, env.editorEmail);
      const storyId = await prepareAndSendForApproval(team, Number(row.id), "Nour raconte ses lundis.");

      await page.goto(`${t.url}/suivi/contribution`);
      await Promise.all([page.waitForURL(`${t.url}/suivi/version`), page.getByRole("link", { name: "Relire la version et donner mon accord" }).click()]);
      await page.getByRole("heading", { level: 1, name: "La version à approuver" }).waitFor();
      // The preview is the public article: its title one level down, the credit and the standfirst as published.
      const preview = page.getByRole("region", { name: "Aperçu, tel que la page sera publiée" });
      await preview.getByRole("heading", { level: 2, name: "Les lundis de Nour" }).waitFor();
      expect(await preview.locator(".lead").textContent()).toBe("Nour raconte ses lundis.");
      expect(await preview.locator(".story-meta").textContent()).toContain("Nour-du-Lundi");
      // What changed since her text: the standfirst the team added, underlined as an addition.
      const changes = page.getByRole("region", { name: "Ce qui a changé" });
      expect(await changes.locator("ins").allTextContents()).toContain("Nour raconte ses lundis.");
      await Promise.all([page.waitForURL(`${t.url}/suivi/contribution?ok=approuve`), page.getByRole("button", { name: "J'approuve cette version (bon à tirer)" }).click()]);
      expect((await team.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}/statut`, { action: "publish" })).status).toBe(303);
      const slug = (await t.deps.db.selectFrom("published_stories").select("slug").where("story_id", "=", storyId).executeTakeFirstOrThrow()).slug;
      await page.goto(`${t.url}/temoignages/${slug}`);
      expect(await page.locator(".lead").textContent()).toBe("Nour raconte ses lundis.");
    } finally {
      await contributor.close();
    }
  });

  it("a text in acute distress shows the crisis resources on the receipt page and comes first, flagged, in the triage list", async () => {
    const { t, browser } = env;
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const title = "Une dernière fois";
      await page.goto(`${t.url}/temoigner`);
      const receipt = await sendContribution(page, { title, body: "J'ai écrit mes lettres d'adieu, ce soir c'est fini, je ne serai plus là demain." });
      expect(receipt).toMatch(RECEIPT_FORMAT);
      const help = page.getByRole("note", { name: "Vous n'êtes pas seul·e" });
      await help.waitFor();
      expect(await help.getByRole("link", { name: "3114" }).getAttribute("href")).toBe("tel:3114");

      const desk = await env.admin.newPage();
      await desk.goto(`${t.url}/admin/contributions`);
      await desk.getByRole("status").filter({ hasText: "1 contribution avec un signal de crise" }).waitFor();
      const rows = desk.locator("table.data tbody tr");
      expect(await rows.count()).toBeGreaterThan(1);
      const first = rows.first();
      expect(await first.getByRole("link").textContent()).toBe(title);
      expect(await first.textContent()).toContain("Signal de crise");
      // The older contributions come after it, without the flag.
      expect(await rows.filter({ hasText: "Signal de crise" }).count()).toBe(1);
      await desk.close();
    } finally {
      await context.close();
    }
  });
});
