/**
 * The one check for every redirect target taken from a request (`retour=`): a path on this site,
 * which a Location header can carry. Anything else gives `fallback`.
 *
 * - a string starting with one "/" (never "//" or "/\", which browsers read as another host);
 * - no backslash and no control character anywhere;
 * - characters outside printable ASCII percent-encoded (a lone surrogate cannot be: refused);
 * - at most 500 characters, and under `within` when given (e.g. "/admin").
 */
export function safeRedirectPath(value: unknown, fallback: string, within = ""): string {
  if (typeof value !== "string" || value.length > 500) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing them is the point.
  if (!value.startsWith("/") || /^\/[/\\]|\\|[\u0000-\u001F\u007F-\u009F]/.test(value)) return fallback;
  let encoded: string;
  try {
    encoded = value.replace(/[^\x21-\x7E]/gu, (c) => encodeURIComponent(c));
  } catch {
    return fallback;
  }
  if (within && encoded !== within && !encoded.startsWith(`${within}/`) && !encoded.startsWith(`${within}?`)) return fallback;
  // What a browser would resolve it to must stay on this site.
  const base = "http://entrepairs.invalid";
  return new URL(encoded, base).origin === base ? encoded : fallback;
}
