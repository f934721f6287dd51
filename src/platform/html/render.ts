import type { VNode } from "preact";
import { renderToString } from "preact-render-to-string";
import { createLruCache } from "../cache/lru-cache.js";

/** A whole HTML document from a page element (any component's VNode). */
export function renderDocument(page: unknown): string {
  return `<!doctype html>${renderToString(page as Parameters<typeof renderToString>[0])}`;
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
    html = renderToString(element());
    fragments.set(key, html);
  }
  return html;
}
