import { z } from "zod";
import { STORY_KINDS } from "./story.js";

// Public filters are forgiving: a value we do not know is ignored rather than an error page,
// so old or hand-edited links still lead somewhere useful.
const slugParam = z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined);

export const listingQuery = z.object({
  format: z.enum(STORY_KINDS).optional().catch(undefined),
  theme: slugParam,
  serie: slugParam,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

/** A theme's own listing: the theme is in its address, so a `theme` parameter means nothing there. */
export const themeListingQuery = listingQuery.omit({ theme: true });

export const slugParams = z.object({ slug: z.string().min(1).max(200) });
