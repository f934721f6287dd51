import { z } from "zod";
import type { ImageDetails } from "./image.js";

/** What an editor says about a library image: alt text required unless the image is decorative. */
export const imageDetailsForm = z
  .object({
    alt: z.string().trim().max(300, "admin.media.error.altTooLong").default(""),
    caption: z.string().trim().max(500, "admin.media.error.captionTooLong").default(""),
    credit: z.string().trim().max(200, "admin.media.error.creditTooLong").default(""),
    decorative: z.literal("1").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.decorative && !v.alt) {
      ctx.addIssue({ code: "custom", path: ["alt"], message: "admin.media.error.altMissing" });
    }
  })
  .transform((v): ImageDetails => ({ alt: v.decorative ? "" : v.alt, caption: v.caption, credit: v.credit, decorative: v.decorative === "1" }));

export const libraryListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  ok: z.string().optional().catch(undefined),
});
