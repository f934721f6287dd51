import type { Queryable } from "../database.js";

export type Series = { id: number; slug: string; title: string; description: string; isCollection: boolean };

const COLUMNS = ["id", "slug", "title", "description", "is_collection"] as const;

function toSeries(r: { id: number; slug: string; title: string; description: string; is_collection: number }): Series {
  return { id: r.id, slug: r.slug, title: r.title, description: r.description, isCollection: r.is_collection === 1 };
}

export async function listSeries(db: Queryable): Promise<Series[]> {
  const rows = await db.selectFrom("series").select(COLUMNS).orderBy("title").orderBy("id").execute();
  return rows.map(toSeries);
}

export async function findSeriesBySlug(db: Queryable, slug: string): Promise<Series | null> {
  const row = await db.selectFrom("series").select(COLUMNS).where("slug", "=", slug).executeTakeFirst();
  return row ? toSeries(row) : null;
}

export async function findSeriesById(db: Queryable, id: number): Promise<Series | null> {
  const row = await db.selectFrom("series").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? toSeries(row) : null;
}

export async function insertSeries(
  db: Queryable,
  s: { slug: string; title: string; description: string; isCollection: boolean; createdAt: string },
): Promise<number> {
  const row = await db
    .insertInto("series")
    .values({ slug: s.slug, title: s.title, description: s.description, is_collection: s.isCollection ? 1 : 0, created_at: s.createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSeries(
  db: Queryable,
  id: number,
  s: { slug: string; title: string; description: string; isCollection: boolean },
): Promise<void> {
  await db
    .updateTable("series")
    .set({ slug: s.slug, title: s.title, description: s.description, is_collection: s.isCollection ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}

export async function deleteSeries(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom("series").where("id", "=", id).execute();
}

export async function isSeriesSlugTaken(db: Queryable, slug: string, exceptId?: number): Promise<boolean> {
  let q = db.selectFrom("series").select("id").where("slug", "=", slug);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** The place after the last story of a series (working copies), for a story moved into it. */
export async function nextSeriesPosition(db: Queryable, seriesId: number): Promise<number> {
  const row = await db
    .selectFrom("stories")
    .select((eb) => eb.fn.max("series_position").as("last"))
    .where("series_id", "=", seriesId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}
