import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance } from "fastify";
import { createElement as h } from "preact";
import { renderDocument } from "../platform/html/render.js";
import { presentCard } from "../stories/story.present.js";
import type { StoryReadDeps } from "../stories/story.service.js";
import { searchQuery } from "./search.schemas.js";
import { search } from "./search.service.js";
import { SearchPage, type SearchView } from "./views/search-page.js";

/** What this feature adds to the frames' menus. */
export const searchNavigation: FeatureNavigation = {
  search: { action: "/recherche", landmark: "search.site", label: "search.label", submit: "search.submit" },
};

/**
 * `/recherche`: its parameters are registered with the page cache, so any other spelling is
 * redirected to the canonical address. Result pages are kept apart from other pages, on a small
 * shelf of their own (a flood of queries cannot evict the pages everyone reads), until content
 * changes: even with only the newest thousand matches ranked (search-index.store.ts), a query
 * costs a few milliseconds at 100,000 stories, and the most asked searches are asked again and again. Browsers are told not to keep them
 * (`no-store`: a shared computer need not remember what someone searched for). Cost per request,
 * asked again and asked once: bench/search.ts.
 */
export async function searchRoutes(app: FastifyInstance, opts: { deps: StoryReadDeps }): Promise<void> {
  app.get("/recherche", { config: { access: "public", pageCache: { query: searchQuery, apart: true } } }, async (req, reply) => {
    const asked = searchQuery.parse(req.query ?? {});
    const q = asked.q ?? "";
    const ctx = req.pageContext();
    const found = await search(opts.deps, { q, kind: asked.format, theme: asked.theme, series: asked.serie, page: asked.page });
    const view: SearchView = {
      q,
      filters: { kind: asked.format ?? "", theme: found.theme?.slug ?? "", series: found.serie?.slug ?? "" },
      themeOptions: found.themes.map((t) => ({ value: t.slug, label: t.name })),
      seriesOptions: found.series.map((s) => ({ value: s.slug, label: s.title })),
      total: q ? found.total : null,
      capped: found.capped,
      results: found.results.map((r) => ({ card: presentCard(ctx, r.card), excerpt: r.excerpt })),
      page: found.page,
      pages: found.pages,
    };
    reply.header("cache-control", "no-store");
    return reply.type("text/html; charset=utf-8").send(renderDocument(h(SearchPage, { ctx, view })));
  });
}
