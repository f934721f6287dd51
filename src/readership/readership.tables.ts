/** Reads of story pages per story and day: counts only (see the migration). */
export interface ReadershipTables {
  story_reads: { story_id: number; day: string; count: number };
}
