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
});
