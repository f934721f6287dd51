/** A stored image and the widths of its renditions (each in AVIF, WebP and JPEG). */
export type StoredImage = { id: number; key: string; width: number; height: number; widths: number[] };

/** An image as the media library shows and edits it: its pixels and what is said about it. */
export type LibraryImage = StoredImage & {
  /** Empty for a decorative image, or for one whose description is still missing. */
  alt: string;
  caption: string;
  credit: string;
  decorative: boolean;
  createdAt: string;
};

export type ImageDetails = { alt: string; caption: string; credit: string; decorative: boolean };

/** Where a story shows an image: as its cover or inside its text, in its working copy or its released version. */
export type ImageUsage = { storyId: number; title: string; as: "cover" | "inline"; in: "working" | "released" | "scheduled" };

/** The address a story text uses for a library image; renditions live below it. */
export const inlineImageAddress = (key: string) => `/media/${key}`;

/** Storage keys of library images a Markdown text refers to, in order, once each. */
export function inlineImageKeys(markdown: string): string[] {
  return [...new Set([...markdown.matchAll(/\/media\/(images\/[a-f0-9]{24})(?![a-f0-9/])/g)].map((m) => m[1] as string))];
}

/** What a text shows of a library image it refers to: part of the version an author approves. */
export type InlineImage = Omit<LibraryImage, "createdAt">;
