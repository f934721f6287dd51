import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { FIXTURE, makeUploads } from "../support/wordpress.js";
import { makeZip } from "../support/zip.js";
import { auditPages, launchChromium, newContext, signIn } from "./pages/harness.js";

/**
 * Importing a WordPress site from the back office, without JavaScript: the administrator sends the
 * export and a zip of its uploads, follows the durable job by reloading, and reads the report;
 * then every page of the journey, and what readers meet at old addresses, is audited (axe-core,
 * html-validate on the HTML as sent, no third-party request, no console error).
 */

type Env = { t: TestApp; browser: Browser; admin: BrowserContext; auditAdmin: BrowserContext; auditVisitor: BrowserContext; runId: number };

const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-e2e-wp-"));

/** The uploads folder as a zip, the way an administrator would download it from the old host. */
function uploadsZip(dir: string): string {
  const entries = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => ({ name: `wp-content/uploads/${f}`, data: fs.readFileSync(path.join(dir, f)) }));
  const file = path.join(work, "uploads.zip");
  fs.writeFileSync(file, makeZip(entries));
  return file;
}

const go = (p: string) => (page: Page, env: Env) => page.goto(env.t.url + p);

describe("importing a WordPress site from the back office, without JavaScript", () => {
  let env: Env;

  beforeAll(async () => {
    const t = await startTestApp({ dialect: "sqlite" });
    const browser = await launchChromium();
    // Closed by afterAll even when a step below fails.
    env = { t, browser } as Env;
    const adminEmail = await createAccount(t, "admin");
    const admin = await newContext(browser, { javaScriptEnabled: false });
    const page = await admin.newPage();
    await signIn(page, t.url, adminEmail);
    const zip = uploadsZip(await makeUploads(path.join(work, "uploads")));
    await page.goto(`${t.url}/admin/import`);
    await page.getByLabel("Fichier d'export de WordPress (XML)").setInputFiles(FIXTURE);
    await page.getByLabel(/zip du dossier wp-content\/uploads/).setInputFiles(zip);
    await Promise.all([page.waitForURL(/\/admin\/import\/\d+$/), page.getByRole("button", { name: "Lancer l'import" }).click()]);
    await page.getByRole("status").filter({ hasText: "en attente" }).waitFor();
    const runId = Number(/\/admin\/import\/(\d+)$/.exec(page.url())?.[1]);
    // The server's scheduler runs due jobs every 2 s: wait for the import's state to change.
    for (const deadline = Date.now() + 120_000; ; ) {
      await t.app.runScheduledTasks();
      const run = await t.deps.db.selectFrom("wordpress_imports").select("state").where("id", "=", runId).executeTakeFirstOrThrow();
      if (run.state === "done" || run.state === "failed") break;
      if (Date.now() > deadline) throw new Error("l'import ne s'est pas terminé");
      await new Promise((r) => setTimeout(r, 250));
    }
    await page.getByRole("link", { name: "Actualiser la page" }).click();
    await page.getByRole("heading", { name: "Rapport" }).waitFor();
    await page.close();
    // axe-core runs as a script in the page: the audits look with JavaScript on, signed in the same way.
    const auditAdmin = await newContext(browser, { storageState: await admin.storageState() });
    env = { t, browser, admin, auditAdmin, auditVisitor: await newContext(browser), runId };
  }, 240_000);

  afterAll(async () => {
    await env?.browser.close();
    await env?.t.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("shows the report of what the site now shows", async () => {
    const page = await env.admin.newPage();
    await page.goto(`${env.t.url}/admin/import/${env.runId}`);
    const report = (await page.locator("pre.report").textContent())?.replace(/[\u00a0\u202f]/g, " ") ?? "";
    expect(report).toContain("Témoignages : 6 publiés, 1 programmé, 1 en relecture, 1 brouillon.");
    expect(report).toContain("2 commentaires ne sont pas importés : Entre Pairs n'a pas de commentaires publics.");
    await page.goto(`${env.t.url}/admin`);
    await expect(page.getByRole("heading", { name: "À traiter après l'import" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "Reprendre pied : la marche du jeudi" }).first().isVisible()).resolves.toBe(true);
    await page.close();
  });

  auditPages<Env>(
    [
      { name: "the import form", as: "admin", status: 200, open: go("/admin/import") },
      {
        name: "the import form sent without a file",
        as: "admin",
        status: 422,
        async open(page, env) {
          await page.goto(`${env.t.url}/admin/import`);
          await page.getByRole("button", { name: "Lancer l'import" }).click();
          await page.getByRole("alert").filter({ hasText: "problème" }).waitFor();
        },
      },
      { name: "an import's report", as: "admin", status: 200, open: (page, env) => page.goto(`${env.t.url}/admin/import/${env.runId}`) },
      { name: "the editors' home after an import", as: "admin", status: 200, open: go("/admin") },
      { name: "an old address of an episode waiting for its transcript", as: "visitor", status: 503, open: go("/2025/10/12/la-marche-du-jeudi/") },
      { name: "a keyword's listing (an old tag)", as: "visitor", status: 200, open: go("/mots-cles/entraide") },
      { name: "an imported story, reached from its old address", as: "visitor", status: 200, open: go("/2026/03/15/un-jardin-partage/") },
    ],
    () => env,
    (as, e) => (as === "admin" ? e.auditAdmin : e.auditVisitor),
  );
});
