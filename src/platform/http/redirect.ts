/**
 * The one check for every redirect target taken from a request (`retour=`): a path on this site
 * that a Location header carries as it is. Anything else gives `fallback`.
 *
 * - a string starting with one "/" (never "//" or "/\", which browsers read as another host);
 * - printable ASCII only: no space, no control character, no backslash, nothing a header cannot
 *   hold (the site's own addresses are percent-encoded already);
 * - at most 500 characters, and under `within` when given (e.g. "/admin").
 */
export function safeRedirectPath(value: unknown, fallback: string, within = ""): string {
  if (typeof value !== "string" || value.length > 500) return fallback;
  if (!/^\/(?![/\\])[\x21-\x5B\x5D-\x7E]*$/.test(value)) return fallback;
  if (within && value !== within && !value.startsWith(`${within}/`) && !value.startsWith(`${within}?`)) return fallback;
  // What a browser would resolve it to must stay on this site.
  const base = "http://entrepairs.invalid";
  return new URL(value, base).origin === base ? value : fallback;
}
