import type { FastifyInstance, FastifyReply } from "fastify";
import type { PageContext } from "../platform/html/page-context.js";
import { presentCredit } from "../stories/story.present.js";
import * as stories from "../stories/story.service.js";
import { feedContent } from "./feed.service.js";
/** Addresses: /flux.{xml,atom,json}, and the same under /themes/:slug and /series/:slug (feedLinks in story.present.ts). */
import { atomXml, type FeedChannel, type FullFeedItem, jsonFeed, rssXml } from "./feeds.js";

const PUBLIC = { access: "public", pageCache: true } as const;
const FEED_SIZE = 30;

/** The three formats every feed comes in, by file extension. */
const FORMATS = {
  xml: { type: "application/rss+xml; charset=utf-8", render: rssXml },
  atom: { type: "application/atom+xml; charset=utf-8", render: atomXml },
  json: { type: "application/feed+json; charset=utf-8", render: jsonFeed },
} as const;
type FeedFormat = keyof typeof FORMATS;

/**
 * RSS 2.0, Atom and JSON Feed 1.1 for the whole site, each theme and each series, from released
 * versions only, with the standfirst or (setting "feeds.content" = "full") the whole text.
 */
export async function feedRoutes(app: FastifyInstance, opts: { deps: stories.StoryReadDeps }): Promise<void> {
  const { deps } = opts;

  async function send(reply: FastifyReply, ctx: PageContext, format: FeedFormat, channel: FeedChannel, scope: { themeId?: number; seriesId?: number }) {
    const fullText = (await feedContent(deps)) === "full";
    const latest = await stories.feedStories(deps, scope, { limit: FEED_SIZE, fullText });
    const items: FullFeedItem[] = latest.map((s) => ({
      title: s.title,
      link: `${ctx.baseUrl}/temoignages/${s.slug}`,
      description: s.standfirst,
      publishedAt: s.publishedAt ?? s.updatedAt,
      author: presentCredit(ctx, s.credit),
      categories: s.themes.map((t) => t.name),
      // Rendered at release from Markdown with raw HTML off; each voice under its credit.
      ...(s.text ? { contentHtml: s.text.bodyHtml + s.text.voices.map((v) => `<h3>${escapeHtml(presentCredit(ctx, v.credit))}</h3>${v.html}`).join("") } : {}),
    }));
    return reply.type(FORMATS[format].type).send(FORMATS[format].render(channel, items));
  }

  for (const format of Object.keys(FORMATS) as FeedFormat[]) {
    app.get(`/flux.${format}`, { config: PUBLIC }, async (req, reply) => {
      const ctx = req.pageContext();
      const channel = { title: `${ctx.site.name} – ${ctx.t("stories.title")}`, link: `${ctx.baseUrl}/`, description: ctx.site.tagline, selfUrl: `${ctx.baseUrl}/flux.${format}` };
      return send(reply, ctx, format, channel, {});
    });

    app.get<{ Params: { slug: string } }>(`/themes/:slug/flux.${format}`, { config: PUBLIC }, async (req, reply) => {
      const theme = await stories.findThemeBySlug(deps, req.params.slug);
      if (!theme) return reply.callNotFound();
      const ctx = req.pageContext();
      const channel = { title: `${ctx.site.name} – ${theme.name}`, link: `${ctx.baseUrl}/themes/${theme.slug}`, description: theme.description || ctx.site.tagline, selfUrl: `${ctx.baseUrl}/themes/${theme.slug}/flux.${format}` };
      return send(reply, ctx, format, channel, { themeId: theme.id });
    });

    app.get<{ Params: { slug: string } }>(`/series/:slug/flux.${format}`, { config: PUBLIC }, async (req, reply) => {
      const series = await stories.findSeriesBySlug(deps, req.params.slug);
      if (!series) return reply.callNotFound();
      const ctx = req.pageContext();
      const channel = { title: `${ctx.site.name} – ${series.title}`, link: `${ctx.baseUrl}/series/${series.slug}`, description: series.description || ctx.site.tagline, selfUrl: `${ctx.baseUrl}/series/${series.slug}/flux.${format}` };
      return send(reply, ctx, format, channel, { seriesId: series.id });
    });
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
