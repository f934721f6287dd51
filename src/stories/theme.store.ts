import type { Queryable } from "../database.js";

export type Theme = { id: number; slug: string; name: string; description: string; position: number };

export async function listThemes(db: Queryable): Promise<Theme[]> {
  return db.selectFrom("themes").select(["id", "slug", "name", "description", "position"]).orderBy("position").orderBy("name").orderBy("id").execute();
}

export async function findThemeBySlug(db: Queryable, slug: string): Promise<Theme | null> {
  return (await db.selectFrom("themes").select(["id", "slug", "name", "description", "position"]).where("slug", "=", slug).executeTakeFirst()) ?? null;
}

export async function findThemeById(db: Queryable, id: number): Promise<Theme | null> {
  return (await db.selectFrom("themes").select(["id", "slug", "name", "description", "position"]).where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function countPublishedStoriesByTheme(db: Queryable): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom("story_themes")
    .innerJoin("stories", "stories.id", "story_themes.story_id")
    .select(["story_themes.theme_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("stories.status", "=", "published")
    .groupBy("story_themes.theme_id")
    .execute();
  return new Map(rows.map((r) => [r.theme_id, Number(r.n)]));
}

export async function insertTheme(db: Queryable, t: { slug: string; name: string; description: string; position: number }): Promise<number> {
  const row = await db.insertInto("themes").values(t).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTheme(db: Queryable, id: number, t: { slug: string; name: string; description: string; position: number }): Promise<void> {
  await db.updateTable("themes").set(t).where("id", "=", id).execute();
}

export async function deleteTheme(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom("themes").where("id", "=", id).execute();
}

export async function isThemeSlugTaken(db: Queryable, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom("themes").select("id").where("slug", "=", slug);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}
