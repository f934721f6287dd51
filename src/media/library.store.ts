import type { Queryable } from "../database.js";
import type { ImageDetails, LibraryImage } from "./image.js";
import type { ImageRow } from "./image.tables.js";

const toLibraryImage = (r: ImageRow): LibraryImage => ({
  id: r.id,
  key: r.storage_key,
  width: r.width,
  height: r.height,
  widths: r.widths.split(",").map(Number),
  alt: r.alt,
  caption: r.caption,
  credit: r.credit,
  decorative: r.decorative === 1,
  createdAt: r.created_at,
});

export async function listLibraryImages(db: Queryable, page: { limit: number; offset: number }): Promise<LibraryImage[]> {
  const rows = await db.selectFrom("images").selectAll().orderBy("id", "desc").limit(page.limit).offset(page.offset).execute();
  return rows.map(toLibraryImage);
}

export async function countLibraryImages(db: Queryable): Promise<number> {
  const row = await db.selectFrom("images").select((eb) => eb.fn.countAll<number | string>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findLibraryImage(db: Queryable, id: number): Promise<LibraryImage | null> {
  const row = await db.selectFrom("images").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toLibraryImage(row) : null;
}

export async function findLibraryImagesByKeys(db: Queryable, keys: string[]): Promise<LibraryImage[]> {
  if (keys.length === 0) return [];
  const rows = await db.selectFrom("images").selectAll().where("storage_key", "in", keys).execute();
  return rows.map(toLibraryImage);
}

export async function updateImageDetails(db: Queryable, id: number, details: ImageDetails): Promise<void> {
  await db
    .updateTable("images")
    .set({ alt: details.decorative ? "" : details.alt, caption: details.caption, credit: details.credit, decorative: details.decorative ? 1 : 0 })
    .where("id", "=", id)
    .execute();
}

export async function deleteImageRow(db: Queryable, id: number): Promise<void> {
  await db.deleteFrom("images").where("id", "=", id).execute();
}
