import fc from "fast-check";
import Parser from "rss-parser";
import { describe, expect, it } from "vitest";
import { escapeXml } from "../platform/html/xml.js";
import { type FeedItem, rssXml, sitemapXml } from "./feeds.js";

// Characters XML 1.0 cannot carry at all, even escaped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters under test
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
/** What a client receives: the text encoded as UTF-8 (a lone surrogate becomes U+FFFD). */
const onTheWire = (s: string) => Buffer.from(s, "utf8").toString("utf8");
const expectedText = (s: string) => onTheWire(s.replace(FORBIDDEN, ""));

const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" })[name] as string);

/**
 * A strict well-formedness check, enough for the two tiny formats: one root element, tags that
 * nest and close, attribute values quoted, no bare "<" or "&" in text, no "]]>", only XML 1.0
 * characters. Throws with the reason when the document is not well-formed.
 */
function assertWellFormedXml(xml: string): void {
  const wire = onTheWire(xml);
  for (const ch of wire) {
    const c = ch.codePointAt(0) as number;
    const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;
    if (!ok) throw new Error(`Character U+${c.toString(16)} is not allowed in XML`);
  }
  let rest = wire.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>/, "");
  const stack: string[] = [];
  let roots = 0;
  const name = "[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?";
  const attribute = `\\s+${name}="(?:[^"<&]|&(?:amp|lt|gt|quot|apos|#\\d+|#x[0-9a-fA-F]+);)*"`;
  const startTag = new RegExp(`^<(${name})((?:${attribute})*)\\s*(/?)>`);
  const endTag = new RegExp(`^</(${name})\\s*>`);
  const text = /^(?:[^<&]|&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)+/;
  while (rest.length > 0) {
    const end = endTag.exec(rest);
    const start = end ? null : startTag.exec(rest);
    const chars = end || start ? null : text.exec(rest);
    if (end) {
      if (stack.pop() !== end[1]) throw new Error(`Unexpected </${end[1]}>`);
    } else if (start) {
      if (stack.length === 0 && ++roots > 1) throw new Error("More than one root element");
      if (start[3] !== "/") stack.push(start[1] as string);
    } else if (chars) {
      if (stack.length === 0 && chars[0].trim() !== "") throw new Error("Text outside the root element");
      if (chars[0].includes("]]>")) throw new Error('"]]>" in text');
    } else {
      throw new Error(`Not well-formed at ${JSON.stringify(rest.slice(0, 40))}`);
    }
    rest = rest.slice(((end ?? start ?? chars) as RegExpExecArray)[0].length);
  }
  if (stack.length > 0) throw new Error(`Unclosed <${stack.join("> <")}>`);
  if (roots !== 1) throw new Error("No root element");
}

const nasty = fc.constantFrom("]]>", "<![CDATA[", "&", "&amp;", "<", ">", '"', "'", "</title>", "<script>", "\u0000", "\u0001", "\u000b", "\u001f", "\ufffe", "\uffff", "\ud800", "\udfff", "\r\n", "\t", "«", "é", "😀", "&#0;", "&#x1;");
const hostileText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.array(fc.oneof(nasty, fc.string({ maxLength: 5 })), { maxLength: 10 }).map((parts) => parts.join("")),
);
const isoDate = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString());
const feedItem: fc.Arbitrary<FeedItem> = fc.record({
  title: hostileText,
  link: fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), hostileText),
  description: hostileText,
  publishedAt: isoDate,
  author: hostileText,
  categories: fc.array(hostileText, { maxLength: 3 }),
});
const channel = fc.record({ title: hostileText, link: hostileText, description: hostileText, selfUrl: hostileText });

describe("escapeXml", () => {
  it("escapes the five special characters and drops characters XML forbids", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
    expect(escapeXml("a\u0000b\u0008c\u000bd\ufffee")).toBe("abcde");
    expect(escapeXml("tab\tline\nreturn\r")).toBe("tab\tline\nreturn\r");
    expect(escapeXml("]]>")).toBe("]]&gt;");
  });

  it("leaves no markup character, and unescaping gives back the text without forbidden characters", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const escaped = escapeXml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        expect(escaped).not.toMatch(FORBIDDEN);
        expect(unescapeXml(escaped)).toBe(text.replace(FORBIDDEN, ""));
        expect(escapeXml(unescapeXml(escaped))).toBe(escaped);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("the well-formedness check used below", () => {
  it("rejects documents that are not well-formed", () => {
    for (const bad of ["<a>x & y</a>", "<a>x < y</a>", "<a><b></a></b>", "<a>", "<a></a><b></b>", "<a>\u0001</a>", "<a>]]></a>", '<a b="<"></a>', "text"]) {
      expect(() => assertWellFormedXml(bad), bad).toThrow();
    }
    expect(() => assertWellFormedXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="&amp;"><b/>t&lt;</a>\n')).not.toThrow();
  });
});

describe("sitemapXml", () => {
  it("lists the static pages and the stories with their date", () => {
    expect(sitemapXml("https://exemple.fr", ["/", "/aide"], [{ slug: "un-recit", updatedAt: "2026-02-03T10:00:00.000Z" }])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' +
        "<url><loc>https://exemple.fr/</loc></url>\n<url><loc>https://exemple.fr/aide</loc></url>\n" +
        "<url><loc>https://exemple.fr/temoignages/un-recit</loc><lastmod>2026-02-03</lastmod></url>\n</urlset>\n",
    );
  });

  it("is well-formed XML for any base URL, paths and slugs", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.webUrl(), hostileText),
        fc.array(hostileText, { maxLength: 4 }),
        fc.array(fc.record({ slug: hostileText, updatedAt: isoDate }), { maxLength: 5 }),
        (base, paths, stories) => {
          const xml = sitemapXml(base, paths, stories);
          assertWellFormedXml(xml);
          const locs = [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => unescapeXml(m[1] as string));
          expect(locs).toEqual([...paths.map((p) => base + p), ...stories.map((s) => `${base}/temoignages/${s.slug}`)].map((u) => u.replace(FORBIDDEN, "")));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("rssXml", () => {
  const parser = new Parser();

  it("is well-formed XML that a feed reader parses back to the same titles, links and authors", async () => {
    await fc.assert(
      fc.asyncProperty(channel, fc.array(feedItem, { maxLength: 4 }), async (ch, items) => {
        const xml = rssXml(ch, items);
        assertWellFormedXml(xml);
        const feed = await parser.parseString(onTheWire(xml));
        expect(feed.title).toBe(expectedText(ch.title));
        expect(feed.items).toHaveLength(items.length);
        feed.items.forEach((parsed, i) => {
          const item = items[i] as FeedItem;
          expect(parsed.title).toBe(expectedText(item.title));
          expect(parsed.link).toBe(expectedText(item.link));
          expect(parsed.creator).toBe(expectedText(item.author));
          expect(parsed.content).toBe(expectedText(item.description));
          expect(Date.parse(parsed.pubDate as string)).toBe(Math.floor(Date.parse(item.publishedAt) / 1000) * 1000);
          if (item.categories.length > 0) expect(parsed.categories).toEqual(item.categories.map(expectedText));
        });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a title with ]]>, & and < as text", async () => {
    const item: FeedItem = { title: "a ]]> b & <c>", link: "https://exemple.fr/t/x?a=1&b=2", description: "<p>Texte</p>", publishedAt: "2026-01-01T10:00:00Z", author: "Anonyme", categories: ["Deuil & perte"] };
    const feed = await parser.parseString(rssXml({ title: "Entre Pairs", link: "https://exemple.fr/", description: "Récits", selfUrl: "https://exemple.fr/rss.xml" }, [item]));
    expect(feed.items[0]?.title).toBe("a ]]> b & <c>");
    expect(feed.items[0]?.link).toBe("https://exemple.fr/t/x?a=1&b=2");
    expect(feed.items[0]?.categories).toEqual(["Deuil & perte"]);
  });

  it("dates an empty feed at the epoch", () => {
    expect(rssXml({ title: "t", link: "l", description: "d", selfUrl: "s" }, [])).toContain("<lastBuildDate>Thu, 01 Jan 1970 00:00:00 GMT</lastBuildDate>");
  });
});
