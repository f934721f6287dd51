import type { Generated, Selectable } from "kysely";

/** One row per story of kind podcast: what makes it an episode. */
export interface EpisodesTable {
  story_id: number;
  guid: string;
  season: number | null;
  number: number | null;
  audio_key: string | null;
  audio_bytes: number | null;
  duration_ms: number | null;
  transcript: Generated<string>;
  /** "vtt" (WebVTT with timings) or "text". */
  transcript_format: Generated<string>;
  /** JSON array of { startMs, title }. */
  chapters: Generated<string>;
  updated_at: string;
}

/** The episode as released with its story's public version (see stories/story-version.ts). */
export interface PublishedEpisodesTable {
  story_id: number;
  guid: string;
  season: number | null;
  number: number | null;
  audio_key: string | null;
  audio_bytes: number | null;
  duration_ms: number | null;
  transcript: string;
  transcript_format: string;
  chapters: string;
}

/** Daily listening counts per episode; nothing about the listener. */
export interface EpisodeListensTable {
  story_id: number;
  day: string;
  count: Generated<number>;
}

export type EpisodeRow = Selectable<EpisodesTable>;

export interface EpisodeTables {
  episodes: EpisodesTable;
  episode_listens: EpisodeListensTable;
  published_episodes: PublishedEpisodesTable;
}
