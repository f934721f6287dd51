import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { editorViewer, publishStory } from "../../test/support/stories.js";
import { startTestApp, type TestApp } from "../../test/support/test-app.js";
import { parseSearchQuery } from "../platform/search/search-query.js";
import { searchPublished } from "./search-index.store.js";

/**
 * Only the newest matches are ranked, so a word most stories contain costs what a rare one does.
 * The bound is a parameter: here a small one stands for the thousand of production.
 */
describe.each(DIALECTS)("ranking a bounded set of matches on %s", (dialect) => {
  let t: TestApp;
  const ids: number[] = [];
  let themed: number[] = [];
  const everything = { limit: 100, offset: 0 };
  const find = (q: string, maxRanked: number, filter = {}, page = everything) => searchPublished(t.deps.db, parseSearchQuery(q), filter, page, maxRanked);

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    const editor = await editorViewer(t);
    const theme = await t.deps.db.insertInto("themes").values({ slug: "bornes", name: "Bornes" }).returning("id").executeTakeFirstOrThrow();
    // Oldest first; the word weighs differently in each, so the best are not simply the newest.
    const stories = [
      { title: "Le quinconce au titre", body: "Un texte sans rapport.", themeIds: [theme.id] },
      { title: "Premier récit", body: "Une fois quinconce dans un texte assez long, avec bien d'autres mots autour de lui." },
      { title: "Deuxième récit", body: "Quinconce, quinconce et encore quinconce.", themeIds: [theme.id] },
      { title: "Troisième récit", body: "Le quinconce une fois, dans un texte qui parle surtout d'autre chose que de lui." },
      { title: "Quinconce", body: "Quinconce au titre et dans le texte.", themeIds: [theme.id] },
      { title: "Cinquième récit", body: "Un quinconce, puis un autre quinconce." },
    ];
    for (const s of stories) ids.push(await publishStory(t, editor, { standfirst: "Un récit.", ...s }));
    themed = [ids[0], ids[2], ids[4]] as number[];
  });
  afterAll(() => t.close());

  it("ranks every match exactly as before when a query has no more matches than the bound", async () => {
    const all = await find("quinconce", 1_000);
    expect(all.total).toBe(6);
    expect(all.capped).toBe(false);
    expect(all.ids.slice(0, 2).sort()).toEqual([ids[0], ids[4]].sort());
    // The order is the score's, not the newest first: otherwise this test would prove nothing.
    expect(all.ids).not.toEqual([...ids].reverse());
    expect(await find("quinconce", 6)).toEqual(all);
    const pages = [await find("quinconce", 6, {}, { limit: 4, offset: 0 }), await find("quinconce", 6, {}, { limit: 4, offset: 4 })];
    expect(pages.flatMap((p) => p.ids)).toEqual(all.ids);
  });

  it("ranks only the newest matches past the bound, in the same order, and says there are more", async () => {
    const all = await find("quinconce", 1_000);
    const newest = new Set(ids.slice(-3));
    const bounded = await find("quinconce", 3);
    expect(bounded).toEqual({ ids: all.ids.filter((id) => newest.has(id)), total: 3, capped: true });
    expect(await find("quinconce", 3, {}, { limit: 2, offset: 2 })).toEqual({ ids: bounded.ids.slice(2), total: 3, capped: true });
  });

  it("applies filters before the bound, for words, phrases and prefixes", async () => {
    const themeId = (await t.deps.db.selectFrom("themes").select("id").where("slug", "=", "bornes").executeTakeFirstOrThrow()).id;
    expect(await find("quinconce", 2, { themeId })).toMatchObject({ total: 2, capped: true });
    expect((await find("quinconce", 2, { themeId })).ids.sort()).toEqual([themed[1], themed[2]].sort());
    expect(await find("quinconce", 3, { themeId })).toMatchObject({ total: 3, capped: false });
    expect(await find("quinc*", 1)).toMatchObject({ ids: [ids[5]], total: 1, capped: true });
    expect(await find('"encore quinconce"', 1)).toEqual({ ids: [ids[2]], total: 1, capped: false });
  });
});
