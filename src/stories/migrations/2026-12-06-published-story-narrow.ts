import type { AnyDb } from "../../platform/db/dialect.js";

// Now in published_story_bodies (see 2026-12-06-published-story-bodies).
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("published_stories").dropColumn("version").execute();
  await db.schema.alterTable("published_stories").dropColumn("body_html").execute();
  await db.schema.alterTable("published_stories").dropColumn("voices").execute();
}
