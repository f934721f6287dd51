import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { draftStory, editorViewer, publishStory } from "../../test/support/stories.js";
import { startTestApp, type TestApp } from "../../test/support/test-app.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import { writeSetting } from "../platform/db/settings.js";
import type { StoryInput } from "../stories/story-editing.service.js";
import { FEED_CONTENT_SETTING } from "./feed.service.js";

type JsonFeed = { version: string; feed_url: string; items: Array<{ title: string; url: string; summary: string; content_html?: string; content_text?: string }> };

describe.each(DIALECTS)("Atom and JSON feeds on %s", (dialect) => {
  let t: TestApp;
  let themeSlug = "";

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    const editor = await editorViewer(t);
    const theme = await t.deps.db.insertInto("themes").values({ slug: "famille", name: "Famille" }).returning(["id", "slug"]).executeTakeFirstOrThrow();
    const series = await t.deps.db.insertInto("series").values({ slug: "saison", title: "Saison", created_at: "2026-11-01T00:00:00.000Z" }).returning("id").executeTakeFirstOrThrow();
    themeSlug = theme.slug;
    const stories: Array<Partial<StoryInput>> = [
      { title: "Ma sœur & moi", standfirst: "Un chapô <court>.", body: "Le **texte entier** du récit.", themeIds: [theme.id] },
      { title: "Au travail", standfirst: "Rien à voir avec la famille.", body: "Un autre texte.", seriesId: series.id, seriesPosition: 1 },
    ];
    for (const s of stories) await publishStory(t, editor, s);
    // A draft is never in a feed.
    await draftStory(t, editor, { title: "Brouillon secret", standfirst: "Pas encore.", body: "Non publié.", themeIds: [theme.id] });
  });
  afterAll(() => t.close());

  it("serves the whole site as valid Atom with every public story and no draft", async () => {
    const res = await fetch(`${t.url}/flux.atom`);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const feed = await new Parser().parseString(await res.text());
    expect(feed.items.map((i) => i.title).sort()).toEqual(["Au travail", "Ma sœur & moi"]);
    expect(feed.items.find((i) => i.title === "Ma sœur & moi")?.summary).toBe("Un chapô <court>.");
  });

  it("serves JSON Feed 1.1 with the standfirst only by default", async () => {
    const res = await fetch(`${t.url}/flux.json`);
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = (await res.json()) as JsonFeed;
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.feed_url).toBe("http://127.0.0.1:3000/flux.json");
    const item = feed.items.find((i) => i.title === "Ma sœur & moi");
    expect(item?.content_text).toBe("Un chapô <court>.");
    expect(item?.content_html).toBeUndefined();
  });

  it("keeps a theme's and a series' feeds to their own stories, in all three formats", async () => {
    const json = (await (await fetch(`${t.url}/themes/${themeSlug}/flux.json`)).json()) as JsonFeed;
    expect(json.items.map((i) => i.title)).toEqual(["Ma sœur & moi"]);
    const rss = await new Parser().parseString(await (await fetch(`${t.url}/themes/${themeSlug}/flux.xml`)).text());
    expect(rss.items.map((i) => i.title)).toEqual(["Ma sœur & moi"]);
    const atom = await new Parser().parseString(await (await fetch(`${t.url}/series/saison/flux.atom`)).text());
    expect(atom.items.map((i) => i.title)).toEqual(["Au travail"]);
    expect((await fetch(`${t.url}/themes/inconnu/flux.atom`)).status).toBe(404);
  });

  it("advertises the site's feeds on every page and a theme's own on its page", async () => {
    const html = await (await fetch(`${t.url}/themes/${themeSlug}`)).text();
    for (const href of ["/flux.xml", "/flux.atom", "/flux.json", `/themes/${themeSlug}/flux.xml`, `/themes/${themeSlug}/flux.atom`, `/themes/${themeSlug}/flux.json`]) {
      expect(html).toContain(`href="${href}"`);
    }
    expect(html).toContain('<link rel="alternate" type="application/feed+json"');
  });

  // As a settings page will: the setting and the mark that cached pages changed, in one transaction.
  const changeFeedContent = (value: string) =>
    t.deps.db.transaction().execute(async (tx) => {
      await writeSetting(tx, FEED_CONTENT_SETTING, value);
      await markContentChanged(tx, new Date().toISOString());
    });

  it("carries the whole text when the setting asks for it", async () => {
    await changeFeedContent("full");
    const json = (await (await fetch(`${t.url}/flux.json`)).json()) as JsonFeed;
    expect(json.items.find((i) => i.title === "Ma sœur & moi")?.content_html).toContain("<strong>texte entier</strong>");
    const atom = await (await fetch(`${t.url}/flux.atom`)).text();
    expect(atom).toContain('<content type="html">');
    await changeFeedContent("excerpt");
  });
});
