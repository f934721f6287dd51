import type { VNode } from "preact";
import { createLruCache } from "../cache/lru-cache.js";
import { renderHtml } from "./html-renderer.js";

/** A whole HTML document from a page element (any component's VNode). */
export function renderDocument(page: unknown): string {
  return `<!doctype html>${renderHtml(page)}`;
}

// Rendered markup by everything it depends on: a pure function's results, never stale, bounded.
const fragments = createLruCache<string>({ maxEntries: 5_000, maxBytes: 16 * 1024 * 1024, sizeOf: (html) => html.length * 2 });

/**
 * The markup of a piece of page that depends on `key` alone (a card listed on many pages, the
 * layout's header and footer), rendered once and reused: `key` must name everything it shows.
 * Put it in an element with `dangerouslySetInnerHTML`; the page's bytes are the same.
 */
export function renderOnce(key: string, element: () => VNode): string {
  let html = fragments.get(key);
  if (html === undefined) {
    html = renderHtml(element());
    fragments.set(key, html);
  }
  return html;
}

/** Whether two view values (primitives, arrays and plain objects, as view models are) hold the same data. */
export function sameViewData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameViewData(item, b[i]));
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((key) => Object.hasOwn(b, key) && sameViewData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

// The last markup of each piece named by a short key, with the data it was rendered from.
const shown = createLruCache<{ data: unknown; html: string }>({ maxEntries: 5_000, maxBytes: 16 * 1024 * 1024, sizeOf: (entry) => entry.html.length * 4 });

/**
 * The markup of a piece of page drawn from `data` alone (a story's card), kept under a short `slot`
 * (the story's address): reused while the data is the same, field by field, and rendered again
 * as soon as anything in it differs. Cheaper than `renderOnce` with the data spelled out in the
 * key (serialising a card and hashing that key cost more than comparing it). `data` must not be
 * changed afterwards.
 */
export function renderOnceFrom<T>(slot: string, data: T, element: (data: T) => VNode): string {
  const kept = shown.get(slot);
  if (kept && sameViewData(kept.data, data)) return kept.html;
  const html = renderHtml(element(data));
  shown.set(slot, { data, html });
  return html;
}

