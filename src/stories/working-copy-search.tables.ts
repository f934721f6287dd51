/** One row per story: the stems of its working copy, for the back office's search (see the migration). */
export interface StoryEditorialSearchTable {
  story_id: number;
  title_terms: string;
  body_terms: string;
}

export interface WorkingCopySearchTables {
  story_editorial_search: StoryEditorialSearchTable;
}
