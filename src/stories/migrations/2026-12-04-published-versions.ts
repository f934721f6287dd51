import type { AnyDb } from "../../platform/db/dialect.js";

// Readers see released versions only. A story's row is its working copy, which editors change
// freely; what the public sees is a separate snapshot, written only when a version passes every
// guard (the author's approval, the safe-messaging checklist, an episode's audio and transcript),
// and deleted when the story is taken down. Feeds, the sitemap and every page read these tables.
// Stories already published are copied in by the application at its next start (it renders them).
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("published_stories")
    .addColumn("story_id", "integer", (c) => c.primaryKey().references("stories.id").onDelete("cascade"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("standfirst", "text", (c) => c.notNull())
    .addColumn("reading_minutes", "integer", (c) => c.notNull())
    .addColumn("series_id", "integer", (c) => c.references("series.id").onDelete("set null"))
    .addColumn("series_position", "integer")
    .addColumn("credit_kind", "text", (c) => c.notNull())
    .addColumn("credit_name", "text", (c) => c.notNull())
    .addColumn("credit_age", "integer")
    .addColumn("content_notes", "text", (c) => c.notNull())
    .addColumn("cover_image_id", "integer", (c) => c.references("images.id").onDelete("set null"))
    .addColumn("cover_alt", "text", (c) => c.notNull())
    .addColumn("is_featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("published_at", "text", (c) => c.notNull())
    // When this version replaced the previous one (sitemap lastmod, Last-Modified).
    .addColumn("released_at", "text", (c) => c.notNull())
    .addColumn("fingerprint", "text", (c) => c.notNull())
    // The whole version as JSON (StoryVersion), and its body rendered once, at release.
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("body_html", "text", (c) => c.notNull())
    // JSON array of the collective story's voices: credit and rendered HTML.
    .addColumn("voices", "text", (c) => c.notNull().defaultTo("[]"))
    .execute();
  await db.schema.createIndex("published_stories_recent_idx").on("published_stories").columns(["published_at", "story_id"]).execute();
  await db.schema.createIndex("published_stories_kind_idx").on("published_stories").columns(["kind", "published_at", "story_id"]).execute();
  await db.schema.createIndex("published_stories_series_idx").on("published_stories").columns(["series_id", "series_position"]).execute();

  await db.schema
    .createTable("published_story_themes")
    .addColumn("story_id", "integer", (c) => c.notNull().references("published_stories.story_id").onDelete("cascade"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("published_story_themes_pk", ["story_id", "theme_id"])
    .execute();
  await db.schema.createIndex("published_story_themes_theme_idx").on("published_story_themes").columns(["theme_id", "story_id"]).execute();

  // The episode as released with its story: what the feeds, the player and /media/audio serve.
  await db.schema
    .createTable("published_episodes")
    .addColumn("story_id", "integer", (c) => c.primaryKey().references("published_stories.story_id").onDelete("cascade"))
    .addColumn("guid", "text", (c) => c.notNull())
    .addColumn("season", "integer")
    .addColumn("number", "integer")
    .addColumn("audio_key", "text")
    .addColumn("audio_bytes", "integer")
    .addColumn("duration_ms", "integer")
    .addColumn("transcript", "text", (c) => c.notNull())
    .addColumn("transcript_format", "text", (c) => c.notNull())
    .addColumn("chapters", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("published_episodes_audio_idx").on("published_episodes").columns(["audio_key"]).execute();

  // The exact version an editor scheduled (JSON), released by the scheduler through the same guards.
  await db.schema.alterTable("stories").addColumn("scheduled_version", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("stories").dropColumn("scheduled_version").execute();
  await db.schema.dropTable("published_episodes").ifExists().execute();
  await db.schema.dropTable("published_story_themes").ifExists().execute();
  await db.schema.dropTable("published_stories").ifExists().execute();
}
