import sharp from "sharp";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibraryImage } from "../../src/media/image.js";
import * as library from "../../src/media/library.service.js";
import { isoToParisLocal } from "../../src/platform/i18n/locale.js";
import { manualClock } from "../support/clock.js";
import { createAccount, startTestApp, type TestApp } from "../support/test-app.js";
import { describeHtmlErrors, describeViolations, explainViolations, launchChromium, newContext, runAxe, validateHtml, watch, type PageWatch } from "./pages/harness.js";

/**
 * Point 10 of issue 11: an editor writes a story with two inline images from the library, a quote
 * and a list, chooses a cover from the library, previews, schedules it and sees it published; with
 * JavaScript through the rich-text editor and the keyboard, without it through the Markdown textarea.
 */

const IMAGES = [
  { color: "#336633", alt: "Un arrosoir vert au soleil" },
  { color: "#663333", alt: "Des mains qui rempotent un géranium" },
];

/** The person's actions, counted: a click is one, a key is one, typed text is one per character. */
class Counter {
  clicks = 0;
  /** Keys that are not text: Tab, Enter, arrows, F5. */
  keys = 0;
  /** Characters typed (the words of the story, the e-mail address, the password, the date's digits). */
  typed = 0;
  constructor(readonly page: Page) {}
  async click(target: Locator): Promise<void> {
    this.clicks += 1;
    await target.click();
  }
  /** Opening an address (a bookmark, a link typed or followed) counts as a click. */
  async open(url: string): Promise<void> {
    this.clicks += 1;
    await this.page.goto(url);
  }
  /** F5: the browser's own shortcut, which a page's keyboard events cannot trigger. */
  async reload(): Promise<void> {
    this.keys += 1;
    await this.page.reload();
  }
  async type(text: string): Promise<void> {
    this.typed += [...text].length;
    await this.page.keyboard.type(text);
  }
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i += 1) {
      this.keys += 1;
      await this.page.keyboard.press(key);
    }
  }
  /**
   * A date field, typed as its digits (jj mm aaaa hh mm: the browser moves between parts by
   * itself); filled at once, since Chromium's segmented date field is not what is tested here.
   */
  async typeDateTime(field: Locator, local: string): Promise<void> {
    this.typed += local.replace(/\D/g, "").length;
    await field.fill(local);
  }
}

const focusedLabel = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  return el ? el.getAttribute("aria-label") || el.textContent || "" : "";
});

/**
 * The browser's serialiser writes every boolean attribute as `=""`, which the style rules flag; and
 * the rich-text surface is a contenteditable textbox on purpose (a textarea cannot hold headings or
 * images). Everything else html-validate says about the live document counts.
 */
const SERIALISATION_ONLY = new Set(["attribute-boolean-style", "attribute-empty-style"]);
const liveDomErrors = (errors: Awaited<ReturnType<typeof validateHtml>>) =>
  errors.filter((e) => !SERIALISATION_ONLY.has(e.ruleId) && !(e.ruleId === "prefer-native-element" && e.selector === "#editeur-texte"));

/** axe on the page as it stands, html-validate on the server's HTML and on the live document. */
async function auditDom(page: Page, what: string): Promise<void> {
  const violations = await runAxe(page);
  expect(describeViolations(violations), `axe: ${what}\n${explainViolations(violations)}`).toEqual([]);
  const sent = await (await page.request.get(page.url())).text();
  const sentErrors = await validateHtml(sent);
  expect(describeHtmlErrors(sentErrors, sent), `html-validate (HTML envoyé): ${what}`).toEqual([]);
  const live = await page.content();
  const liveErrors = liveDomErrors(await validateHtml(live));
  expect(describeHtmlErrors(liveErrors, live), `html-validate (document affiché): ${what}`).toEqual([]);
}

/** What the reader must see, in the preview and on the public page alike. */
async function expectStory(page: Page, images: LibraryImage[], cover: LibraryImage, texts: { heading: string; quote: string; items: string[] }) {
  const article = page.locator("article").first();
  await expect.poll(() => article.locator("h2, h3, h4").filter({ hasText: texts.heading }).count()).toBe(1);
  await expect.poll(() => article.locator("blockquote").filter({ hasText: texts.quote }).count()).toBe(1);
  for (const item of texts.items) expect(await article.locator("ul li").filter({ hasText: item }).count()).toBe(1);
  for (const image of images) {
    const picture = article.locator(`.story-body picture:has(img[src*="/media/${image.key}/"][alt="${image.alt}"])`);
    expect(await picture.count(), `image ${image.alt}`).toBe(1);
    expect(await picture.locator("source").count()).toBe(2);
  }
  expect(await page.locator(`picture.story-cover img[src*="/media/${cover.key}/"][alt="${cover.alt}"]`).count(), "couverture").toBe(1);
}

describe("the editor's journey in a browser", () => {
  let t: TestApp;
  let browser: Browser;
  let email: string;
  let images: LibraryImage[];
  const clock = manualClock(new Date().toISOString());

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", clock });
    // A fixed address, so the printed count is the same on every run.
    email = await createAccount(t, "editor", "redactrice@exemple.fr");
    images = [];
    for (const img of IMAGES) {
      const bytes = await sharp({ create: { width: 1200, height: 800, channels: 3, background: img.color } }).jpeg().toBuffer();
      const stored = await library.addToLibrary(t.deps, bytes);
      await library.describeImage(t.deps, stored.id, { alt: img.alt, caption: "", credit: "", decorative: false });
      images.push({ ...stored, alt: img.alt });
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Schedules a few seconds ahead: the app's clock is put just before the next minute, the finest a date field takes. */
  function nextMinute(): { local: string; iso: string } {
    const now = clock.now().getTime();
    const at = Math.ceil((now + 5_000) / 60_000) * 60_000;
    clock.set(new Date(at - 5_000).toISOString());
    const iso = new Date(at).toISOString();
    return { local: isoToParisLocal(iso), iso };
  }

  /** Time passes; the periodic task publishes what is due (run at once rather than waiting 15 s). */
  async function letTimePass(): Promise<void> {
    clock.advance(0.25);
    await t.app.runScheduledTasks();
  }

  async function expectNoProblems(w: PageWatch) {
    expect(w.problems).toEqual([]);
    expect(w.requests.filter((url) => new URL(url).origin !== new URL(t.url).origin)).toEqual([]);
  }

  it("with JavaScript: writes the story in the rich-text editor with the keyboard, two library images, a quote, a list and a library cover; previews, schedules, and it is published as written", async () => {
    const context: BrowserContext = await newContext(browser);
    const page = await context.newPage();
    const watched = await watch(page);
    const u = new Counter(page);
    const texts = { title: "Le jardin du mardi", standfirst: "Deux heures par semaine, des mains dans la terre.", heading: "Le premier mardi", quote: "Ici, personne ne me demande mon diagnostic.", items: ["des gants", "un arrosoir"] };

    await u.open(`${t.url}/admin/connexion`);
    await u.click(page.getByLabel("Adresse électronique"));
    await u.type(email);
    await u.press("Tab");
    await u.type("une phrase de passe assez longue");
    await Promise.all([page.waitForURL(`${t.url}/admin`), u.press("Enter")]);
    await Promise.all([page.waitForURL(/\/admin\/temoignages\/nouveau$/), u.click(page.getByRole("link", { name: "Écrire un nouveau témoignage" }))]);

    // The editor is loaded: the textarea is replaced by the labelled toolbar and the editing surface.
    const surface = page.getByRole("textbox", { name: "Texte (éditeur visuel)" });
    await surface.waitFor();
    await auditDom(page, "éditeur chargé");

    await u.click(page.getByLabel("Titre"));
    await u.type(texts.title);
    await u.press("Tab", 4); // address, format, kind of story, standfirst
    await u.type(texts.standfirst);
    await u.press("Tab"); // the toolbar: one stop
    expect(await focusedLabel(page)).toBe("Gras");
    await u.press("Tab"); // the text
    expect(await focusedLabel(page)).toBe("Texte (éditeur visuel)");

    await u.type(`## ${texts.heading}`);
    await u.press("Enter");
    await u.type("J'arrive au jardin vers dix heures.");
    await u.press("Enter");

    // An image from the library, through the toolbar: back to its one Tab stop, to its last buttons, and the picker.
    const insertImage = async (tabs: number, whilePickerOpen?: () => Promise<void>) => {
      await u.press("Shift+Tab");
      await u.press("End");
      await u.press("ArrowLeft");
      expect(await focusedLabel(page)).toBe("Insérer une image");
      await u.press("Enter");
      const dialog = page.getByRole("dialog", { name: "Insérer une image de la médiathèque" });
      await dialog.getByRole("button").first().waitFor();
      await whilePickerOpen?.();
      await u.press("Tab", tabs);
      await u.press("Enter");
      await dialog.waitFor({ state: "hidden" });
      expect(await focusedLabel(page)).toBe("Texte (éditeur visuel)");
    };
    // The picker lists the newest first (the second seeded image) and focuses it.
    await insertImage(0, () => auditDom(page, "choix d'une image ouvert"));
    await u.press("Enter");
    await u.type("On ne parle pas forcément : on bine.");
    await u.press("Enter");
    await insertImage(1);
    await u.press("Enter");
    await u.type(`> ${texts.quote}`);
    await u.press("Enter", 2); // the second Enter leaves the quote
    await u.type(`- ${texts.items[0]}`);
    await u.press("Enter");
    await u.type(texts.items[1] as string);
    await u.press("Enter", 2);
    await u.type("Le 3114 répond jour et nuit.");

    const markdown = await page.locator("textarea[name=body]").inputValue();
    expect(markdown).toContain(`## ${texts.heading}`);
    expect(markdown).toContain(`![${IMAGES[1]?.alt}](/media/${images[1]?.key})`);
    expect(markdown).toContain(`![${IMAGES[0]?.alt}](/media/${images[0]?.key})`);
    expect(markdown).toContain(`> ${texts.quote}`);
    expect(markdown).toMatch(/^[-*] des gants$/m);

    await u.click(page.getByLabel("Nom affiché"));
    await u.type("Ortie");
    const cover = images[0] as LibraryImage;
    await u.click(page.getByText("Choisir dans la médiathèque"));
    await u.click(page.getByRole("radio", { name: cover.alt }));

    await Promise.all([page.waitForURL(/\/apercu$/), u.click(page.getByRole("button", { name: "Aperçu", exact: true }))]);
    await expectStory(page, images, cover, texts);
    await auditDom(page, "aperçu");

    await Promise.all([page.waitForURL(/\/admin\/temoignages\/\d+$/), u.click(page.getByRole("link", { name: "Revenir à l'édition" }))]);
    const when = nextMinute();
    await u.click(page.getByLabel("Programmer la publication (heure de Paris)"));
    await u.typeDateTime(page.getByLabel("Programmer la publication (heure de Paris)"), when.local);
    await Promise.all([page.waitForURL(/ok=statut/), u.click(page.getByRole("button", { name: "Programmer", exact: true }))]);
    await page.getByRole("heading", { name: "Statut : Programmé" }).waitFor();

    await letTimePass();
    await u.reload();
    await page.getByRole("heading", { name: "Statut : Publié" }).waitFor();
    await Promise.all([page.waitForURL(/\/temoignages\/[a-z0-9-]+$/), u.click(page.getByRole("link", { name: "Voir la page publiée" }))]);
    await expect.poll(() => page.locator("h1").textContent()).toBe(texts.title);
    await expectStory(page, images, cover, texts);
    const row = await t.deps.db.selectFrom("published_stories").select(["published_at", "cover_image_id"]).where("title", "=", texts.title).executeTakeFirstOrThrow();
    expect(row).toEqual({ published_at: when.iso, cover_image_id: cover.id });
    await expectNoProblems(watched);

    console.log(
      `Parcours de l'éditeur avec JavaScript, de la connexion à la page publiée : ${u.clicks} clics et ${u.typed + u.keys} frappes (${u.typed} caractères saisis, ${u.keys} touches de navigation et de commande).`,
    );
    await context.close();
  });

  it("in English: the rich-text editor's toolbar, its buttons, its surface, its image picker and the autosave's status speak the page's language", async () => {
    const context = await newContext(browser);
    await context.addCookies([{ name: "ep_lang", value: "en", url: t.url }]);
    const page = await context.newPage();
    const watched = await watch(page);
    // The page's timers follow a clock the test moves: the autosave waits 30 seconds.
    await page.clock.install();
    await page.goto(`${t.url}/admin/connexion`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("une phrase de passe assez longue");
    await Promise.all([page.waitForURL(`${t.url}/admin`), page.getByRole("button", { name: "Sign in" }).click()]);
    await page.goto(`${t.url}/admin/temoignages/nouveau`);

    const toolbar = page.getByRole("toolbar", { name: "Text formatting" });
    await toolbar.waitFor();
    expect(await toolbar.getByRole("button", { name: "Bold", exact: true }).getAttribute("title")).toBe("Bold (Ctrl+B)");
    await page.getByRole("textbox", { name: "Text (visual editor)" }).waitFor();
    expect(await toolbar.getByRole("button").allTextContents()).toEqual(["Bold", "Italic", "Link", "Subheading", "Quote", "Bulleted list", "Numbered list", "Voice (collective story)", "Insert an image", "Markdown"]);
    await auditDom(page, "editor in English");

    await toolbar.getByRole("button", { name: "Insert an image" }).click();
    const dialog = page.getByRole("dialog", { name: "Insert an image from the media library" });
    await dialog.getByRole("button").first().waitFor();
    await auditDom(page, "image picker in English");
    await dialog.getByRole("button", { name: "Close" }).click();
    await dialog.waitFor({ state: "hidden" });

    await page.locator("#champ-title").fill("The Tuesday garden");
    await page.locator("#champ-creditName").fill("Nettle");
    await Promise.all([page.waitForURL(/\/admin\/temoignages\/\d+/), page.getByRole("button", { name: "Save", exact: true }).click()]);
    await page.locator("#champ-standfirst").fill("Two hours a week, hands in the soil.");
    await page.clock.fastForward(31_000);
    // The time as English writes it (the page's lang), e.g. "03:40 PM".
    const status = page.locator(".autosave-status");
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toMatch(/^Draft saved at \d{2}:\d{2}( [AP]M)?\.$/);
    const autosaved = await t.deps.db.selectFrom("stories").select("standfirst").where("title", "=", "The Tuesday garden").executeTakeFirstOrThrow();
    expect(autosaved.standfirst).toBe("Two hours a week, hands in the soil.");
    await auditDom(page, "autosaved in English");
    await expectNoProblems(watched);
    await context.close();
  });

  it("without JavaScript: the same story through the Markdown textarea, with the images as the picker writes them", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    const watched = await watch(page);
    const texts = { title: "Le jardin du jeudi", heading: "Le premier jeudi", quote: "Ici, on ne me demande rien.", items: ["des graines", "un râteau"] };
    await page.goto(`${t.url}/admin/connexion`);
    await page.getByLabel("Adresse électronique").fill(email);
    await page.getByLabel("Mot de passe").fill("une phrase de passe assez longue");
    await Promise.all([page.waitForURL(`${t.url}/admin`), page.getByRole("button", { name: "Se connecter" }).click()]);
    await Promise.all([page.waitForURL(/nouveau$/), page.getByRole("link", { name: "Écrire un nouveau témoignage" }).click()]);
    expect(await page.locator("[contenteditable]").count()).toBe(0);

    await page.getByLabel("Titre").fill(texts.title);
    await page.getByLabel("Chapô").fill("Deux heures par semaine, des graines et des pairs.");
    const [first, second] = images as [LibraryImage, LibraryImage];
    await page.getByLabel("Texte", { exact: true }).fill(
      [
        `## ${texts.heading}`,
        "J'arrive au jardin vers dix heures.",
        `![${first.alt}](/media/${first.key})`,
        "On ne parle pas forcément : on sème.",
        `![${second.alt}](/media/${second.key})`,
        `> ${texts.quote}`,
        texts.items.map((i) => `- ${i}`).join("\n"),
        "Le 3114 répond jour et nuit.",
      ].join("\n\n"),
    );
    await page.getByLabel("Nom affiché").fill("Ortie");
    await page.getByText("Choisir dans la médiathèque").click();
    await page.getByRole("radio", { name: second.alt }).check();
    await Promise.all([page.waitForURL(/\/apercu$/), page.getByRole("button", { name: "Aperçu", exact: true }).click()]);
    await expectStory(page, images, second, texts);

    await Promise.all([page.waitForURL(/\/admin\/temoignages\/\d+$/), page.getByRole("link", { name: "Revenir à l'édition" }).click()]);
    const when = nextMinute();
    await page.getByLabel("Programmer la publication (heure de Paris)").fill(when.local);
    await Promise.all([page.waitForURL(/ok=statut/), page.getByRole("button", { name: "Programmer", exact: true }).click()]);
    await page.getByRole("heading", { name: "Statut : Programmé" }).waitFor();
    await letTimePass();
    await page.reload();
    await Promise.all([page.waitForURL(/\/temoignages\/[a-z0-9-]+$/), page.getByRole("link", { name: "Voir la page publiée" }).click()]);
    await expectStory(page, images, second, texts);
    await expectNoProblems(watched);
    await context.close();
  });
});
