import { sql } from "kysely";
import { type AnyDb, isPostgres } from "../../platform/db/dialect.js";

// The back office's search over working copies (drafts, pending edits: never public), beside the
// public index of released versions and built the same way: stems from src/search/french-text.ts,
// an FTS5 table kept by triggers on SQLite, a generated tsvector with a GIN index on PostgreSQL.
// Rows are written by the story store in the transaction of every write of a working copy, and go
// with the story (cascade, then trigger). The application indexes stories that have no row yet
// at start (every story made before this migration), as it owns the stemmer. On SQLite both FTS5
// indexes delete securely, as the database does (secure_delete): an erased story's words are
// removed from the index's pages, not only hidden from queries until a merge.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("story_editorial_search")
    .addColumn("story_id", "integer", (c) => c.primaryKey().references("stories.id").onDelete("cascade"))
    .addColumn("title_terms", "text", (c) => c.notNull())
    .addColumn("body_terms", "text", (c) => c.notNull())
    .execute();
  if (isPostgres(db)) {
    await sql`alter table story_editorial_search add column terms tsvector generated always as (setweight(to_tsvector('simple', title_terms), 'A') || setweight(to_tsvector('simple', body_terms), 'D')) stored`.execute(db);
    await sql`create index story_editorial_search_terms_idx on story_editorial_search using gin (terms)`.execute(db);
  } else {
    await sql`create virtual table story_editorial_search_fts using fts5(title_terms, body_terms, content='story_editorial_search', content_rowid='story_id', tokenize='ascii')`.execute(db);
    await sql`create trigger story_editorial_search_ai after insert on story_editorial_search begin insert into story_editorial_search_fts(rowid, title_terms, body_terms) values (new.story_id, new.title_terms, new.body_terms); end`.execute(db);
    await sql`create trigger story_editorial_search_ad after delete on story_editorial_search begin insert into story_editorial_search_fts(story_editorial_search_fts, rowid, title_terms, body_terms) values ('delete', old.story_id, old.title_terms, old.body_terms); end`.execute(db);
    for (const fts of ["story_editorial_search_fts", "story_search_fts"]) {
      await sql`insert into ${sql.table(fts)}(${sql.ref(fts)}, rank) values ('secure-delete', 1)`.execute(db);
    }
    await sql`create trigger story_editorial_search_au after update on story_editorial_search begin insert into story_editorial_search_fts(story_editorial_search_fts, rowid, title_terms, body_terms) values ('delete', old.story_id, old.title_terms, old.body_terms); insert into story_editorial_search_fts(rowid, title_terms, body_terms) values (new.story_id, new.title_terms, new.body_terms); end`.execute(db);
  }
}

export async function down(db: AnyDb): Promise<void> {
  if (!isPostgres(db)) await sql`drop table if exists story_editorial_search_fts`.execute(db);
  await db.schema.dropTable("story_editorial_search").ifExists().execute();
}
