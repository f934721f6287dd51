import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "./support/databases.js";
import { startTestApp, type TestApp } from "./support/test-app.js";

/** The public side's small promises (issue 11, "Podcasts" and "Public polish"), on the demo site. */

/** Every `<article class="card card-…">` of a page, as HTML. */
const cardsOf = (html: string, kind: "article" | "podcast") => [...html.matchAll(new RegExp(`<article class="card card-${kind}"[\\s\\S]*?</article>`, "g"))].map((m) => m[0]);

describe.each(DIALECTS)("the public pages' wording on %s", (dialect) => {
  let t: TestApp;
  const get = async (path: string) => {
    const res = await fetch(t.url + path, { redirect: "manual" });
    return { res, html: await res.text() };
  };

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
  });
  afterAll(() => t.close());

  it("gives an episode's card its listening time, never a reading time", async () => {
    const { html } = await get("/temoignages?format=podcast");
    const cards = cardsOf(html, "podcast");
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toMatch(/Écoute\s:\s\d+\smin/);
      expect(card).not.toContain("de lecture");
    }
    // Articles keep their reading time.
    const articles = cardsOf((await get("/temoignages?format=article")).html, "article");
    expect(articles.length).toBeGreaterThan(0);
    for (const card of articles) expect(card).toMatch(/\d+\sminutes?\sde lecture/);
  });

  it("lists a series' parts, already numbered, without their titles' own numbering or a dangling dash", async () => {
    const { html } = await get("/temoignages/travailler-avec-un-trouble-bipolaire-annoncer-ou-se-taire");
    const nav = /<nav class="series-nav"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? "";
    const items = [...nav.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => (m[1] as string).replace(/<[^>]+>/g, "").trim());
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(item).not.toMatch(/\d\/\d/);
      expect(item).not.toMatch(/^[–-]|[–-]$/);
      expect(item).toMatch(/^Travailler avec un trouble bipolaire – /);
    }
  });

  it("counts a portrait collection's portraits and a series' parts", async () => {
    for (const path of ["/series", "/"]) {
      const { html } = await get(path);
      const collection = /<a href="\/series\/ils-et-elles-le-vivent">[\s\S]*?<p class="count-small">([^<]*)<\/p>/.exec(html)?.[1] ?? "";
      expect(collection).toMatch(/^4\sportraits$/);
    }
    const { html } = await get("/series/ils-et-elles-le-vivent");
    expect(html).toMatch(/<h2 class="count">4\sportraits<\/h2>/);
    const series = await get("/series/travailler-avec-un-trouble-bipolaire");
    expect(series.html).toMatch(/<h2 class="count">2\sparties<\/h2>/);
  });

  it("sends an address with empty filters to its canonical form, for browsers without the script", async () => {
    const { res } = await get("/temoignages?format=&theme=soins&serie=");
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/temoignages?theme=soins");
  });

  it("words /temoigner for a reader without JavaScript: the name left empty if anonymous, the consent pointing up to the uses chosen", async () => {
    const { html } = await get("/temoigner");
    expect(html).toContain("Laissez vide si anonyme.");
    expect(html).not.toContain("ci-dessous, le publier");
    const uses = html.indexOf('name="channels"');
    const consent = html.indexOf("cochés plus haut");
    expect(uses).toBeGreaterThan(0);
    expect(consent).toBeGreaterThan(uses);
  });

  it("says on English pages that the stories are in French, with the stories marked as French", async () => {
    const english = { "accept-language": "en" };
    const list = await (await fetch(`${t.url}/temoignages`, { headers: english })).text();
    expect(list).toContain('<html lang="en"');
    const cards = [...list.matchAll(/<article class="card card-\w+"[^>]*>[\s\S]*?<\/article>/g)].map((m) => m[0]);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(card).toMatch(/^<article class="card card-\w+" lang="fr">/);
      expect(card).toContain('<span lang="en">In French</span>');
    }
    const story = await (await fetch(`${t.url}/temoignages/un-samedi-au-gem`, { headers: english })).text();
    expect(story).toMatch(/<article class="story wrap narrow" lang="fr">/);
    expect(story).toContain('<span lang="en">In French</span>');
    // French pages need no such word.
    expect((await get("/temoignages")).html).not.toContain("En français");
  });

  it("links /pages/contribuer from /temoigner and every footer, and its interview offer leads to a way to ask for one", async () => {
    for (const path of ["/temoigner", "/", "/temoignages", "/contact"]) expect((await get(path)).html).toContain('<a href="/pages/contribuer">');
    const { html } = await get("/pages/contribuer");
    expect(html).toContain('href="/contact?sujet=entretien"');
    const form = await get("/contact?sujet=entretien");
    expect(form.html).toMatch(/name="subject"[^>]*value="Demande d'entretien \(téléphone ou visioconférence\)"|value="Demande d'entretien \(téléphone ou visioconférence\)"[^>]*name="subject"/);
  });
});
