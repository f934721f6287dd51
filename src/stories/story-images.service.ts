import type { InlineImage } from "../media/image.js";
import * as library from "../media/library.service.js";
import { inlineImagesFrom } from "../media/views/inline-image.js";
import type { InlineImages } from "../platform/html/markdown.js";
import { snapshotOf } from "./story-snapshot.js";
import type { StoryVersion, VersionPart } from "./story-version.js";

const PART = "inlineImages";

/**
 * Inline images are part of a version: their references are in the body, and what the library
 * says about them (alt text, caption, credit) is this part. The fingerprint covers both, so an
 * approved version cannot change its images, or what they say, without a new approval; and the
 * released page shows them as approved, whatever the library says later.
 */
export function inlineImagesVersionPart(): VersionPart {
  return {
    name: PART,
    async read(db, storyId) {
      const snapshot = await snapshotOf(db, storyId);
      const images = snapshot ? await library.inlineImagesOfText({ db }, snapshot.body) : [];
      return images.length > 0 ? images : null;
    },
    // The released body is rendered from the version, this part included: nothing else to write.
    async release() {},
    async retract() {},
  };
}

/** How a version's text shows its images (none known: every image shows as its alt text). */
export function inlineImagesOfVersion(version: Pick<StoryVersion, "parts">): InlineImages {
  const images = version.parts[PART];
  return inlineImagesFrom(Array.isArray(images) ? (images as InlineImage[]) : []);
}

/** Readable lines of the inline images part, for the comparison of two versions. */
export function describeInlineImagesPart(name: string, value: unknown): Array<{ key: string; label: string; text: string }> {
  if (name !== PART || !Array.isArray(value)) return [];
  const text = (value as InlineImage[])
    .map((img) => [img.decorative ? "image décorative" : `« ${img.alt} »`, img.caption && `légende « ${img.caption} »`, img.credit && `crédit ${img.credit}`].filter(Boolean).join(", "))
    .join("\n");
  return [{ key: PART, label: "Images dans le texte", text }];
}
