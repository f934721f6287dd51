import { type AnyDb, isPostgres, serialPrimaryKey } from "../platform/db/dialect.js";

// Audio: podcast episodes (one per story of kind podcast), daily listening counts, audio on
// contributions, and a durable job queue for slow work (audio processing) that survives restarts.
export async function up(db: AnyDb): Promise<void> {
  const id = serialPrimaryKey(isPostgres(db) ? "postgres" : "sqlite");

  await db.schema
    .createTable("episodes")
    .addColumn("story_id", "integer", (c) => c.primaryKey().references("stories.id").onDelete("cascade"))
    // Podcast guid: made once, never reused, even if the episode is withdrawn.
    .addColumn("guid", "text", (c) => c.notNull().unique())
    .addColumn("season", "integer")
    .addColumn("number", "integer")
    // Processed MP3 under DATA_DIR/media; null until processing is done.
    .addColumn("audio_key", "text")
    .addColumn("audio_bytes", "integer")
    .addColumn("duration_ms", "integer")
    // WebVTT with timings, or plain text.
    .addColumn("transcript", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("transcript_format", "text", (c) => c.notNull().defaultTo("text"))
    // JSON array of { startMs, title }.
    .addColumn("chapters", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // Counts only: no address, user agent or identifier of any listener, ever.
  await db.schema
    .createTable("episode_listens")
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("episode_listens_pk", ["story_id", "day"])
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", id, (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    // What the job works on, e.g. "story:12" or "submission:4", so a feature can show its progress.
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull().defaultTo("{}"))
    // queued, running, done, failed
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("progress", "real", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull().defaultTo(3))
    .addColumn("run_after", "text", (c) => c.notNull())
    // A running job whose claim expired (its process died) is taken again.
    .addColumn("claimed_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_due_idx").on("jobs").columns(["state", "run_after"]).execute();
  await db.schema.createIndex("jobs_subject_idx").on("jobs").columns(["subject", "id"]).execute();

  // A contribution's audio: disguise chosen, duration once processed. The raw upload is never served.
  await db.schema.alterTable("submissions").addColumn("audio_disguise", "text", (c) => c.notNull().defaultTo("none")).execute();
  await db.schema.alterTable("submissions").addColumn("audio_duration_ms", "integer").execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ["jobs", "episode_listens", "episodes"]) await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable("submissions").dropColumn("audio_duration_ms").execute();
  await db.schema.alterTable("submissions").dropColumn("audio_disguise").execute();
}
