import type { Db, Queryable } from "../database.js";
import { slugify, uniqueSlug } from "../stories/story.js";
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

/**
 * A page brought by an import (another site's "about" or "contact" page): written as a new page, or
 * over the one a previous run made. It never replaces a page it did not make: on a taken address
 * it gets the next free one, and the team merges the two by hand.
 */
export async function writeImportedPage(
  db: Queryable,
  existingId: number | null,
  page: { slug: string; title: string; summary: string; bodyMd: string },
  now: string,
): Promise<{ id: number; slug: string }> {
  const current = existingId === null ? null : await store.findPageById(db, existingId);
  if (current) {
    await store.updatePage(db, current.id, { title: page.title, summary: page.summary, bodyMd: page.bodyMd, updatedAt: now });
    return { id: current.id, slug: current.slug };
  }
  const slug = await uniqueSlug(slugify(page.slug || page.title), async (s) => (await store.findPageBySlug(db, s)) !== null);
  return { id: await store.insertPage(db, { ...page, slug, updatedAt: now }), slug };
}

export function findPageOf(db: Queryable, id: number) {
  return store.findPageById(db, id);
}
