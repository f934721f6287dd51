import { randomBytes } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import type { Db, Queryable } from "../database.js";
import { createLruCache, type LruCache } from "../platform/cache/lru-cache.js";
import type { Clock } from "../platform/clock.js";
import type { FileStore } from "../platform/files/file-store.js";
import { type MessageKey, translator } from "../platform/i18n/translate.js";
import type { StoredImage } from "./image.js";
import { AVIF_OPTIONS, keepAvifSource, queueAvifRenditions } from "./image-avif.service.js";
import { findImagesByIds, insertImage } from "./image.store.js";

export type ImageDeps = { db: Db; files: FileStore; clock: Clock };

export const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
// Decoding bombs: a small file can claim a huge canvas. sharp refuses anything larger.
const MAX_PIXELS = 40_000_000;
const TARGET_WIDTHS = [480, 960, 1440];
export const IMAGE_FORMATS = ["avif", "webp", "jpeg"] as const;
const ACCEPTED_INPUT = new Set(["jpeg", "png", "webp", "avif", "heif", "gif", "tiff"]);

/** An image refused, with the catalogue key of why: its message is the French text, for the pages not yet translated. */
export class ImageRejected extends Error {
  constructor(readonly key: MessageKey) {
    super(translator("fr")(key));
  }
}

/** Renditions written to the media store, not yet recorded in the database. */
export type RenderedImage = { key: string; width: number; height: number; widths: number[]; avifLater?: boolean };

/**
 * Checks an image by its content, then writes responsive renditions in AVIF, WebP and JPEG.
 * Renditions are re-encoded from pixels only: EXIF (GPS, camera, dates), XMP, IPTC and ICC
 * comments never reach them. The orientation is applied first so the picture stays upright. The
 * file is decoded once; each width is resized once from those pixels. With `avif: "later"` (bulk
 * work), the AVIF renditions are left to a job that recording the image queues (image-avif.service).
 */
export async function renderImage(deps: Pick<ImageDeps, "files">, data: Buffer, opts: { avif?: "now" | "later" } = {}): Promise<RenderedImage> {
  const avifLater = opts.avif === "later";
  if (data.length === 0) throw new ImageRejected("image.rejected.empty");
  if (data.length > MAX_IMAGE_BYTES) throw new ImageRejected("image.rejected.tooLarge");
  let meta: Metadata;
  try {
    meta = await sharp(data, { limitInputPixels: MAX_PIXELS }).metadata();
  } catch {
    throw new ImageRejected("image.rejected.unreadable");
  }
  if (!meta.format || !ACCEPTED_INPUT.has(meta.format) || !meta.width || !meta.height) {
    throw new ImageRejected("image.rejected.format");
  }
  let pixels: { data: Buffer; info: OutputInfo };
  try {
    pixels = await sharp(data, { limitInputPixels: MAX_PIXELS }).rotate().raw().toBuffer({ resolveWithObject: true });
  } catch {
    throw new ImageRejected("image.rejected.damaged");
  }
  const { width, height, channels } = pixels.info;
  const widths = TARGET_WIDTHS.filter((w) => w < width);
  if (widths.length === 0 || width <= 1440) widths.push(Math.min(width, 1440));
  const uniqueWidths = [...new Set(widths)].sort((a, b) => a - b);
  const key = `images/${randomBytes(12).toString("hex")}`;
  try {
    for (const w of uniqueWidths) {
      // Resized once, then encoded from those pixels: a sharp pipeline cloned per format would
      // resize again for each one (a quarter of the work for a photograph).
      const scaled = await sharp(pixels.data, { raw: { width, height, channels } }).resize({ width: w, withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
      const at = () => sharp(scaled.data, { raw: { width: scaled.info.width, height: scaled.info.height, channels: scaled.info.channels } });
      // Effort 1 (WebP) gives a file within a few percent of the slow settings at a fraction of
      // the time. JPEG is the fallback of old browsers and mail clients: baseline, as a
      // progressive scan took 2.5 times as long for a file of the same size.
      const [avif, webp, jpeg] = await Promise.all([
        avifLater ? null : at().avif(AVIF_OPTIONS).toBuffer(),
        at().webp({ quality: 75, effort: 1 }).toBuffer(),
        at().flatten({ background: "#ffffff" }).jpeg({ quality: 78, optimiseCoding: true }).toBuffer(),
      ]);
      if (avif) await deps.files.write(`${key}/${w}.avif`, avif);
      await deps.files.write(`${key}/${w}.webp`, webp);
      await deps.files.write(`${key}/${w}.jpeg`, jpeg);
      if (avifLater && w === uniqueWidths.at(-1)) await keepAvifSource(deps.files, key, scaled);
    }
  } catch (error) {
    await deps.files.remove(key);
    throw error;
  }
  return { key, width, height, widths: uniqueWidths, avifLater };
}

/** Records rendered renditions as an image (inside the caller's transaction, if any), with the job for its AVIF renditions if they come later. */
export async function recordImage(db: Queryable, now: Date, image: RenderedImage, alt = ""): Promise<StoredImage> {
  const { avifLater, ...rendered } = image;
  const id = await insertImage(db, { ...rendered, alt, createdAt: now.toISOString() });
  if (avifLater) await queueAvifRenditions(db, rendered.key, now);
  return { id, ...rendered };
}

/** Deletes renditions that were never recorded (their transaction failed). */
export function discardRenderedImage(deps: Pick<ImageDeps, "files">, image: RenderedImage): Promise<void> {
  return deps.files.remove(image.key);
}

/** Checks an upload, writes its renditions and records it. */
export async function storeImage(deps: ImageDeps, data: Buffer, opts: { alt?: string } = {}): Promise<StoredImage> {
  const rendered = await renderImage(deps, data);
  return recordImage(deps.db, deps.clock.now(), rendered, opts.alt);
}

// An image row never changes once written (a new cover is a new image): it can be kept in memory
// by id for good, per database, and a card needs no query for its cover.
const knownImagesByDatabase = new WeakMap<Db, LruCache<StoredImage>>();

export async function findImages(deps: Pick<ImageDeps, "db">, ids: Array<number | null>): Promise<Map<number, StoredImage>> {
  let knownImages = knownImagesByDatabase.get(deps.db);
  if (!knownImages) {
    knownImages = createLruCache<StoredImage>({ maxEntries: 10_000, maxBytes: Number.POSITIVE_INFINITY, sizeOf: () => 0 });
    knownImagesByDatabase.set(deps.db, knownImages);
  }
  const found = new Map<number, StoredImage>();
  const missing: number[] = [];
  for (const id of ids) {
    if (id === null || found.has(id)) continue;
    const image = knownImages.get(String(id));
    if (image) found.set(id, image);
    else missing.push(id);
  }
  if (missing.length === 0) return found;
  for (const [id, image] of await findImagesByIds(deps.db, missing)) {
    knownImages.set(String(id), image);
    found.set(id, image);
  }
  return found;
}
