import { z } from "zod";
import { isPermalinkStructure } from "./wordpress-mapping.js";

/** The options of an import from the back office, as the form sends them. */
export const importForm = z.object({
  dryRun: z.literal("1").optional(),
  tagsAsThemes: z.literal("1").optional(),
  inviteAuthors: z.literal("1").optional(),
  credit: z.enum(["pseudonym", "name"], { error: "Choisissez comment créditer les auteurs et autrices." }).default("pseudonym"),
  permalinks: z
    .string()
    .trim()
    .max(200, "La structure des liens ne doit pas dépasser 200 caractères.")
    .refine((v) => v === "" || isPermalinkStructure(v), "Donnez une structure de liens WordPress, par exemple /%year%/%monthnum%/%postname%/.")
    .default(""),
});

export type ImportFormData = z.infer<typeof importForm>;
