import type { AnyDb } from "../../platform/db/dialect.js";

// The home's featured story is the newest one marked featured: without this index the query walked
// the newest-first index until it met one, every story newer than the featured one (all of them
// when none is featured). With it, one index entry on both databases.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex("published_stories_featured_idx").on("published_stories").columns(["is_featured", "published_at", "story_id"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("published_stories_featured_idx").ifExists().execute();
}
