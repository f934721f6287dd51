import type { Queryable } from "../database.js";

export type Keyword = { id: number; slug: string; name: string };

export async function findKeywordBySlug(db: Queryable, slug: string): Promise<Keyword | null> {
  return (await db.selectFrom("keywords").select(["id", "slug", "name"]).where("slug", "=", slug).executeTakeFirst()) ?? null;
}

export async function findKeywordById(db: Queryable, id: number): Promise<Keyword | null> {
  return (await db.selectFrom("keywords").select(["id", "slug", "name"]).where("id", "=", id).executeTakeFirst()) ?? null;
}

/** The keyword with this address, made if it does not exist yet. */
export async function ensureKeyword(db: Queryable, slug: string, name: string): Promise<number> {
  const existing = await findKeywordBySlug(db, slug);
  if (existing) return existing.id;
  const row = await db.insertInto("keywords").values({ slug, name }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function replaceStoryKeywords(db: Queryable, storyId: number, keywordIds: number[]): Promise<void> {
  await db.deleteFrom("story_keywords").where("story_id", "=", storyId).execute();
  if (keywordIds.length === 0) return;
  await db
    .insertInto("story_keywords")
    .values([...new Set(keywordIds)].map((keyword_id) => ({ story_id: storyId, keyword_id })))
    .execute();
}
