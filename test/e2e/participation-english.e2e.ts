import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { auditPages, launchChromium, newContext } from "./pages/harness.js";

/**
 * The participation pages as an English-speaking reader sees them (browser asking for English):
 * every page audited as in accessibility.e2e.ts — axe-core, html-validate, no third party —
 * including the rejected forms, the crisis notice and the follow-up pages.
 */

const CALL = "etre-parent-avec-un-trouble-psychique";

/** `sender` is an English browser of its own for the receipt page: sending opens the follow-up there, and /suivi then skips the receipt form. */
type Env = { t: TestApp; browser: Browser; visitor: BrowserContext; follower: BrowserContext; sender: BrowserContext };
type Audit = { name: string; as: "visitor" | "follower" | "sender" | "newcomer"; status: number; open(page: Page, env: Env): Promise<unknown> };

const go = (path: string) => (page: Page, env: Env) => page.goto(env.t.url + path);
const english = (browser: Browser) => newContext(browser, { locale: "en-GB" });

/** Fills the English contribution form already on screen, sends it, and reads the receipt. */
async function sendInEnglish(page: Page, body: string): Promise<string> {
  await page.getByLabel("Your story").fill(body);
  await page.getByLabel("I have read this text and I accept it").check();
  await page.getByRole("button", { name: "Send my story" }).click();
  await page.getByRole("heading", { level: 1, name: "Thank you, your story has arrived" }).waitFor();
  return (await page.locator("p.receipt strong").textContent())?.trim() ?? "";
}

/** Opens the follow-up: at once in the browser that sent the contribution, else by typing the receipt. */
async function openFollowUp(page: Page, baseUrl: string, receipt: string): Promise<void> {
  await page.goto(`${baseUrl}/suivi`);
  if (page.url() === `${baseUrl}/suivi/contribution`) return;
  await page.getByLabel("Receipt").fill(receipt);
  await Promise.all([page.waitForURL(`${baseUrl}/suivi/contribution`), page.getByRole("button", { name: "Open" }).click()]);
}

const PAGES: Audit[] = [
  { name: "the contribution form in English", as: "visitor", status: 200, open: go("/temoigner") },
  { name: "the contribution form answering a call, in English", as: "visitor", status: 200, open: go(`/temoigner?appel=${CALL}`) },
  {
    name: "the contribution form re-displayed with English errors",
    as: "visitor",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/temoigner`);
      await page.getByLabel("How would you like to appear?").selectOption({ label: "Under a pseudonym" });
      await page.getByRole("button", { name: "Send my story" }).click();
      await page.getByRole("alert").filter({ hasText: /There are \d problems/ }).waitFor();
    },
  },
  {
    name: "the receipt page with the crisis notice, in English",
    as: "sender",
    status: 200,
    async open(page, env) {
      await page.goto(`${env.t.url}/temoigner`);
      await sendInEnglish(page, "I wrote my goodbye letters, tonight it is over, I will not be here tomorrow.");
      await page.getByRole("note", { name: "You are not alone" }).waitFor();
    },
  },
  { name: "the calls listing in English", as: "visitor", status: 200, open: go("/appels") },
  { name: "an open call in English", as: "visitor", status: 200, open: go(`/appels/${CALL}`) },
  { name: "the contact form in English", as: "visitor", status: 200, open: go("/contact") },
  {
    name: "the contact form re-displayed with English errors",
    as: "visitor",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/contact`);
      await page.getByLabel("Address to reply to (optional)").fill("not an address");
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByRole("alert").filter({ hasText: /There (is a problem|are \d problems)/ }).waitFor();
    },
  },
  { name: "the receipt entry page in English", as: "visitor", status: 200, open: go("/suivi") },
  {
    name: "the receipt entry page after a wrong receipt, in English",
    as: "visitor",
    status: 422,
    async open(page, env) {
      await page.goto(`${env.t.url}/suivi`);
      await page.getByLabel("Receipt").fill("AAAA-BBBB-CCCC-DDDD-EEEE");
      await page.getByRole("button", { name: "Open" }).click();
      await page.getByRole("alert").filter({ hasText: "There is a problem" }).waitFor();
    },
  },
  { name: "the follow-up page in English", as: "follower", status: 200, open: go("/suivi/contribution") },
  { name: "the withdrawal confirmation in English", as: "follower", status: 200, open: go("/suivi/retirer") },
  { name: "the erasure confirmation in English", as: "follower", status: 200, open: go("/suivi/effacer") },
  { name: "the anonymisation confirmation in English", as: "follower", status: 200, open: go("/suivi/anonymiser") },
  {
    name: "the erased page in English",
    as: "newcomer",
    status: 200,
    async open(page, env) {
      await page.goto(`${env.t.url}/langue/en?retour=/temoigner`);
      const receipt = await sendInEnglish(page, "A text I would rather erase after all.");
      await openFollowUp(page, env.t.url, receipt);
      await page.goto(`${env.t.url}/suivi/effacer`);
      await page.getByRole("button", { name: "Yes, erase everything" }).click();
      await page.getByRole("heading", { level: 1, name: "It is erased" }).waitFor();
    },
  },
];

describe("participation pages in English", () => {
  let env: Env;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite", demo: true });
    const browser = await launchChromium();
    const visitor = await english(browser);
    const follower = await english(browser);
    const sender = await english(browser);
    const page = await follower.newPage();
    await page.goto(`${t.url}/temoigner`);
    const receipt = await sendInEnglish(page, "Every Thursday I went to the group.\n\n## What changed\n\nI started to talk.");
    await openFollowUp(page, t.url, receipt);
    await page.getByLabel("Write to the team").fill("Can I add a drawing?");
    await Promise.all([page.waitForURL(/\?ok=message$/), page.getByRole("button", { name: "Send the message" }).click()]);
    await page.close();
    env = { t, browser, visitor, follower, sender };
  });

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
  });

  it("serves these pages in English to a browser asking for English", async () => {
    const page = await env.visitor.newPage();
    try {
      await page.goto(`${env.t.url}/temoigner`);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Share your story");
    } finally {
      await page.close();
    }
  });

  const contextOf = (as: string, e: Env) => (as === "visitor" ? e.visitor : as === "follower" ? e.follower : as === "sender" ? e.sender : undefined);
  auditPages(PAGES, () => env, contextOf);
});
