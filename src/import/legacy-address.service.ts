import type { FastifyReply, FastifyRequest } from "fastify";
import { createElement as h } from "preact";
import type { Db } from "../database.js";
import { findImages } from "../media/image.service.js";
import { findPageOf } from "../pages/page.service.js";
import type { NotFoundFallback } from "../platform/http/errors.js";
import { renderDocument } from "../platform/html/render.js";
import type { StoryStatusListener } from "../stories/story-editing.service.js";
import { releasedSlug } from "../stories/story-publication.service.js";
import { findSeries, findTheme } from "../stories/taxonomy-editing.service.js";
import { legacyPathKey, legacyQueryKey } from "./legacy-address.js";
import * as addresses from "./legacy-address.store.js";
import * as store from "./wordpress.store.js";
import { MovedPage } from "./views/moved-page.js";

/**
 * Old addresses of an imported site, answered when no route knows them: a 301 to the thing's
 * address now (a story's released slug, read at request time), or, for a story public on the old
 * site that waits here for its transcript or audio, a page saying it comes back soon (503 with
 * Retry-After, so search engines keep the address). Anything else stays a 404.
 */

export type LegacyDeps = { db: Db };
export type LegacyAnswer = { redirect: string } | { moved: string } | null;

// A day: search engines come back, and the page is still there for readers meanwhile.
const RETRY_AFTER_SECONDS = 86_400;

async function targetPath(deps: LegacyDeps, target: addresses.LegacyTarget): Promise<LegacyAnswer> {
  if (target.path) return { redirect: target.path };
  if (target.id === null) return null;
  switch (target.kind) {
    case "story": {
      const slug = await releasedSlug(deps, target.id);
      if (slug) return { redirect: `/temoignages/${slug}` };
      const item = await store.findItemOfStory(deps.db, target.id);
      return item?.awaiting ? { moved: item.title } : null;
    }
    case "page": {
      const page = await findPageOf(deps.db, target.id);
      return page ? { redirect: `/pages/${page.slug}` } : null;
    }
    case "theme": {
      const theme = await findTheme(deps, target.id);
      return theme ? { redirect: `/themes/${theme.slug}` } : null;
    }
    case "series": {
      const series = await findSeries(deps, target.id);
      return series ? { redirect: `/series/${series.slug}` } : null;
    }
    case "image": {
      const image = (await findImages(deps, [target.id])).get(target.id);
      if (!image) return null;
      const width = image.widths.filter((w) => w <= 1440).at(-1) ?? image.widths[0];
      return { redirect: `/media/${image.key}/${width}.jpeg` };
    }
    default:
      return null;
  }
}

/** What an old address (already a key) leads to now. */
export async function resolveLegacyKey(deps: LegacyDeps, key: string): Promise<LegacyAnswer> {
  let target = await addresses.findLegacyAddress(deps.db, key);
  // WordPress links sized copies of an image ("photo-300x200.jpg", "photo-scaled.jpg"): the original answers for them.
  if (!target && key.includes("/wp-content/uploads/")) {
    const original = key.replace(/-(\d+x\d+|scaled)(?=\.[a-z0-9]+$)/, "");
    if (original !== key) target = await addresses.findLegacyAddress(deps.db, original);
  }
  return target ? targetPath(deps, target) : null;
}

async function answer(req: FastifyRequest, reply: FastifyReply, found: LegacyAnswer): Promise<boolean> {
  if (!found) return false;
  if ("redirect" in found) {
    await reply.redirect(found.redirect, 301);
    return true;
  }
  const html = renderDocument(h(MovedPage, { ctx: req.pageContext(), title: found.moved }));
  await reply.code(503).header("retry-after", String(RETRY_AFTER_SECONDS)).header("cache-control", "no-store").type("text/html; charset=utf-8").send(html);
  return true;
}

/** The not-found hook: an old path of an imported site, or nothing. */
export function legacyAddressFallback(deps: LegacyDeps): NotFoundFallback {
  return async (req, reply) => {
    const key = legacyPathKey(req.url);
    if (key === null || key === "/") return false;
    const found = await resolveLegacyKey(deps, key);
    // The home of a blog in a folder ("/blog/", which leads home) had WordPress's query forms too ("/blog/?p=12").
    const query = found && "redirect" in found && found.redirect === "/" ? legacyQueryKey((req.query ?? {}) as Record<string, unknown>) : null;
    return answer(req, reply, (query ? await resolveLegacyKey(deps, query) : null) ?? found);
  };
}

/** WordPress's query forms on the home page ("/?p=12", "/?page_id=3", "/?feed=rss2"), or nothing. */
export function legacyQueryAnswer(deps: LegacyDeps): NotFoundFallback {
  return async (req, reply) => {
    const key = legacyQueryKey((req.query ?? {}) as Record<string, unknown>);
    return key !== null ? answer(req, reply, await resolveLegacyKey(deps, key)) : false;
  };
}

/** Told when a story is published: an imported one waiting for something does not wait any more. */
export function importedStoryPublished(): StoryStatusListener {
  return async (tx, change) => {
    if (change.to === "published") await store.clearAwaitingOfStory(tx, change.storyId);
  };
}
