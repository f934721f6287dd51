import { type AnyDb, isPostgres, serialPrimaryKey } from "../../platform/db/dialect.js";

// An outlet moves in from WordPress: what each WordPress item became here (so a second run
// updates instead of duplicating), every old public address with what it now leads to, the
// import runs started from the back office, and keywords (WordPress tags) on stories.
export async function up(db: AnyDb): Promise<void> {
  const id = serialPrimaryKey(isPostgres(db) ? "postgres" : "sqlite");

  // Keywords are editorial metadata, not part of a story's public version: a keyword's listing
  // shows released versions only, and changing keywords never needs an author's approval.
  await db.schema
    .createTable("keywords")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("story_keywords")
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("keyword_id", "integer", (c) => c.notNull().references("keywords.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("story_keywords_pk", ["story_id", "keyword_id"])
    .execute();
  await db.schema.createIndex("story_keywords_keyword_idx").on("story_keywords").columns(["keyword_id", "story_id"]).execute();

  // One row per WordPress post, page or attachment of a site (keyed by the site's address and the
  // item's id there): what it became, a hash of what was imported, and the fingerprint of the
  // working copy the import left, so a story edited here since is never overwritten.
  await db.schema
    .createTable("wordpress_items")
    .addColumn("site_url", "text", (c) => c.notNull())
    .addColumn("wp_id", "integer", (c) => c.notNull())
    .addColumn("wp_type", "text", (c) => c.notNull())
    .addColumn("target_id", "integer", (c) => c.notNull())
    .addColumn("source_hash", "text", (c) => c.notNull())
    // The title as it was public on the old site (shown on its old address while it waits here).
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("imported_fingerprint", "text")
    // Why a story public on the old site is not public here yet (a transcript, its audio, a guard).
    .addColumn("awaiting", "text")
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("wordpress_items_pk", ["site_url", "wp_id"])
    .execute();
  await db.schema.createIndex("wordpress_items_target_idx").on("wordpress_items").columns(["wp_type", "target_id"]).execute();

  await db.schema
    .createTable("wordpress_terms")
    .addColumn("site_url", "text", (c) => c.notNull())
    .addColumn("taxonomy", "text", (c) => c.notNull())
    .addColumn("wp_slug", "text", (c) => c.notNull())
    // theme, series or keyword, and its id here.
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("wordpress_terms_pk", ["site_url", "taxonomy", "wp_slug"])
    .execute();

  // Authors become credits; an account is made only when asked for (no address is kept otherwise).
  await db.schema
    .createTable("wordpress_authors")
    .addColumn("site_url", "text", (c) => c.notNull())
    .addColumn("login", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addPrimaryKeyConstraint("wordpress_authors_pk", ["site_url", "login"])
    .execute();

  // Old public addresses (normalised path, or "/?p=12" for WordPress's query forms) and what they
  // lead to now: resolved at request time, so a story answers with its current public address.
  await db.schema
    .createTable("legacy_addresses")
    .addColumn("path", "text", (c) => c.primaryKey())
    .addColumn("site_url", "text", (c) => c.notNull())
    // story, page, theme, series, keyword, image or fixed (a path of this site, e.g. /flux.xml).
    .addColumn("target_kind", "text", (c) => c.notNull())
    .addColumn("target_id", "integer")
    .addColumn("target_path", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();

  // An image's description (alt text) as its source gave it: a media library lists it with the image.
  await db.schema.alterTable("images").addColumn("alt", "text", (c) => c.notNull().defaultTo("")).execute();

  // Imports started from the back office: a durable job runs each; its report stays here.
  await db.schema
    .createTable("wordpress_imports")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("options", "text", (c) => c.notNull())
    // Folder of the uploaded files under DATA_DIR/private, deleted when the job ends.
    .addColumn("files_key", "text", (c) => c.notNull())
    .addColumn("report", "text")
    .addColumn("error", "text")
    .addColumn("requested_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("finished_at", "text")
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("images").dropColumn("alt").execute();
  for (const table of ["wordpress_imports", "legacy_addresses", "wordpress_authors", "wordpress_terms", "wordpress_items", "story_keywords", "keywords"]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
