import { type DefaultTreeAdapterMap, parse } from "parse5";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIssue } from "../src/newsletter/issue.service.js";
import { insertPage } from "../src/pages/page.store.js";
import { saveCall } from "../src/submissions/calls/call.service.js";
import { contribute } from "./support/participation.js";
import { registeredRoutes } from "../src/platform/http/access.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";
import { finishedImportRun } from "./support/wordpress.js";

/**
 * A newsletter issue's preview is the mail exactly as its readers receive it, in the site's language,
 * not the editor's: it is content, like a story's text.
 */
const READERS_WORDS = new Set(["/admin/lettres/:id/apercu"]);

// Word-boundary matches of common French words, and letters English never uses.
const FRENCH_WORDS = ["le", "la", "les", "des", "du", "une", "un", "pour", "avec", "sans", "est", "vous", "votre", "aucun", "aucune", "et", "ou", "dans", "sur", "pas", "au", "aux", "ce", "cette", "qui", "que"];
const FRENCH_WORD = new RegExp(`(^|[^\\p{L}\\p{N}_'’-])(${FRENCH_WORDS.join("|")})(?=$|[^\\p{L}\\p{N}_'’-])`, "iu");
const FRENCH_LETTER = /[àâäçéèêëîïôöùûüœæ]/i;
const FRENCH_ELISION = /(^|[^\p{L}])(l|d|qu|n|j|s)['’]\p{L}/iu;

function looksFrench(text: string): boolean {
  return FRENCH_LETTER.test(text) || FRENCH_WORD.test(text) || FRENCH_ELISION.test(text);
}

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];
const VISIBLE_ATTRIBUTES = ["aria-label", "title", "placeholder", "alt"];

/**
 * The interface's words of a page: text nodes and the attributes a person sees or hears, without
 * scripts, styles, what is typed in fields (textarea content, input values) and what is marked as
 * French on purpose (`lang="fr"`: the link back to French, stories quoted in their language).
 */
function interfaceTexts(html: string): string[] {
  const texts: string[] = [];
  const visit = (node: Node) => {
    if (node.nodeName === "#text") {
      const text = (node as DefaultTreeAdapterMap["textNode"]).value.trim();
      if (text) texts.push(text);
      return;
    }
    if (!("tagName" in node)) {
      if ("childNodes" in node) for (const child of node.childNodes) visit(child);
      return;
    }
    const element = node as Element;
    const attr = (name: string) => element.attrs.find((a) => a.name === name)?.value;
    if (["script", "style", "textarea"].includes(element.tagName) || (element.tagName !== "html" && attr("lang") === "fr")) return;
    for (const name of VISIBLE_ATTRIBUTES) {
      const value = attr(name)?.trim();
      if (value) texts.push(value);
    }
    if (element.tagName === "input" && ["submit", "button"].includes(attr("type") ?? "")) {
      const value = attr("value")?.trim();
      if (value) texts.push(value);
    }
    const children = element.tagName === "template" ? (element as DefaultTreeAdapterMap["template"]).content.childNodes : element.childNodes;
    for (const child of children) visit(child);
  };
  visit(parse(html));
  return texts;
}

const frenchTexts = (html: string) => interfaceTexts(html).filter(looksFrench);
const langOf = (html: string) => /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];

describe("the back office in English", () => {
  let t: TestApp;
  let admin: Browser;
  let visitor: Browser;
  const ids = new Map<string, number>();

  const photo = () => sharp({ create: { width: 800, height: 600, channels: 3, background: "#335577" } }).jpeg().toBuffer();
  const idIn = (res: Response, pattern: RegExp) => {
    const id = Number(pattern.exec(res.headers.get("location") ?? "")?.[1]);
    if (!Number.isInteger(id) || id <= 0) throw new Error(`no id in ${res.status} ${res.headers.get("location")}`);
    return id;
  };

  beforeAll(async () => {
    // No demo: every row a page shows is written here, in English, so French on a page is the interface's.
    t = await startTestApp({ dialect: "sqlite" });
    const email = await createAccount(t, "admin", "sam@example.org");
    admin = new Browser(t.url);
    await admin.signInDirectly(t, email);
    visitor = new Browser(t.url);

    const posted = async (res: Response) => {
      if (res.status !== 303) throw new Error(`refused (${res.status}): ${await res.text()}`);
      return res;
    };
    await posted(await admin.submit("/admin/themes", "/admin/themes", { name: "Work", slug: "work", description: "Going back to work.", position: "1" }));
    ids.set("themes", (await t.deps.db.selectFrom("themes").select("id").executeTakeFirstOrThrow()).id);
    await posted(await admin.submit("/admin/series", "/admin/series", { title: "Back at work", slug: "back-at-work", description: "Three stories about work." }));
    ids.set("series", (await t.deps.db.selectFrom("series").select("id").executeTakeFirstOrThrow()).id);
    const story = {
      slug: "",
      format: "single",
      standfirst: "A made-up story written for tests: a garden, hands in the soil, peers.",
      body: "## Tuesday\n\nI get to the garden at ten. Nobody asks me my diagnosis.",
      creditKind: "pseudonym",
      creditName: "Nettle",
      creditAge: "",
      seriesId: "",
      seriesPosition: "",
      coverImageId: "",
      coverAlt: "",
      action: "save",
    };
    const storyPath = /\/admin\/temoignages\/(\d+)/;
    ids.set("temoignages", idIn(await posted(await admin.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...story, title: "The Tuesday garden", kind: "article" })), storyPath));
    ids.set("podcasts", idIn(await posted(await admin.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...story, title: "The Tuesday garden, told", kind: "podcast" })), storyPath));
    await posted(
      await admin.postMultipart("/admin/medias", "/admin/medias", { alt: "A green watering can in the sun", caption: "Spring", credit: "Nettle" }, { field: "file", bytes: await photo(), name: "can.jpg", type: "image/jpeg" }),
    );
    ids.set("medias", (await t.deps.db.selectFrom("images").select("id").executeTakeFirstOrThrow()).id);
    ids.set("pages", await insertPage(t.deps.db, { slug: "about", title: "About", summary: "Who we are.", bodyMd: "We are peers.", updatedAt: new Date().toISOString() }));
    const call = await saveCall(t.deps, null, {
      slug: "after-the-storm",
      title: "After the storm",
      themeId: null,
      introMd: "Tell us about the weeks after a crisis.",
      questionsMd: "- Who was there?",
      safetyNoticeMd: "Take your time.",
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      formats: ["text"],
      creditOptions: ["pseudonym", "anonymous"],
      consentText: "I agree that the team reads my text for this call.",
    });
    if (!call.ok) throw new Error("call refused");
    ids.set("appels", call.id);
    await contribute(new Browser(t.url, { "accept-language": "en" }), { title: "My first spring back", body: "I went back to the garden and it helped me a lot." });
    ids.set("contributions", (await t.deps.db.selectFrom("submissions").select("id").executeTakeFirstOrThrow()).id);
    ids.set("lettres", await createIssue(t.deps, { subject: "News from the garden", intro: "Two new stories this month.", storyIds: [] }));
    ids.set("utilisateurs", (await t.deps.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id);
    // A finished import of a small English site, through the import form and its job: its report's page.
    ids.set("import", await finishedImportRun(t, admin));
  });
  afterAll(() => t?.close());

  /** Every page under /admin, `:id` filled with a row written above; the pages without a row are named. */
  async function backOfficePages(): Promise<{ pages: Array<{ route: string; path: string; browser: Browser }>; unresolved: string[] }> {
    const routes = registeredRoutes(t.app)
      .filter((r) => r.method === "GET" && r.url.startsWith("/admin"))
      // Files (CSV, MP3) and the image picker's JSON are not pages.
      .filter((r) => !/\.\w+$/.test(r.url) && r.url !== "/admin/medias/choix");
    const pages: Array<{ route: string; path: string; browser: Browser }> = [];
    const unresolved: string[] = [];
    for (const route of routes) {
      let path = route.url;
      if (path.includes(":id")) {
        const id = ids.get(path.split("/")[2] ?? "");
        if (id === undefined) {
          unresolved.push(route.url);
          continue;
        }
        path = path.replace(":id", String(id));
      }
      // A link that is no longer valid is a page too: the one a person sees after following an old e-mail.
      path = path.replace(":token", "an-expired-link");
      pages.push({ route: route.url, path, browser: route.access === "public" ? visitor : admin });
    }
    return { pages, unresolved };
  }

  it("shows no French word in the interface of any back-office page asked for in English", async () => {
    const { pages, unresolved } = await backOfficePages();
    expect(unresolved.filter((route) => !READERS_WORDS.has(route)).sort()).toEqual([]);
    const failures: string[] = [];
    let checked = 0;
    for (const page of pages) {
      if (READERS_WORDS.has(page.route)) continue;
      const res = await page.browser.get(page.path, { cookie: `${page.browser.cookieHeader()}; ep_lang=en` });
      const html = await res.text();
      expect(res.status, page.path).toBeLessThan(500);
      checked++;
      const french = frenchTexts(html);
      if (langOf(html) !== "en") french.unshift(`<html lang="${langOf(html)}">`);
      if (french.length > 0) failures.push(`${page.path} (${res.status}):\n    ${french.map((text) => JSON.stringify(text)).join("\n    ")}`);
    }
    if (failures.length > 0) console.log(`French left in English back-office pages:\n  ${failures.join("\n  ")}`);
    expect(checked).toBeGreaterThanOrEqual(10);
    expect(failures).toEqual([]);
  });

  it("keeps every back-office page French, and the check sees it, when French is asked for", async () => {
    const { pages } = await backOfficePages();
    for (const page of pages) {
      const res = await page.browser.get(page.path, { "accept-language": "fr-FR,fr;q=0.9" });
      const html = await res.text();
      expect(res.status, page.path).toBeLessThan(500);
      expect(langOf(html), page.path).toBe("fr");
      // The same scan finds French on the French page: the English check is able to fail.
      expect(frenchTexts(html).length, page.path).toBeGreaterThan(0);
    }
  });

  it("switches the back office to English and back through the header's link, without JavaScript", async () => {
    const french = await admin.getText("/admin/compte");
    const link = /<a href="(\/langue\/en\?retour=[^"]*)"[^>]*class="lang-switch"/.exec(french.html)?.[1]?.replace(/&amp;/g, "&");
    expect(link).toBe("/langue/en?retour=%2Fadmin%2Fcompte");
    const switched = await admin.get(link as string);
    expect(switched.status).toBe(303);
    expect(switched.headers.get("location")).toBe("/admin/compte");
    const english = await admin.getText("/admin/compte");
    expect(langOf(english.html)).toBe("en");
    expect(english.html).toContain("Sign out");
    expect(english.html).toContain("Skip to content");
    expect(english.html).toMatch(/<title>[^<]* back office<\/title>/);
    await admin.get("/langue/fr?retour=%2Fadmin");
    expect(langOf((await admin.getText("/admin/compte")).html)).toBe("fr");
  });

  it("tells French apart from English in text and in visible attributes", () => {
    expect(frenchTexts('<p>Aucun témoignage</p><button aria-label="Fermer la fenêtre">x</button><input type="submit" value="Enregistrer les modifications">')).toEqual([
      "Aucun témoignage",
      "Fermer la fenêtre",
      "Enregistrer les modifications",
    ]);
    expect(frenchTexts('<p>No story yet</p><img alt="A watering can"><p lang="fr">Français</p><textarea>déjà écrit</textarea><input value="déjà">')).toEqual([]);
  });
});
