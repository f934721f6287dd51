import type { Db } from "../database.js";
import type { StoredImage } from "../media/image.js";
import { findImages } from "../media/image.service.js";
import type { VersionedMemo } from "../platform/cache/versioned-memo.js";
import { renderMarkdown } from "../platform/html/markdown.js";
import { inlineImagesOfVersion } from "./story-images.service.js";
import * as listing from "./published-listing.store.js";
import * as store from "./published-story.store.js";
import { bodyParts, minutesForWords, type StoryKind } from "./story.js";
import type { StoryVersion } from "./story-version.js";
import * as keywordStore from "./keyword.store.js";
import * as seriesStore from "./series.store.js";
import * as themeStore from "./theme.store.js";

/**
 * Read side of testimonies: everything a reader can see, always from the released versions
 * (published-story.store.ts), never from the working copies. Writes live in story-editing.service.ts.
 */
export type StoryReadDeps = {
  db: Db;
  memo: VersionedMemo;
  /** Stories between two listing landmarks (LANDMARK_EVERY); smaller in tests, to cross many landmarks with few stories. */
  landmarkEvery?: number;
};

export type SeriesRef = { slug: string; title: string; isCollection: boolean; position: number | null; total: number };

export type StoryCard = store.PublishedSummary & {
  themes: themeStore.Theme[];
  series: SeriesRef | null;
  cover: StoredImage | null;
  /** An episode's duration, for its listening time (null for an article or an episode without sound). */
  listeningMs: number | null;
};

export const PAGE_SIZE = 12;

function allThemes(deps: StoryReadDeps) {
  return deps.memo.get("themes", () => themeStore.listThemes(deps.db));
}

function allSeries(deps: StoryReadDeps) {
  return deps.memo.get("series", () => seriesStore.listSeries(deps.db));
}

function seriesTotals(deps: StoryReadDeps) {
  return deps.memo.get("series-totals", async () => {
    const series = await allSeries(deps);
    return store.countPublishedPartsBySeries(
      deps.db,
      series.map((s) => s.id),
    );
  });
}

function listeningTimes(deps: StoryReadDeps) {
  return deps.memo.get("listening-times", () => store.listPublishedListeningTimes(deps.db));
}

/** Every theme and series, for filters (memoised per content version). */
export async function filterOptions(deps: StoryReadDeps): Promise<{ themes: themeStore.Theme[]; series: seriesStore.Series[] }> {
  const [themes, series] = await Promise.all([allThemes(deps), allSeries(deps)]);
  return { themes, series };
}

/** Adds themes, series position and cover image to summaries (themes and series remembered per content version, images once). */
export async function toCards(deps: StoryReadDeps, stories: store.PublishedSummary[]): Promise<StoryCard[]> {
  const [themes, series, totals, images, listening] = await Promise.all([
    allThemes(deps),
    allSeries(deps),
    seriesTotals(deps),
    findImages(
      deps,
      stories.map((s) => s.coverImageId),
    ),
    stories.some((s) => s.kind === "podcast") ? listeningTimes(deps) : new Map<number, number>(),
  ]);
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const seriesById = new Map(series.map((s) => [s.id, s]));
  return stories.map((s) => {
    const sr = s.seriesId !== null ? seriesById.get(s.seriesId) : undefined;
    return {
      ...s,
      themes: s.themeIds.map((id) => themeById.get(id)).filter((t): t is themeStore.Theme => t !== undefined),
      series: sr
        ? { slug: sr.slug, title: sr.title, isCollection: sr.isCollection, position: s.seriesPosition, total: totals.get(sr.id) ?? 0 }
        : null,
      cover: s.coverImageId !== null ? (images.get(s.coverImageId) ?? null) : null,
      listeningMs: s.kind === "podcast" ? (listening.get(s.id) ?? null) : null,
    };
  });
}

export type ListingQuery = { kind?: StoryKind; theme?: string; series?: string; keyword?: keywordStore.Keyword; page: number };

export type Listing = {
  stories: StoryCard[];
  total: number;
  page: number;
  pages: number;
  theme: themeStore.Theme | null;
  series: seriesStore.Series | null;
  themes: themeStore.Theme[];
  allSeries: seriesStore.Series[];
};

/** The filtered, paginated listing. An unknown theme or series filter matches nothing. */
export async function listStories(deps: StoryReadDeps, query: ListingQuery): Promise<Listing> {
  const [themes, series] = await Promise.all([allThemes(deps), allSeries(deps)]);
  const theme = query.theme ? (themes.find((t) => t.slug === query.theme) ?? null) : null;
  const serie = query.series ? (series.find((s) => s.slug === query.series) ?? null) : null;
  const unknown = (query.theme && !theme) || (query.series && !serie);
  const filter: listing.PublicFilter = { kind: query.kind, themeId: theme?.id, seriesId: serie?.id, keywordId: query.keyword?.id };
  const filterKey = `${filter.kind ?? ""}:${filter.themeId ?? ""}:${filter.seriesId ?? ""}:${filter.keywordId ?? ""}`;
  const total = unknown ? 0 : await deps.memo.get(`count:${filterKey}`, () => listing.countPublishedStories(deps.db, filter));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(Math.max(1, query.page), pages);
  const summaries = total === 0 ? [] : await listing.listPublishedStories(deps.db, filter, await listingPage(deps, filter, filterKey, (page - 1) * PAGE_SIZE));
  return { stories: await toCards(deps, summaries), total, page, pages, theme, series: serie, themes, allSeries: series };
}

// A landmark every 50 pages: a page walks at most this many stories past the one before it.
const LANDMARK_EVERY = 50 * PAGE_SIZE;

/**
 * Where a listing page starts. OFFSET walks every story before the page, so the 8,000th page of
 * 100,000 stories walked 96,000; past the first landmark, the page starts after the nearest one
 * (kept per content version, like the counts) and walks less than LANDMARK_EVERY.
 */
async function listingPage(deps: StoryReadDeps, filter: listing.PublicFilter, filterKey: string, offset: number): Promise<listing.ListingPage> {
  const every = deps.landmarkEvery ?? LANDMARK_EVERY;
  const nth = Math.floor(offset / every);
  if (nth === 0) return { limit: PAGE_SIZE, offset };
  const landmarks = await deps.memo.get(`landmarks:${every}:${filterKey}`, () => listing.listingLandmarks(deps.db, filter, every));
  const after = landmarks[nth - 1];
  // Fewer landmarks than expected: content changed after the count was read; OFFSET is still right.
  if (!after) return { limit: PAGE_SIZE, offset };
  return { limit: PAGE_SIZE, offset: offset - nth * every, after };
}

/** A keyword (an imported site's tag) by its address, for its listing. */
export function findKeywordBySlug(deps: StoryReadDeps, slug: string): Promise<keywordStore.Keyword | null> {
  return keywordStore.findKeywordBySlug(deps.db, slug);
}

export type Home = {
  featured: StoryCard | null;
  latest: StoryCard[];
  total: number;
  themes: Array<themeStore.Theme & { count: number }>;
  series: Array<seriesStore.Series & { count: number }>;
};

export async function homePage(deps: StoryReadDeps): Promise<Home> {
  const [featuredSummary, latestSummaries, total, themes, themeCounts, series, totals] = await Promise.all([
    store.findFeaturedStory(deps.db),
    listing.listPublishedStories(deps.db, {}, { limit: 7, offset: 0 }),
    countPublished(deps),
    allThemes(deps),
    deps.memo.get("theme-counts", () => store.countPublishedStoriesByTheme(deps.db)),
    allSeries(deps),
    seriesTotals(deps),
  ]);
  const latest = latestSummaries.filter((s) => s.id !== featuredSummary?.id).slice(0, 6);
  const cards = await toCards(deps, featuredSummary ? [featuredSummary, ...latest] : latest);
  return {
    featured: featuredSummary ? (cards[0] ?? null) : null,
    latest: featuredSummary ? cards.slice(1) : cards,
    total,
    themes: themes.map((t) => ({ ...t, count: themeCounts.get(t.id) ?? 0 })).filter((t) => t.count > 0),
    series: series.map((s) => ({ ...s, count: totals.get(s.id) ?? 0 })).filter((s) => s.count > 0),
  };
}

export type StoryPage = {
  story: store.PublishedPage & StoryCard;
  /** The body rendered once, when its version was released. */
  bodyHtml: string;
  voices: store.PublishedVoice[];
  parts: StoryCard[];
  previous: StoryCard | null;
  next: StoryCard | null;
  related: StoryCard[];
};

export type StoryLookup = { found: StoryPage } | { redirectTo: string } | { missing: true };

const RELATED_COUNT = 4;
// Enough for the story itself, a few parts of its series and the related ones.
const SHARING_KEPT = 12;

/**
 * The newest stories with any of these themes. They are the same for every story with the same
 * themes: worked out once per content version and set of themes, and shared by all their pages.
 */
function newestSharingThemes(deps: StoryReadDeps, themeIds: number[], needed: number): Promise<store.PublishedSummary[]> {
  if (needed > SHARING_KEPT) return store.listPublishedStoriesWithAnyTheme(deps.db, themeIds, needed);
  return deps.memo.get(`sharing:${themeIds.join(",")}`, () => store.listPublishedStoriesWithAnyTheme(deps.db, themeIds, SHARING_KEPT));
}

export async function storyPage(deps: StoryReadDeps, slug: string): Promise<StoryLookup> {
  const story = await store.findPublishedPageBySlug(deps.db, slug);
  if (!story) {
    const target = await store.findRedirectTarget(deps.db, slug);
    return target ? { redirectTo: target } : { missing: true };
  }
  const parts = story.seriesId !== null ? await store.listPublishedSeriesParts(deps.db, story.seriesId) : [];
  // Next testimonies: the rest of the series first, then stories sharing a theme.
  const seriesOthers = parts.filter((p) => p.id !== story.id);
  const seen = new Set([story.id, ...seriesOthers.map((p) => p.id)]);
  const wanted = RELATED_COUNT - Math.min(seriesOthers.length, RELATED_COUNT);
  const sharing = wanted > 0 ? await newestSharingThemes(deps, story.themeIds, wanted + seen.size) : [];
  const relatedSummaries = [...seriesOthers, ...sharing.filter((s) => !seen.has(s.id))].slice(0, RELATED_COUNT);
  const cards = await toCards(deps, [story, ...parts, ...relatedSummaries]);
  const card = cards[0] as StoryCard;
  const partCards = cards.slice(1, 1 + parts.length);
  const related = cards.slice(1 + parts.length);
  const index = partCards.findIndex((p) => p.id === story.id);
  return {
    found: {
      story: { ...story, ...card },
      bodyHtml: story.bodyHtml,
      voices: story.voices,
      parts: partCards,
      previous: index > 0 ? (partCards[index - 1] ?? null) : null,
      next: index >= 0 ? (partCards[index + 1] ?? null) : null,
      related,
    },
  };
}

export async function themesIndex(deps: StoryReadDeps) {
  const [themes, counts] = await Promise.all([
    allThemes(deps),
    deps.memo.get("theme-counts", () => store.countPublishedStoriesByTheme(deps.db)),
  ]);
  return themes.map((t) => ({ ...t, count: counts.get(t.id) ?? 0 })).filter((t) => t.count > 0);
}

export async function seriesIndex(deps: StoryReadDeps) {
  const [series, totals] = await Promise.all([allSeries(deps), seriesTotals(deps)]);
  return series.map((s) => ({ ...s, count: totals.get(s.id) ?? 0 })).filter((s) => s.count > 0);
}

export async function seriesPage(deps: StoryReadDeps, slug: string) {
  const series = await seriesStore.findSeriesBySlug(deps.db, slug);
  if (!series) return null;
  const parts = await toCards(deps, await store.listPublishedSeriesParts(deps.db, series.id));
  if (parts.length === 0) return null;
  return { series, parts };
}

/** One published story by its address, without the rest of its page. */
export function findPublishedStory(deps: Pick<StoryReadDeps, "db">, slug: string): Promise<store.PublishedStory | null> {
  return store.findPublishedStoryBySlug(deps.db, slug);
}

export async function findThemeBySlug(deps: StoryReadDeps, slug: string) {
  return (await allThemes(deps)).find((t) => t.slug === slug) ?? null;
}

export function countPublished(deps: StoryReadDeps): Promise<number> {
  return deps.memo.get("count:::", () => listing.countPublishedStories(deps.db, {}));
}

export function publishedSlugs(deps: StoryReadDeps, page: { limit: number; offset: number }) {
  return store.listPublishedSlugs(deps.db, page);
}

/** The newest public stories of the whole site, a theme or a series, for feeds; with their text when asked. */
export async function feedStories(
  deps: StoryReadDeps,
  scope: { themeId?: number; seriesId?: number },
  opts: { limit: number; fullText: boolean },
): Promise<Array<StoryCard & { text: { bodyHtml: string; voices: store.PublishedVoice[] } | null }>> {
  const cards = await toCards(deps, await listing.listPublishedStories(deps.db, scope, { limit: opts.limit, offset: 0 }));
  const bodies = opts.fullText ? await store.listPublishedBodies(deps.db, cards.map((c) => c.id)) : new Map();
  return cards.map((c) => ({ ...c, text: bodies.get(c.id) ?? null }));
}

export function findSeriesBySlug(deps: StoryReadDeps, slug: string) {
  return allSeries(deps).then((all) => all.find((s) => s.slug === slug) ?? null);
}

/** The latest released stories, newest first. */
export async function latestStories(deps: StoryReadDeps, limit: number): Promise<StoryCard[]> {
  return toCards(deps, await listing.listPublishedStories(deps.db, {}, { limit, offset: 0 }));
}

/** Published stories among the given ones, newest first (stories made from a call's contributions). */
export async function publishedCardsAmong(deps: StoryReadDeps, ids: number[], limit = 60): Promise<StoryCard[]> {
  if (ids.length === 0) return [];
  return toCards(deps, await listing.listPublishedStories(deps.db, { ids }, { limit, offset: 0 }));
}

/** Stories first published at or after this time (ISO UTC), newest first. */
export async function storiesPublishedSince(deps: StoryReadDeps, since: string, limit: number): Promise<StoryCard[]> {
  return toCards(deps, await listing.listPublishedStories(deps.db, { publishedSince: since }, { limit, offset: 0 }));
}

/** Which of the given stories are published now. */
export async function publishedAmong(deps: Pick<StoryReadDeps, "db">, ids: number[]): Promise<Set<number>> {
  return new Set(await store.listPublishedIdsAmong(deps.db, ids));
}

/**
 * A version as its public page would show it, before it is released: what an author approves and
 * an editor previews. Rendered with the same presenter and components as the public page.
 */
export async function previewPage(deps: StoryReadDeps, storyId: number, version: StoryVersion, publishedAt: string | null): Promise<StoryPage> {
  // A preview sits one heading level below the public page (its title is an h2).
  const body = bodyParts(version.format, version.body);
  const summary: store.PublishedSummary = {
    id: storyId,
    slug: version.slug,
    kind: version.kind,
    format: version.format,
    title: version.title,
    standfirst: version.standfirst,
    status: "published",
    publishedAt,
    readingMinutes: minutesForWords(body.words),
    credit: version.credit,
    contentNotes: version.contentNotes,
    coverImageId: version.coverImageId,
    coverAlt: version.coverAlt,
    seriesId: version.seriesId,
    seriesPosition: version.seriesPosition,
    isFeatured: false,
    authorId: null,
    updatedAt: publishedAt ?? "",
    themeIds: version.themeIds,
  };
  const [themes, series, totals, images] = await Promise.all([allThemes(deps), allSeries(deps), seriesTotals(deps), findImages(deps, [version.coverImageId])]);
  const themeById = new Map(themes.map((t) => [t.id, t]));
  const sr = version.seriesId !== null ? series.find((x) => x.id === version.seriesId) : undefined;
  const card: StoryCard = {
    ...summary,
    themes: version.themeIds.map((id) => themeById.get(id)).filter((t): t is themeStore.Theme => t !== undefined),
    series: sr
      ? { slug: sr.slug, title: sr.title, isCollection: sr.isCollection, position: version.seriesPosition, total: Math.max(totals.get(sr.id) ?? 0, version.seriesPosition ?? 0) }
      : null,
    cover: version.coverImageId !== null ? (images.get(version.coverImageId) ?? null) : null,
    listeningMs: null,
  };
  const inlineImages = inlineImagesOfVersion(version);
  const bodyHtml = renderMarkdown(body.intro, { firstHeadingLevel: 3, images: inlineImages });
  const voices = body.voices.map((v) => ({ credit: v.credit, html: renderMarkdown(v.bodyMd, { firstHeadingLevel: 5, images: inlineImages }) }));
  return {
    story: { ...card, bodyHtml, voices },
    bodyHtml,
    voices,
    parts: [],
    previous: null,
    next: null,
    related: [],
  };
}
