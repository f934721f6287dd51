import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAudioFixture } from "../support/audio-fixtures.js";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { auditPages, launchChromium, newContext, signIn } from "./pages/harness.js";

/**
 * The receipt and what follows it, in a real browser: the receipt page (shown once after a
 * redirect, kept by copy, print or download), the draft editor on /suivi, and the editors'
 * contribution page with its audio player pass the shared audit (axe, html-validate, requests,
 * console); the whole journey is walked without JavaScript; Back, reload and a double click
 * never make a second contribution.
 */

const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-receipt-e2e-"));

type Env = {
  t: TestApp;
  browser: Browser;
  admin: BrowserContext;
  /** Follows a saved draft (the sender's own browser). */
  drafter: BrowserContext;

  audioId: number;
};

async function settleJobs(t: TestApp): Promise<void> {
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    await t.app.runScheduledTasks();
    const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).execute();
    if (busy.length === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("le traitement audio ne se termine pas");
}

/** Fills the contribution form on screen and sends it (or saves it); resolves on the page that follows. */
async function fillAndSend(page: Page, c: { title: string; body: string; draft?: boolean }): Promise<void> {
  await page.getByLabel("Titre proposé").fill(c.title);
  await page.getByLabel("Votre témoignage").fill(c.body);
  if (!c.draft) await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
  await Promise.all([page.waitForURL(/\/temoigner\/recu$/), page.getByRole("button", { name: c.draft ? "Enregistrer un brouillon" : "Envoyer mon témoignage" }).click()]);
}

const receiptOn = async (page: Page) => (await page.locator("p.receipt strong").textContent())?.trim() ?? "";

const countTitled = async (t: TestApp, title: string) => (await t.deps.db.selectFrom("submissions").select("id").where("title", "=", title).execute()).length;

describe("the receipt, the draft on /suivi, and the editors' contribution page", () => {
  let env: Env;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite" });
    const browser = await launchChromium();
    const editorEmail = await createAccount(t, "editor");
    const admin = await newContext(browser);
    await signIn(await admin.newPage(), t.url, editorEmail);

    // A draft the drafter's browser follows, for the draft editor's audit.
    const drafter = await newContext(browser);
    const page = await drafter.newPage();
    await page.goto(`${t.url}/temoigner`);
    await fillAndSend(page, { title: "Brouillon pour l'audit", body: "Un premier jet.", draft: true });
    await page.close();

    // A sent audio contribution, processed, for the player on the editors' page.
    const fixture = await makeAudioFixture(dir, "voix.ogg", ["-c:a", "libopus"], { seconds: 3 });
    const sender = await newContext(browser);
    const audioPage = await sender.newPage();
    await audioPage.goto(`${t.url}/temoigner`);
    await audioPage.getByLabel("Titre proposé").fill("Voix pour l'audit");
    await audioPage.getByLabel("Par un enregistrement audio").check();
    await audioPage.getByLabel("Fichier audio").setInputFiles(fixture);
    await audioPage.getByLabel("J'ai lu ce texte et je l'accepte").check();
    await Promise.all([audioPage.waitForURL(/\/temoigner\/recu$/), audioPage.getByRole("button", { name: "Envoyer mon témoignage" }).click()]);
    // Something urgent for the back-office home: words of acute distress.
    await audioPage.goto(`${t.url}/temoigner`);
    await fillAndSend(audioPage, { title: "Détresse", body: "J'ai écrit mes lettres d'adieu, ce soir c'est fini, je ne serai plus là demain." });
    await sender.close();
    await settleJobs(t);
    const audioRow = await t.deps.db.selectFrom("submissions").select(["id", "audio_key"]).where("title", "=", "Voix pour l'audit").executeTakeFirstOrThrow();
    expect(audioRow.audio_key).not.toBeNull();
    env = { t, browser, admin, drafter, audioId: Number(audioRow.id) };
  }, 240_000);

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The audit runs axe in the page, which needs JavaScript; the same HTML is walked without it below.
  const contextOf = (as: string, e: Env) => (as === "admin" ? e.admin : as === "drafter" ? e.drafter : undefined);
  describe("pages", () =>
    auditPages<Env>(
      [
        {
          name: "the receipt page after sending",
          as: "newcomer",
          status: 200,
          async open(page, e) {
            await page.goto(`${e.t.url}/temoigner`);
            await fillAndSend(page, { title: "Audit du reçu", body: "Trois lignes pour l'audit du reçu." });
            await page.getByRole("button", { name: "Copier le reçu" }).waitFor();
          },
        },
        {
          name: "the receipt page asking again to confirm the receipt is kept",
          as: "newcomer",
          status: 422,
          async open(page, e) {
            await page.goto(`${e.t.url}/temoigner`);
            await fillAndSend(page, { title: "Audit du reçu non confirmé", body: "Trois lignes." });
            await page.getByRole("button", { name: "Continuer vers le suivi de ma contribution" }).click();
            await page.getByRole("alert").filter({ hasText: "Il y a un problème" }).waitFor();
          },
        },
        {
          name: "the receipt page once its receipt was shown",
          as: "newcomer",
          status: 200,
          async open(page, e) {
            await page.goto(`${e.t.url}/temoigner`);
            await fillAndSend(page, { title: "Audit du reçu rechargé", body: "Trois lignes." });
            await page.reload();
            await page.getByRole("heading", { level: 1, name: "Votre témoignage est bien enregistré, une seule fois" }).waitFor();
          },
        },
        { name: "the follow-up page of a draft", as: "drafter", status: 200, open: (page, e) => page.goto(`${e.t.url}/suivi/contribution`) },
        { name: "the draft editor on /suivi", as: "drafter", status: 200, open: (page, e) => page.goto(`${e.t.url}/suivi/modifier`) },
        {
          name: "the draft editor re-displayed with errors",
          as: "drafter",
          status: 422,
          async open(page, e) {
            await page.goto(`${e.t.url}/suivi/modifier`);
            await page.getByLabel("Adresse électronique (facultative)").fill("pas une adresse");
            await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
            await page.getByRole("alert").filter({ hasText: "problèmes" }).waitFor();
          },
        },
        { name: "the back-office home with what is urgent", as: "admin", status: 200, open: (page, e) => page.goto(`${e.t.url}/admin`) },
        { name: "the triage list", as: "admin", status: 200, open: (page, e) => page.goto(`${e.t.url}/admin/contributions`) },
        {
          name: "the back-office contribution page with its audio player",
          as: "admin",
          status: 200,
          async open(page, e) {
            await page.goto(`${e.t.url}/admin/contributions/${e.audioId}`);
            await page.locator("audio").waitFor({ state: "attached" });
          },
        },
      ],
      () => env,
      contextOf,
    ));

  it("without JavaScript: a draft saved without consent, its receipt downloaded and confirmed, edited on /suivi, then sent with consent", async () => {
    const { t, browser } = env;
    const context = await newContext(browser, { javaScriptEnabled: false, acceptDownloads: true });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/temoigner`);
      await fillAndSend(page, { title: "Sans JavaScript", body: "Un brouillon du soir.", draft: true });
      await page.getByRole("heading", { level: 1, name: "Votre brouillon est enregistré" }).waitFor();
      const receipt = await receiptOn(page);
      expect(receipt).toMatch(RECEIPT);
      // Copy and print need JavaScript: hidden without it; the download is a plain form.
      expect(await page.getByRole("button", { name: "Copier le reçu" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: "Imprimer le reçu" }).count()).toBe(0);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Télécharger le reçu (fichier .txt)" }).click()]);
      expect(download.suggestedFilename()).toBe("recu-entre-pairs.txt");
      expect(download.url()).toBe(`${t.url}/temoigner/recu.txt`);
      expect(fs.readFileSync(await download.path(), "utf8")).toContain(receipt);
      // Not confirmed: asked again, the receipt still on the page.
      await page.getByRole("button", { name: "Continuer vers le suivi de ma contribution" }).click();
      await page.getByRole("alert").filter({ hasText: "Cochez cette case quand vous avez gardé votre reçu" }).waitFor();
      expect(await receiptOn(page)).toBe(receipt);
      await page.getByLabel("J'ai gardé mon reçu").check();
      await Promise.all([page.waitForURL(`${t.url}/suivi/contribution`), page.getByRole("button", { name: "Continuer vers le suivi de ma contribution" }).click()]);

      // The draft, resumed: every field there, changed and saved without the consent box.
      await Promise.all([page.waitForURL(`${t.url}/suivi/modifier`), page.getByRole("link", { name: /Modifier mon brouillon/ }).click()]);
      expect(await page.getByLabel("Votre témoignage").inputValue()).toBe("Un brouillon du soir.");
      await page.getByLabel("Titre proposé").fill("Sans JavaScript, repris");
      await page.getByLabel("Votre témoignage").fill("Un brouillon du soir, relu au matin.");
      await page.getByLabel("Comment souhaitez-vous apparaître ?").selectOption({ label: "Sous un pseudonyme" });
      await page.getByLabel("Nom, pseudonyme ou prénom affiché").fill("Héron");
      await page.getByLabel("Deuil", { exact: true }).check();
      await Promise.all([page.waitForURL(/ok=brouillon$/), page.getByRole("button", { name: "Enregistrer le brouillon" }).click()]);
      await page.getByRole("status").filter({ hasText: "Votre brouillon est enregistré." }).waitFor();
      expect(await page.locator('dl.facts > dt:text-is("Crédit choisi") + dd').textContent()).toBe("Héron");

      // Sending needs the consent box; then the team has it.
      await Promise.all([page.waitForURL(`${t.url}/suivi/modifier`), page.getByRole("link", { name: /Modifier mon brouillon/ }).click()]);
      await page.getByRole("button", { name: "Envoyer mon témoignage" }).click();
      await page.getByRole("alert").filter({ hasText: "Cochez cette case pour envoyer" }).waitFor();
      expect(await page.getByLabel("Votre témoignage").inputValue()).toBe("Un brouillon du soir, relu au matin.");
      await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
      await Promise.all([page.waitForURL(/ok=envoye$/), page.getByRole("button", { name: "Envoyer mon témoignage" }).click()]);
      expect(await page.locator('dl.facts > dt:text-is("État") + dd').textContent()).toBe("Reçu\u202f: l'équipe va le lire");
      expect(await countTitled(t, "Sans JavaScript, repris")).toBe(1);
    } finally {
      await context.close();
    }
  });

  it("Back, reload and a double click never make a second contribution", async () => {
    const { t, browser } = env;
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/temoigner`);
      await fillAndSend(page, { title: "Retour arrière", body: "Envoyé une fois." });
      const receipt = await receiptOn(page);
      expect(receipt).toMatch(RECEIPT);
      // Reload: no form resubmission, the receipt is not shown again.
      await page.reload();
      await page.getByRole("heading", { level: 1, name: "Votre témoignage est bien enregistré, une seule fois" }).waitFor();
      expect(await page.locator("p.receipt").count()).toBe(0);
      // Back: the form, which says a contribution was just sent from here.
      await page.goBack();
      expect(page.url()).toBe(`${t.url}/temoigner`);
      await page.getByText("Une contribution est ouverte sur cet appareil").waitFor();
      await page.goForward();
      await page.getByRole("heading", { level: 1, name: "Votre témoignage est bien enregistré, une seule fois" }).waitFor();
      expect(await countTitled(t, "Retour arrière")).toBe(1);

      // A double click on the send button: one contribution, and a receipt on screen.
      await page.goto(`${t.url}/temoigner`);
      await page.getByLabel("Titre proposé").fill("Double clic");
      await page.getByLabel("Votre témoignage").fill("Envoyé d'un double clic.");
      await page.getByLabel("J'ai lu ce texte et je l'accepte").check();
      await Promise.all([page.waitForURL(/\/temoigner\/recu$/), page.getByRole("button", { name: "Envoyer mon témoignage" }).dblclick()]);
      await page.locator("p.receipt strong").waitFor();
      expect(await receiptOn(page)).toMatch(RECEIPT);
      expect(await countTitled(t, "Double clic")).toBe(1);
    } finally {
      await context.close();
    }
  });
});
