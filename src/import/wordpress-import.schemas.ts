import { z } from "zod";
import { isPermalinkStructure } from "./wordpress-mapping.js";

/** The options of an import from the back office, as the form sends them. Messages are catalogue keys. */
export const importForm = z.object({
  dryRun: z.literal("1").optional(),
  tagsAsThemes: z.literal("1").optional(),
  inviteAuthors: z.literal("1").optional(),
  credit: z.enum(["pseudonym", "name"], { error: "admin.import.error.credit" }).default("pseudonym"),
  permalinks: z
    .string()
    .trim()
    .max(200, "admin.import.error.permalinksTooLong")
    .refine((v) => v === "" || isPermalinkStructure(v), "admin.import.error.permalinks")
    .default(""),
});

export type ImportFormData = z.infer<typeof importForm>;
