import type { AnyDb } from "../../platform/db/dialect.js";

// The contributor's own recording, stripped of metadata but not yet processed, kept only while the
// contribution is an unsent draft (to choose another disguise) and until the first processing ends.
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("submissions").addColumn("audio_source_key", "text").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("submissions").dropColumn("audio_source_key").execute();
}
