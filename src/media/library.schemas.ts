import { z } from "zod";
import type { ImageDetails } from "./image.js";

/** What an editor says about a library image: alt text required unless the image is decorative. */
export const imageDetailsForm = z
  .object({
    alt: z.string().trim().max(300, "Le texte alternatif ne doit pas dépasser 300 caractères.").default(""),
    caption: z.string().trim().max(500, "La légende ne doit pas dépasser 500 caractères.").default(""),
    credit: z.string().trim().max(200, "Le crédit ne doit pas dépasser 200 caractères.").default(""),
    decorative: z.literal("1").optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.decorative && !v.alt) {
      ctx.addIssue({ code: "custom", path: ["alt"], message: "Décrivez l'image en une phrase, ou cochez « Image décorative »." });
    }
  })
  .transform((v): ImageDetails => ({ alt: v.decorative ? "" : v.alt, caption: v.caption, credit: v.credit, decorative: v.decorative === "1" }));

export const libraryListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  ok: z.string().optional().catch(undefined),
});
