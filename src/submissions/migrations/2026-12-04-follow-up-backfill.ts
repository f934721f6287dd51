import { sql } from "kysely";
import type { AnyDb } from "../../platform/db/dialect.js";

// Data for the columns of 2026-12-04-follow-up, so that existing rows read right:
// - a revision saved without an account was, if first for its story, the trusted import (demo,
//   migrations from another tool); if later, a contributor's "Devenir anonyme" rewriting the credit;
// - a contribution whose latest message is the team's has no new message; one whose latest is its
//   author's keeps it new, since nobody has answered it yet.
export async function up(db: AnyDb): Promise<void> {
  const first = sql`(select min(r2.id) from story_revisions r2 where r2.story_id = story_revisions.story_id)`;
  await db.updateTable("story_revisions").set({ origin: "import" }).where("user_id", "is", null).where("id", "=", first).execute();
  await db.updateTable("story_revisions").set({ origin: "contributor" }).where("user_id", "is", null).where("id", "!=", first).execute();
  const latest = sql`(select max(m.id) from submission_messages m where m.submission_id = submissions.id)`;
  const latestAuthor = sql`(select m.author from submission_messages m where m.id = ${latest})`;
  await db.updateTable("submissions").set({ messages_read_up_to: latest }).where(latestAuthor, "=", "editor").execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.updateTable("submissions").set({ messages_read_up_to: 0 }).execute();
  await db.updateTable("story_revisions").set({ origin: "editor" }).execute();
}
