import fc from "fast-check";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../platform/html/markdown.js";
import { htmlToMarkdown } from "./html-to-markdown.js";
import type { ImportNote } from "./import-report.js";
import { expandShortcodes } from "./shortcodes.js";

// A renderer that WOULD accept raw HTML: the converter's output must give it none.
const permissive = new MarkdownIt({ html: true });
const htmlTokens = (markdown: string) =>
  permissive
    .parse(markdown, {})
    .flatMap((t) => [t, ...(t.children ?? [])])
    .filter((t) => t.type === "html_block" || t.type === "html_inline");

const blocks = (html: string) => htmlToMarkdown(html, { autop: false, resolveImage: (src) => (src.includes("jardin") ? "/media/images/aaaaaaaaaaaaaaaaaaaaaaaa/960.jpeg" : null) });

describe("WordPress HTML to Markdown", () => {
  it("keeps headings, emphasis, links, quotes, nested lists and images with their alt text", () => {
    const md = blocks(
      `<h2>Ce qui aide</h2><p>Un <strong>rendez-vous</strong> et <em>du temps</em>, <a href="https://exemple.fr/a">un lien</a>.</p>` +
        `<blockquote><p>La terre ne juge pas.</p></blockquote><ol><li>Un café</li><li>Des gens<ul><li>des pairs</li></ul></li></ol>` +
        `<figure><img src="https://ancien.example/wp-content/uploads/jardin.jpg" alt="Des bacs de tomates"><figcaption>En juin</figcaption></figure>`,
    );
    expect(md).toBe(
      "## Ce qui aide\n\nUn **rendez-vous** et *du temps*, [un lien](https://exemple.fr/a).\n\n> La terre ne juge pas.\n\n1. Un café\n2. Des gens\n   - des pairs\n\n![Des bacs de tomates](/media/images/aaaaaaaaaaaaaaaaaaaaaaaa/960.jpeg)\n\n*En juin*",
    );
  });

  it("reads classic-editor text as WordPress does: blank lines are paragraphs, single line breaks stay", () => {
    expect(htmlToMarkdown("Premier paragraphe\nsur deux lignes.\n\nSecond <b>paragraphe</b>.", { autop: true })).toBe("Premier paragraphe\\\nsur deux lignes.\n\nSecond **paragraphe**.");
  });

  it("reads a classic-editor list written over several lines (as TinyMCE saves it) as one item per line", () => {
    // WordPress's visual editor puts a line break between every tag of a list.
    expect(htmlToMarkdown("Avant :\n<ul>\n<li>des pairs ;</li>\n<li>un horaire fixe.</li>\n</ul>\nAprès.", { autop: true })).toBe("Avant :\n\n- des pairs ;\n- un horaire fixe.\n\nAprès.");
  });

  it("drops the block editor's player of the episode's own sound, which the episode page plays", () => {
    const warnings: ImportNote[] = [];
    const sound = "https://ancien.example/wp-content/uploads/2026/03/episode-01.mp3";
    const html = `<!-- wp:audio {"id":21} -->\n<figure class="wp-block-audio"><audio controls src="${sound}"></audio></figure>\n<!-- /wp:audio -->\n<p>La suite.</p>`;
    expect(htmlToMarkdown(html, { autop: false, isEnclosure: (url) => url === sound, warn: (w) => warnings.push(w) })).toBe("La suite.");
    expect(warnings).toEqual([]);
  });

  it("drops scripts, styles, forms, event handlers and active links, keeping the text around them", () => {
    const md = blocks(`<p onclick="x()">Bonjour <a href="javascript:alert(1)">ici</a></p><script>alert(1)</script><style>p{}</style><form><input name=a></form><iframe src="https://video.example/v"></iframe>`);
    expect(md).toBe("Bonjour ici\n\n[https://video.example/v](https://video.example/v)");
    expect(renderMarkdown(md)).not.toMatch(/<script|onclick|javascript:/i);
  });

  it("escapes text that would otherwise become Markdown or HTML", () => {
    const md = blocks("<p>1. pas une liste, # pas un titre, <code>&lt;b&gt;</code>, &lt;script&gt;alert(1)&lt;/script&gt; et *pas* d'emphase</p>");
    expect(htmlTokens(md)).toEqual([]);
    expect(renderMarkdown(md)).toBe("<p>1. pas une liste, # pas un titre, <code>&lt;b&gt;</code>, &lt;script&gt;alert(1)&lt;/script&gt; et *pas* d'emphase</p>\n");
  });

  it("turns [caption], [gallery] and [embed] into figures, images and links, and says what it drops", () => {
    const warnings: ImportNote[] = [];
    const html = expandShortcodes(
      `[caption id="attachment_20" width="300"]<img src="/wp-content/uploads/jardin-300x200.jpg" alt="Tomates"> Le jardin[/caption] [embed]https://video.example/v/1[/embed] [contact-form-7 id="5"] [sic]`,
      { attachmentImage: () => null, childImages: () => [], isEnclosure: () => false, warn: (m) => warnings.push(m) },
    );
    expect(blocks(html)).toBe("![Tomates](/media/images/aaaaaaaaaaaaaaaaaaaaaaaa/960.jpeg)\n\n*Le jardin*\n\n[https://video.example/v/1](https://video.example/v/1)\n\n\\[sic\\]");
    expect(warnings).toEqual([{ code: "form_removed", values: { name: "contact-form-7" } }]);
  });

  const tag = fc.constantFrom("p", "div", "span", "strong", "em", "a", "ul", "ol", "li", "blockquote", "h1", "h3", "pre", "code", "img", "br", "table", "tr", "td", "script", "style", "iframe", "figure", "figcaption", "hr", "svg", "b", "i", "s", "template");
  const attr = fc.constantFrom(' href="javascript:alert(1)"', ' href="https://exemple.fr/x y"', ' src="https://ancien.example/wp-content/uploads/jardin.jpg"', ' alt="a]b<c"', ' onerror="x()"', ' start="3"', "");
  const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("<", ">", "&lt;script&gt;", "`", "```", "\n\n", "*", "_", "[", "]", "-", "1.", "#", "|", "<!-- wp:x -->", "&nbsp;", "\\", "![a](b)", "<http://x>"));
  const html: fc.Arbitrary<string> = fc.letrec((tie) => ({
    node: fc.oneof({ depthSize: "small" }, text, fc.tuple(tag, attr, fc.array(tie("node"), { maxLength: 4 })).map(([t, a, kids]) => `<${t}${a}>${(kids as string[]).join("")}</${t}>`)),
  })).node as fc.Arbitrary<string>;

  it("never emits raw HTML and never throws, whatever the HTML (property)", () => {
    fc.assert(
      fc.property(fc.oneof(html, fc.string({ maxLength: 200 })), fc.boolean(), (source, autop) => {
        const md = htmlToMarkdown(source, { autop, resolveImage: (src) => (src.includes("jardin") ? "/media/images/aaaaaaaaaaaaaaaaaaaaaaaa/960.jpeg" : null) });
        expect(htmlTokens(md)).toEqual([]);
        // Markup, handlers and javascript: links, not the same words shown as text (inside code, say).
        expect(renderMarkdown(md)).not.toMatch(/<(script|style|iframe|svg|template|form)\b|<[^>]+\son\w+=|href="\s*javascript:/i);
      }),
      { numRuns: 2000 },
    );
  });

  it("survives nesting deeper than any page has", () => {
    const deep = `${"<div><blockquote>".repeat(3000)}fond${"</blockquote></div>".repeat(3000)}`;
    expect(blocks(deep)).toContain("fond");
  });
});
