import { sql } from "kysely";
import type { Queryable } from "../database.js";

/**
 * Adds counted reads, gathered under the story's address (the page cache answers before any
 * look-up): an address is resolved to its public story here; one that is not public counts nothing.
 * Several instances may flush at once: the database adds the counts up.
 */
export async function addReads(db: Queryable, rows: Array<{ storyId: string; day: string; count: number }>): Promise<void> {
  if (rows.length === 0) return;
  const found = await db
    .selectFrom("published_stories")
    .select(["story_id", "slug"])
    .where("slug", "in", [...new Set(rows.map((r) => r.storyId))])
    .execute();
  const idOf = new Map(found.map((r) => [r.slug, r.story_id]));
  const values = rows.flatMap((r) => {
    const id = idOf.get(r.storyId);
    return id === undefined ? [] : [{ story_id: id, day: r.day, count: r.count }];
  });
  if (values.length === 0) return;
  await db
    .insertInto("story_reads")
    .values(values)
    .onConflict((oc) => oc.columns(["story_id", "day"]).doUpdateSet({ count: sql`story_reads.count + excluded.count` }))
    .execute();
}

export async function readsSince(db: Queryable, sinceDay: string): Promise<Array<{ storyId: number; day: string; count: number }>> {
  const rows = await db.selectFrom("story_reads").select(["story_id", "day", "count"]).where("day", ">=", sinceDay).execute();
  return rows.map((r) => ({ storyId: r.story_id, day: r.day, count: r.count }));
}
