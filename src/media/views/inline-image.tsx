import { createHash } from "node:crypto";
import { renderHtml } from "../../platform/html/html-renderer.js";
import type { InlineImages } from "../../platform/html/markdown.js";
import { type InlineImage, inlineImageAddress } from "../image.js";
import { Picture } from "./picture.js";

// A text column is at most about 40rem wide.
const SIZES = "(min-width: 44rem) 40rem, 100vw";

/**
 * How a text shows the library images it refers to: a responsive picture with width and height;
 * alone in its paragraph, a figure with the caption and credit. The Markdown's alt text wins over
 * the library's; a decorative image keeps an empty one.
 */
export function inlineImagesFrom(images: InlineImage[]): InlineImages {
  const bySrc = new Map(images.map((img) => [inlineImageAddress(img.key), img]));
  const identity = createHash("sha256").update(JSON.stringify(images)).digest("base64url");
  return {
    identity,
    has: (src) => bySrc.has(src),
    render(src, markdownAlt, alone) {
      const image = bySrc.get(src) as InlineImage;
      const alt = image.decorative ? "" : markdownAlt.trim() || image.alt;
      const picture = <Picture image={image} alt={alt} sizes={SIZES} class="inline-image" />;
      if (!alone) return renderHtml(picture);
      const caption = [image.caption, image.credit].filter(Boolean);
      return renderHtml(
        <figure class="inline-figure">
          {picture}
          {caption.length > 0 && (
            <figcaption>
              {image.caption}
              {image.caption && image.credit ? " " : ""}
              {image.credit && <span class="credit">{image.credit}</span>}
            </figcaption>
          )}
        </figure>,
      );
    },
  };
}
