import { createHash } from "node:crypto";
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { FastifyInstance, FastifyRequest, FastifyServerFactory } from "fastify";
import type { ContentVersion, VersionStamp } from "./content-version.js";
import { createLruCache } from "./lru-cache.js";

/**
 * Whole-page cache for public GET pages, plus conditional GET (ETag, Last-Modified, 304) for
 * every HTML and XML response. A route opts in with `config: { pageCache: true }`, or names the
 * query parameters that make a different page with `{ pageCache: { query: schema } }` (a zod
 * schema whose output, defaults left out, is the page's canonical query). Only public routes may:
 * a cached page is the same for everyone, so a hit is answered before any session is looked up.
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
 * past the last) is answered but not kept. A page is kept as the bytes it is sent as, with its
 * headers, so a hit is a map lookup and a write.
 *
 * Pages that come in unbounded variety (search results: every query is an address) opt in with
 * `{ query, apart: true }`: they are kept on a small shelf of their own, so however many queries
 * arrive they never push out the pages everyone reads, and they are kept even when sent with
 * `no-store`, which then speaks to browsers only (a shared computer need not remember a search).
 *
 * Hits are answered at the front door: the Node server Fastify is given (`serverFactory`) looks
 * the page up before Fastify builds a request, runs a hook or routes, and writes the headers and
 * bytes the page was first sent with. A page is kept under the raw address it was asked at, and
 * only a canonical address that passed every `onRequest` check before this one is ever kept, so
 * the same address finds it again. Anything else (no entry, another content version, a version not
 * known without a query, another method) goes on to Fastify, whose hook below answers the same way.
 */
declare module "fastify" {
  interface FastifyContextConfig {
    pageCache?: true | { query: QuerySchema; apart?: true };
  }
  interface FastifyRequest {
    /** The content version a page is rendered under (cached routes only). */
    contentStamp: VersionStamp | null;
  }
}

/** What the page cache needs of a route's query schema: it never throws, and `parse({})` gives the defaults. */
export type QuerySchema = { parse(query: unknown): Record<string, unknown> };

type Entry = {
  token: string;
  body: Buffer;
  etag: string;
  lastModified: string;
  /** Every header the page was first sent with (Content-Length, Date and cookies aside), in order. */
  headers: Record<string, string>;
  /** The same, as Node's `writeHead` takes them fastest, Content-Length last as Fastify puts it. */
  rawHeaders: string[];
  /** The route and its parameters, for the listeners told of hits. */
  route: string;
  params: Record<string, string>;
};

/** A page answered from the cache at the front door (Fastify's `onResponse` hooks do not run for it). */
export type PageHit = { method: string; route: string; params: Record<string, string>; status: number; address: string };

export type PageCache = {
  /** The canonical redirects, hits when a request reaches Fastify, and keeping what is sent. */
  register(app: FastifyInstance): void;
  /** For `Fastify({ serverFactory })`: an HTTP server that answers hits before Fastify. */
  serverFactory: FastifyServerFactory;
  /** Called for each hit answered at the front door, after its response is written. */
  onHit(listener: (hit: PageHit) => void): void;
};

export type PageCacheOptions = {
  enabled: boolean;
  version: ContentVersion;
  /** The language of a request from its headers, as `req.locale` is decided. */
  localeOf(headers: IncomingHttpHeaders): string;
  /** With a reverse proxy (one trusted hop), the client is the last address of X-Forwarded-For, as `req.ip` says. */
  trustProxy?: boolean;
  /** The request log's line for a hit, as the app writes it for every other request. */
  logHit?(line: { method: string; path: string; status: number; ms: number }): void;
  maxEntries?: number;
  maxBytes?: number;
  apartMaxEntries?: number;
};

// Added by Fastify or Node at each response, or never replayed (a cookie belongs to one reader).
const NOT_KEPT = new Set(["content-length", "date", "connection", "keep-alive", "transfer-encoding", "set-cookie"]);

const MAX_ENTRIES = 5_000;
// Story pages weigh 20 to 60 KB: about a thousand of them, or every listing page many times over.
const MAX_BYTES = 64 * 1024 * 1024;
// The shelf of pages kept apart: the most asked searches.
const APART_MAX_ENTRIES = 1_000;
const APART_MAX_BYTES = 16 * 1024 * 1024;

// Buffer.from(text) measures the UTF-8 length in one pass and encodes in another, slowly for text
// stored as UTF-16 (any page with French spacing): encoding into a reused buffer and copying the
// bytes out costs about half.
let scratch = Buffer.allocUnsafeSlow(256 * 1024);

function utf8(text: string): Buffer {
  if (scratch.length < text.length * 3) scratch = Buffer.allocUnsafeSlow(text.length * 3);
  const length = scratch.write(text, "utf8");
  return Buffer.from(scratch.subarray(0, length));
}

export function etagOf(body: string | Buffer): string {
  return `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

function isFresh(headers: IncomingHttpHeaders, etag: string, lastModified: string): boolean {
  const inm = headers["if-none-match"];
  if (inm) return inm.split(",").some((tag) => tag.trim() === etag || tag.trim() === "*");
  const ims = headers["if-modified-since"];
  if (ims && lastModified) {
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
function canonicalUrl(req: FastifyRequest, config: true | { query: QuerySchema }): string {
  const pattern = req.routeOptions.url ?? req.url;
  const params = req.params as Record<string, string | undefined>;
  const path = pattern.includes(":") ? pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? "")) : pattern;
  // Without a query string, every parameter has its default: the canonical query is empty.
  const query = typeof config === "object" && req.url.includes("?") ? canonicalQuery(config.query, req.query) : "";
  return query ? `${path}?${query}` : path;
}

/** The client's address as Fastify's `req.ip` gives it with this app's trust-proxy rule. */
function addressOf(req: IncomingMessage, trustProxy: boolean): string {
  const socket = req.socket.remoteAddress ?? "";
  const header = trustProxy ? req.headers["x-forwarded-for"] : undefined;
  const forwarded = Array.isArray(header) ? header.join(",") : header;
  if (!forwarded) return socket;
  const last = forwarded.slice(forwarded.lastIndexOf(",") + 1).trim();
  return last || socket;
}

export function createPageCache(opts: PageCacheOptions): PageCache {
  const sizeOf = (e: Entry) => e.body.length;
  const main = createLruCache<Entry>({ maxEntries: opts.maxEntries ?? MAX_ENTRIES, maxBytes: opts.maxBytes ?? MAX_BYTES, sizeOf });
  const apart = createLruCache<Entry>({ maxEntries: opts.apartMaxEntries ?? APART_MAX_ENTRIES, maxBytes: APART_MAX_BYTES, sizeOf });
  const isApart = (req: FastifyRequest) => {
    const config = req.routeOptions.config.pageCache;
    return typeof config === "object" && config.apart === true;
  };
  const shelfOf = (req: FastifyRequest) => (isApart(req) ? apart : main);
  const keyOf = (locale: string, url: string) => `${locale}|${url}`;
  const hitListeners: Array<(hit: PageHit) => void> = [];

  /** The page for this language and address under the current version, from whichever shelf holds it. */
  const lookUp = (locale: string, url: string, token: string): Entry | undefined => {
    const key = keyOf(locale, url);
    const hit = main.get(key) ?? apart.get(key);
    return hit && hit.token === token ? hit : undefined;
  };

  /** Answers a hit before Fastify: true when it did. Every other request goes on, untouched. */
  const answerAtFrontDoor = (req: IncomingMessage, res: ServerResponse): boolean => {
    const method = req.method;
    if ((method !== "GET" && method !== "HEAD") || !opts.enabled) return false;
    const stamp = opts.version.known();
    if (!stamp) return false;
    const url = req.url ?? "";
    const hit = lookUp(opts.localeOf(req.headers), url, stamp.token);
    if (!hit) return false;
    const started = opts.logHit ? performance.now() : 0;
    let status = 200;
    if (isFresh(req.headers, hit.etag, hit.lastModified)) {
      status = 304;
      res.writeHead(304, hit.rawHeaders.slice(0, -2));
      res.end();
    } else {
      res.writeHead(200, hit.rawHeaders);
      res.end(hit.body);
    }
    if (hitListeners.length > 0) {
      const served = { method, route: hit.route, params: hit.params, status, address: addressOf(req, opts.trustProxy === true) };
      for (const listener of hitListeners) listener(served);
    }
    opts.logHit?.({ method, path: url.split("?")[0] ?? url, status, ms: Math.round(performance.now() - started) });
    return true;
  };

  return {
    onHit(listener) {
      hitListeners.push(listener);
    },

    // As Fastify makes its own HTTP/1 server (lib/server.js), with the front door before its handler.
    serverFactory(handler, fastifyOptions) {
      // Fastify passes its options with their defaults filled in.
      const options = fastifyOptions as { http?: http.ServerOptions; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number; maxRequestsPerSocket?: number };
      const server = http.createServer(options.http ?? {}, (req, res) => {
        if (!answerAtFrontDoor(req, res)) handler(req, res);
      });
      if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
      if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
      if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
      if (options.maxRequestsPerSocket) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
      return server;
    },

    register(app) {
      app.decorateRequest("contentStamp", null);

      app.addHook("onRoute", (route) => {
        if (route.config?.pageCache && route.config.access !== "public") {
          throw new Error(`Route ${route.url}: only a public page may be cached (config.pageCache)`);
        }
      });

      app.addHook("onRequest", (req, reply, done) => {
        const config = req.routeOptions.config.pageCache;
        if (!config || (req.method !== "GET" && req.method !== "HEAD")) return done();
        const canonical = canonicalUrl(req, config);
        if (canonical !== req.url) {
          reply.redirect(canonical, 301);
          return;
        }
        const answer = (stamp: VersionStamp) => {
          // Kept on the request so onSend stores the body under the version it was rendered from.
          req.contentStamp = stamp;
          if (!opts.enabled) return done();
          const key = keyOf(req.locale, req.url);
          const entries = shelfOf(req);
          const hit = entries.get(key);
          if (!hit) return done();
          if (hit.token !== stamp.token) {
            entries.delete(key);
            return done();
          }
          reply.headers(hit.headers);
          if (isFresh(req.headers, hit.etag, hit.lastModified)) reply.code(304).send();
          else reply.send(hit.body);
        };
        const known = opts.version.known();
        if (known) return answer(known);
        // PostgreSQL while its notifications are not heard: read the version.
        opts.version.read().then(answer, done);
      });

      app.addHook("onSend", (req, reply, payload, done) => {
        if (typeof payload !== "string" || reply.statusCode !== 200 || (req.method !== "GET" && req.method !== "HEAD") || reply.hasHeader("etag")) {
          return done(null, payload);
        }
        const contentType = String(reply.getHeader("content-type") ?? "");
        if (!/html|xml|plain/.test(contentType)) return done(null, payload);
        // Encoded once here: the bytes sent are the bytes kept.
        const body = utf8(payload);
        const etag = etagOf(body);
        const stamp = req.contentStamp;
        const lastModified = stamp ? stamp.changedAt.toUTCString() : "";
        const cacheControl = reply.getHeader("cache-control");
        reply.headers({ etag, "cache-control": cacheControl ? String(cacheControl) : "no-cache" });
        if (lastModified) reply.header("last-modified", lastModified);
        const keep = isApart(req) || !/no-store/.test(String(cacheControl ?? ""));
        if (stamp && keep && opts.enabled && req.routeOptions.config.pageCache) {
          // Everything the hooks and the route set, in the order Fastify writes it.
          const headers: Record<string, string> = {};
          const rawHeaders: string[] = [];
          for (const [name, value] of Object.entries(reply.getHeaders())) {
            if (value === undefined || NOT_KEPT.has(name)) continue;
            headers[name] = String(value);
            rawHeaders.push(name, String(value));
          }
          rawHeaders.push("content-length", String(body.length));
          const route = req.routeOptions.url ?? req.url;
          shelfOf(req).set(keyOf(req.locale, req.url), { token: stamp.token, body, etag, lastModified, headers, rawHeaders, route, params: { ...(req.params as Record<string, string>) } });
        }
        if (isFresh(req.headers, etag, lastModified)) {
          reply.code(304);
          return done(null, "");
        }
        done(null, body);
      });
    },
  };
}
