import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import {
  auditPages,
  launchChromium,
  newContext,
  runAxe,
  signIn,
} from "./pages/harness.js";

/**
 * Every page of the site and of the back office, audited three ways: axe-core (WCAG 2.1 A and
 * AA), html-validate on the HTML exactly as the server sent it, and the browser's own record of
 * requests and console errors.
 */

type Env = { t: TestApp; browser: Browser; visitor: BrowserContext; admin: BrowserContext; adminEmail: string };

type Audit = {
  name: string;
  /**
   * Who looks at the page: a visitor who never signed in, the signed-in administrator, or a
   * newcomer in a context of their own (for the visit that changes the language cookie).
   */
  as: "visitor" | "admin" | "newcomer";
  status: number;
  /** Brings the page on screen; the last document response is the page audited. */
  open(page: Page, env: Env): Promise<unknown>;
};

const go = (path: string) => (page: Page, env: Env) => page.goto(env.t.url + path);

async function storyId(env: Env, slug: string): Promise<number> {
  const row = await env.t.deps.db.selectFrom("stories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  return Number(row.id);
}

const EDITED_STORY = "des-routines-qui-tiennent";

const PUBLIC_PAGES: Audit[] = [
  { name: "the home page", as: "visitor", status: 200, open: go("/") },
  { name: "the story listing", as: "visitor", status: 200, open: go("/temoignages") },
  { name: "the story listing filtered on podcasts", as: "visitor", status: 200, open: go("/temoignages?format=podcast") },
  { name: "the second page of the story listing", as: "visitor", status: 200, open: go("/temoignages?page=2") },
  { name: "a plain story", as: "visitor", status: 200, open: go("/temoignages/un-samedi-au-gem") },
  { name: "the collective story", as: "visitor", status: 200, open: go("/temoignages/dire-son-diagnostic-cinq-voix") },
  { name: "a podcast story", as: "visitor", status: 200, open: go("/temoignages/parentalite-1-2-samia") },
  { name: "a story with content notes", as: "visitor", status: 200, open: go("/temoignages/apres-ma-tentative-de-suicide-le-long-chemin") },
  { name: "the themes index", as: "visitor", status: 200, open: go("/themes") },
  { name: "a theme page", as: "visitor", status: 200, open: go("/themes/travail") },
  { name: "the series index", as: "visitor", status: 200, open: go("/series") },
  { name: "a collection page", as: "visitor", status: 200, open: go("/series/ils-et-elles-le-vivent") },
  { name: "the crisis help page", as: "visitor", status: 200, open: go("/aide") },
  ...["a-propos", "charte-editoriale", "mentions-legales", "confidentialite", "accessibilite", "contribuer"].map(
    (slug): Audit => ({ name: `the page /pages/${slug}`, as: "visitor", status: 200, open: go(`/pages/${slug}`) }),
  ),
  { name: "the not-found page", as: "visitor", status: 404, open: go("/temoignages/ce-temoignage-n-existe-pas") },
  {
    name: "the home page in English, after the language switch",
    as: "newcomer",
    status: 200,
    async open(page, env) {
      await page.goto(`${env.t.url}/`);
      await page.getByRole("link", { name: "English" }).click();
      await page.waitForSelector("html[lang=en]");
    },
  },
];

const BACK_OFFICE_PAGES: Audit[] = [
  { name: "the login page", as: "visitor", status: 200, open: go("/admin/connexion") },
  {
    name: "the login page after a wrong password",
    as: "visitor",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/admin/connexion`);
      await page.getByLabel("Adresse électronique").fill("personne@exemple.fr");
      await page.getByLabel("Mot de passe").fill("ce n'est pas le bon mot de passe");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.getByRole("alert").filter({ hasText: "Il y a un problème" }).waitFor();
    },
  },
  { name: "the forgotten-password page", as: "visitor", status: 200, open: go("/admin/mot-de-passe-oublie") },
  { name: "the password reset page with an invalid token", as: "visitor", status: 410, open: go("/admin/reinitialiser/jeton-invalide") },
  { name: "the setup page with an invalid token", as: "visitor", status: 410, open: go("/admin/installation/jeton-invalide") },
  { name: "the dashboard", as: "admin", status: 200, open: go("/admin") },
  { name: "the back-office story list", as: "admin", status: 200, open: go("/admin/temoignages") },
  { name: "the new story form", as: "admin", status: 200, open: go("/admin/temoignages/nouveau") },
  {
    name: "the new story form re-displayed after an empty submit",
    as: "admin",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/admin/temoignages/nouveau`);
      await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
      await page.getByRole("alert").filter({ hasText: "problème" }).waitFor();
    },
  },
  { name: "an existing story's editor", as: "admin", status: 200, open: async (page, env) => page.goto(`${env.t.url}/admin/temoignages/${await storyId(env, EDITED_STORY)}`) },
  {
    name: "the story's preview after clicking « Aperçu »",
    as: "admin",
    status: 200,
    async open(page, env) {
      await page.goto(`${env.t.url}/admin/temoignages/${await storyId(env, EDITED_STORY)}`);
      await page.getByRole("button", { name: "Aperçu" }).click();
      await page.getByRole("heading", { level: 1, name: "Aperçu — non publié." }).waitFor();
      // The story's "##" headings, one level below the article's h2 title, as on the author's approval page.
      await page.locator("article .prose h4").first().waitFor();
    },
  },
  {
    name: "the story's preview at phone width",
    as: "admin",
    status: 200,
    open: async (page, env) => page.goto(`${env.t.url}/admin/temoignages/${await storyId(env, EDITED_STORY)}/apercu?largeur=telephone`),
  },
  {
    name: "the revisions page comparing two versions",
    as: "admin",
    status: 200,
    async open(page, env) {
      const id = await storyId(env, EDITED_STORY);
      await page.goto(`${env.t.url}/admin/temoignages/${id}`);
      await page.getByLabel("Chapô").fill("Le sommeil, la marche, les repas : quatre routines, relues et corrigées.");
      await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Modifications enregistrées." }).waitFor();
      await page.getByRole("link", { name: "Historique des versions" }).click();
      await page.getByRole("button", { name: "Comparer les versions choisies" }).click();
      await page.getByRole("heading", { name: /Différences entre la version \d+ et la version \d+/ }).waitFor();
    },
  },
  {
    name: "the bulk action's confirmation page, reached from the story list without typing an address",
    as: "admin",
    status: 200,
    async open(page, env) {
      const title = (await env.t.deps.db.selectFrom("stories").select("title").where("slug", "=", EDITED_STORY).executeTakeFirstOrThrow()).title;
      await page.goto(`${env.t.url}/admin/temoignages?q=${encodeURIComponent(title)}`);
      // Each box is named by its story's title.
      await page.getByRole("checkbox", { name: title }).check();
      await page.getByLabel("Action").selectOption({ label: "Ajouter un thème" });
      await page.getByLabel("Thème à ajouter ou retirer").selectOption({ index: 1 });
      await page.getByRole("button", { name: "Appliquer aux témoignages cochés" }).click();
      await page.getByRole("heading", { level: 1, name: /^Confirmer : ajouter le thème/ }).waitFor();
      await page.getByRole("cell", { name: title }).waitFor();
    },
  },
  { name: "the themes admin page", as: "admin", status: 200, open: go("/admin/themes") },
  { name: "the series admin page", as: "admin", status: 200, open: go("/admin/series") },
  { name: "the pages admin list", as: "admin", status: 200, open: go("/admin/pages") },
  {
    name: "a page editor",
    as: "admin",
    status: 200,
    async open(page, env) {
      const row = await env.t.deps.db.selectFrom("pages").select("id").where("slug", "=", "a-propos").executeTakeFirstOrThrow();
      return page.goto(`${env.t.url}/admin/pages/${row.id}`);
    },
  },
  { name: "the accounts page", as: "admin", status: 200, open: go("/admin/utilisateurs") },
  {
    name: "a user editor",
    as: "admin",
    status: 200,
    async open(page, env) {
      const row = await env.t.deps.db.selectFrom("users").select("id").where("email", "=", env.adminEmail).executeTakeFirstOrThrow();
      return page.goto(`${env.t.url}/admin/utilisateurs/${row.id}`);
    },
  },
  { name: "the my-account page", as: "admin", status: 200, open: go("/admin/compte") },
  { name: "the site settings", as: "admin", status: 200, open: go("/admin/reglages") },
  {
    name: "the site settings refusing an accent colour below AA",
    as: "admin",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/admin/reglages`);
      await page.getByLabel("Couleur d'accent").fill("#f2c14e");
      await page.getByRole("button", { name: "Enregistrer les réglages" }).click();
      await page.getByRole("heading", { name: /problème/ }).waitFor();
    },
  },
];

describe("accessibility and validity of every page", () => {
  let env: Env;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite", demo: true });
    const browser = await launchChromium();
    const adminEmail = await createAccount(t, "admin");
    const visitor = await newContext(browser);
    const admin = await newContext(browser);
    const page = await admin.newPage();
    await signIn(page, t.url, adminEmail);
    await page.close();
    env = { t, browser, visitor, admin, adminEmail };
  });

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
  });

  it("axe-core, injected from its own source, does report violations on a faulty page", async () => {
    const page = await env.visitor.newPage();
    try {
      await page.setContent('<title></title><img src="data:,"><a href="/"></a>');
      const ids = (await runAxe(page)).map((v) => v.id);
      expect(ids).toEqual(expect.arrayContaining(["html-has-lang", "image-alt", "link-name"]));
    } finally {
      await page.close();
    }
  });

  const contextOf = (as: string, e: Env) => (as === "admin" ? e.admin : as === "visitor" ? e.visitor : undefined);
  describe("public pages", () => auditPages(PUBLIC_PAGES, () => env, contextOf));
  describe("back-office pages", () => auditPages(BACK_OFFICE_PAGES, () => env, contextOf));
});
