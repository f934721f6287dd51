import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import cookie from "@fastify/cookie";
import fc from "fast-check";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../db/connection.js";
import { migrateToLatest } from "../db/migrator.js";
import { migrations } from "../../schema/migrations.js";
import { cookieJar, createSigning } from "../http/cookies.js";
import { navigation } from "../../navigation.js";
import { localeOfHeaders, registerLocale } from "../http/locale.js";
import { registerSecurityHeaders } from "../http/security-headers.js";
import { type ContentVersion, markContentChanged, openContentVersion } from "./content-version.js";
import { createPageCache, etagOf, type PageHit } from "./page-cache.js";

// Well-formed text only: a lone surrogate is sent as U+FFFD, so two such texts are the same bytes.
const page = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("", " ", "<!doctype html>", "a".repeat(100_000)));

describe("etagOf", () => {
  it("is a weak tag of 22 URL-safe base64 characters", () => {
    fc.assert(
      fc.property(page, (body) => {
        expect(etagOf(body)).toMatch(/^W\/"[A-Za-z0-9_-]{22}"$/);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same tag for the same page, as text or as bytes", () => {
    fc.assert(
      fc.property(page, (body) => {
        expect(etagOf(body)).toBe(etagOf(body));
        expect(etagOf(Buffer.from(body, "utf8"))).toBe(etagOf(body));
      }),
      { numRuns: 500 },
    );
  });

  it("gives different tags to different pages", () => {
    fc.assert(
      fc.property(fc.uniqueArray(page, { minLength: 2, maxLength: 30 }), (bodies) => {
        expect(new Set(bodies.map(etagOf)).size).toBe(bodies.length);
      }),
      { numRuns: 300 },
    );
  });

  it("changes when a single character of a page changes", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 500 }), fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (body, at, code) => {
        const i = at % body.length;
        const changed = body.slice(0, i) + String.fromCharCode(code) + body.slice(i + 1);
        fc.pre(changed !== body);
        expect(etagOf(changed)).not.toBe(etagOf(body));
      }),
      { numRuns: 500 },
    );
  });
});

// A listing with the same kind of parameters as the stories' one: a format, a page.
const listingQuery = z.object({
  format: z.enum(["article", "podcast"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000).catch(1).default(1),
});

const searchQuery = z.object({ q: z.string().regex(/^[a-z]+$/).optional().catch(undefined) });

describe.each(DIALECTS)("the page cache on %s", (dialect) => {
  let handle: DatabaseHandle<unknown>;
  let version: ContentVersion;
  const TEST_SITE = { name: "Site de test", tagline: "", socialLinks: [], logoUrl: null, shareImageUrl: null, legal: { entity: "", host: "", contact: "" }, revision: "test", stylesheet: "/reglages.css?v=test" };
  /** Another process (SQLite) or instance (PostgreSQL) on the same database, where content changes. */
  let writer: DatabaseHandle<unknown>;
  let dir: string;
  let app: FastifyInstance;
  let url: string;
  const renders = new Map<string, number>();
  /** Requests that reached Fastify (its first onRequest hook), and hits answered before it. */
  let reachedFastify = 0;
  let hits: PageHit[] = [];
  let logged: Array<{ method: string; path: string; status: number }> = [];

  /** Builds the app with a small cache, so eviction shows after a few pages. */
  async function start(limits: { maxEntries: number; maxBytes: number; apartMaxEntries?: number }) {
    await app?.close();
    renders.clear();
    reachedFastify = 0;
    hits = [];
    logged = [];
    const cookies = cookieJar({ secure: false, signing: createSigning("secret de test") });
    // As in app.ts: the cache's own server in front, and "/page/un/" reaches the same route as "/page/un".
    const cache = createPageCache({ enabled: true, version, localeOf: localeOfHeaders(cookies), logHit: (line) => logged.push(line), ...limits });
    cache.onHit((hit) => hits.push(hit));
    app = Fastify({ serverFactory: cache.serverFactory, routerOptions: { ignoreTrailingSlash: true } });
    app.addHook("onRequest", (_req, _reply, done) => {
      reachedFastify++;
      done();
    });
    await app.register(cookie);
    registerSecurityHeaders(app, { https: true });
    registerLocale(app, { baseUrl: "http://127.0.0.1", assetVersion: "test", cookies, site: () => TEST_SITE, navigation });
    cache.register(app);
    const page = (name: string, body: string) => {
      renders.set(name, (renders.get(name) ?? 0) + 1);
      return body;
    };
    app.get("/page/:name", { config: { access: "public", pageCache: true } }, async (req, reply) => {
      const { name } = req.params as { name: string };
      if (!/^[a-z]+$/.test(name)) return reply.callNotFound();
      // "grande" weighs about 4 KB, the others a few bytes.
      return reply.type("text/html; charset=utf-8").send(page(name, `<p>${req.locale}: ${name}${name === "grande" ? "x".repeat(4_000) : ""}</p>`));
    });
    app.get("/liste", { config: { access: "public", pageCache: { query: listingQuery } } }, async (req, reply) => {
      const q = listingQuery.parse(req.query ?? {});
      return reply.type("text/html; charset=utf-8").send(page(`liste ${q.format ?? ""} ${q.page}`, `<p>${q.format ?? "tout"}, page ${q.page}</p>`));
    });
    app.get("/cherche", { config: { access: "public", pageCache: { query: searchQuery, apart: true } } }, async (req, reply) => {
      const q = searchQuery.parse(req.query ?? {});
      return reply.header("cache-control", "no-store").type("text/html; charset=utf-8").send(page(`cherche ${q.q ?? ""}`, `<p>${q.q ?? ""}</p>`));
    });
    app.get("/jamais", { config: { access: "public", pageCache: true } }, async (_req, reply) => reply.header("cache-control", "no-store").type("text/html").send(page("jamais", "<p>à ne pas garder</p>")));
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  }

  const get = (path: string, headers: Record<string, string> = {}) => fetch(url + path, { headers, redirect: "manual" });
  const rendersOf = (name: string) => renders.get(name) ?? 0;

  /** Content changes elsewhere; this instance knows at its next request (PostgreSQL: once notified, an instant after the commit). */
  async function changeContent() {
    const before = version.known()?.token;
    await writer.db.transaction().execute((tx) => markContentChanged(tx, new Date().toISOString()));
    await vi.waitFor(() => expect(version.known()?.token ?? before).not.toBe(before));
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-page-cache-"));
    const databaseUrl = dialect === "postgres" ? await createPostgresDatabase() : "";
    const open = () => (dialect === "postgres" ? openPostgres<unknown>(databaseUrl) : openSqlite<unknown>(path.join(dir, "test.sqlite")));
    handle = open();
    await migrateToLatest(handle.db as never, migrations);
    writer = open();
    version = openContentVersion(handle);
    await vi.waitFor(() => expect(version.known()).not.toBeNull());
  });
  afterAll(async () => {
    await app?.close();
    await version.close();
    await writer.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => start({ maxEntries: 100, maxBytes: 1_000_000 }));

  it("renders a page once, then serves it from memory until content changes, then renders it again", async () => {
    for (let i = 0; i < 3; i++) expect(await (await get("/page/un")).text()).toBe("<p>fr: un</p>");
    expect(rendersOf("un")).toBe(1);
    await changeContent();
    expect((await get("/page/un")).status).toBe(200);
    expect((await get("/page/un")).status).toBe(200);
    expect(rendersOf("un")).toBe(2);
  });

  it("keys a page on the parameters its route declares: each known value is its own page", async () => {
    for (const path of ["/liste", "/liste?format=podcast", "/liste?page=2", "/liste?format=podcast&page=2"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(await get(path).then((r) => r.status)).toBe(200);
    }
    expect([...renders.values()]).toEqual([1, 1, 1, 1]);
    expect(await (await get("/liste?format=podcast&page=2")).text()).toBe("<p>podcast, page 2</p>");
  });

  it("redirects any other spelling of an address to the canonical one, before rendering anything", async () => {
    const canonical: Record<string, string> = {
      "/liste?page=2&format=podcast": "/liste?format=podcast&page=2",
      "/liste?format=podcast&utm_source=reseau": "/liste?format=podcast",
      "/liste?format=&page=": "/liste",
      "/liste?page=1": "/liste",
      "/liste?format=video&page=abc": "/liste",
      "/liste?format=podcast&format=article": "/liste",
      "/page/un?x=1": "/page/un",
      "/page/un/": "/page/un",
      "/page/%75n": "/page/un",
    };
    for (const [asked, expected] of Object.entries(canonical)) {
      const res = await get(asked);
      expect(res.status, asked).toBe(301);
      expect(res.headers.get("location"), asked).toBe(expected);
    }
    expect(renders.size).toBe(0);
  });

  it("lets no junk parameter create an entry or push a page out, however many arrive", async () => {
    await start({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const path of ["/page/un", "/page/deux", "/liste?format=podcast"]) await get(path);
    for (let i = 0; i < 200; i++) {
      const res = await get(`/page/un?junk=${i}&format=${i}`);
      expect(res.status).toBe(301);
      await get(`/liste?format=podcast&page=1&x${i}=${i}`);
    }
    for (const path of ["/page/un", "/page/deux", "/liste?format=podcast"]) expect((await get(path)).status).toBe(200);
    expect([rendersOf("un"), rendersOf("deux"), rendersOf("liste podcast 1")]).toEqual([1, 1, 1]);
  });

  it("evicts the least recently used page first when it holds too many", async () => {
    await start({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const name of ["a", "b", "c"]) await get(`/page/${name}`);
    // Reading "a" makes "b" the least recently used; a fourth page pushes "b" out.
    await get("/page/a");
    await get("/page/d");
    for (const name of ["a", "c", "d"]) await get(`/page/${name}`);
    expect([rendersOf("a"), rendersOf("c"), rendersOf("d")]).toEqual([1, 1, 1]);
    await get("/page/b");
    expect(rendersOf("b")).toBe(2);
  });

  it("evicts by size too, and never keeps a page bigger than the whole cache", async () => {
    // A page weighs the bytes it is sent as: "<p>fr: a</p>" is 12; "grande" 4,017.
    await start({ maxEntries: 100, maxBytes: 4_020 });
    for (const name of ["a", "b"]) await get(`/page/${name}`);
    await get("/page/grande");
    // Holding "grande" left room for nothing else: "a" and "b" went first, oldest first.
    await get("/page/grande");
    expect(rendersOf("grande")).toBe(1);
    await get("/page/a");
    expect(rendersOf("a")).toBe(2);
    await start({ maxEntries: 100, maxBytes: 3_000 });
    for (let i = 0; i < 2; i++) expect((await get("/page/grande")).status).toBe(200);
    expect(rendersOf("grande")).toBe(2);
  });

  it("answers 304 to a browser that has the current page, from memory, and checks again after a change", async () => {
    const first = await get("/page/un");
    const etag = first.headers.get("etag") as string;
    const lastModified = first.headers.get("last-modified") as string;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await get("/page/un", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await get("/page/un", { "if-modified-since": lastModified })).status).toBe(304);
    expect((await get("/page/un", { "if-none-match": 'W/"autre"' })).status).toBe(200);
    expect(rendersOf("un")).toBe(1);
    await changeContent();
    // Rendered again under the new version; the words did not change, so neither did the tag.
    expect((await get("/page/un", { "if-none-match": etag })).status).toBe(304);
    expect(rendersOf("un")).toBe(2);
    const other = await get("/page/deux");
    expect(other.headers.get("etag")).not.toBe(etag);
    expect((await get("/page/deux", { "if-none-match": etag })).status).toBe(200);
  });

  it("keeps one page per language", async () => {
    expect(await (await get("/page/un", { "accept-language": "en-GB,en" })).text()).toBe("<p>en: un</p>");
    expect(await (await get("/page/un", { "accept-language": "fr-FR" })).text()).toBe("<p>fr: un</p>");
    expect(await (await get("/page/un", { "accept-language": "en" })).text()).toBe("<p>en: un</p>");
    expect(await (await get("/page/un", { cookie: "ep_lang=fr", "accept-language": "en" })).text()).toBe("<p>fr: un</p>");
    expect(rendersOf("un")).toBe(2);
  });

  it("answers a page sent with Cache-Control: no-store without keeping it", async () => {
    for (let i = 0; i < 2; i++) expect((await get("/jamais")).headers.get("cache-control")).toBe("no-store");
    expect(rendersOf("jamais")).toBe(2);
  });

  it("keeps search pages apart: each is rendered once per content version, and no flood of them pushes out another page", async () => {
    await start({ maxEntries: 3, maxBytes: 1_000_000, apartMaxEntries: 2 });
    for (const name of ["a", "b", "c"]) await get(`/page/${name}`);
    for (const q of ["un", "deux", "trois", "quatre", "cinq", "six"]) {
      for (let i = 0; i < 2; i++) expect((await get(`/cherche?q=${q}`)).headers.get("cache-control")).toBe("no-store");
      expect(rendersOf(`cherche ${q}`)).toBe(1);
    }
    // The shelf apart holds two searches: the oldest went; the three pages are all still kept.
    await get("/cherche?q=un");
    expect(rendersOf("cherche un")).toBe(2);
    for (const name of ["a", "b", "c"]) await get(`/page/${name}`);
    expect([rendersOf("a"), rendersOf("b"), rendersOf("c")]).toEqual([1, 1, 1]);
    await changeContent();
    await get("/cherche?q=un");
    expect(rendersOf("cherche un")).toBe(3);
  });
  /** The status line and headers exactly as sent, Date aside, over a connection of its own. */
  function rawHead(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<string> {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1");
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk.toString("latin1");
      });
      socket.on("end", () => resolve(received.slice(0, received.indexOf("\r\n\r\n")).replace(/\r\nDate: [^\r]*/i, "")));
      socket.on("error", reject);
      const lines = Object.entries({ host: "127.0.0.1", ...headers, connection: "close" }).map(([k, v]) => `${k}: ${v}\r\n`);
      // Written, not ended: a half-closed connection would abort a response still being made.
      socket.write(`${method} ${path} HTTP/1.1\r\n${lines.join("")}\r\n`);
    });
  }

  it("answers a hit with the very headers of the response that filled it, Date aside, before Fastify sees the request", async () => {
    const askings: Array<Record<string, string>> = [{}, { "accept-language": "en" }, { cookie: "ep_lang=en; autre=1" }];
    for (const asked of askings) {
      await start({ maxEntries: 100, maxBytes: 1_000_000 });
      const miss = await rawHead("/page/un", asked);
      expect(reachedFastify).toBe(1);
      const hit = await rawHead("/page/un", asked);
      expect(hit).toBe(miss);
      expect(reachedFastify).toBe(1);
      expect(rendersOf("un")).toBe(1);
      // Every header the hooks set came along: security, language, validators.
      for (const name of ["Content-Security-Policy", "Strict-Transport-Security", "Vary", "Content-Language", "ETag", "Last-Modified", "Cache-Control", "Content-Type", "Content-Length"]) {
        expect(hit, name).toMatch(new RegExp(`\r\n${name}: `, "i"));
      }
    }
  });

  it("answers HEAD and a browser's revalidation of a kept page at the front door too", async () => {
    const miss = await get("/page/un");
    const etag = miss.headers.get("etag") as string;
    const head = await rawHead("/page/un", {}, "HEAD");
    expect(head).toBe(await rawHead("/page/un"));
    const revalidated = await rawHead("/page/un", { "if-none-match": etag });
    expect(revalidated.split("\r\n")[0]).toBe("HTTP/1.1 304 Not Modified");
    expect(revalidated).not.toMatch(/content-length/i);
    expect(revalidated).toMatch(/\r\netag: /i);
    expect(reachedFastify).toBe(1);
    expect(hits.map((h) => [h.method, h.route, h.params.name, h.status])).toEqual([
      ["HEAD", "/page/:name", "un", 200],
      ["GET", "/page/:name", "un", 200],
      ["GET", "/page/:name", "un", 304],
    ]);
    expect(hits[0]?.address).toBe("127.0.0.1");
    // The request log's line, as for any other request: method, path, status; no address.
    expect(logged.map((l) => [l.method, l.path, l.status])).toEqual([
      ["HEAD", "/page/un", 200],
      ["GET", "/page/un", 200],
      ["GET", "/page/un", 304],
    ]);
  });

  it("lets everything else through to Fastify: other methods, other spellings, pages not kept, a changed version", async () => {
    await get("/page/un");
    await get("/jamais");
    reachedFastify = 0;
    await fetch(`${url}/page/un`, { method: "POST" });
    await get("/page/un/");
    await get("/page/un?x=1");
    await get("/jamais");
    expect(reachedFastify).toBe(4);
    await changeContent();
    expect(await (await get("/page/un")).text()).toBe("<p>fr: un</p>");
    expect(reachedFastify).toBe(5);
    expect(rendersOf("un")).toBe(2);
    await get("/page/un");
    expect(reachedFastify).toBe(5);
  });
});
