import type { FeatureNavigation } from "../platform/html/navigation.js";
import type { FastifyInstance } from "fastify";
import { createElement as h } from "preact";
import { z } from "zod";
import { listPageSlugs } from "../pages/page.service.js";
import { setPreferredLocale } from "../accounts/account.service.js";
import { LOCALE_COOKIE, LOCALE_COOKIE_DAYS } from "../platform/http/locale.js";
import type { CookieJar } from "../platform/http/cookies.js";
import type { NotFoundFallback } from "../platform/http/errors.js";
import { renderDocument } from "../platform/html/render.js";
import { safeRedirectPath } from "../platform/http/redirect.js";
import { presentCard, presentSeriesCount } from "../stories/story.present.js";
import * as stories from "../stories/story.service.js";
import { presentCallCard } from "../submissions/calls/call.present.js";
import { type CallDeps, openCalls } from "../submissions/calls/call.service.js";
import { sitemapIndexXml, sitemapXml } from "./feeds.js";
import { HomePage } from "./views/home-page.js";

const PUBLIC = { access: "public", pageCache: true } as const;
export const SITEMAP_CHUNK = 40_000;

const localeParams = z.object({ locale: z.enum(["fr", "en"]) });

/** What this feature adds to the frames' menus. */
export const siteNavigation: FeatureNavigation = {
  footer: [{ key: "rss", href: "/flux.xml", label: "footer.rss", position: 100 }],
  feeds: [
    { href: "/flux.xml", type: "application/rss+xml", title: "footer.rss" },
    { href: "/flux.atom", type: "application/atom+xml", title: "feeds.atom" },
    { href: "/flux.json", type: "application/feed+json", title: "feeds.json" },
  ],
  languageSwitch: "/langue",
};

export async function siteRoutes(
  app: FastifyInstance,
  opts: {
    deps: stories.StoryReadDeps & CallDeps;
    cookies: CookieJar;
    /** Old query addresses of an imported site on the home page ("/?p=12"), answered before the page. */
    legacyQuery?: { names: readonly string[]; answer: NotFoundFallback };
  },
): Promise<void> {
  const { deps } = opts;
  // The old query forms are the home page's known parameters, so the page cache lets them reach the
  // route instead of redirecting them to "/"; any of them that names nothing then goes to "/".
  const legacyNames = opts.legacyQuery?.names ?? [];
  const homeQuery = z.object(Object.fromEntries(legacyNames.map((n) => [n, z.string().max(200).optional().catch(undefined)])));
  const HOME = { access: "public", pageCache: { query: homeQuery } } as const;

  app.get("/", { config: HOME }, async (req, reply) => {
    // Only a request with a query string pays for the look-up; the home page itself does not.
    if (opts.legacyQuery && req.url.includes("?")) {
      if (await opts.legacyQuery.answer(req, reply)) return reply;
      return reply.redirect("/", 301);
    }
    const ctx = req.pageContext();
    const [home, calls] = await Promise.all([stories.homePage(deps), openCalls(deps)]);
    const view = {
      featured: home.featured ? presentCard(ctx, home.featured) : null,
      latest: home.latest.map((c) => presentCard(ctx, c)),
      total: home.total,
      calls: calls.map((c) => presentCallCard(ctx, { ...c, published: undefined })),
      themes: home.themes.map((t) => ({ href: `/themes/${t.slug}`, name: t.name, description: "", count: ctx.t("stories.count", { count: t.count }) })),
      series: home.series.map((s) => ({
        href: `/series/${s.slug}`,
        name: s.title,
        description: "",
        count: presentSeriesCount(ctx, s, s.count),
        badge: s.isCollection ? ctx.t("series.collection") : undefined,
      })),
    };
    return reply.type("text/html; charset=utf-8").send(renderDocument(h(HomePage, { ctx, view })));
  });

  // The choice is remembered in a cookie; without it, Accept-Language decides.
  app.get<{ Params: { locale: string } }>("/langue/:locale", { config: { access: "public" } }, async (req, reply) => {
    const params = localeParams.safeParse(req.params);
    if (!params.success) return reply.callNotFound();
    const back = safeRedirectPath((req.query as Record<string, unknown>).retour, "/");
    opts.cookies.set(reply, LOCALE_COOKIE, params.data.locale, { maxAge: LOCALE_COOKIE_DAYS * 24 * 3600 });
    // A signed-in person's choice is also their account's: their mails follow it.
    if (req.viewer) await setPreferredLocale(deps, req.viewer, params.data.locale);
    return reply.header("cache-control", "no-store").redirect(back, 303);
  });

  app.get("/robots.txt", { config: PUBLIC }, async (req, reply) => {
    const base = req.pageContext().baseUrl;
    return reply.type("text/plain; charset=utf-8").send(`User-agent: *\nDisallow: /admin\nSitemap: ${base}/sitemap.xml\n`);
  });

  const staticPaths = async () => ["/", "/temoignages", "/themes", "/series", "/aide", ...(await listPageSlugs(deps)).map((p) => `/pages/${p}`)];

  // One file while it fits; past that, an index of files of SITEMAP_CHUNK stories (the protocol allows 50,000 addresses a file).
  app.get("/sitemap.xml", { config: PUBLIC }, async (req, reply) => {
    const base = req.pageContext().baseUrl;
    const total = await stories.countPublished(deps);
    reply.type("application/xml; charset=utf-8");
    if (total <= SITEMAP_CHUNK) {
      const slugs = await stories.publishedSlugs(deps, { limit: SITEMAP_CHUNK, offset: 0 });
      return reply.send(sitemapXml(base, await staticPaths(), slugs));
    }
    const parts = Math.ceil(total / SITEMAP_CHUNK);
    const files = [`${base}/sitemaps/pages.xml`, ...Array.from({ length: parts }, (_, i) => `${base}/sitemaps/temoignages-${i + 1}.xml`)];
    return reply.send(sitemapIndexXml(files));
  });

  app.get<{ Params: { name: string } }>("/sitemaps/:name", { config: PUBLIC }, async (req, reply) => {
    const base = req.pageContext().baseUrl;
    if (req.params.name === "pages.xml") return reply.type("application/xml; charset=utf-8").send(sitemapXml(base, await staticPaths(), []));
    const m = /^temoignages-(\d{1,4})\.xml$/.exec(req.params.name);
    const part = m ? Number(m[1]) : 0;
    if (part < 1 || (part - 1) * SITEMAP_CHUNK >= (await stories.countPublished(deps))) return reply.callNotFound();
    const slugs = await stories.publishedSlugs(deps, { limit: SITEMAP_CHUNK, offset: (part - 1) * SITEMAP_CHUNK });
    return reply.type("application/xml; charset=utf-8").send(sitemapXml(base, [], slugs));
  });
}
