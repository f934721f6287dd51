import type { Generated, Selectable } from "kysely";

/** What each item of an imported WordPress site became here (see the migration for the why). */
export interface WordpressItemsTable {
  site_url: string;
  wp_id: number;
  /** post, page or attachment */
  wp_type: string;
  target_id: number;
  source_hash: string;
  title: string;
  imported_fingerprint: string | null;
  /** transcript, audio or guard: why a story public on the old site is not public here yet. */
  awaiting: string | null;
  imported_at: string;
  updated_at: string;
}

export interface WordpressTermsTable {
  site_url: string;
  taxonomy: string;
  wp_slug: string;
  /** theme, series or keyword */
  target_kind: string;
  target_id: number;
}

export interface WordpressAuthorsTable {
  site_url: string;
  login: string;
  display_name: string;
  user_id: number | null;
}

/** An old public address and what it leads to now, resolved at request time. */
export interface LegacyAddressesTable {
  path: string;
  site_url: string;
  /** story, page, theme, series, keyword, image or fixed */
  target_kind: string;
  target_id: number | null;
  target_path: string | null;
  created_at: string;
}

export interface WordpressImportsTable {
  id: Generated<number>;
  /** queued, running, done or failed */
  state: string;
  options: string;
  files_key: string;
  report: string | null;
  /** No longer written: a failure's French sentence (or a catalogue key) from before `error_code`, kept for those rows and for the previous version during an update. */
  error: string | null;
  /** Why the run failed: a catalogue key, with its values as a JSON object in `error_values`. */
  error_code: string | null;
  error_values: string | null;
  requested_by: number | null;
  created_at: string;
  finished_at: string | null;
}

export type WordpressItemRow = Selectable<WordpressItemsTable>;
export type LegacyAddressRow = Selectable<LegacyAddressesTable>;
export type WordpressImportRow = Selectable<WordpressImportsTable>;

export interface ImportTables {
  wordpress_items: WordpressItemsTable;
  wordpress_terms: WordpressTermsTable;
  wordpress_authors: WordpressAuthorsTable;
  legacy_addresses: LegacyAddressesTable;
  wordpress_imports: WordpressImportsTable;
}
