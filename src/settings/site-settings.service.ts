import { randomUUID } from "node:crypto";
import type { Db } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { Clock } from "../platform/clock.js";
import type { FileStore } from "../platform/files/file-store.js";
import { ImageRejected, renderImage } from "../media/image.service.js";
import type { SettingsInput } from "./settings.schemas.js";

export type SettingsDeps = { db: Db; clock: Clock; files: FileStore };

/**
 * Saves the settings and marks the content changed in the same transaction: every instance reads
 * the row again at its next request, and every cached page (which shows the name) is dropped.
 */
export async function saveSiteSettings(deps: SettingsDeps, input: SettingsInput): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("site_settings")
      .set({
        name: input.name,
        tagline: input.tagline,
        contact_email: input.contactEmail,
        legal_entity: input.legalEntity,
        legal_host: input.legalHost,
        social_links: JSON.stringify(input.socialLinks),
        accent_colour: input.accentColour,
        revision: randomUUID(),
        updated_at: now,
      })
      .where("id", "=", 1)
      .execute();
    await markContentChanged(tx, now);
  });
}

export type SiteImageUsage = "logo" | "share";

// Sanitising SVG safely (scripts, event handlers, external references, foreignObject) needs a
// parser we do not ship: SVG is refused, and PNG or JPEG go through the image pipeline.
const SVG = /^\s*(<\?xml|<svg|<!DOCTYPE svg)/i;

/**
 * Stores the logo or the default share image, re-encoded from pixels by the image pipeline (no
 * EXIF, XMP or ICC comment survives), and marks the content changed with it.
 */
export async function saveSiteImage(deps: SettingsDeps, usage: SiteImageUsage, data: Buffer): Promise<void> {
  if (SVG.test(data.subarray(0, 256).toString("utf8"))) {
    throw new ImageRejected("image.rejected.svg");
  }
  const image = await renderImage(deps, data);
  // The logo keeps its transparency (WebP, small); the share image is a JPEG, as social networks expect.
  const width = usage === "logo" ? (image.widths.find((w) => w >= 320) ?? image.widths.at(-1)) : image.widths.at(-1);
  const path = `${image.key}/${width}.${usage === "logo" ? "webp" : "jpeg"}`;
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await tx
      .updateTable("site_settings")
      .set({ ...(usage === "logo" ? { logo_path: path } : { share_image_path: path }), revision: randomUUID(), updated_at: now })
      .where("id", "=", 1)
      .execute();
    await markContentChanged(tx, now);
  });
}
