import type { AnyDb } from "../dialect.js";

// A job's failure becomes a code its feature translates; the raw text a handler threw (ffmpeg's
// stderr, a Node error, a French sentence) goes to the log only. The texts kept so far are emptied:
// editors see a generic "unexpected failure" for those rows, and the table keeps nothing technical.
// `last_error` itself stays (only additions while both versions run during an update).
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("jobs").addColumn("failure_code", "text").execute();
  await db.updateTable("jobs").set({ last_error: null }).where("last_error", "is not", null).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("jobs").dropColumn("failure_code").execute();
}
