import { type AnyDb, isPostgres, serialPrimaryKey } from "../../platform/db/dialect.js";

// The safe-messaging checklist an editor signs before a story with content notes goes public.
// A signature covers the words it was given for (their fingerprint): any edit asks for a new one.
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("story_safety_checks")
    .addColumn("id", serialPrimaryKey(isPostgres(db) ? "postgres" : "sqlite"), (c) => c.primaryKey())
    .addColumn("story_id", "integer", (c) => c.notNull().references("stories.id").onDelete("cascade"))
    .addColumn("fingerprint", "text", (c) => c.notNull())
    .addColumn("items", "text", (c) => c.notNull())
    .addColumn("signed_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("signed_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("story_safety_checks_idx").on("story_safety_checks").columns(["story_id", "id"]).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable("story_safety_checks").ifExists().execute();
}
