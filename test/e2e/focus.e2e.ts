import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { launchChromium, newContext } from "./pages/harness.js";

/**
 * Keyboard use: the skip and crisis links come first, the skip link really moves focus, and every
 * interactive element shows where the focus is.
 */

type FocusStyle = { outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string };
type Probe = { index: number; label: string; unfocused: FocusStyle };
type Seen = { index: number; focused: FocusStyle };

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tags every visible focusable element and records its look while it does not have focus. */
async function probeFocusables(page: Page): Promise<Probe[]> {
  return page.evaluate((selector) => {
    (document.activeElement as HTMLElement | null)?.blur();
    const style = (el: Element) => {
      const s = getComputedStyle(el);
      return { outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow };
    };
    return [...document.querySelectorAll(selector)]
      .filter((el) => el.checkVisibility())
      .map((el, index) => {
        el.setAttribute("data-focus-probe", String(index));
        const labels = "labels" in el ? (el.labels as NodeListOf<HTMLLabelElement> | null) : null;
        const text = (el.getAttribute("aria-label") ?? labels?.[0]?.textContent ?? el.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50);
        const name = el.getAttribute("href") ?? el.getAttribute("name") ?? el.id;
        return { index, label: `<${el.tagName.toLowerCase()}> "${text}" (${name})`, unfocused: style(el) };
      });
  }, FOCUSABLE);
}

/** Presses Tab until every probed element has had focus, recording each one's focused look. */
async function tabThrough(page: Page, count: number): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (let presses = 0; presses < count + 5 && new Set(seen.map((s) => s.index)).size < count; presses++) {
    await page.keyboard.press("Tab");
    const current = await page.evaluate(() => {
      const el = document.activeElement;
      const index = el?.getAttribute("data-focus-probe");
      if (!el || index === null || index === undefined) return null;
      const s = getComputedStyle(el);
      return { index: Number(index), focused: { outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow } };
    });
    if (current) seen.push(current);
  }
  return seen;
}

function focusIsVisible(before: FocusStyle, after: FocusStyle): boolean {
  const outlineShown = after.outlineStyle !== "none" && after.outlineWidth !== "0px";
  const outlineChanged =
    outlineShown && (before.outlineStyle !== after.outlineStyle || before.outlineWidth !== after.outlineWidth || before.outlineColor !== after.outlineColor);
  const shadowChanged = after.boxShadow !== "none" && after.boxShadow !== before.boxShadow;
  return outlineChanged || shadowChanged;
}

describe("keyboard focus", () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  beforeEach(async () => {
    context = await newContext(browser);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const FIRST_STOPS = [
    { name: "the home page", path: "/" },
    { name: "the login page", path: "/admin/connexion" },
  ];

  for (const { name, path } of FIRST_STOPS) {
    it(`on ${name}, the first Tab focuses the skip link and the second the crisis-help link`, async () => {
      await page.goto(t.url + path);
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => ({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute("href") }));
      expect(first).toEqual({ text: "Aller au contenu", href: "#contenu" });
      await page.keyboard.press("Tab");
      const second = await page.evaluate(() => ({ tag: document.activeElement?.tagName, href: document.activeElement?.getAttribute("href") }));
      expect(second).toEqual({ tag: "A", href: "/aide" });
    });

    it(`on ${name}, pressing Enter on the skip link moves focus to the main content`, async () => {
      await page.goto(t.url + path);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.tagName === "MAIN");
      expect(page.url()).toBe(`${t.url}${path}#contenu`);
      // The next Tab continues from the content, not from the top of the page.
      await page.keyboard.press("Tab");
      const inMain = await page.evaluate(() => Boolean(document.activeElement?.closest("main")));
      expect(inMain).toBe(true);
    });
  }

  const VISIBLE_FOCUS = [
    { name: "the home page", path: "/" },
    { name: "the story listing", path: "/temoignages" },
    { name: "the login page", path: "/admin/connexion" },
  ];

  for (const { name, path } of VISIBLE_FOCUS) {
    it(`every link, button and form field of ${name} is reached by Tab and shows a visible focus indicator`, async () => {
      await page.goto(t.url + path);
      const probes = await probeFocusables(page);
      expect(probes.length).toBeGreaterThan(3);
      const seen = await tabThrough(page, probes.length);
      const focusedLook = new Map(seen.map((s) => [s.index, s.focused]));

      const unreached = probes.filter((p) => !focusedLook.has(p.index)).map((p) => p.label);
      expect(unreached, "focusable elements that Tab never reached").toEqual([]);

      const invisible = probes
        .filter((p) => {
          const focused = focusedLook.get(p.index);
          return focused !== undefined && !focusIsVisible(p.unfocused, focused);
        })
        .map((p) => `${p.label}: ${JSON.stringify(p.unfocused)} → ${JSON.stringify(focusedLook.get(p.index))}`);
      expect(invisible, "elements whose outline and box-shadow do not change on focus").toEqual([]);
    });
  }
});
