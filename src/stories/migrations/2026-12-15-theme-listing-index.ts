import { sql } from "kysely";
import type { AnyDb } from "../../platform/db/dialect.js";

// A theme's listing, newest first, walks this index: its stories in publication order, without
// visiting the others. Before, a deep page of a theme on PostgreSQL hashed every theme row against
// every story older than the page, which grows with the archive. The date is the released
// version's, written beside the theme by the release door, with the row.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("published_story_themes").addColumn("published_at", "text", (col) => col.notNull().defaultTo("")).execute();
  await sql`update published_story_themes set published_at = (select p.published_at from published_stories p where p.story_id = published_story_themes.story_id)`.execute(db);
  await db.schema.createIndex("published_story_themes_recent_idx").on("published_story_themes").columns(["theme_id", "published_at", "story_id"]).execute();
  // Counting by theme walks the new index as well.
  await db.schema.dropIndex("published_story_themes_theme_idx").ifExists().execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.createIndex("published_story_themes_theme_idx").on("published_story_themes").columns(["theme_id", "story_id"]).execute();
  await db.schema.dropIndex("published_story_themes_recent_idx").ifExists().execute();
  await db.schema.alterTable("published_story_themes").dropColumn("published_at").execute();
}
