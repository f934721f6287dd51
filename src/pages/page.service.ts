import type { Db } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { Clock } from "../platform/clock.js";
import * as store from "./page.store.js";

export type PageReadDeps = { db: Db };
export type PageWriteDeps = { db: Db; clock: Clock };

export function findPage(deps: PageReadDeps, slug: string) {
  return store.findPageBySlug(deps.db, slug);
}

export function findPageById(deps: PageReadDeps, id: number) {
  return store.findPageById(deps.db, id);
}

export function listPages(deps: PageReadDeps) {
  return store.listPages(deps.db);
}

export async function listPageSlugs(deps: PageReadDeps): Promise<string[]> {
  return (await store.listPages(deps.db)).map((p) => p.slug);
}

/** Pages are public: each change marks the content version in its own transaction. */
export async function savePage(deps: PageWriteDeps, id: number, input: { title: string; summary: string; bodyMd: string }): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await store.updatePage(tx, id, { ...input, updatedAt: now });
    await markContentChanged(tx, now);
  });
}

/** Trusted import of a page (demo content); replaces a page with the same address. */
export async function importPage(deps: PageWriteDeps, page: { slug: string; title: string; summary: string; bodyMd: string }): Promise<void> {
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (tx) => {
    await store.upsertPage(tx, { ...page, updatedAt: now });
    await markContentChanged(tx, now);
  });
}
