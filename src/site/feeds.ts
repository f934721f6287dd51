/** XML for the sitemap and the RSS feed, escaped by hand: both formats are tiny. */

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    // Characters XML 1.0 forbids, even escaped.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}

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
