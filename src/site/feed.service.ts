import { readSetting } from "../platform/db/settings.js";
import type { StoryReadDeps } from "../stories/story.service.js";

/**
 * What the feeds carry: "excerpt" (the standfirst, the default without any setting) or "full" (the
 * whole released text). Stored in `settings` under FEED_CONTENT_SETTING; whatever changes it must
 * bump the content version, as the answer is memoised with it and feeds are page-cached.
 */
export const FEED_CONTENT_SETTING = "feeds.content";
export type FeedContent = "excerpt" | "full";

export function feedContent(deps: StoryReadDeps): Promise<FeedContent> {
  return deps.memo.get(`setting:${FEED_CONTENT_SETTING}`, async () => ((await readSetting(deps.db, FEED_CONTENT_SETTING)) === "full" ? "full" : "excerpt"));
}
