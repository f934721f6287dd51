import { sql } from "kysely";
import type { AnyDb } from "../dialect.js";

// Revisions saved without an account before `origin` existed: a story's first one came from the
// trusted import (demo, migrations from another tool); a later one could only be a contributor's
// "Devenir anonyme", which rewrote the credit.
export async function up(db: AnyDb): Promise<void> {
  const first = sql`(select min(r2.id) from story_revisions r2 where r2.story_id = story_revisions.story_id)`;
  await db.updateTable("story_revisions").set({ origin: "import" }).where("user_id", "is", null).where("id", "=", first).execute();
  await db.updateTable("story_revisions").set({ origin: "contributor" }).where("user_id", "is", null).where("id", "!=", first).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.updateTable("story_revisions").set({ origin: "editor" }).execute();
}
