import type { Queryable } from "../database.js";
import type { StoredImage } from "./image.js";


export async function insertImage(db: Queryable, img: { key: string; width: number; height: number; widths: number[]; alt?: string; createdAt: string }): Promise<number> {
  const row = await db
    .insertInto("images")
    .values({ storage_key: img.key, width: img.width, height: img.height, widths: img.widths.join(","), alt: img.alt ?? "", created_at: img.createdAt })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findImagesByIds(db: Queryable, ids: number[]): Promise<Map<number, StoredImage>> {
  const map = new Map<number, StoredImage>();
  if (ids.length === 0) return map;
  const rows = await db.selectFrom("images").selectAll().where("id", "in", [...new Set(ids)]).execute();
  for (const r of rows) {
    map.set(r.id, { id: r.id, key: r.storage_key, width: r.width, height: r.height, widths: r.widths.split(",").map(Number) });
  }
  return map;
}

/** The widths of the image stored under `key`, or null when there is no such image. */
export async function findImageWidthsByKey(db: Queryable, key: string): Promise<number[] | null> {
  const row = await db.selectFrom("images").select("widths").where("storage_key", "=", key).executeTakeFirst();
  return row ? row.widths.split(",").map(Number) : null;
}

export async function isImageKeyKnown(db: Queryable, key: string): Promise<boolean> {
  return (await db.selectFrom("images").select("id").where("storage_key", "=", key).executeTakeFirst()) !== undefined;
}
