import sharp, { type AvifOptions } from "sharp";
import type { Queryable } from "../database.js";
import type { FileStore } from "../platform/files/file-store.js";
import { enqueueJob, type JobHandler } from "../platform/jobs/job-queue.js";
import { findImageWidthsByKey, isImageKeyKnown } from "./image.store.js";

/**
 * AVIF renditions made after the image is recorded, by a job: for bulk work (a WordPress import
 * of a thousand photographs), where AVIF, the slowest of the three encodings, would hold up the
 * archive. The image is complete without them: WebP and JPEG are written first, and until an
 * AVIF rendition exists the media route answers its address with the WebP one (every browser
 * that reads AVIF reads WebP). A single upload still gets all three at once.
 *
 * The job starts from a copy of the largest rendition's pixels kept beside the renditions (a JPEG
 * at quality 92, or a PNG when the image has transparency; no metadata): encoding AVIF from the
 * public JPEG or WebP would stack two losses. The copy lives in the image's own folder, so deleting the image deletes it; the media
 * route never serves it (it serves only "<width>.<format>").
 */
export const IMAGE_AVIF_JOB = "image.avif";

/** Effort 0 gives a file within a few percent of the slow settings at a fraction of the time. */
export const AVIF_OPTIONS: AvifOptions = { quality: 55, effort: 0, chromaSubsampling: "4:2:0" };

const SOURCE = "avif-source";

export type RawPixels = { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

/** Keeps the pixels the AVIF renditions will be made from, in the image's folder. */
export async function keepAvifSource(files: FileStore, key: string, pixels: RawPixels): Promise<void> {
  const { width, height, channels } = pixels.info;
  const image = sharp(pixels.data, { raw: { width, height, channels } });
  const hasAlpha = channels === 2 || channels === 4;
  await files.write(`${key}/${SOURCE}`, await (hasAlpha ? image.png({ compressionLevel: 1 }) : image.jpeg({ quality: 92, chromaSubsampling: "4:4:4" })).toBuffer());
}

/** Queues the AVIF renditions of a recorded image, in the transaction that records it. */
export async function queueAvifRenditions(db: Queryable, key: string, now: Date): Promise<void> {
  await enqueueJob(db, { kind: IMAGE_AVIF_JOB, subject: key, payload: { key } }, now);
}

/**
 * Writes an image's AVIF renditions from its kept pixels, then drops them. Idempotent: without
 * the copy there is nothing left to do (already made, or the image is gone).
 */
export function imageAvifJob(deps: { db: Queryable; files: FileStore }): JobHandler {
  return async (job) => {
    const key = String(job.payload.key);
    if (!/^images\/[a-f0-9]{24}$/.test(key)) return;
    const source = await deps.files.read(`${key}/${SOURCE}`);
    if (!source) return;
    const widths = await findImageWidthsByKey(deps.db, key);
    if (!widths) {
      await deps.files.remove(key);
      return;
    }
    const pixels = await sharp(source).raw().toBuffer({ resolveWithObject: true });
    const raw = { width: pixels.info.width, height: pixels.info.height, channels: pixels.info.channels };
    for (const w of widths) {
      const image = sharp(pixels.data, { raw });
      if (w < raw.width) image.resize({ width: w });
      await deps.files.write(`${key}/${w}.avif`, await image.avif(AVIF_OPTIONS).toBuffer());
    }
    await deps.files.remove(`${key}/${SOURCE}`);
    // Deleted while this ran: the delete took the folder before these files were written, so they go now.
    if (!(await isImageKeyKnown(deps.db, key))) await deps.files.remove(key);
  };
}
