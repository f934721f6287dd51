import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export interface StoriesTable {
  id: Generated<number>;
  slug: string;
  kind: string;
  format: Generated<string>;
  title: string;
  standfirst: Generated<string>;
  body_md: Generated<string>;
  status: string;
  published_at: string | null;
  reading_minutes: Generated<number>;
  series_id: number | null;
  series_position: number | null;
  credit_kind: string;
  credit_name: Generated<string>;
  credit_age: number | null;
  /** Comma-separated content-note codes. */
  content_notes: Generated<string>;
  cover_image_id: number | null;
  cover_alt: Generated<string>;
  is_featured: Generated<number>;
  author_id: number | null;
  audio_key: string | null;
  /** JSON of the exact version scheduled (StoryVersion), released by the scheduler through the guards. */
  scheduled_version: string | null;
  created_at: string;
  updated_at: string;
}

/** The version readers see, one row per story while it is public; written only by story-release.service.ts. */
export interface PublishedStoriesTable {
  story_id: number;
  slug: string;
  kind: string;
  format: string;
  title: string;
  standfirst: string;
  reading_minutes: number;
  series_id: number | null;
  series_position: number | null;
  credit_kind: string;
  credit_name: string;
  credit_age: number | null;
  content_notes: string;
  cover_image_id: number | null;
  cover_alt: string;
  is_featured: Generated<number>;
  published_at: string;
  released_at: string;
  fingerprint: string;
  /** The version's theme ids, ascending, comma-separated (also in published_story_themes, for filters). */
  theme_ids: Generated<string>;
}

/** The wide part of a released version, kept apart so listings scan narrow rows. */
export interface PublishedStoryBodiesTable {
  story_id: number;
  /** JSON of the whole StoryVersion. */
  version: string;
  body_html: string;
  /** JSON array of { credit, html } for a collective story. */
  voices: Generated<string>;
}

export interface PublishedStoryThemesTable {
  story_id: number;
  theme_id: number;
  /** The story's published_at, so that a theme's listing walks one index in publication order. */
  published_at: string;
}

export interface StoryThemesTable {
  story_id: number;
  theme_id: number;
}

export interface StoryVoicesTable {
  id: Generated<number>;
  story_id: number;
  position: number;
  credit_kind: string;
  credit_name: Generated<string>;
  credit_age: number | null;
  body_md: string;
}

export interface StoryRevisionsTable {
  id: Generated<number>;
  story_id: number;
  user_id: number | null;
  created_at: string;
  /** JSON of the editable fields at save time (see StorySnapshot). */
  snapshot: string;
  /** editor, contributor, import or system (see RevisionOrigin). */
  origin: Generated<string>;
}

export interface StorySlugRedirectsTable {
  old_slug: string;
  story_id: number;
}

export interface ThemesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
}

export interface SeriesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: Generated<string>;
  is_collection: Generated<number>;
  created_at: string;
}

export interface StorySafetyChecksTable {
  id: Generated<number>;
  story_id: number;
  fingerprint: string;
  /** Comma-separated checklist items the editor ticked. */
  items: string;
  signed_by: number | null;
  signed_at: string;
}

/** Keywords (an imported site's tags): editorial metadata, outside a story's public version. */
export interface KeywordsTable {
  id: Generated<number>;
  slug: string;
  name: string;
}

export interface StoryKeywordsTable {
  story_id: number;
  keyword_id: number;
}

export type StoryRow = Selectable<StoriesTable>;
export type PublishedStoryRow = Selectable<PublishedStoriesTable>;
export type PublishedStoryBodyRow = Selectable<PublishedStoryBodiesTable>;
export type NewStoryRow = Insertable<StoriesTable>;
export type StoryUpdate = Updateable<StoriesTable>;
export type ThemeRow = Selectable<ThemesTable>;
export type SeriesRow = Selectable<SeriesTable>;
export type VoiceRow = Selectable<StoryVoicesTable>;
export type RevisionRow = Selectable<StoryRevisionsTable>;

export interface StoryTables {
  stories: StoriesTable;
  story_themes: StoryThemesTable;
  story_voices: StoryVoicesTable;
  story_revisions: StoryRevisionsTable;
  story_slug_redirects: StorySlugRedirectsTable;
  themes: ThemesTable;
  series: SeriesTable;
  story_safety_checks: StorySafetyChecksTable;
  published_stories: PublishedStoriesTable;
  published_story_bodies: PublishedStoryBodiesTable;
  published_story_themes: PublishedStoryThemesTable;
  keywords: KeywordsTable;
  story_keywords: StoryKeywordsTable;
}
