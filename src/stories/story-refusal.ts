import type { MessageKey, Params, Translate } from "../platform/i18n/translate.js";

/**
 * Why a story may not go public, change status or have its checklist signed: codes, never prose, translated where
 * they are shown (the editor, the bulk pages, the import report) in the reader's language.
 *
 * Another feature's guard (the author's approval, an episode's audio) says its reason as a key of
 * its own catalogue with the values it needs, not as a code listed here: stories/ then carries
 * reasons it knows nothing about, without importing another feature or holding its words, and
 * the catalogue still checks every key at compile time.
 */
export type CatalogueText = { key: MessageKey; values?: Params };

/** The stories feature's own reasons. */
export type StoryRefusalCode =
  | "title_missing"
  | "body_empty"
  | "standfirst_missing"
  | "slug_taken"
  | "checklist_unsigned"
  | "story_gone"
  | "not_a_draft"
  | "not_public"
  | "date_not_ahead"
  | "already_published"
  | "checklist_not_yours"
  | "checklist_incomplete";

export type Refusal = StoryRefusalCode | CatalogueText;

const KEYS: Record<StoryRefusalCode, MessageKey> = {
  title_missing: "admin.stories.refusal.titleMissing",
  body_empty: "admin.stories.refusal.bodyEmpty",
  standfirst_missing: "admin.stories.refusal.standfirstMissing",
  slug_taken: "admin.stories.refusal.slugTaken",
  checklist_unsigned: "admin.stories.refusal.checklistUnsigned",
  story_gone: "admin.stories.refusal.storyGone",
  not_a_draft: "admin.stories.refusal.notADraft",
  not_public: "admin.stories.refusal.notPublic",
  date_not_ahead: "admin.stories.refusal.dateNotAhead",
  already_published: "admin.stories.refusal.alreadyPublished",
  checklist_not_yours: "admin.stories.refusal.checklistNotYours",
  checklist_incomplete: "admin.stories.refusal.checklistIncomplete",
};

/** One refusal in the page's language. */
export function refusalText(t: Translate, refusal: Refusal): string {
  return typeof refusal === "string" ? t(KEYS[refusal]) : t(refusal.key, refusal.values);
}

/** Several refusals as one message, in the order they were found. */
export function refusalsText(t: Translate, refusals: readonly Refusal[]): string {
  return refusals.map((r) => refusalText(t, r)).join(" ");
}
