import type { AnyDb } from "../../platform/db/dialect.js";

// Reads of story pages, counted like listens: per story and day, counts only. No address, user
// agent or identifier of any reader, ever (de-duplication happens in memory, src/readership).
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("story_reads")
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("story_reads_pk", ["story_id", "day"])
    .execute();
  await db.schema.createIndex("story_reads_day_idx").on("story_reads").columns(["day"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("story_reads").ifExists().execute();
}
