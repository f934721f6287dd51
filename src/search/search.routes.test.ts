import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { editorViewer, publishStory, storyDeps } from "../../test/support/stories.js";
import { startTestApp, type TestApp } from "../../test/support/test-app.js";
import type { Viewer } from "../platform/http/access.js";
import type { StoryInput } from "../stories/story-editing.service.js";
import { changeStatus } from "../stories/story-status.service.js";

/**
 * One suite, the same expectations on both databases: stemming and accents, phrases, prefixes,
 * ranking, filters, excerpts, pagination, and a story leaving the results as soon as it is taken down.
 */

async function page(t: TestApp, query: string): Promise<{ status: number; html: string; titles: string[] }> {
  const res = await fetch(`${t.url}/recherche?${query}`, { redirect: "manual" });
  const html = await res.text();
  const titles = [...html.matchAll(/<h3 class="card-title"><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1] as string);
  return { status: res.status, html, titles };
}

describe.each(DIALECTS)("French search on %s", (dialect) => {
  let t: TestApp;
  let editor: Viewer;
  const ids: Record<string, number> = {};

  async function publish(key: string, input: Partial<StoryInput> & { title: string; standfirst: string; body: string }) {
    ids[key] = await publishStory(t, editor, input);
  }

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    editor = await editorViewer(t);
    await publish("hopital", { title: "Trois semaines à l'hôpital", standfirst: "Une hospitalisation racontée.", body: "Le service était calme. Les infirmières passaient la nuit." });
    await publish("therapies", { title: "Ce qui m'a aidée", standfirst: "Des thérapies de groupe.", body: "Les thérapies familiales ont changé le dialogue à la maison." });
    await publish("phrase", { title: "Le long chemin", standfirst: "Après une crise.", body: "Un long chemin vers le rétablissement, pas à pas." });
    await publish("words", { title: "Rétablissement au travail", standfirst: "Chemin de retour.", body: "Le chemin fut long, mais le travail aussi a compté." });
    const soins = await t.deps.db.insertInto("themes").values({ slug: "soins", name: "Soins" }).returning("id").executeTakeFirstOrThrow();
    const serie = await t.deps.db.insertInto("series").values({ slug: "voix", title: "Voix", created_at: "2026-11-01T00:00:00.000Z" }).returning("id").executeTakeFirstOrThrow();
    await publish("voices", { title: "Entendre des voix", standfirst: "Un récit sur les voix.", body: "Des voix et un hôpital de jour.", themeIds: [soins.id], seriesId: serie.id, seriesPosition: 1 });
    await publish("hostile", { title: "Balises", standfirst: "Texte avec <script>alert(1)</script> dedans.", body: "Le mot balisemarqueur & <b>gras</b>." });
  });
  afterAll(() => t.close());

  it("finds hôpital when searching hopitaux, and thérapies when searching therapie", async () => {
    const hopitaux = await page(t, "q=hopitaux");
    expect(hopitaux.status).toBe(200);
    expect(hopitaux.titles.sort()).toEqual(["Entendre des voix", "Trois semaines à l'hôpital"].sort());
    expect((await page(t, "q=therapie")).titles).toEqual(["Ce qui m'a aidée"]);
  });

  it("says how many testimonies match", async () => {
    expect((await page(t, "q=hopital")).html).toContain("2 témoignages");
    expect((await page(t, "q=therapie")).html).toContain("1 témoignage<");
  });

  it("matches a phrase in quotes only with its words in order", async () => {
    expect((await page(t, new URLSearchParams({ q: '"long chemin"' }).toString())).titles).toEqual(["Le long chemin"]);
    expect((await page(t, "q=long+chemin")).titles.sort()).toEqual(["Le long chemin", "Rétablissement au travail"].sort());
  });

  it("finds words by their beginning with a star", async () => {
    expect((await page(t, "q=infirm*")).titles).toEqual(["Trois semaines à l'hôpital"]);
    expect((await page(t, "q=infirm")).titles).toEqual([]);
  });

  it("ranks a story with the word in its title above one with it in its text", async () => {
    expect((await page(t, "q=retablissement")).titles).toEqual(["Rétablissement au travail", "Le long chemin"]);
  });

  it("filters by kind, theme and series, and an unknown theme matches nothing", async () => {
    expect((await page(t, "q=hopital&format=podcast")).titles).toEqual([]);
    expect((await page(t, "q=hopital&format=article")).titles).toHaveLength(2);
    expect((await page(t, "q=hopital&theme=soins")).titles).toEqual(["Entendre des voix"]);
    expect((await page(t, "q=hopital&serie=voix")).titles).toEqual(["Entendre des voix"]);
    expect((await page(t, "q=hopital&theme=inconnu")).titles).toEqual([]);
  });

  it("marks the matched words in an escaped excerpt, and escapes what was typed", async () => {
    const found = await page(t, new URLSearchParams({ q: "balisemarqueur <img src=x onerror=alert(1)>" }).toString());
    expect(found.status).toBe(200);
    expect(found.titles).toEqual([]);
    expect(found.html).not.toContain("<img src=x");
    expect(found.html).toContain("&lt;img src=x");
    const marked = await page(t, "q=balisemarqueur");
    expect(marked.html).toContain("<mark>balisemarqueur</mark>");
    expect(marked.html).not.toContain("<script>alert");
    expect(marked.html).toContain("&lt;script>alert(1)&lt;/script>");
  });

  it("drops a story from the results as soon as it is taken down", async () => {
    expect((await page(t, "q=infirmieres")).titles).toHaveLength(1);
    const deps = storyDeps(t);
    expect(await changeStatus(deps, editor, ids.hopital as number, "unpublish")).toMatchObject({ ok: true });
    expect((await page(t, "q=infirmieres")).titles).toEqual([]);
    expect(await changeStatus(deps, editor, ids.hopital as number, "publish")).toMatchObject({ ok: true });
    expect((await page(t, "q=infirmieres")).titles).toHaveLength(1);
  });

  it("redirects other spellings of a search to its canonical address", async () => {
    const res = await fetch(`${t.url}/recherche?format=&q=chemin&theme=&utm_source=x`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe("/recherche?q=chemin");
  });

  it("pages through many results, twelve at a time", async () => {
    for (let i = 0; i < 13; i++) await publish(`many${i}`, { title: `Récit numéro ${i}`, standfirst: "Pagination.", body: "Le mot commun zorglubien." });
    const first = await page(t, "q=zorglubien");
    expect(first.html).toContain("13 témoignages");
    expect(first.titles).toHaveLength(12);
    const second = await page(t, "q=zorglubien&page=2");
    expect(second.titles).toHaveLength(1);
    expect(first.titles).not.toContain(second.titles[0]);
  });

  it("answers the page with a prompt before anything is searched, and a search form in every page's header", async () => {
    const empty = await page(t, "");
    expect(empty.status).toBe(200);
    expect(empty.html).toContain("Tapez un ou plusieurs mots");
    const home = await (await fetch(`${t.url}/`)).text();
    expect(home).toMatch(/<form method="get" action="\/recherche" role="search"/);
  });
});
