import { sql } from "kysely";
import { type AnyDb, isPostgres } from "../../platform/db/dialect.js";

// French search over released versions. `story_search` holds, per public story, its plain text
// (for excerpts) and its stems (src/search/french-text.ts, the same on both databases); the
// database indexes the stems: an FTS5 table kept in step by triggers on SQLite, a generated
// tsvector with a GIN index on PostgreSQL. Rows are written and deleted by the release door, in
// its transaction, and go with the released version when it is deleted (cascade, then trigger).
// The application indexes released versions that have no row yet at start (stories public before
// this migration), as it owns the stemmer.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("story_search")
    .addColumn("story_id", "integer", (c) => c.primaryKey().references("published_stories.story_id").onDelete("cascade"))
    .addColumn("plain_text", "text", (c) => c.notNull())
    .addColumn("title_terms", "text", (c) => c.notNull())
    .addColumn("body_terms", "text", (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    // The stems are ours already: 'simple' only splits them, so both databases match the same words.
    await sql`alter table story_search add column terms tsvector generated always as (setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'D')) stored`.execute(db);
    await sql`create index story_search_terms_idx on story_search using gin (terms)`.execute(db);
  } else {
    await sql`create virtual table story_search_fts using fts5(title_terms, body_terms, content='story_search', content_rowid='story_id', tokenize='ascii')`.execute(db);
    await sql`create trigger story_search_ai after insert on story_search begin insert into story_search_fts(rowid, title_terms, body_terms) values (new.story_id, new.title_terms, new.body_terms); end`.execute(db);
    await sql`create trigger story_search_ad after delete on story_search begin insert into story_search_fts(story_search_fts, rowid, title_terms, body_terms) values ('delete', old.story_id, old.title_terms, old.body_terms); end`.execute(db);
    await sql`create trigger story_search_au after update on story_search begin insert into story_search_fts(story_search_fts, rowid, title_terms, body_terms) values ('delete', old.story_id, old.title_terms, old.body_terms); insert into story_search_fts(rowid, title_terms, body_terms) values (new.story_id, new.title_terms, new.body_terms); end`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists story_search_fts`.execute(db);
  await db.schema.dropTable("story_search").ifExists().execute();
}
