import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachEpisodeAudio } from "../../src/podcasts/episode.service.js";
import { makeMp3 } from "../support/audio.js";
import { Browser as HttpBrowser, createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { auditPages, launchChromium, newContext, signIn, watch } from "./pages/harness.js";

/** The episode page with Chromium: audit with and without JavaScript, playback, seeking, the enhanced controls. */

type Env = { t: TestApp; browser: Browser; visitor: BrowserContext; noScript: BrowserContext; unenhanced: BrowserContext; admin: BrowserContext; storyId: number };

const SLUG = "parentalite-1-2-samia";
const VTT = `WEBVTT

00:00.000 --> 00:05.000
<v Animatrice>Bonjour Samia, merci d'être là.

00:05.000 --> 00:10.000
<v Samia>Merci à vous, je suis un peu intimidée.

00:10.000 --> 00:15.000
<v Animatrice>Parlons de ce désir d'enfant.

00:15.000 --> 00:20.000
<v Samia>Il est venu tard, et avec des questions.
`;

const go = (path: string) => (page: Page, env: Env) => page.goto(env.t.url + path);

describe("the podcast episode in a browser", () => {
  let env: Env;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite", demo: true });
    const row = await t.deps.db.selectFrom("stories").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow();
    const { mp3, durationMs } = await makeMp3(20);
    await attachEpisodeAudio({ db: t.deps.db, clock: t.deps.clock, files: t.deps.files }, row.id, mp3, durationMs);
    const adminEmail = await createAccount(t, "admin");
    const http = new HttpBrowser(t.url);
    await http.signInDirectly(t, adminEmail);
    const saved = await http.submit(`/admin/temoignages/${row.id}/episode`, `/admin/temoignages/${row.id}/episode`, {
      season: "1",
      number: "1",
      chapters: "00:00 Ouverture\n00:10 Le désir d'enfant",
      transcript: VTT,
    });
    if (saved.status !== 303) throw new Error(`épisode non enregistré (${saved.status})`);
    // Readers hear the released version: the new sound, chapters and transcript go public as a new version.
    const released = await http.submit(`/admin/temoignages/${row.id}`, `/admin/temoignages/${row.id}/statut`, { action: "publish" });
    if (released.status !== 303) throw new Error(`épisode non publié (${released.status})`);
    const browser = await launchChromium();
    const visitor = await newContext(browser);
    const noScript = await newContext(browser, { javaScriptEnabled: false });
    const unenhanced = await newContext(browser);
    await unenhanced.route(/\/assets\/[^/]+\.js(\?|$)/, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: "" }));
    const admin = await newContext(browser);
    const page = await admin.newPage();
    await signIn(page, t.url, adminEmail);
    await page.close();
    env = { t, browser, visitor, noScript, unenhanced, admin, storyId: row.id };
  });

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
  });

  const contextOf = (as: string, e: Env) => (as === "admin" ? e.admin : as === "unenhanced" ? e.unenhanced : e.visitor);
  describe("audits", () =>
    auditPages<Env>(
      [
        { name: "the episode page", as: "visitor", status: 200, open: go(`/temoignages/${SLUG}`) },
        // axe runs inside the page, so this context keeps JavaScript on but answers the site's scripts with
        // empty files: the page is audited exactly as it stands before any enhancement.
        { name: "the episode page without its scripts", as: "unenhanced", status: 200, open: go(`/temoignages/${SLUG}`) },
        { name: "the back-office episode page", as: "admin", status: 200, open: async (page, e) => page.goto(`${e.t.url}/admin/temoignages/${e.storyId}/episode`) },
        {
          name: "the back-office episode page re-displayed with errors",
          as: "admin",
          status: 422,
          async open(page, e) {
            await page.goto(`${e.t.url}/admin/temoignages/${e.storyId}/episode`);
            await page.getByRole("textbox", { name: "Chapitres" }).fill("4:75 Mauvais");
            await page.getByRole("button", { name: "Enregistrer l'épisode" }).click();
            await page.getByRole("alert").filter({ hasText: "problème" }).waitFor();
          },
        },
        { name: "the listening figures", as: "admin", status: 200, open: go("/admin/podcasts") },
        { name: "one episode's listening figures", as: "admin", status: 200, open: async (page, e) => page.goto(`${e.t.url}/admin/podcasts/${e.storyId}`) },
      ],
      () => env,
      contextOf,
    ));

  async function openPlayer(): Promise<{ page: Page; audioStatuses: number[] }> {
    const page = await env.visitor.newPage();
    const audioStatuses: number[] = [];
    page.on("response", (res) => {
      if (res.url().includes("/media/audio/")) audioStatuses.push(res.status());
    });
    await page.goto(`${env.t.url}/temoignages/${SLUG}`);
    await page.locator("[data-podcast-player][data-enhanced]").waitFor();
    await page.waitForFunction(() => (document.querySelector("audio") as HTMLAudioElement).readyState >= 1);
    return { page, audioStatuses };
  }

  const seek = (page: Page, seconds: number) =>
    page.evaluate(
      (s) =>
        new Promise<number>((resolve) => {
          const audio = document.querySelector("audio") as HTMLAudioElement;
          audio.addEventListener("seeked", () => resolve(audio.currentTime), { once: true });
          audio.currentTime = s;
        }),
      seconds,
    );
  const currentTime = (page: Page) => page.evaluate(() => (document.querySelector("audio") as HTMLAudioElement).currentTime);

  it("loads the MP3 in Chromium with byte ranges and seeks in it", async () => {
    const { page, audioStatuses } = await openPlayer();
    try {
      const duration = await page.evaluate(() => (document.querySelector("audio") as HTMLAudioElement).duration);
      expect(duration).toBeGreaterThan(19);
      expect(duration).toBeLessThan(21);
      expect(await seek(page, 12.5)).toBeCloseTo(12.5, 0);
      expect(audioStatuses).toContain(206);
      expect(audioStatuses.every((s) => s === 206 || s === 200)).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("changes the speed, moves 15 s, jumps to chapters and answers shortcuts only inside the player", async () => {
    const { page } = await openPlayer();
    try {
      await page.getByLabel("Vitesse").selectOption("1.5");
      expect(await page.evaluate(() => (document.querySelector("audio") as HTMLAudioElement).playbackRate)).toBe(1.5);
      await page.getByRole("button", { name: "Avancer de 15 secondes" }).click();
      await page.waitForFunction(() => Math.abs((document.querySelector("audio") as HTMLAudioElement).currentTime - 15) < 0.5);
      await page.getByRole("button", { name: "Reculer de 15 secondes" }).click();
      await page.waitForFunction(() => (document.querySelector("audio") as HTMLAudioElement).currentTime < 0.5);
      await page.getByRole("button", { name: /Aller à 00:10 : Le désir d'enfant/ }).click();
      await page.waitForFunction(() => Math.abs((document.querySelector("audio") as HTMLAudioElement).currentTime - 10) < 0.5);

      // "l" inside the player region moves forward; the same key elsewhere does nothing.
      await page.getByRole("button", { name: "Reculer de 15 secondes" }).focus();
      await page.keyboard.press("l");
      await page.waitForFunction(() => Math.abs((document.querySelector("audio") as HTMLAudioElement).currentTime - 20) < 0.8);
      await seek(page, 2);
      await page.getByRole("link", { name: "La transcription minutée (WebVTT)" }).focus();
      await page.keyboard.press("l");
      await page.waitForTimeout(200);
      expect(await currentTime(page)).toBeCloseTo(2, 0);
      await expect.poll(() => page.getByText(/Raccourcis quand le lecteur a le focus/).isVisible()).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("plays from a chapter when it is clicked", async () => {
    const { page } = await openPlayer();
    try {
      expect(await page.evaluate(() => (document.querySelector("audio") as HTMLAudioElement).paused)).toBe(true);
      await page.getByRole("button", { name: /Aller à 00:10 : Le désir d'enfant/ }).click();
      await page.waitForFunction(() => {
        const audio = document.querySelector("audio") as HTMLAudioElement;
        return !audio.paused && audio.currentTime >= 10;
      });
    } finally {
      await page.close();
    }
  });

  it("puts the show notes before the transcript, not after the whole conversation", async () => {
    const page = await env.visitor.newPage();
    try {
      await page.goto(`${env.t.url}/temoignages/${SLUG}`);
      const notesFirst = await page.evaluate(() => {
        const notes = document.querySelector(".story-body > .prose") as HTMLElement;
        const transcript = document.querySelector("[data-transcript]") as HTMLElement;
        return notes.textContent !== "" && Boolean(notes.compareDocumentPosition(transcript) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(notesFirst).toBe(true);
    } finally {
      await page.close();
    }
  });

  it("does not show the keyboard shortcuts' help on a phone", async () => {
    const phone = await newContext(env.browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    try {
      const page = await phone.newPage();
      await page.goto(`${env.t.url}/temoignages/${SLUG}`);
      await page.locator("[data-podcast-player][data-enhanced]").waitFor();
      expect(await page.locator("[data-player-shortcuts]").count()).toBe(1);
      expect(await page.getByText(/Raccourcis quand le lecteur a le focus/).isVisible()).toBe(false);
    } finally {
      await phone.close();
    }
  });

  it("marks the transcript cue being heard, without moving the page", async () => {
    const { page } = await openPlayer();
    try {
      const scrollBefore = await page.evaluate(() => window.scrollY);
      await seek(page, 7);
      await page.locator('.cue[data-start="5"][aria-current="true"].is-current').waitFor();
      expect(await page.locator('.cue[aria-current="true"]').count()).toBe(1);
      expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
      await seek(page, 16);
      await page.locator('.cue[data-start="15"][aria-current="true"]').waitFor();
      expect(await page.locator('.cue[data-start="5"]').getAttribute("aria-current")).toBeNull();
      expect(await page.locator(".cue.is-current").count()).toBe(1);
    } finally {
      await page.close();
    }
  });

  it("without JavaScript, keeps the native player, the chapters, the whole transcript and the downloads", async () => {
    const page = await env.noScript.newPage();
    try {
      const watched = await watch(page);
      await page.goto(`${env.t.url}/temoignages/${SLUG}`);
      expect(await page.locator("audio[controls]").count()).toBe(1);
      expect(await page.locator(".cue").count()).toBe(4);
      expect(await page.locator("[data-chapters] li").count()).toBe(2);
      expect(await page.getByRole("button", { name: "Avancer de 15 secondes" }).count()).toBe(0);
      const txt = await page.request.get(`${env.t.url}/temoignages/${SLUG}/transcription.txt`);
      expect(await txt.text()).toContain("Samia : Merci à vous");
      expect(watched.problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
