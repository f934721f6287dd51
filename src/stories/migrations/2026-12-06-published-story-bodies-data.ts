import { sql } from "kysely";
import { type AnyDb, isPostgres } from "../../platform/db/dialect.js";

// The released versions already public: their bodies move to published_story_bodies, and their
// theme ids are written beside them from published_story_themes.
export async function up(db: AnyDb): Promise<void> {
  await sql`insert into published_story_bodies (story_id, version, body_html, voices) select story_id, version, body_html, voices from published_stories`.execute(db);
  const ids = isPostgres(db)
    ? sql`(select string_agg(theme_id::text, ',' order by theme_id) from published_story_themes t where t.story_id = published_stories.story_id)`
    : sql`(select group_concat(theme_id, ',') from (select theme_id from published_story_themes t where t.story_id = published_stories.story_id order by theme_id))`;
  await sql`update published_stories set theme_ids = coalesce(${ids}, '')`.execute(db);
}
