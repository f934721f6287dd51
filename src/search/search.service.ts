import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { StoryKind } from "../stories/story.js";
import { filterOptions, publishedCardsAmong, type StoryCard, type StoryReadDeps } from "../stories/story.service.js";
import { releasedVersion } from "../stories/story-release.service.js";
import type { ReleaseListener, ReleasedText } from "../stories/story-version.js";
import { indexTerms, plainTextOf } from "../platform/search/french-text.js";
import * as index from "./search-index.store.js";
import { type ExcerptPart, excerptOf } from "./search-excerpt.js";
import { parseSearchQuery, type SearchQuery } from "../platform/search/search-query.js";

/**
 * French search over released versions. The index follows the release door (a release listener,
 * in its transaction): a story taken down, withdrawn or anonymised leaves the results with the
 * commit that takes it off its page. Only the newest matches are ranked (`MAX_RANKED`, see
 * search-index.store.ts): a common word costs what a rare one does.
 */

export const RESULTS_PER_PAGE = 12;

function indexedOf(storyId: number, text: ReleasedText): index.IndexedStory {
  const body = [text.standfirst, plainTextOf(text.bodyHtml), ...text.voicesHtml.map(plainTextOf)].join("\n");
  return { storyId, plainText: body, titleTerms: indexTerms(text.title), bodyTerms: indexTerms(body) };
}

/** Keeps the search index in step with what is public (registered in publicationRules). */
export function searchIndexListener(): ReleaseListener {
  return {
    released: (tx, storyId, _version, text) => index.writeIndexedStory(tx, indexedOf(storyId, text)),
    retracted: (tx, storyId) => index.deleteIndexedStory(tx, storyId),
  };
}

/**
 * Indexes released versions that have no index row (public before search existed), one transaction
 * each, letting requests through between them: it runs in the background after an upgrade, while the
 * site answers. A story taken down meanwhile is safe: its row references the public story (on delete
 * cascade). Pages kept meanwhile (a search that found fewer) are let go at the end. Returns how
 * many; `signal` stops it between stories.
 */
export async function indexUnindexedStories(db: Db, now: () => Date, signal?: AbortSignal): Promise<number> {
  const ids = await index.listUnindexedPublishedIds(db);
  let indexed = 0;
  for (const id of ids) {
    if (signal?.aborted) break;
    indexed++;
    await db.transaction().execute(async (tx) => {
      const story = await releasedVersion(tx, id);
      if (!story) return;
      const text = { title: story.title, standfirst: story.standfirst, bodyHtml: story.bodyHtml, voicesHtml: story.voices.map((v) => v.html) };
      await index.writeIndexedStory(tx, indexedOf(id, text));
    });
    await nextTurn();
  }
  if (indexed > 0) await db.transaction().execute((tx) => markContentChanged(tx, now().toISOString()));
  return indexed;
}

export type SearchRequest = { q: string; kind?: StoryKind; theme?: string; series?: string; page: number };

type Options = Awaited<ReturnType<typeof filterOptions>>;

export type SearchResult = {
  query: SearchQuery;
  results: Array<{ card: StoryCard; excerpt: ExcerptPart[] }>;
  /** How many match, up to the number ranked; `capped`: more than that. */
  total: number;
  capped: boolean;
  page: number;
  pages: number;
  /** The filters' options, and the theme and series chosen if they exist. */
  themes: Options["themes"];
  series: Options["series"];
  theme: Options["themes"][number] | null;
  serie: Options["series"][number] | null;
};

export async function search(deps: StoryReadDeps, request: SearchRequest, maxRanked = index.MAX_RANKED): Promise<SearchResult> {
  const query = parseSearchQuery(request.q);
  const { themes, series } = await filterOptions(deps);
  const theme = request.theme ? (themes.find((t) => t.slug === request.theme) ?? null) : null;
  const serie = request.series ? (series.find((s) => s.slug === request.series) ?? null) : null;
  // An unknown theme or series matches nothing, as on the listings.
  const unknown = (request.theme && !theme) || (request.series && !serie);
  const filter = { kind: request.kind, themeId: theme?.id, seriesId: serie?.id };
  const pageAt = (n: number) => ({ limit: RESULTS_PER_PAGE, offset: (n - 1) * RESULTS_PER_PAGE });
  const first = unknown ? { ids: [], total: 0, capped: false } : await index.searchPublished(deps.db, query, filter, pageAt(request.page), maxRanked);
  const pages = Math.max(1, Math.ceil(first.total / RESULTS_PER_PAGE));
  const page = Math.min(Math.max(1, request.page), pages);
  // A page past the last shows the last one.
  const found = page === request.page ? first : await index.searchPublished(deps.db, query, filter, pageAt(page), maxRanked);
  const [cards, texts] = await Promise.all([publishedCardsAmong(deps, found.ids, RESULTS_PER_PAGE), index.plainTextsOf(deps.db, found.ids)]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  const results = found.ids.flatMap((id) => {
    const card = byId.get(id);
    return card ? [{ card, excerpt: excerptOf(texts.get(id) ?? "", query) }] : [];
  });
  return { query, results, total: first.total, capped: first.capped, page, pages, themes, series, theme, serie };
}
