import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { auditPages, launchChromium, newContext } from "./pages/harness.js";

/**
 * The search page audited (axe-core, html-validate, no third-party request) with results, with no
 * result and with filters, and used with JavaScript turned off, from the header's form.
 */
type Env = { t: TestApp; browser: Browser; visitor: BrowserContext };

const go = (path: string) => (page: Page, env: Env) => page.goto(env.t.url + path);

const PAGES = [
  { name: "the search page before a search", as: "visitor", status: 200, open: go("/recherche") },
  { name: "the search page with results", as: "visitor", status: 200, open: go("/recherche?q=hopitaux") },
  { name: "the search page with no result", as: "visitor", status: 200, open: go("/recherche?q=zorglubien") },
  { name: "the search page with filters", as: "visitor", status: 200, open: go("/recherche?q=travail&format=article&theme=travail") },
  { name: "the search page in English", as: "english", status: 200, open: go("/recherche?q=voix") },
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
    env = { t, browser, visitor };
  });

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
  });

  describe("audits", () => auditPages(PAGES, () => env, (as, e) => (as === "english" ? english : e.visitor)));

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
