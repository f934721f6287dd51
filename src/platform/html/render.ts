import { renderToString } from "preact-render-to-string";

/** A whole HTML document from a page element (any component's VNode). */
export function renderDocument(page: unknown): string {
  return `<!doctype html>${renderToString(page as Parameters<typeof renderToString>[0])}`;
}
