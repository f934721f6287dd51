import { escapeXml } from "../platform/html/xml.js";

/** XML for the sitemap and the RSS feed, escaped by hand: both formats are tiny. */
export function sitemapXml(baseUrl: string, staticPaths: string[], stories: Array<{ slug: string; updatedAt: string }>): string {
  const urls = [
    ...staticPaths.map((p) => `<url><loc>${escapeXml(baseUrl + p)}</loc></url>`),
    ...stories.map((s) => `<url><loc>${escapeXml(`${baseUrl}/temoignages/${s.slug}`)}</loc><lastmod>${s.updatedAt.slice(0, 10)}</lastmod></url>`),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

export function sitemapIndexXml(locations: string[]): string {
  const entries = locations.map((l) => `<sitemap><loc>${escapeXml(l)}</loc></sitemap>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${entries.join("\n")}\n</sitemapindex>\n`;
}

export type FeedItem = { title: string; link: string; description: string; publishedAt: string; author: string; categories: string[] };

export function rssXml(channel: { title: string; link: string; description: string; selfUrl: string }, items: FeedItem[]): string {
  const entries = items.map(
    (i) =>
      `<item><title>${escapeXml(i.title)}</title><link>${escapeXml(i.link)}</link><guid isPermaLink="true">${escapeXml(i.link)}</guid>` +
      `<pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate><dc:creator>${escapeXml(i.author)}</dc:creator>` +
      i.categories.map((c) => `<category>${escapeXml(c)}</category>`).join("") +
      `<description>${escapeXml(i.description)}</description></item>`,
  );
  const lastBuild = items[0] ? new Date(items[0].publishedAt).toUTCString() : new Date(0).toUTCString();
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>` +
    `<title>${escapeXml(channel.title)}</title><link>${escapeXml(channel.link)}</link><description>${escapeXml(channel.description)}</description>` +
    `<language>fr</language><lastBuildDate>${lastBuild}</lastBuildDate>` +
    `<atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>\n${entries.join("\n")}\n</channel>\n</rss>\n`
  );
}

/** The same items as Atom (RFC 4287). `contentHtml`, when the settings ask for full text, is the story's HTML. */
export type FeedChannel = { title: string; link: string; description: string; selfUrl: string };

export type FullFeedItem = FeedItem & { contentHtml?: string };

export function atomXml(channel: FeedChannel, items: FullFeedItem[]): string {
  const updated = items[0] ? new Date(items[0].publishedAt).toISOString() : new Date(0).toISOString();
  const entries = items.map(
    (i) =>
      `<entry><title>${escapeXml(i.title)}</title><link rel="alternate" type="text/html" href="${escapeXml(i.link)}"/><id>${escapeXml(i.link)}</id>` +
      `<published>${new Date(i.publishedAt).toISOString()}</published><updated>${new Date(i.publishedAt).toISOString()}</updated>` +
      `<author><name>${escapeXml(i.author)}</name></author>` +
      i.categories.map((c) => `<category term="${escapeXml(c)}"/>`).join("") +
      `<summary>${escapeXml(i.description)}</summary>` +
      (i.contentHtml !== undefined ? `<content type="html">${escapeXml(i.contentHtml)}</content>` : "") +
      "</entry>",
  );
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">` +
    `<title>${escapeXml(channel.title)}</title><subtitle>${escapeXml(channel.description)}</subtitle>` +
    `<link rel="alternate" type="text/html" href="${escapeXml(channel.link)}"/><link rel="self" type="application/atom+xml" href="${escapeXml(channel.selfUrl)}"/>` +
    `<id>${escapeXml(channel.selfUrl)}</id><updated>${updated}</updated>\n${entries.join("\n")}\n</feed>\n`
  );
}

/** The same items as JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function jsonFeed(channel: FeedChannel, items: FullFeedItem[]): string {
  return JSON.stringify({
    version: "https://jsonfeed.org/version/1.1",
    title: channel.title,
    home_page_url: channel.link,
    feed_url: channel.selfUrl,
    description: channel.description,
    language: "fr",
    items: items.map((i) => ({
      id: i.link,
      url: i.link,
      title: i.title,
      summary: i.description,
      ...(i.contentHtml !== undefined ? { content_html: i.contentHtml } : { content_text: i.description }),
      date_published: new Date(i.publishedAt).toISOString(),
      authors: [{ name: i.author }],
      tags: i.categories,
    })),
  });
}
