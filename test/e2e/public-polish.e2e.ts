import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { launchChromium, newContext } from "./pages/harness.js";

/** The public side's small promises that live in the browser (issue 11, "Public polish"). */

describe("the public pages' details in a browser", () => {
  let t: TestApp;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true });
    browser = await launchChromium();
    desktop = await newContext(browser);
    phone = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("sends a filter form with only the fields that filter, straight to the canonical address", async () => {
    const page = await desktop.newPage();
    try {
      const redirects: string[] = [];
      page.on("response", (res) => {
        if (res.status() >= 300 && res.status() < 400) redirects.push(res.url());
      });
      await page.goto(`${t.url}/temoignages`);
      await page.getByLabel("Thème").selectOption("soins");
      await page.getByRole("button", { name: "Filtrer" }).click();
      await page.waitForURL(/theme=soins/);
      expect(new URL(page.url()).search).toBe("?theme=soins");
      expect(redirects).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("asks for the name and the age only for the credits that show them", async () => {
    const page = await desktop.newPage();
    try {
      await page.goto(`${t.url}/temoigner`);
      const credit = page.getByLabel("Comment souhaitez-vous apparaître ?");
      const name = page.getByLabel("Nom, pseudonyme ou prénom affiché");
      const age = page.getByLabel("Âge affiché");
      await credit.selectOption("anonymous");
      expect(await name.isVisible()).toBe(false);
      expect(await age.isVisible()).toBe(false);
      await credit.selectOption("first_name_age");
      expect(await name.isVisible()).toBe(true);
      expect(await age.isVisible()).toBe(true);
      await credit.selectOption("pseudonym");
      expect(await name.isVisible()).toBe(true);
      expect(await age.isVisible()).toBe(false);
    } finally {
      await page.close();
    }
  });

  it("after a refused send on a phone, opens on the error summary, focused and in view", async () => {
    const page = await phone.newPage();
    try {
      await page.goto(`${t.url}/temoigner`);
      await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
      const summary = page.locator(".error-summary");
      await summary.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("error-summary") ?? false)).toBe(true);
      const box = await page.evaluate(() => {
        const r = (document.querySelector(".error-summary") as HTMLElement).getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, width: document.documentElement.clientWidth, height: window.innerHeight };
      });
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.top).toBeLessThan(box.height / 2);
    } finally {
      await page.close();
    }
  });
});
