import type { Queryable } from "../database.js";

export type Page = { id: number; slug: string; title: string; summary: string; bodyMd: string; updatedAt: string };

const toPage = (r: { id: number; slug: string; title: string; summary: string; body_md: string; updated_at: string }): Page => ({
  id: r.id,
  slug: r.slug,
  title: r.title,
  summary: r.summary,
  bodyMd: r.body_md,
  updatedAt: r.updated_at,
});

export async function findPageBySlug(db: Queryable, slug: string): Promise<Page | null> {
  const row = await db.selectFrom("pages").selectAll().where("slug", "=", slug).executeTakeFirst();
  return row ? toPage(row) : null;
}

export async function findPageById(db: Queryable, id: number): Promise<Page | null> {
  const row = await db.selectFrom("pages").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toPage(row) : null;
}

export async function listPages(db: Queryable): Promise<Page[]> {
  const rows = await db.selectFrom("pages").selectAll().orderBy("title").orderBy("id").execute();
  return rows.map(toPage);
}

export async function upsertPage(db: Queryable, p: { slug: string; title: string; summary: string; bodyMd: string; updatedAt: string }): Promise<void> {
  await db
    .insertInto("pages")
    .values({ slug: p.slug, title: p.title, summary: p.summary, body_md: p.bodyMd, updated_at: p.updatedAt })
    .onConflict((oc) => oc.column("slug").doUpdateSet({ title: p.title, summary: p.summary, body_md: p.bodyMd, updated_at: p.updatedAt }))
    .execute();
}

export async function updatePage(db: Queryable, id: number, p: { title: string; summary: string; bodyMd: string; updatedAt: string }): Promise<void> {
  await db.updateTable("pages").set({ title: p.title, summary: p.summary, body_md: p.bodyMd, updated_at: p.updatedAt }).where("id", "=", id).execute();
}

export async function insertPage(db: Queryable, p: { slug: string; title: string; summary: string; bodyMd: string; updatedAt: string }): Promise<number> {
  const row = await db
    .insertInto("pages")
    .values({ slug: p.slug, title: p.title, summary: p.summary, body_md: p.bodyMd, updated_at: p.updatedAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Whether a page's text refers to this image (by storage key). Pages are public as soon as they exist. */
export async function pageShowsImage(db: Queryable, key: string): Promise<boolean> {
  return (await db.selectFrom("pages").select("id").where("body_md", "like", `%/media/${key}%`).limit(1).executeTakeFirst()) !== undefined;
}
