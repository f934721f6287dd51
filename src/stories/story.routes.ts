import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import { renderDocument } from "../platform/html/render.js";
import type { PageContext } from "../platform/html/page-context.js";
import { feedLinks, presentCard, presentSeriesCount, presentStoryPage } from "./story.present.js";
import { listingQuery, themeListingQuery } from "./story.schemas.js";
import * as stories from "./story.service.js";
import { StoryListPage, type ListingView } from "./views/story-list-page.js";
import { type EpisodeExtra, StoryPageView } from "./views/story-page.js";
import { SeriesPageView, TaxonomyIndexPage } from "./views/taxonomy-pages.js";

const PUBLIC = { access: "public", pageCache: true } as const;
// Listings are cached per filter and page; any other parameter is redirected away by the page cache.
const LISTING = { access: "public", pageCache: { query: listingQuery } } as const;
const THEME_LISTING = { access: "public", pageCache: { query: themeListingQuery } } as const;

/** A filter naming no known theme or series, or a page past the last, is answered but not cached: such addresses are endless. */
function cacheOnlyRealListings(reply: FastifyReply, asked: { theme?: string; serie?: string; page: number }, listing: stories.Listing) {
  const real = (!asked.theme || listing.theme) && (!asked.serie || listing.series) && listing.page === asked.page;
  if (!real) reply.header("cache-control", "no-store");
}

function sendHtml(reply: FastifyReply, html: string) {
  return reply.type("text/html; charset=utf-8").send(html);
}

function listingView(ctx: PageContext, listing: stories.Listing, extra: Pick<ListingView, "heading" | "intro" | "basePath" | "showThemeFilter" | "current">, kind: string): ListingView {
  return {
    ...extra,
    cards: listing.stories.map((c) => presentCard(ctx, c)),
    total: listing.total,
    page: listing.page,
    pages: listing.pages,
    filters: { kind, theme: listing.theme?.slug ?? "", series: listing.series?.slug ?? "" },
    themeOptions: listing.themes.map((t) => ({ value: t.slug, label: t.name })),
    seriesOptions: listing.allSeries.map((s) => ({ value: s.slug, label: s.title })),
  };
}

/** What another feature adds to a story page (the podcast episode: player, transcript, downloads). */
export type StoryPageExtra = (ctx: PageContext, story: { id: number; slug: string; kind: string }) => Promise<EpisodeExtra>;

/** What this feature adds to the frames' menus. */
export const storyNavigation: FeatureNavigation = {
  main: [
    { key: "stories", href: "/temoignages", label: "nav.stories", position: 10 },
    { key: "themes", href: "/themes", label: "nav.themes", position: 20 },
    { key: "series", href: "/series", label: "nav.series", position: 30 },
  ],
};

export async function storyRoutes(app: FastifyInstance, opts: { deps: stories.StoryReadDeps; episodeSection?: StoryPageExtra }): Promise<void> {
  const { deps } = opts;

  app.get("/temoignages", { config: LISTING }, async (req, reply) => {
    const q = listingQuery.parse(req.query ?? {});
    const listing = await stories.listStories(deps, { kind: q.format, theme: q.theme, series: q.serie, page: q.page });
    cacheOnlyRealListings(reply, q, listing);
    const ctx = req.pageContext();
    const view = listingView(ctx, listing, { heading: ctx.t("stories.title"), basePath: "/temoignages", showThemeFilter: true, current: "stories" }, q.format ?? "");
    return sendHtml(reply, renderDocument(h(StoryListPage, { ctx, view })));
  });

  app.get<{ Params: { slug: string } }>("/temoignages/:slug", { config: PUBLIC }, async (req, reply) => {
    const result = await stories.storyPage(deps, req.params.slug);
    if ("redirectTo" in result) return reply.redirect(`/temoignages/${result.redirectTo}`, 301);
    if ("missing" in result) return reply.callNotFound();
    const ctx = req.pageContext();
    const episode = opts.episodeSection ? await opts.episodeSection(ctx, result.found.story) : null;
    return sendHtml(reply, renderDocument(h(StoryPageView, { ctx, view: presentStoryPage(ctx, result.found), episode })));
  });

  app.get("/themes", { config: PUBLIC }, async (req, reply) => {
    const ctx = req.pageContext();
    const themes = await stories.themesIndex(deps);
    const items = themes.map((t) => ({ href: `/themes/${t.slug}`, name: t.name, description: t.description, count: ctx.t("stories.count", { count: t.count }) }));
    return sendHtml(reply, renderDocument(h(TaxonomyIndexPage, { ctx, title: ctx.t("themes.title"), items, current: "themes" })));
  });

  app.get<{ Params: { slug: string } }>("/themes/:slug", { config: THEME_LISTING }, async (req: FastifyRequest<{ Params: { slug: string } }>, reply) => {
    const theme = await stories.findThemeBySlug(deps, req.params.slug);
    if (!theme) return reply.callNotFound();
    const q = themeListingQuery.parse(req.query ?? {});
    const listing = await stories.listStories(deps, { kind: q.format, theme: theme.slug, series: q.serie, page: q.page });
    cacheOnlyRealListings(reply, q, listing);
    const ctx = req.pageContext();
    const view = listingView(
      ctx,
      listing,
      { heading: theme.name, intro: theme.description, basePath: `/themes/${theme.slug}`, showThemeFilter: false, current: "themes" },
      q.format ?? "",
    );
    view.feeds = feedLinks(ctx, `/themes/${theme.slug}`, theme.name);
    return sendHtml(reply, renderDocument(h(StoryListPage, { ctx, view })));
  });

  // An imported site's tag archive (/tag/x/ there) lists the same stories here.
  app.get<{ Params: { slug: string } }>("/mots-cles/:slug", { config: PUBLIC }, async (req, reply) => {
    const keyword = await stories.findKeywordBySlug(deps, req.params.slug);
    if (!keyword) return reply.callNotFound();
    const q = listingQuery.parse(req.query ?? {});
    const listing = await stories.listStories(deps, { kind: q.format, keyword, series: q.serie, page: q.page });
    const ctx = req.pageContext();
    const view = listingView(
      ctx,
      listing,
      { heading: ctx.t("keywords.heading", { name: keyword.name }), basePath: `/mots-cles/${keyword.slug}`, showThemeFilter: false, current: "stories" },
      q.format ?? "",
    );
    return sendHtml(reply, renderDocument(h(StoryListPage, { ctx, view })));
  });

  app.get("/series", { config: PUBLIC }, async (req, reply) => {
    const ctx = req.pageContext();
    const series = await stories.seriesIndex(deps);
    const items = series.map((s) => ({
      href: `/series/${s.slug}`,
      name: s.title,
      description: s.description,
      count: presentSeriesCount(ctx, s, s.count),
      badge: s.isCollection ? ctx.t("series.collection") : undefined,
    }));
    return sendHtml(reply, renderDocument(h(TaxonomyIndexPage, { ctx, title: ctx.t("series.title"), items, current: "series" })));
  });

  app.get<{ Params: { slug: string } }>("/series/:slug", { config: PUBLIC }, async (req, reply) => {
    const page = await stories.seriesPage(deps, req.params.slug);
    if (!page) return reply.callNotFound();
    const ctx = req.pageContext();
    return sendHtml(
      reply,
      renderDocument(
        h(SeriesPageView, {
          ctx,
          title: page.series.title,
          description: page.series.description,
          badge: page.series.isCollection ? ctx.t("series.collection") : null,
          count: presentSeriesCount(ctx, page.series, page.parts.length),
          parts: page.parts.map((p) => presentCard(ctx, p)),
          feeds: feedLinks(ctx, `/series/${page.series.slug}`, page.series.title),
        }),
      ),
    );
  });
}
