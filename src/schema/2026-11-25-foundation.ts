import { type AnyDb, isPostgres, serialPrimaryKey } from "../platform/db/dialect.js";

// Frozen once released: later changes go in a new migration.
// Timestamps are ISO-8601 UTC text (fixed width, "Z"), so they sort and compare the same on both databases.
// Booleans are integers 0/1 for the same reason.

export async function up(db: AnyDb): Promise<void> {
  const id = serialPrimaryKey(isPostgres(db) ? "postgres" : "sqlite");

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("users")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text")
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("is_disabled", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_idx").on("sessions").column("user_id").execute();

  // One-time links: first-administrator setup and password reset. Only a hash of the token is kept.
  await db.schema
    .createTable("account_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("cascade"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();

  await db.schema
    .createTable("themes")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("position", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("series")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_collection", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("images")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("storage_key", "text", (c) => c.notNull().unique())
    .addColumn("width", "integer", (c) => c.notNull())
    .addColumn("height", "integer", (c) => c.notNull())
    .addColumn("widths", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("stories")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("format", "text", (c) => c.notNull().defaultTo("single"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("standfirst", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_md", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("reading_minutes", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("series_id", "integer", (c) => c.references("series.id").onDelete("set null"))
    .addColumn("series_position", "integer")
    .addColumn("credit_kind", "text", (c) => c.notNull())
    .addColumn("credit_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("credit_age", "integer")
    .addColumn("content_notes", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("cover_image_id", "integer", (c) => c.references("images.id").onDelete("set null"))
    .addColumn("cover_alt", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("is_featured", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("author_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("audio_key", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  // The public listing reads published stories newest first; id breaks ties.
  await db.schema
    .createIndex("stories_public_idx")
    .on("stories")
    .columns(["status", "published_at", "id"])
    .execute();
  await db.schema.createIndex("stories_kind_idx").on("stories").columns(["kind", "status", "published_at"]).execute();
  await db.schema.createIndex("stories_series_idx").on("stories").columns(["series_id", "series_position"]).execute();

  await db.schema
    .createTable("story_themes")
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("theme_id", "integer", (c) => c.notNull().references("themes.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("story_themes_pk", ["story_id", "theme_id"])
    .execute();
  await db.schema.createIndex("story_themes_theme_idx").on("story_themes").columns(["theme_id", "story_id"]).execute();

  // Voices of a collective story, each with its own credit.
  await db.schema
    .createTable("story_voices")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("credit_kind", "text", (c) => c.notNull())
    .addColumn("credit_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("credit_age", "integer")
    .addColumn("body_md", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("story_voices_story_idx").on("story_voices").columns(["story_id", "position"]).execute();

  await db.schema
    .createTable("story_revisions")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("snapshot", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("story_revisions_story_idx").on("story_revisions").columns(["story_id", "id"]).execute();

  // A renamed story keeps answering at its old addresses with a 301.
  await db.schema
    .createTable("story_slug_redirects")
    .addColumn("old_slug", "text", (c) => c.primaryKey())
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .execute();

  await db.schema
    .createTable("pages")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("body_md", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    "pages",
    "story_slug_redirects",
    "story_revisions",
    "story_voices",
    "story_themes",
    "stories",
    "images",
    "series",
    "themes",
    "account_tokens",
    "sessions",
    "users",
    "settings",
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
