import type { ContentVersion } from "../platform/cache/content-version.js";
import type { AnyDb } from "../platform/db/dialect.js";
import { type SiteIdentity, siteIdentity } from "./site-identity.js";

export type SiteIdentityCache = {
  /** The identity as last read: what pages show. */
  current(): SiteIdentity;
  /**
   * Reads the row again only when the content version moved (a save marks it, on every instance).
   * Null when the version is known and unchanged, the usual case: nothing to wait for.
   */
  refresh(): Promise<void> | null;
};

/**
 * The identity kept in memory, checked at each request against the content version: no query
 * per request, and a save on any instance reaches this one at its next request.
 */
export async function openSiteIdentityCache(db: AnyDb, version: ContentVersion): Promise<SiteIdentityCache> {
  let token = (version.known() ?? (await version.read())).token;
  let identity = await siteIdentity(db);
  return {
    current: () => identity,
    refresh() {
      if (version.known()?.token === token) return null;
      return (async () => {
        const now = (version.known() ?? (await version.read())).token;
        if (now === token) return;
        const fresh = await siteIdentity(db);
        // A change committed while reading is read again at the next request.
        if ((version.known() ?? (await version.read())).token === now) token = now;
        identity = fresh;
      })();
    },
  };
}
