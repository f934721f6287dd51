import type { PublicImageUse } from "../media/image-visibility.js";
import { inlineImagesOfText } from "../media/library.service.js";
import { inlineImagesFrom } from "../media/views/inline-image.js";
import type { InlineImages } from "../platform/html/markdown.js";
import type { Transaction } from "kysely";
import type { Database, Db, Queryable } from "../database.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import { slugify, uniqueSlug } from "../stories/story.js";
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

/**
 * The library images a page's text shows, as the library describes them now: a page has no
 * versions to approve, so an edit of an image's description shows at once (it marks the content
 * changed). An image no longer in the library shows as its alt text.
 */
export async function imagesOfPage(deps: PageReadDeps, bodyMd: string): Promise<InlineImages> {
  return inlineImagesFrom(await inlineImagesOfText(deps, bodyMd));
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

/**
 * A page brought by an import (another site's "about" or "contact" page): written as a new page, or
 * over the one a previous run made. It never replaces a page it did not make: on a taken address
 * it gets the next free one, and the team merges the two by hand.
 */
export async function writeImportedPage(
  tx: Transaction<Database>,
  existingId: number | null,
  page: { slug: string; title: string; summary: string; bodyMd: string },
  now: string,
): Promise<{ id: number; slug: string }> {
  // Pages are public: the change and its invalidation commit together.
  await markContentChanged(tx, now);
  const current = existingId === null ? null : await store.findPageById(tx, existingId);
  if (current) {
    await store.updatePage(tx, current.id, { title: page.title, summary: page.summary, bodyMd: page.bodyMd, updatedAt: now });
    return { id: current.id, slug: current.slug };
  }
  const slug = await uniqueSlug(slugify(page.slug || page.title), async (s) => (await store.findPageBySlug(tx, s)) !== null);
  return { id: await store.insertPage(tx, { ...page, slug, updatedAt: now }), slug };
}

export function findPageOf(db: Queryable, id: number) {
  return store.findPageById(db, id);
}

/** Pages' share of "is this image public?": every page is public. */
export const pageImageUse: PublicImageUse = (db, key) => store.pageShowsImage(db, key);
