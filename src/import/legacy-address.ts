/**
 * How old addresses are compared: the path only (a query string never matters, except
 * WordPress's own "?p=12" forms, which get a key of their own), percent-decoded, lower-cased,
 * without "/index.php", repeated or trailing slashes. The import stores keys made this way and the
 * not-found hook looks them up the same way, so "/Mon-Titre" and "/mon-titre/" are one address.
 */

export const MAX_LEGACY_PATH = 500;

/** The key of a path (with or without query string), or null for one that cannot be an old address. */
export function legacyPathKey(raw: string): string | null {
  let path = raw.split(/[?#]/)[0] as string;
  try {
    path = decodeURIComponent(path);
  } catch {
    return null;
  }
  path = `/${path}`.replace(/\/{2,}/g, "/").replace(/^\/index\.php(?=\/|$)/i, "");
  path = path.replace(/\/+$/, "").toLowerCase() || "/";
  // biome-ignore lint/suspicious/noControlCharactersInRegex: an address holding them is refused.
  if (path.length > MAX_LEGACY_PATH || /[\u0000-\u001f]/.test(path)) return null;
  return path;
}

/** WordPress's query forms of an address, in the order tried. */
export const QUERY_FORMS = ["p", "page_id", "attachment_id", "cat", "tag", "author", "feed"] as const;

/** The key of "/?p=12" and its kin, or null when the query names none of them. */
export function legacyQueryKey(query: Record<string, unknown>): string | null {
  for (const name of QUERY_FORMS) {
    const value = query[name];
    if (typeof value !== "string" || !value || value.length > 200) continue;
    return `/?${name}=${value.toLowerCase()}`;
  }
  return null;
}

/** Every key an old address is known by: its path, and for "/?p=12" its query form. */
export function keyOfUrl(url: string, blogPath: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url, "http://ancien.invalid");
  } catch {
    return null;
  }
  const query = Object.fromEntries(parsed.searchParams);
  const pathKey = legacyPathKey(parsed.pathname);
  if (pathKey === legacyPathKey(blogPath) || pathKey === "/") return legacyQueryKey(query);
  return pathKey;
}
