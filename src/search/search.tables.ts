/** One row per public story: what search matches (stems) and shows (plain text). See the migration. */
export interface StorySearchTable {
  story_id: number;
  plain_text: string;
  title_terms: string;
  body_terms: string;
}

export interface SearchTables {
  story_search: StorySearchTable;
}
