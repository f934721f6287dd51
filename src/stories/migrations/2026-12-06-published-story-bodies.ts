import type { AnyDb } from "../../platform/db/dialect.js";

// What every listing, card and count scans (published_stories) keeps to narrow rows: the rendered
// body, the voices and the version JSON (a dozen KB a story) move to a table of their own, read
// only by a story's own page and by editors' comparisons. On SQLite a wide row fills a page and
// spills into overflow pages, so a listing of twelve cards read a dozen pages at least; narrow,
// they share a page or two, and 100,000 stories stay a few dozen MB to scan.
// A released version also carries its theme ids ("1,4,9", ascending), so a card gets them with its
// row instead of one more query (published_story_themes stays for filters and counts).
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("published_story_bodies")
    .addColumn("story_id", "integer", (c) => c.primaryKey().references("published_stories.story_id").onDelete("cascade"))
    // The whole version as JSON (StoryVersion), and its body rendered once, at release.
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    // JSON array of the collective story's voices: credit and rendered HTML.
    .addColumn("voices", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.alterTable("published_stories").addColumn("theme_ids", "text", (c) => c.notNull().defaultTo("")).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("published_stories").dropColumn("theme_ids").execute();
  await db.schema.dropTable("published_story_bodies").execute();
}
