import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { BLANK_STORY, storyDeps } from "../../test/support/stories.js";
import { startTestApp, type TestApp } from "../../test/support/test-app.js";
import { createVersionedMemo } from "../platform/cache/versioned-memo.js";
import { listPublishedStories, listingLandmarks, type PublicFilter } from "./published-listing.store.js";
import { ensureSeries, ensureTheme, type ImportedStory, importStories } from "./story-import.service.js";
import { type ListingQuery, listStories, PAGE_SIZE, type StoryReadDeps } from "./story.service.js";

/**
 * Deep listing pages start from landmarks kept per content version instead of counting every
 * story before them: every page of every filter must hold the same stories, in the same order,
 * with the same totals, as a plain sort of what was published, before and after a change.
 */
describe.each(DIALECTS)("the public listing's pages on %s", (dialect) => {
  // Landmarks every two pages (the site's are 50 pages apart): eight unfiltered, four for the first
  // theme, two for the second, none for the series.
  const STORIES = 200;
  const LANDMARK_EVERY = 2 * PAGE_SIZE;
  let t: TestApp;
  let deps: StoryReadDeps;
  let themes: { even: number; third: number };
  let seriesId: number;
  type Published = { id: number; publishedAt: string; themeIds: number[]; seriesId: number | null };
  const published: Published[] = [];

  async function importAll(stories: ImportedStory[]) {
    const report = await importStories(storyDeps(t), stories, { perTransaction: 250 });
    expect(report.notReleased).toEqual([]);
    published.push(...report.ids.map((id, i) => ({ id, publishedAt: stories[i]?.publishedAt as string, themeIds: stories[i]?.themeIds ?? [], seriesId: stories[i]?.seriesId ?? null })));
  }

  function story(i: number, publishedAt: string): ImportedStory {
    const themeIds = [...(i % 2 === 0 ? [themes.even] : []), ...(i % 3 === 0 ? [themes.third] : [])];
    const inSeries = i % 40 === 0;
    return {
      ...BLANK_STORY,
      title: `Récit numéro ${i}`,
      slug: `recit-${i}`,
      standfirst: "Un chapeau.",
      body: "Un texte court.",
      themeIds,
      seriesId: inSeries ? seriesId : null,
      seriesPosition: inSeries ? i / 40 : null,
      status: "published",
      publishedAt,
    };
  }

  /** What a page should hold: the published stories matching, newest first, the newest id first among equal dates. */
  function expected(match: (s: Published) => boolean): number[] {
    return published
      .filter(match)
      .sort((a, b) => (a.publishedAt === b.publishedAt ? b.id - a.id : a.publishedAt < b.publishedAt ? 1 : -1))
      .map((s) => s.id);
  }

  const FILTERS: Array<{ name: string; query: () => Omit<ListingQuery, "page">; match: (s: Published) => boolean }> = [
    { name: "every story", query: () => ({}), match: () => true },
    { name: "articles", query: () => ({ kind: "article" }), match: () => true },
    { name: "a theme over several landmarks", query: () => ({ theme: "pair" }), match: (s) => s.themeIds.includes(themes.even) },
    { name: "articles of a smaller theme", query: () => ({ kind: "article", theme: "tiers" }), match: (s) => s.themeIds.includes(themes.third) },
    { name: "a series", query: () => ({ series: "la-serie" }), match: (s) => s.seriesId === seriesId },
    { name: "a series within a theme", query: () => ({ theme: "pair", series: "la-serie" }), match: (s) => s.themeIds.includes(themes.even) && s.seriesId === seriesId },
  ];

  async function expectEveryPageOfEveryFilter() {
    for (const filter of FILTERS) {
      const ids = expected(filter.match);
      const pages = Math.max(1, Math.ceil(ids.length / PAGE_SIZE));
      const seen: number[] = [];
      for (let page = 1; page <= pages; page++) {
        const listing = await listStories(deps, { ...filter.query(), page });
        expect({ filter: filter.name, page, total: listing.total, pages: listing.pages }).toEqual({ filter: filter.name, page, total: ids.length, pages });
        seen.push(...listing.stories.map((s) => s.id));
      }
      expect({ filter: filter.name, ids: seen }).toEqual({ filter: filter.name, ids });
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    deps = { db: t.deps.db, memo: createVersionedMemo(t.deps.contentVersion), landmarkEvery: LANDMARK_EVERY };
    const now = new Date().toISOString();
    await t.deps.db.transaction().execute(async (tx) => {
      themes = {
        even: await ensureTheme(tx, { slug: "pair", name: "Pair", description: "" }, now),
        third: await ensureTheme(tx, { slug: "tiers", name: "Tiers", description: "" }, now),
      };
      seriesId = await ensureSeries(tx, { slug: "la-serie", title: "La série" }, now);
    });
    // Three stories to a date, so the order between equal dates matters at every landmark.
    const start = Date.parse("2020-01-01T08:00:00Z");
    await importAll(Array.from({ length: STORIES }, (_, i) => story(i + 1, new Date(start + Math.floor(i / 3) * 3_600_000).toISOString())));
    // Each story goes through the release door and its guards.
  }, 300_000);
  afterAll(() => t.close());

  it("gives every page of every filter the stories of a plain sort, once each, with its total", async () => {
    await expectEveryPageOfEveryFilter();
  }, 120_000);

  it("puts stories published since at their date's place on every page, at the very next request", async () => {
    await expectEveryPageOfEveryFilter();
    // The newest of all, then one older than all but with the highest id: a listing that sorted by
    // id, or a theme's rows that lost their story's date, would put it first.
    await importAll([story(STORIES + 1, "2030-01-01T08:00:00Z")]);
    await expectEveryPageOfEveryFilter();
    await importAll([story(STORIES + 4, "2019-06-01T08:00:00Z")]);
    await expectEveryPageOfEveryFilter();
  }, 120_000);

  it("starts a page after a landmark exactly where counting from the first story would", async () => {
    const filters: PublicFilter[] = [{}, { themeId: themes.even }, { kind: "article", themeId: themes.third }, { seriesId }, { themeId: themes.even, seriesId }];
    for (const filter of filters) {
      const all = await listPublishedStories(t.deps.db, filter, { limit: STORIES + 10, offset: 0 });
      for (const every of [1, 7, LANDMARK_EVERY]) {
        const landmarks = await listingLandmarks(t.deps.db, filter, every);
        expect(landmarks.length).toBe(Math.floor(all.length / every));
        for (const [n, landmark] of landmarks.entries()) {
          const story = all[(n + 1) * every - 1];
          expect(landmark).toEqual({ publishedAt: story?.publishedAt, storyId: story?.id });
          if (every === 1) continue;
          const page = await listPublishedStories(t.deps.db, filter, { limit: PAGE_SIZE, offset: 3, after: landmark });
          expect(page.map((s) => s.id)).toEqual(all.slice((n + 1) * every + 3, (n + 1) * every + 3 + PAGE_SIZE).map((s) => s.id));
        }
      }
    }
  }, 120_000);
});
