import type { AnyDb } from "./dialect.js";

/** Small key–value table for machinery that must be shared by every app instance. */
export interface SettingsTables {
  settings: { key: string; value: string };
}

export async function readSetting(db: AnyDb, key: string): Promise<string | null> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return (row?.value as string | undefined) ?? null;
}

/** Inserts the value unless the key exists; returns the stored value (first writer wins). */
export async function ensureSetting(db: AnyDb, key: string, value: string): Promise<string> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return (await readSetting(db, key)) ?? value;
}

export async function writeSetting(db: AnyDb, key: string, value: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}
