import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { describeViolations, explainViolations, launchChromium, newContext, runAxe, signIn } from "./pages/harness.js";

/**
 * The story list's "select all on this page", with JavaScript and the keyboard: a tri-state
 * checkbox a screen reader hears as checked, unchecked or mixed, a count read out in a live
 * region, and the checked stories (not the page's) sent to the confirmation page.
 */

/** How the accessibility tree shows the header's checkbox unchecked (no state written). */
const UNCHECKED = '- checkbox "Tout sélectionner sur cette page"';

describe("selecting stories in bulk on the back-office list", () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let editorEmail = "";

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true });
    editorEmail = await createAccount(t, "editor");
    browser = await launchChromium();
    context = await newContext(browser);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function expectAxeClean(page: Page, what: string) {
    const violations = await runAxe(page);
    expect(describeViolations(violations), `axe: ${what}\n${explainViolations(violations)}`).toEqual([]);
  }

  it("selects all, unselects one, shows and announces the mixed state, and applies to the checked stories only", async () => {
    const page = await context.newPage();
    await signIn(page, t.url, editorEmail);
    await page.goto(`${t.url}/admin/temoignages?statut=published`);
    const boxes = page.locator("form#lot input[type=checkbox][name=ids]");
    const rows = await boxes.count();
    expect(rows).toBeGreaterThanOrEqual(3);
    const all = page.getByRole("checkbox", { name: "Tout sélectionner sur cette page" });
    const count = page.locator("form#lot [data-bulk-count]");
    expect(await count.getAttribute("role")).toBe("status");
    expect(await all.ariaSnapshot()).toBe(UNCHECKED);
    await expectAxeClean(page, "the list, nothing selected");

    // The keyboard alone: the checkbox takes focus and Space toggles it.
    await all.focus();
    await page.keyboard.press("Space");
    expect(await boxes.evaluateAll((list) => list.every((b) => (b as HTMLInputElement).checked))).toBe(true);
    expect(await all.ariaSnapshot()).toContain("[checked]");
    expect(await count.textContent()).toBe(`${rows} sélectionnés`);

    // One unchecked: the header's checkbox is neither checked nor unchecked, and says so.
    const last = boxes.nth(rows - 1);
    const lastId = await last.getAttribute("value");
    await last.focus();
    await page.keyboard.press("Space");
    expect(await all.evaluate((el) => (el as HTMLInputElement).indeterminate)).toBe(true);
    expect(await all.ariaSnapshot()).toContain("[checked=mixed]");
    expect(await count.textContent()).toBe(`${rows - 1} sélectionnés`);
    await expectAxeClean(page, "the list, some selected (mixed)");

    await page.getByLabel("Action", { exact: true }).selectOption("unpublish");
    await page.getByRole("button", { name: "Appliquer aux témoignages cochés" }).click();
    await page.waitForURL(/\/admin\/temoignages\/lot$/);
    const planned = page.locator("table.data tbody tr");
    expect(await planned.count()).toBe(rows - 1);
    expect(await page.locator(`input[type=hidden][name=ids][value="${lastId}"]`).count()).toBe(0);
    await expectAxeClean(page, "the confirmation page");
    await page.getByRole("button", { name: /^Confirmer/ }).click();
    await page.waitForURL(/\/admin\/temoignages\/lot\/appliquer$/);
    expect(await page.locator("[role=status]").first().textContent()).toContain(`${rows - 1} témoignages dépubliés`);
    const stillPublic = await t.deps.db.selectFrom("stories").select("status").where("id", "=", Number(lastId)).executeTakeFirstOrThrow();
    expect(stillPublic.status).toBe("published");
    await page.close();
  }, 60_000);

  it("unchecking the last checked story leaves the header unchecked, not mixed, and the count at zero", async () => {
    const page = await context.newPage();
    await page.goto(`${t.url}/admin/temoignages`);
    const all = page.getByRole("checkbox", { name: "Tout sélectionner sur cette page" });
    const first = page.locator("form#lot input[type=checkbox][name=ids]").first();
    await first.check();
    expect(await all.ariaSnapshot()).toContain("[checked=mixed]");
    expect(await page.locator("form#lot [data-bulk-count]").textContent()).toBe("1 sélectionné");
    await first.uncheck();
    expect(await all.ariaSnapshot()).toBe(UNCHECKED);
    expect(await page.locator("form#lot [data-bulk-count]").textContent()).toBe("0 sélectionné");
    await page.close();
  }, 30_000);
});
