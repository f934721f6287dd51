import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ContentVersion } from "./content-version.js";

/**
 * Whole-page cache for public GET pages, plus conditional GET (ETag, Last-Modified, 304) for
 * every HTML and XML response. A route opts in with `config: { pageCache: true }`. Entries are
 * keyed by language and URL and are valid only under the content version they were made with.
 */
declare module "fastify" {
  interface FastifyContextConfig {
    pageCache?: boolean;
  }
}

type Entry = { token: string; body: string; etag: string; lastModified: string; contentType: string };

const MAX_ENTRIES = 5_000;

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

export function registerPageCache(
  app: FastifyInstance,
  opts: { enabled: boolean; version: ContentVersion },
): { clear(): void } {
  const entries = new Map<string, Entry>();
  const keyOf = (req: FastifyRequest) => `${req.locale}|${req.url}`;

  app.addHook("onRequest", async (req, reply) => {
    if (req.method !== "GET" && req.method !== "HEAD") return;
    if (!req.routeOptions.config.pageCache) return;
    const stamp = await opts.version.current();
    // Kept on the request so onSend stores the body under the version it was rendered from.
    (req as RequestWithStamp).contentStamp = stamp;
    if (!opts.enabled) return;
    const hit = entries.get(keyOf(req));
    if (!hit || hit.token !== stamp.token) return;
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
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-cache");
    if (stamp && opts.enabled && req.routeOptions.config.pageCache) {
      if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
      entries.set(keyOf(req), { token: stamp.token, body: payload, etag, lastModified, contentType });
    }
    if (isFresh(req, etag, stamp ? lastModified : "")) {
      reply.code(304);
      return "";
    }
    return payload;
  });

  return { clear: () => entries.clear() };
}

type RequestWithStamp = FastifyRequest & { contentStamp?: { token: string; changedAt: Date } };
