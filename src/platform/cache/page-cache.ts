import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ContentVersion } from "./content-version.js";
import { createLruCache } from "./lru-cache.js";

/**
 * Whole-page cache for public GET pages, plus conditional GET (ETag, Last-Modified, 304) for
 * every HTML and XML response. A route opts in with `config: { pageCache: true }`, or names the
 * query parameters that make a different page with `{ pageCache: { query: schema } }` (a zod
 * schema whose output, defaults left out, is the page's canonical query).
 *
 * One page per address: a request for a cached route at any other spelling of its address
 * (unknown parameters, empty or default ones, another order, a trailing slash, an encoded path)
 * is redirected (301) to the canonical one before anything is rendered. The page names its own
 * address (canonical link, language switch), so serving it under other spellings would either
 * store an attacker's query string in a page everyone gets or render a copy per spelling; a
 * redirect also drops tracking parameters from shared links. Junk in a query string therefore
 * never creates an entry, and never evicts one.
 *
 * Entries are keyed by language and canonical address, valid only under the content version they
 * were made with, and evicted least recently used past MAX_ENTRIES or MAX_BYTES. A response sent
 * with `Cache-Control: no-store` (a listing filtered by a theme that does not exist, a page number
 * past the last) is answered but not kept.
 */
declare module "fastify" {
  interface FastifyContextConfig {
    pageCache?: true | { query: QuerySchema };
  }
}

/** What the page cache needs of a route's query schema: it never throws, and `parse({})` gives the defaults. */
export type QuerySchema = { parse(query: unknown): Record<string, unknown> };

type Entry = { token: string; body: string; etag: string; lastModified: string; contentType: string };

const MAX_ENTRIES = 5_000;
// Story pages weigh 30 to 60 KB: about a thousand of them, or every listing page many times over.
const MAX_BYTES = 64 * 1024 * 1024;

export function etagOf(body: string | Buffer): string {
  return `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

function isFresh(req: FastifyRequest, etag: string, lastModified: string): boolean {
  const inm = req.headers["if-none-match"];
  if (inm) return inm.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*");
  const ims = req.headers["if-modified-since"];
  if (ims) {
    const since = Date.parse(ims);
    return Number.isFinite(since) && Date.parse(lastModified) <= since;
  }
  return false;
}

const defaultsBySchema = new WeakMap<QuerySchema, Record<string, unknown>>();

/** The parameters that matter, in the schema's order, without empty or default values. */
function canonicalQuery(schema: QuerySchema, query: unknown): string {
  let defaults = defaultsBySchema.get(schema);
  if (!defaults) {
    defaults = schema.parse({});
    defaultsBySchema.set(schema, defaults);
  }
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(schema.parse(query ?? {}))) {
    if (value === undefined || value === null || value === "" || String(value) === String(defaults[name])) continue;
    params.set(name, String(value));
  }
  return params.toString();
}

/** The route's own path with its parameters as the router decoded them, then the canonical query. */
function canonicalUrl(req: FastifyRequest): string {
  const config = req.routeOptions.config.pageCache;
  const pattern = req.routeOptions.url ?? req.url;
  const params = req.params as Record<string, string | undefined>;
  const path = pattern.includes(":") ? pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? "")) : pattern;
  const query = typeof config === "object" ? canonicalQuery(config.query, req.query) : "";
  return query ? `${path}?${query}` : path;
}

export function registerPageCache(
  app: FastifyInstance,
  opts: { enabled: boolean; version: ContentVersion; maxEntries?: number; maxBytes?: number },
): void {
  // V8 keeps a page with any character past Latin-1 (French spacing) at two bytes a character.
  const entries = createLruCache<Entry>({ maxEntries: opts.maxEntries ?? MAX_ENTRIES, maxBytes: opts.maxBytes ?? MAX_BYTES, sizeOf: (e) => e.body.length * 2 });
  const keyOf = (req: FastifyRequest) => `${req.locale}|${req.url}`;

  app.addHook("onRequest", async (req, reply: FastifyReply) => {
    if (req.method !== "GET" && req.method !== "HEAD") return;
    if (!req.routeOptions.config.pageCache) return;
    const canonical = canonicalUrl(req);
    if (canonical !== req.url) return reply.redirect(canonical, 301);
    const stamp = await opts.version.current();
    // Kept on the request so onSend stores the body under the version it was rendered from.
    (req as RequestWithStamp).contentStamp = stamp;
    if (!opts.enabled) return;
    const key = keyOf(req);
    const hit = entries.get(key);
    if (!hit) return;
    if (hit.token !== stamp.token) {
      entries.delete(key);
      return;
    }
    reply.header("etag", hit.etag).header("last-modified", hit.lastModified).header("cache-control", "no-cache");
    if (isFresh(req, hit.etag, hit.lastModified)) return reply.code(304).send();
    return reply.type(hit.contentType).send(hit.body);
  });

  app.addHook("onSend", async (req, reply, payload) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || reply.statusCode !== 200) return payload;
    if (typeof payload !== "string" || reply.hasHeader("etag")) return payload;
    const contentType = String(reply.getHeader("content-type") ?? "");
    if (!/html|xml|plain/.test(contentType)) return payload;
    const etag = etagOf(payload);
    const stamp = (req as RequestWithStamp).contentStamp;
    const lastModified = (stamp?.changedAt ?? new Date()).toUTCString();
    reply.header("etag", etag);
    if (stamp) reply.header("last-modified", lastModified);
    const cacheControl = reply.getHeader("cache-control");
    if (!cacheControl) reply.header("cache-control", "no-cache");
    const keep = !/no-store/.test(String(cacheControl ?? ""));
    if (stamp && keep && opts.enabled && req.routeOptions.config.pageCache) {
      entries.set(keyOf(req), { token: stamp.token, body: payload, etag, lastModified, contentType });
    }
    if (isFresh(req, etag, stamp ? lastModified : "")) {
      reply.code(304);
      return "";
    }
    return payload;
  });
}

type RequestWithStamp = FastifyRequest & { contentStamp?: { token: string; changedAt: Date } };
