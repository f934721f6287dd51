import { z } from "zod";
import { STORY_KINDS } from "../stories/story.js";
import { MAX_QUERY_LENGTH } from "../platform/search/search-query.js";

const slugParam = z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined);

/**
 * The search page's parameters, registered with the page cache, which redirects any other spelling
 * (unknown parameters, empty filters) to this canonical one. Nothing here ever fails: a query too
 * long is cut, an unknown filter value is dropped.
 */
export const searchQuery = z.object({
  q: z
    .string()
    .transform((s) => s.replace(/\s+/g, " ").trim().slice(0, MAX_QUERY_LENGTH))
    .optional()
    .catch(undefined),
  format: z.enum(STORY_KINDS).optional().catch(undefined),
  theme: slugParam,
  serie: slugParam,
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});
