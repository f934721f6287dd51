import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { auditPages, launchChromium, newContext, signIn } from "./pages/harness.js";

/**
 * The search page audited (axe-core, html-validate, no third-party request) with results, with no
 * result and with filters, and used with JavaScript turned off, from the header's form; the
 * editors' readership page (chart, tables) audited the same way, and read without JavaScript.
 */
type Env = { t: TestApp; browser: Browser; visitor: BrowserContext; editor: BrowserContext; editorEmail: string };

const go = (path: string) => (page: Page, env: Env) => page.goto(env.t.url + path);

const PAGES = [
  { name: "the search page before a search", as: "visitor", status: 200, open: go("/recherche") },
  { name: "the search page with results", as: "visitor", status: 200, open: go("/recherche?q=hopitaux") },
  { name: "the search page with no result", as: "visitor", status: 200, open: go("/recherche?q=zorglubien") },
  { name: "the search page with filters", as: "visitor", status: 200, open: go("/recherche?q=travail&format=article&theme=travail") },
  { name: "the search page in English", as: "english", status: 200, open: go("/recherche?q=voix") },
  {
    name: "the readership page, after a few reads",
    as: "editor",
    status: 200,
    async open(page: Page, env: Env) {
      for (const slug of ["un-samedi-au-gem", "des-routines-qui-tiennent"]) await fetch(`${env.t.url}/temoignages/${slug}`);
      await env.t.app.runScheduledTasks();
      return page.goto(`${env.t.url}/admin/lectures`);
    },
  },
];

describe("search in the browser", () => {
  let env: Env;
  let english: BrowserContext;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite", demo: true });
    const browser = await launchChromium();
    const visitor = await newContext(browser);
    // English from the browser's language (Accept-Language): the same French content, an English interface.
    english = await newContext(browser, { locale: "en-GB" });
    const editorEmail = await createAccount(t, "editor");
    const editor = await newContext(browser);
    const page = await editor.newPage();
    await signIn(page, t.url, editorEmail);
    await page.close();
    env = { t, browser, visitor, editor, editorEmail };
  });

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
  });

  describe("audits", () => auditPages(PAGES, () => env, (as, e) => (as === "english" ? english : as === "editor" ? e.editor : e.visitor)));

  it("shows the readership figures without JavaScript: the chart is an image with its name, the figures a table", async () => {
    const context = await newContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signIn(page, env.t.url, env.editorEmail);
      await page.goto(`${env.t.url}/admin/lectures`);
      await expect(page.getByRole("img", { name: "Lectures et écoutes par semaine" }).count()).resolves.toBe(1);
      expect(await page.getByRole("table", { name: "Lectures et écoutes par semaine, tout le site" }).locator("tbody tr").count()).toBe(12);
    } finally {
      await context.close();
    }
  });

  it("searches from the header's form without JavaScript, and narrows the results with the filters", async () => {
    const context = await newContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${env.t.url}/temoignages`);
      await page.locator("#recherche-entete").fill("hopitaux");
      await Promise.all([page.waitForURL(/\/recherche\?q=hopitaux$/), page.locator(".header-search button").click()]);
      const count = await page.locator("h2.count").textContent();
      expect(count).toMatch(/^\d+ témoignages?$/);
      expect(await page.locator(".cards .search-excerpt mark").count()).toBeGreaterThan(0);
      await page.getByLabel("Format").selectOption({ label: "Podcast" });
      await Promise.all([page.waitForURL(/format=podcast/), page.locator(".search-form button").click()]);
      expect(await page.locator(".cards .card-kind > span:first-of-type").allTextContents()).toSatisfy((kinds: string[]) => kinds.every((k) => k === "Podcast"));
      expect(await page.locator("#recherche-q").inputValue()).toBe("hopitaux");
    } finally {
      await context.close();
    }
  });
});
