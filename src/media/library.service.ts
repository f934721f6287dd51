import { markContentChanged } from "../platform/cache/content-version.js";
import type { Queryable } from "../database.js";
import { type ImageDetails, type ImageUsage, type InlineImage, inlineImageKeys, type LibraryImage } from "./image.js";
import { type ImageDeps, storeImage } from "./image.service.js";
import * as library from "./library.store.js";

/** Where other features show images (stories: covers and texts); the library asks before deleting. */
export type ImageUsageFinder = (db: Queryable, image: { id: number; key: string }) => Promise<ImageUsage[]>;

export type LibraryDeps = ImageDeps & { findImageUsages: ImageUsageFinder };

export const LIBRARY_PAGE_SIZE = 48;

export async function listLibrary(deps: Pick<ImageDeps, "db">, page: number): Promise<{ images: LibraryImage[]; total: number }> {
  const [images, total] = await Promise.all([
    library.listLibraryImages(deps.db, { limit: LIBRARY_PAGE_SIZE, offset: (page - 1) * LIBRARY_PAGE_SIZE }),
    library.countLibraryImages(deps.db),
  ]);
  return { images, total };
}

export function findLibraryImage(deps: Pick<ImageDeps, "db">, id: number): Promise<LibraryImage | null> {
  return library.findLibraryImage(deps.db, id);
}

/** Library images a text refers to, by storage key (unknown keys are left out). */
export async function libraryImagesByKey(deps: Pick<ImageDeps, "db">, keys: string[]): Promise<Map<string, LibraryImage>> {
  return new Map((await library.findLibraryImagesByKeys(deps.db, keys)).map((img) => [img.key, img]));
}

/** The library images a text refers to, as they are described now, in the order of their keys. */
export async function inlineImagesOfText(deps: Pick<ImageDeps, "db">, body: string): Promise<InlineImage[]> {
  const keys = inlineImageKeys(body);
  if (keys.length === 0) return [];
  const found = await libraryImagesByKey(deps, keys);
  return [...found.values()].sort((a, b) => (a.key < b.key ? -1 : 1)).map(({ createdAt: _, ...image }) => image);
}

export function imageUsages(deps: LibraryDeps, image: LibraryImage): Promise<ImageUsage[]> {
  return deps.findImageUsages(deps.db, image);
}

/** Stores an upload (metadata stripped, renditions written) with what is said about it. */
export async function addToLibrary(deps: ImageDeps, data: Buffer): Promise<LibraryImage> {
  const stored = await storeImage(deps, data);
  return (await library.findLibraryImage(deps.db, stored.id)) as LibraryImage;
}

/**
 * A page shows its images as the library describes them now (a story, as its approved version
 * does): the new description and its invalidation commit together.
 */
export async function describeImage(deps: Pick<ImageDeps, "db" | "clock">, id: number, details: ImageDetails): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    await library.updateImageDetails(tx, id, details);
    await markContentChanged(tx, deps.clock.now().toISOString());
  });
}

/**
 * Deletes an image nobody shows, or returns where it is shown. The check and the delete share a
 * transaction; the files go once the row is gone, so a failed delete never leaves a row without files.
 */
export async function deleteFromLibrary(deps: LibraryDeps, image: LibraryImage): Promise<{ ok: true } | { ok: false; usages: ImageUsage[] }> {
  const usages = await deps.db.transaction().execute(async (tx) => {
    const found = await deps.findImageUsages(tx, image);
    if (found.length === 0) await library.deleteImageRow(tx, image.id);
    return found;
  });
  if (usages.length > 0) return { ok: false, usages };
  await deps.files.remove(image.key);
  return { ok: true };
}
