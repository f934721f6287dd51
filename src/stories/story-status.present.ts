import type { MessageKey, Translate } from "../platform/i18n/translate.js";
import { STORY_STATUSES, type StoryStatus } from "./story.js";

const STATUS_KEYS: Record<StoryStatus, MessageKey> = {
  draft: "story.status.draft",
  review: "story.status.review",
  scheduled: "story.status.scheduled",
  published: "story.status.published",
  unpublished: "story.status.unpublished",
};

/** A status's name in the page's language; a code the software does not know is said to be unknown. */
export function storyStatusLabel(t: Translate, status: string): string {
  return (STORY_STATUSES as readonly string[]).includes(status) ? t(STATUS_KEYS[status as StoryStatus]) : t("story.status.unknown");
}

/** The statuses in their order, each with its name in the page's language. */
export const storyStatusLabels = (t: Translate): Array<[StoryStatus, string]> => STORY_STATUSES.map((status) => [status, t(STATUS_KEYS[status])]);
