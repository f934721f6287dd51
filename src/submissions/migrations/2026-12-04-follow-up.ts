import type { AnyDb } from "../../platform/db/dialect.js";

// Receipts that cannot be lost, and editors who see what is new:
// - submissions.form_token: the one-time token of the form a contribution was sent with; unique, so
//   sending the same form twice (Back, reload, a double click) can never make a second row;
// - submissions.messages_read_up_to: the id of the last message the team has dealt with (replied,
//   noted or marked read); a later message from the contributor is "new";
// - story_revisions.origin: who made a revision without an account (the contributor, an import),
//   so history never names a contributor's change "deleted account".
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("submissions").addColumn("form_token", "text").execute();
  await db.schema.createIndex("submissions_form_token_idx").on("submissions").column("form_token").unique().execute();
  await db.schema.alterTable("submissions").addColumn("messages_read_up_to", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("story_revisions").addColumn("origin", "text", (c) => c.notNull().defaultTo("editor")).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable("story_revisions").dropColumn("origin").execute();
  await db.schema.alterTable("submissions").dropColumn("messages_read_up_to").execute();
  await db.schema.dropIndex("submissions_form_token_idx").execute();
  await db.schema.alterTable("submissions").dropColumn("form_token").execute();
}
