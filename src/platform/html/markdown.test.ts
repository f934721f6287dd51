import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NNBSP } from "../i18n/typography.js";
import { markdownToText, renderMarkdown } from "./markdown.js";

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
  const tagPattern = /^<\/?([a-z][a-z0-9]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*\/?>/;
  for (let i = html.indexOf("<"); i !== -1; i = html.indexOf("<", i + 1)) {
    const m = tagPattern.exec(html.slice(i));
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
        const html = renderMarkdown(source, locale);
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
        expect(renderMarkdown(`${w}${mark}`, "en")).toBe(`<p>${w}${mark}</p>\n`);
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

describe("markdownToText", () => {
  it("keeps the words of links and emphasis and drops code blocks and markers", () => {
    expect(markdownToText("# Titre\n\nUn **texte** avec un [lien](https://exemple.fr).\n\n```\ncode\n```\n\n- point")).toBe(
      "Titre Un texte avec un lien. point",
    );
  });

  it("returns a single line without Markdown markers or surrounding spaces, and never throws", () => {
    fc.assert(
      fc.property(anyText, (source) => {
        const text = markdownToText(source);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\s\s|[\n\r\t]/);
        expect(text).not.toMatch(/[*_`~]/);
      }),
      { numRuns: 1000 },
    );
  });

  it("returns plain prose unchanged except for collapsed spacing", () => {
    const proseWord = fc.string({ unit: fc.constantFrom(..."abcdéèàçXYZ0123456789'’,.;:!?«»"), minLength: 1, maxLength: 10 }).filter((w) => /^[\p{L}\p{N}]/u.test(w));
    fc.assert(
      fc.property(fc.array(proseWord, { minLength: 1, maxLength: 20 }), fc.constantFrom(" ", "  ", "\n", " \n "), (words, gap) => {
        expect(markdownToText(words.join(gap))).toBe(words.join(" "));
      }),
      { numRuns: 500 },
    );
  });
});
