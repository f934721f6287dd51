import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NNBSP } from "../i18n/typography.js";
import MarkdownIt from "markdown-it";
import { MARKDOWN_CHUNK_CHARS, markdownPieces, renderMarkdown } from "./markdown.js";

// Pieces of hostile or tricky input, glued together with arbitrary text and Markdown syntax.
const ATTACKS = [
  "<script>alert(1)</script>",
  "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
  "<img src=x onerror=alert(1)>",
  '<img src="x" onerror="alert(1)"/>',
  "<iframe src=https://evil.example></iframe>",
  "<div>\n<script>alert(1)</script>\n</div>\n",
  "<!-- comment --><style>body{}</style>",
  "<a href=\"javascript:alert(1)\">x</a>",
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x](java&#115;cript:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](<javascript:alert(1)>)",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "<javascript:alert(1)>",
  "![x](https://evil.example/pixel.png)",
  '![x](x "onerror=alert(1)")',
  '[x](https://exemple.fr "title\\" onerror=\\"alert(1)")',
  "[ref]\n\n[ref]: javascript:alert(1)\n",
  "[ref]\n\n[ref]: https://exemple.fr 'T'\n",
  "<https://exemple.fr>",
  "[lien](https://exemple.fr)",
  "[lien](HTTP://EXEMPLE.FR/a?b=c)",
  "[interne](/temoignages/x)",
  "[x](mailto:a@exemple.fr)",
  "\u0000",
  "&lt;script&gt;",
  "&#60;script&#62;",
];
const SYNTAX = ["\n", "\n\n", "`", "```", "```js\n", "    ", "> ", "- ", "1. ", "# ", "*", "**", "_", "~~", "[", "]", "(", ")", "<", ">", "!", "?", ";", ":", "«", "»", '"', "'", "&", "|", "---", "\\"];

const markdownSource = fc
  .array(fc.oneof(fc.constantFrom(...ATTACKS), fc.constantFrom(...SYNTAX), fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 })), {
    maxLength: 25,
  })
  .map((parts) => parts.join(""));

const anyText = fc.oneof(markdownSource, fc.string({ unit: "binary", maxLength: 200 }), fc.string({ maxLength: 200 }));

// What markdown-it may produce with raw HTML and images turned off.
const ALLOWED_TAGS = new Set([
  "p", "br", "em", "strong", "s", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a",
  "table", "thead", "tbody", "tr", "th", "td",
]);
const ALLOWED_ATTRIBUTES = new Set(["href", "title", "rel", "class", "start", "style"]);

type Tag = { name: string; attributes: Map<string, string> };

/** Every tag in the HTML; throws if a "<" starts anything but a plain, well-formed tag. */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  // Sticky: matched where the "<" is, without copying the rest of a long page for each tag.
  const tagPattern = /<\/?([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>/y;
  for (let i = html.indexOf("<"); i !== -1; i = html.indexOf("<", i + 1)) {
    tagPattern.lastIndex = i;
    const m = tagPattern.exec(html);
    if (!m) throw new Error(`Unexpected "<" at ${i}: ${JSON.stringify(html.slice(i, i + 40))}`);
    const attributes = new Map<string, string>();
    for (const a of (m[2] as string).matchAll(/([a-z-]+)(?:="([^"]*)")?/g)) attributes.set(a[1] as string, a[2] ?? "");
    tags.push({ name: m[1] as string, attributes });
  }
  return tags;
}

const decodeEntities = (s: string) =>
  s
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

describe("renderMarkdown", () => {
  it("renders hostile examples as harmless text", () => {
    expect(renderMarkdown("<script>alert(1)</script>")).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    expect(renderMarkdown("<img src=x onerror=alert(1)>")).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
    expect(renderMarkdown("[x](javascript:alert(1))")).not.toContain("<a");
    expect(renderMarkdown("![x](https://evil.example/pixel.png)")).not.toContain("<img");
  });

  it("never outputs script, iframe or image tags, event handlers or javascript: links, whatever the source", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom("fr" as const, "en" as const), (source, locale) => {
        const html = renderMarkdown(source, { locale });
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<img/i);
        expect(html).not.toMatch(/<iframe/i);
        expect(html).not.toMatch(/href="\s*javascript:/i);
        for (const tag of tagsOf(html)) {
          expect(ALLOWED_TAGS).toContain(tag.name);
          for (const name of tag.attributes.keys()) {
            expect(ALLOWED_ATTRIBUTES).toContain(name);
            expect(name).not.toMatch(/^on/);
          }
          const href = tag.attributes.get("href");
          if (href !== undefined) {
            // What the browser would see once entities are decoded and control characters ignored.
            // biome-ignore lint/suspicious/noControlCharactersInRegex: browsers ignore these in a URL scheme
            const target = decodeEntities(href).replace(/[\u0000-\u0020]/g, "").toLowerCase();
            expect(target).not.toMatch(/^(javascript|vbscript|data|file):/);
          }
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("gives every link that leaves the site rel=\"noopener noreferrer\", protocol-relative ones included", () => {
    const host = fc.domain();
    const link = fc.oneof(
      fc.tuple(fc.constantFrom("http://", "https://", "HTTPS://", "//"), host).map(([scheme, h]) => `[lien](${scheme}${h}/page)`),
      fc.tuple(fc.constantFrom("http://", "https://"), host).map(([scheme, h]) => `<${scheme}${h}>`),
      fc.tuple(fc.constantFrom("http://", "https://", "//"), host).map(([scheme, h]) => `[lien]\n\n[lien]: ${scheme}${h}\n`),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), link, (before, source) => {
        const html = renderMarkdown(`${before.replace(/[[\]<>`\\!]/g, "").trim()} ${source}`);
        const anchors = tagsOf(html).filter((t) => t.name === "a");
        expect(anchors.length).toBeGreaterThan(0);
        for (const a of anchors) {
          if (/^(https?:)?\/\//i.test(a.attributes.get("href") ?? "")) expect(a.attributes.get("rel")).toBe("noopener noreferrer");
        }
      }),
      { numRuns: 500 },
    );
  });

  it("gives rel=\"noopener noreferrer\" to a protocol-relative link (example)", () => {
    expect(renderMarkdown("[a](//evil.example)")).toContain('rel="noopener noreferrer"');
  });

  it("adds no rel to links inside the site", () => {
    expect(renderMarkdown("[interne](/temoignages/x)")).toBe('<p><a href="/temoignages/x">interne</a></p>\n');
  });

  it("applies French spacing to text in French but not in English", () => {
    const word = fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzéèàç"), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(word, fc.constantFrom("!", "?", ";"), (w, mark) => {
        expect(renderMarkdown(`${w}${mark}`)).toBe(`<p>${w}${NNBSP}${mark}</p>\n`);
        expect(renderMarkdown(`« ${w} »`)).toBe(`<p>«${NNBSP}${w}${NNBSP}»</p>\n`);
        expect(renderMarkdown(`${w}${mark}`, { locale: "en" })).toBe(`<p>${w}${mark}</p>\n`);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves code spans and code blocks exactly as typed, while the text around them gets French spacing", () => {
    const codeChar = fc.constantFrom("a", "é", "1", " ", "!", "?", ";", ":", "«", "»", "<", "&", '"', "'", "*", "_");
    const codeText = fc.string({ unit: codeChar, minLength: 1, maxLength: 20 }).filter((c) => /^\S/.test(c) && /\S$/.test(c));
    fc.assert(
      fc.property(codeText, fc.array(codeText, { minLength: 1, maxLength: 4 }), (inline, lines) => {
        const html = renderMarkdown(`Salut! \`${inline}\` fin!\n\n\`\`\`\n${lines.join("\n")}\n\`\`\`\n`);
        expect(html).toContain(`<p>Salut${NNBSP}! <code>${escapeHtml(inline)}</code> fin${NNBSP}!</p>`);
        expect(html).toContain(`<pre><code>${escapeHtml(lines.join("\n"))}\n</code></pre>`);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(anyText, (source) => {
        expect(typeof renderMarkdown(source)).toBe("string");
      }),
      { numRuns: 500 },
    );
  });
});


describe("headings in a rendered text", () => {
  const headingLevels = (html: string) => [...html.matchAll(/<h([1-6])>/g)].map((m) => Number(m[1]));
  const anyHeadings = fc
    .array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.string({ unit: fc.constantFrom(..."abc *_[#"), minLength: 1, maxLength: 8 })), { minLength: 1, maxLength: 12 })
    .map((hs) => hs.map(([level, text]) => `${"#".repeat(level)} x${text}`).join("\n\n"));

  it("never outrank the page: a '#' becomes the level given, h2 by default, deeper levels follow, h6 at most", () => {
    fc.assert(
      fc.property(anyHeadings, fc.constantFrom(2, 3, 4, 5, 6) as fc.Arbitrary<2 | 3 | 4 | 5 | 6>, (source, first) => {
        const sourceLevels = [...source.matchAll(/^(#{1,6}) /gm)].map((m) => (m[1] as string).length);
        const expected = sourceLevels.map((l) => Math.min(6, l + first - 1));
        expect(headingLevels(renderMarkdown(source, { firstHeadingLevel: first }))).toEqual(expected);
        expect(headingLevels(renderMarkdown(source))).toEqual(sourceLevels.map((l) => Math.min(6, l + 1)));
      }),
      { numRuns: 300 },
    );
  });

  it("are never h1, whatever the text (setext headings included)", () => {
    fc.assert(
      fc.property(anyText, (source) => {
        expect(renderMarkdown(`${source}\n\nTitre\n===\n\n# Un`)).not.toMatch(/<h1/);
      }),
      { numRuns: 300 },
    );
  });
});

// Inputs that make markdown-it work hard for their size (see bench/markdown.ts for the figures).
const HOSTILE: Record<string, (n: number) => string> = {
  "_[": (n) => "_[".repeat(n / 2),
  "*[": (n) => "*[".repeat(n / 2),
  "[": (n) => "[".repeat(n),
  "[\\n\\n": (n) => "[\n\n".repeat(n / 3),
  "- a": (n) => "- a\n".repeat(n / 4),
  "> x": (n) => `${">".repeat(19)} x\n\n`.repeat(n / 23),
  table: (n) => `|a|b|\n|-|-|\n${"|x|y|\n".repeat(n / 6)}`,
  "**_": (n) => "**_".repeat(n / 3),
};

/** The demo's stories, end to end, repeated up to `n` characters: an honest long text with headings, quotes and lists. */
function honestText(n: number): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../demo/content/stories");
  const stories = fs
    .readdirSync(dir)
    .sort()
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8").replace(/^---[\s\S]*?---\n/, ""))
    .join("\n\n");
  let text = stories;
  while (text.length < n) text += `\n\n${stories}`;
  return text.slice(0, text.lastIndexOf("\n\n", n));
}

describe("rendering bounded work", () => {
  afterEach(() => vi.restoreAllMocks());
  const parses = () => vi.spyOn(MarkdownIt.prototype, "parse");
  let unique = 0;
  // Rendered texts are cached by content: a number in front makes each one new.
  const fresh = (text: string) => {
    unique += 1;
    return `${unique}\n\n${text}`;
  };

  it("cuts a long text into pieces no longer than the limit, which joined give the text back", () => {
    const piece = fc.constantFrom("a", " ", "\n", "\n\n", "```", "~~~", "   ```", "\r\n", "😀", "é", "#", "> ", "- ", "x".repeat(3_000), "\n".repeat(50));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 400 }), (parts) => {
        const text = parts.join("");
        const chunks = [...markdownPieces(text)];
        expect(chunks.join("")).toBe(text);
        for (const chunk of chunks) {
          expect(chunk.length).toBeLessThanOrEqual(MARKDOWN_CHUNK_CHARS);
          if (text.length > 0) expect(chunk.length).toBeGreaterThan(0);
          // Never between the two halves of an emoji.
          expect(chunk).not.toMatch(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("cuts at a blank line outside fenced code when there is one", () => {
    const code = `\`\`\`\n${"ligne\n\n".repeat(600)}\`\`\`\n`;
    const text = `${"Un paragraphe.\n\n".repeat(300)}${code}\n${"Fin.\n\n".repeat(300)}`;
    const chunks = [...markdownPieces(text)];
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.some((c) => c.includes(code))).toBe(true);
    for (const chunk of chunks.slice(0, -1)) expect(chunk).toMatch(/\n\n$/);
  });

  it("renders an honest 200,000-character text entirely as Markdown, piece by piece", () => {
    const text = honestText(200_000);
    const source = fresh(text);
    const spy = parses();
    const html = renderMarkdown(source);
    expect(spy.mock.calls.length).toBe([...markdownPieces(source)].length);
    expect(spy.mock.calls.length).toBeGreaterThan(20);
    for (const [source] of spy.mock.calls) expect(String(source).length).toBeLessThanOrEqual(MARKDOWN_CHUNK_CHARS);
    // Every heading, quote and list of the text became one: nothing fell back to plain paragraphs.
    expect((html.match(/<h3>/g) ?? []).length).toBe((text.match(/^## /gm) ?? []).length);
    expect((html.match(/<blockquote>/g) ?? []).length).toBe((text.match(/^> /gm) ?? []).length);
  });

  it("stops parsing hostile 200,000-character texts after a bounded amount of work, and shows the rest as typed", () => {
    for (const [name, make] of Object.entries(HOSTILE)) {
      const text = make(200_000);
      const spy = parses();
      const html = renderMarkdown(fresh(text));
      // Far fewer markdown-it passes than pieces: the budget ran out early and the rest is plain text.
      expect(spy.mock.calls.length, name).toBeLessThan([...markdownPieces(text)].length / 2);
      spy.mockRestore();
      // The end of the text is there as typed (a table's pipes, a quote's ">"), in a plain paragraph.
      const lastWords = (text.trim().split(/\n[ \t]*\n/).at(-1) ?? "").slice(-300);
      expect(html.endsWith(`${escapeHtml(lastWords).replace(/\n/g, "<br>\n")}</p>\n`), name).toBe(true);
    }
  });

  it("keeps the paragraphs and line breaks a browser sent (CRLF) in the plain part (example)", () => {
    const html = renderMarkdown(fresh(`${"_[".repeat(100_000)}\r\n\r\nDernier <paragraphe>.\r\nSa deuxième ligne.\r\n`));
    expect(html.endsWith("</p>\n<p>Dernier &lt;paragraphe&gt;.<br>\nSa deuxième ligne.</p>\n")).toBe(true);
  });

  it("gives the same answer every time for the same text: the budget counts steps, not time", () => {
    for (const make of Object.values(HOSTILE)) {
      const text = `${make(60_000)}\n\n# Titre\n\n*fin*`;
      expect(renderMarkdown(fresh(text)).replace(/^<p>\d+<\/p>\n/, "")).toBe(renderMarkdown(fresh(text)).replace(/^<p>\d+<\/p>\n/, ""));
    }
  });

  it("stays safe past the budget: hostile markup after it is escaped like the rest", () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom(...Object.values(HOSTILE)), (attack, make) => {
        const html = renderMarkdown(`${make(30_000)}\n\n${attack}\n\n${ATTACKS.join("\n\n")}`);
        expect(html).not.toMatch(/<(script|img|iframe)/i);
        for (const tag of tagsOf(html)) expect(ALLOWED_TAGS).toContain(tag.name);
      }),
      { numRuns: 20 },
    );
  });

  it("renders a text once, then answers from the cache for the same text, language and heading level", () => {
    const text = fresh("## Un texte\n\nrelu *souvent*.");
    const spy = parses();
    const first = renderMarkdown(text, { firstHeadingLevel: 3 });
    expect(renderMarkdown(text, { firstHeadingLevel: 3 })).toBe(first);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(renderMarkdown(text, { firstHeadingLevel: 4 })).toContain("<h5>");
    expect(renderMarkdown(text, { firstHeadingLevel: 3, locale: "en" })).toBe(first);
    expect(spy).toHaveBeenCalledTimes(3);
  });
});
