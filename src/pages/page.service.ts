import type { Db } from "../database.js";
import type { ContentVersion } from "../platform/cache/content-version.js";
import type { Clock } from "../platform/clock.js";
import * as store from "./page.store.js";

export type PageReadDeps = { db: Db };
export type PageWriteDeps = { db: Db; clock: Clock; contentVersion: ContentVersion };

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

export async function savePage(deps: PageWriteDeps, id: number, input: { title: string; summary: string; bodyMd: string }): Promise<void> {
  await store.updatePage(deps.db, id, { ...input, updatedAt: deps.clock.now().toISOString() });
  await deps.contentVersion.bump();
}

/** Trusted import of a page (demo content); replaces a page with the same address. */
export async function importPage(deps: PageWriteDeps, page: { slug: string; title: string; summary: string; bodyMd: string }): Promise<void> {
  await store.upsertPage(deps.db, { ...page, updatedAt: deps.clock.now().toISOString() });
  await deps.contentVersion.bump();
}
