import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { launchChromium, newContext, signIn } from "./pages/harness.js";

/** Everything a reader or an editor needs works with JavaScript turned off in the browser. */
describe("the site without JavaScript", () => {
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
    context = await newContext(browser, { javaScriptEnabled: false });
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const count = () => page.locator("h2.count").textContent();
  const cardTitles = () => page.locator(".cards .card-title").allInnerTexts();

  it("runs in a browser whose scripts are really turned off", async () => {
    // An event handler would change the text if the page could run scripts.
    await page.setContent('<p id="p">off</p><img src="data:," onerror="document.getElementById(\'p\').textContent=\'on\'">');
    expect(await page.locator("#p").textContent()).toBe("off");
  });

  it("the listing's filter form narrows the stories to a theme and the podcast format", async () => {
    await page.goto(`${t.url}/temoignages`);
    const before = await count();
    await page.getByLabel("Thème").selectOption({ label: "Parentalité" });
    await page.getByLabel("Format").selectOption({ label: "Podcast" });
    await Promise.all([page.waitForURL(/\/temoignages\?/), page.getByRole("button", { name: "Filtrer" }).click()]);

    const query = new URL(page.url()).searchParams;
    expect(query.get("theme")).toBe("parentalite");
    expect(query.get("format")).toBe("podcast");
    expect(await count()).not.toBe(before);
    expect(await count()).toBe("2 témoignages");
    expect(await page.locator(".cards .card-kind > span:first-of-type").allTextContents()).toEqual(["Podcast", "Podcast"]);
    // The form shows the filters in force, and offers to clear them.
    expect(await page.getByLabel("Thème").inputValue()).toBe("parentalite");
    await Promise.all([page.waitForURL(`${t.url}/temoignages`), page.getByRole("link", { name: "Effacer les filtres" }).click()]);
    expect(await count()).toBe(before);
  });

  it("the pagination links lead from page to page", async () => {
    await page.goto(`${t.url}/temoignages`);
    const firstPage = await cardTitles();
    const pagination = page.getByRole("navigation", { name: "Pagination" });

    await Promise.all([page.waitForURL(`${t.url}/temoignages?page=2`), pagination.getByRole("link", { name: "Page 2" }).click()]);
    const secondPage = await cardTitles();
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
    expect(await pagination.locator('[aria-current="page"]').textContent()).toBe("2");
    expect(await page.title()).toContain("Page 2 sur 3");

    await Promise.all([page.waitForURL(`${t.url}/temoignages?page=3`), pagination.getByRole("link", { name: "Page suivante" }).click()]);
    expect(await pagination.locator('[aria-current="page"]').textContent()).toBe("3");

    await Promise.all([page.waitForURL(`${t.url}/temoignages?page=2`), pagination.getByRole("link", { name: "Page précédente" }).click()]);
    expect(await cardTitles()).toEqual(secondPage);
  });

  it("a story with content notes shows the warning box, whose « Lire le témoignage » link leads to the text", async () => {
    await page.goto(`${t.url}/temoignages/apres-ma-tentative-de-suicide-le-long-chemin`);
    const notes = page.getByRole("complementary", { name: "Avant de lire : ce témoignage aborde" });
    await notes.waitFor();
    expect(await notes.getByRole("listitem").allInnerTexts()).toEqual(["le suicide"]);
    await notes.getByRole("link", { name: "Lire le témoignage" }).click();
    await page.waitForURL(/#recit$/);
    expect(await page.locator("#recit").isVisible()).toBe(true);
  });

  it("the language switch shows the page in English, keeps the address, and switches back", async () => {
    await page.goto(`${t.url}/temoignages?format=podcast`);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");

    await page.getByRole("link", { name: "English" }).click();
    await page.waitForSelector("html[lang=en]");
    expect(page.url()).toBe(`${t.url}/temoignages?format=podcast`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Testimonies");

    await page.getByRole("link", { name: "Français" }).click();
    await page.waitForSelector("html[lang=fr]");
    expect(page.url()).toBe(`${t.url}/temoignages?format=podcast`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Témoignages");
  });

  it("an editor signs in, writes, previews, saves and publishes a story, then finds it on the public site", async () => {
    const email = await createAccount(t, "editor");
    await signIn(page, t.url, email);

    await page.getByRole("link", { name: "Écrire un nouveau témoignage" }).click();
    await page.waitForURL(`${t.url}/admin/temoignages/nouveau`);
    const title = "Reprendre le vélo après l'hôpital";
    await page.getByLabel("Titre").fill(title);
    await page.getByLabel("Chapô").fill("Trois mois après ma sortie, j'ai remis les pieds sur les pédales.");
    await page.getByLabel("Texte", { exact: true }).fill("Le premier jour, j'ai roulé **dix minutes**.\n\n## Le deuxième mois\n\nPuis une heure, sans m'arrêter.");
    await page.getByLabel("Forme du crédit").selectOption("pseudonym");
    await page.getByLabel("Nom affiché").fill("Roule-Toujours");
    await page.getByLabel("Travail et emploi").check();

    // « Aperçu » saves, then shows the page as readers will see it; the form comes back as typed.
    await page.getByRole("button", { name: "Aperçu" }).click();
    await page.waitForURL(/\/admin\/temoignages\/\d+\/apercu$/);
    await page.getByRole("heading", { level: 1, name: "Aperçu — non publié." }).waitFor();
    await page.getByRole("heading", { name: "Le deuxième mois" }).waitFor();
    expect(await page.locator(".story-body strong").textContent()).toBe("dix minutes");
    await page.getByRole("link", { name: "Largeur téléphone (390 px)" }).click();
    expect(await page.locator("iframe").getAttribute("width")).toBe("390");
    await page.getByRole("link", { name: "Revenir à l'édition" }).click();
    expect(await page.getByLabel("Titre").inputValue()).toBe(title);
    expect(await page.getByLabel("Travail et emploi").isChecked()).toBe(true);
    await page.getByRole("heading", { name: "Statut : Brouillon" }).waitFor();

    // One save: words typed just before « Publier maintenant » are the ones published.
    await page.getByLabel("Texte", { exact: true }).fill("Le premier jour, j'ai roulé **dix minutes**.\n\n## Le deuxième mois\n\nPuis une heure, sans m'arrêter, le long du canal.");
    await page.getByRole("button", { name: "Publier maintenant" }).click();
    await page.waitForURL(/\?ok=statut$/);
    await page.getByRole("heading", { name: "Statut : Publié" }).waitFor();

    await page.goto(`${t.url}/temoignages`);
    await page.getByRole("link", { name: title }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(page.url()).toMatch(/\/temoignages\/reprendre-le-velo-apres-l-hopital$/);
    expect(await page.locator(".story-body strong").textContent()).toBe("dix minutes");
    expect(await page.locator(".story-body").textContent()).toContain("le long du canal");
    expect(await page.locator(".story-meta").textContent()).toContain("Roule-Toujours");
    expect(await page.locator(".story-themes").textContent()).toContain("Travail et emploi");
  });
});
