import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../../platform/html/markdown.js";
import type { InlineImage } from "../image.js";
import { inlineImagesFrom } from "./inline-image.js";

const garden: InlineImage = {
  id: 7,
  key: "images/0123456789abcdef01234567",
  width: 1600,
  height: 900,
  widths: [480, 960, 1440],
  alt: "Deux mains dans la terre",
  caption: "Le jardin du mardi",
  credit: "Photo : Ortie",
  decorative: false,
};
const images = inlineImagesFrom([garden]);

describe("inline images in a text", () => {
  it("shows an image from elsewhere as its alt text, never as an element that loads it", () => {
    for (const src of ["https://evil.example/pixel.png", "//evil.example/x.png", "/media/images/0123456789abcdef01234567/960.jpeg", "/media/images/ffffffffffffffffffffffff"]) {
      const html = renderMarkdown(`Avant ![un pixel espion](${src}) après`, { images });
      expect(html).not.toMatch(/<img|<picture|<source/);
      expect(html).toContain("un pixel espion");
    }
  });

  it("shows a library image alone in its paragraph as a figure with a responsive picture, its width and height, and its caption", () => {
    const html = renderMarkdown(`Un paragraphe.\n\n![](/media/${garden.key})\n\nLa suite.`, { images });
    expect(html).toContain('<figure class="inline-figure"><picture class="inline-image"><source type="image/avif"');
    expect(html).toMatch(/<img src="\/media\/images\/0123456789abcdef01234567\/960\.jpeg"[^>]* alt="Deux mains dans la terre" width="960" height="540"/);
    expect(html).toContain("<figcaption>Le jardin du mardi <span class=\"credit\">Photo : Ortie</span></figcaption>");
    expect(html).not.toMatch(/<p>\s*<figure/);
  });

  it("prefers the alt text the Markdown gives, and keeps a decorative image's empty", () => {
    expect(renderMarkdown(`![Un arrosoir](/media/${garden.key})`, { images })).toContain('alt="Un arrosoir"');
    const decorative = inlineImagesFrom([{ ...garden, decorative: true, alt: "" }]);
    expect(renderMarkdown(`![Un arrosoir](/media/${garden.key})`, { images: decorative })).toMatch(/<img [^>]* alt width=/);
  });

  it("keeps an image inside a sentence as a picture, without a figure that would break the paragraph", () => {
    const html = renderMarkdown(`Voici ![le jardin](/media/${garden.key}) ce matin.`, { images });
    expect(html).toMatch(/^<p>Voici <picture class="inline-image">.*<\/picture> ce matin\.<\/p>/s);
    expect(html).not.toContain("<figure");
  });

  it("renders the same text differently when the library says something else about its image", () => {
    const text = `![](/media/${garden.key})`;
    expect(renderMarkdown(text, { images })).toContain("Le jardin du mardi");
    expect(renderMarkdown(text, { images: inlineImagesFrom([{ ...garden, caption: "Autre légende" }]) })).toContain("Autre légende");
  });

  it("never loads anything but our own renditions, whatever the text", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom("![", "](", ")", "\n\n", "/media/", garden.key, "https://", " \"t\"")), { maxLength: 30 }), (parts) => {
        const html = renderMarkdown(parts.join(""), { images });
        for (const m of html.matchAll(/(?:src|srcset)="([^"]*)"/g)) {
          for (const url of (m[1] as string).split(", ")) expect(url).toMatch(/^\/media\/images\/0123456789abcdef01234567\/\d+\.(avif|webp|jpeg)( \d+w)?$/);
        }
      }),
    );
  });
});
