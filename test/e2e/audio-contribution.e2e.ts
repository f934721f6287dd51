import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAudioFixture } from "../support/audio-fixtures.js";
import { startTestApp, type TestApp } from "../support/test-app.js";
import { auditPages, launchChromium, newContext } from "./pages/harness.js";

/**
 * Audio contributions in a real browser: the form and the follow-up page with its player pass
 * the shared audit; without JavaScript a file is sent, disguised, listened to and sent; with
 * JavaScript, Chromium's fake microphone records, the recording is replayed, sent, processed and
 * played back from the follow-up page.
 */

const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-audio-e2e-"));

type Env = { t: TestApp; browser: Browser; visitor: BrowserContext; follower: BrowserContext; fixture: string };

/** Runs the job queue until no processing is left (the background timer may hold it a moment). */
async function settleJobs(t: TestApp): Promise<void> {
  // A deadline, not a number of rounds: on a loaded machine one processing can take seconds.
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    await t.app.runScheduledTasks();
    const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).execute();
    if (busy.length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("le traitement audio ne se termine pas");
}

/** Fills the audio form on screen with a file, sends it, and reads the receipt shown once. */
async function sendAudioFile(page: Page, file: string, opts: { disguise?: string; title: string }): Promise<string> {
  await page.getByLabel("Titre proposé").fill(opts.title);
  await page.getByLabel("Par un enregistrement audio").check();
  await page.getByLabel("Fichier audio").setInputFiles(file);
  if (opts.disguise) await page.getByLabel(opts.disguise).check();
  await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
  await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
  await page.locator("p.receipt strong").waitFor();
  return (await page.locator("p.receipt strong").textContent())?.trim() ?? "";
}

/** Opens the follow-up: at once in the browser that sent the contribution, else by typing the receipt. */
async function openFollowUp(page: Page, baseUrl: string, receipt: string): Promise<void> {
  await page.goto(`${baseUrl}/suivi`);
  if (page.url() === `${baseUrl}/suivi/contribution`) return;
  await page.getByLabel("Reçu").fill(receipt);
  await Promise.all([page.waitForURL(`${baseUrl}/suivi/contribution`), page.getByRole("button", { name: "Ouvrir" }).click()]);
}

describe("audio contributions in the browser", () => {
  let env: Env;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite" });
    // This suite only: a fake microphone that needs no permission prompt, and playback without a gesture.
    const browser = await launchChromium(["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--autoplay-policy=no-user-gesture-required"]);
    const fixture = await makeAudioFixture(dir, "voix.ogg", ["-c:a", "libopus"], { seconds: 3 });
    const visitor = await newContext(browser);
    const follower = await newContext(browser);
    // A processed recording on the follower's follow-up page, for the audit.
    const page = await follower.newPage();
    await page.goto(`${t.url}/temoigner`);
    const receipt = await sendAudioFile(page, fixture, { title: "Ma voix pour l'audit", disguise: "Déguisement fort" });
    await settleJobs(t);
    await openFollowUp(page, t.url, receipt);
    await page.close();
    env = { t, browser, visitor, follower, fixture };
  });

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const contextOf = (as: string, e: Env) => (as === "visitor" ? e.visitor : as === "follower" ? e.follower : undefined);
  describe("pages", () =>
    auditPages<Env>(
      [
        {
          name: "the contribution form with the audio format chosen",
          as: "visitor",
          status: 200,
          async open(page, e) {
            await page.goto(`${e.t.url}/temoigner`);
            await page.getByLabel("Par un enregistrement audio").check();
            await page.getByRole("button", { name: "Enregistrer", exact: true }).waitFor();
          },
        },
        {
          name: "the audio form re-displayed with a refused file",
          as: "visitor",
          status: 422,
          async open(page, e) {
            await page.goto(`${e.t.url}/temoigner`);
            await page.getByLabel("Par un enregistrement audio").check();
            await page.getByLabel("Fichier audio").setInputFiles({ name: "pas-un-son.mp3", mimeType: "audio/mpeg", buffer: Buffer.from("ceci n'est pas un son\n".repeat(10)) });
            await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
            await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
            await page.getByRole("alert").filter({ hasText: "Il y a un problème" }).waitFor();
          },
        },
        { name: "the follow-up page with the player", as: "follower", status: 200, open: (page, e) => page.goto(`${e.t.url}/suivi/contribution`) },
      ],
      () => env,
      contextOf,
    ));

  it("works end to end without JavaScript: upload, disguise, listen, send", async () => {
    const context = await newContext(env.browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(`${env.t.url}/temoigner`);
      // Without JavaScript the recorder is not there: the file field is all there is.
      await expect(page.getByRole("button", { name: "Enregistrer", exact: true }).count()).resolves.toBe(0);
      const receipt = await sendAudioFile(page, env.fixture, { title: "Sans JavaScript", disguise: "Déguisement léger" });
      expect(receipt).toMatch(RECEIPT);
      await expect(page.getByText("votre témoignage reste un brouillon jusqu'à ce que vous ayez écouté le résultat").count()).resolves.toBe(1);
      await openFollowUp(page, env.t.url, receipt);
      await settleJobs(env.t);
      // "Mettre à jour" is there while processing runs; afterwards the page already shows the player.
      const refresh = page.getByRole("link", { name: "Mettre à jour" });
      if ((await refresh.count()) > 0) await refresh.click();
      const player = page.locator("audio");
      await player.waitFor({ state: "attached" });
      const src = await player.getAttribute("src");
      const heard = await page.request.get(`${env.t.url}${src}`);
      expect(heard.status()).toBe(200);
      expect(heard.headers()["content-type"]).toBe("audio/mpeg");
      // Sending the draft asks for the consent box again.
      await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
      await page.getByRole("button", { name: "Envoyer à l'équipe" }).click();
      await page.waitForURL(/ok=envoye/);
      await expect(page.locator('dl.facts > dt:text-is("État") + dd').textContent()).resolves.toContain("Reçu");
      const row = await env.t.deps.db.selectFrom("submissions").select(["audio_source_key", "audio_key"]).where("title", "=", "Sans JavaScript").executeTakeFirstOrThrow();
      expect(row.audio_source_key).toBeNull();
      expect(row.audio_key).not.toBeNull();
    } finally {
      await context.close();
    }
  });

  it("records with the microphone, replays, sends, and plays the processed result on the follow-up page", async () => {
    const context = await newContext(env.browser);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    try {
      await page.goto(`${env.t.url}/temoigner`);
      await page.getByLabel("Titre proposé").fill("Enregistré ici");
      await page.getByLabel("Par un enregistrement audio").check();
      const status = page.locator(".recorder-status");
      await page.getByRole("button", { name: "Enregistrer", exact: true }).click();
      await expect.poll(() => status.textContent()).toBe("Enregistrement en cours.");
      await page.waitForTimeout(1500);
      await page.getByRole("button", { name: "Pause" }).click();
      await expect.poll(() => status.textContent()).toBe("Enregistrement en pause.");
      await page.getByRole("button", { name: "Reprendre" }).click();
      await page.waitForTimeout(1500);
      await page.getByRole("button", { name: "Arrêter" }).click();
      await expect.poll(() => status.textContent()).toContain("Enregistrement terminé");
      await expect(page.getByRole("button", { name: "Recommencer l'enregistrement" }).isVisible()).resolves.toBe(true);
      // The replay plays the person's own recording from a blob: address, allowed by the CSP.
      const replay = page.locator(".recorder audio");
      expect(await replay.getAttribute("src")).toMatch(/^blob:/);
      await replay.evaluate((a: HTMLAudioElement) => a.play());
      await expect.poll(() => replay.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.2);
      const files = await page.getByLabel("Fichier audio").evaluate((input: HTMLInputElement) => [...(input.files ?? [])].map((f) => ({ name: f.name, size: f.size })));
      expect(files).toHaveLength(1);
      expect(files[0]?.size).toBeGreaterThan(1000);
      await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
      await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
      await page.locator("p.receipt strong").waitFor();
      const receipt = (await page.locator("p.receipt strong").textContent())?.trim() ?? "";
      expect(receipt).toMatch(RECEIPT);
      await openFollowUp(page, env.t.url, receipt);
      await settleJobs(env.t);
      // The status script reloads the page once processing is over; reloading by hand is the same.
      await page.reload();
      const player = page.locator(".audio-follow-up audio");
      await player.waitFor({ state: "attached" });
      await player.evaluate((a: HTMLAudioElement) => a.play());
      await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0.3);
      const duration = await player.evaluate((a: HTMLAudioElement) => a.duration);
      expect(duration).toBeGreaterThan(2);
      expect(duration).toBeLessThan(5);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
