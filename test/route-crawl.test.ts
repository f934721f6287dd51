import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredRoutes } from "../src/platform/http/access.js";
import { listTables, snapshotTables } from "./support/tables.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";


const garbageText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("../../etc/passwd", "%00", "\u0000", "<script>alert(1)</script>", "' OR 1=1 --", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "9".repeat(400), "-1", "1e99", "NaN", "[]", "{}"),
);

const garbageFields = fc.dictionary(
  fc.oneof(fc.constantFrom("title", "body", "email", "password", "action", "themeIds", "seriesId", "creditKind", "role", "format", "page", "slug", "publishAt", "retour"), fc.string({ maxLength: 12 })),
  fc.oneof(garbageText, fc.array(garbageText, { maxLength: 3 })),
  { maxKeys: 8 },
);

type Garbage = { pathPart: string; query: Record<string, string | string[]>; fields: Record<string, string | string[]>; contentType: string };

const garbage: fc.Arbitrary<Garbage> = fc.record({
  pathPart: garbageText,
  query: garbageFields,
  fields: garbageFields,
  contentType: fc.constantFrom("application/x-www-form-urlencoded", "application/json", "text/plain", "multipart/form-data; boundary=xyz", "application/xml", ""),
});

function fill(url: string, part: string): string {
  return url.replace(/:[a-z]+/g, () => encodeURIComponent(part || "x"));
}

function queryString(q: Record<string, string | string[]>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) for (const item of Array.isArray(v) ? v : [v]) p.append(k, item);
  return p.toString();
}

function encodeBody(contentType: string, fields: Record<string, string | string[]>, csrf: string): string {
  const withToken = { ...fields, _csrf: csrf };
  if (contentType.startsWith("application/json")) return JSON.stringify(withToken);
  if (contentType.startsWith("multipart")) return `--xyz\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\n${String(fields.title ?? "")}\r\n`;
  return queryString(withToken);
}

describe("garbage on every route", () => {
  let t: TestApp;
  let admin: Browser;
  let csrf = "";

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", demo: true });
    const email = await createAccount(t, "admin");
    admin = new Browser(t.url);
    await admin.signInDirectly(t, email);
    csrf = /name="_csrf" value="([^"]+)"/.exec((await admin.getText("/admin/compte")).html)?.[1] ?? "";
  });
  afterAll(() => t.close());

  // Every table, listed by the database itself, compared row by row: a garbage request writes nothing anywhere.
  const counts = () => snapshotTables(t);

  it("watches every table of the schema", async () => {
    const tables = await listTables(t);
    expect(tables).toEqual(expect.arrayContaining(["users", "sessions", "stories", "submissions", "submission_messages", "jobs", "settings", "contact_messages", "consent_events", "episodes"]));
    expect(Object.keys(await counts()).sort()).toEqual(tables);
  });

  it("never answers 500, never shows a stack trace, and never writes anything, as anonymous or as an administrator", async () => {
    const routes = registeredRoutes(t.app).filter((r) => !r.url.includes("deconnexion"));
    const before = await counts();
    const failures: string[] = [];
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(garbage, fc.boolean(), async (g, asAdmin) => {
          const path = fill(route.url, g.pathPart);
          const q = queryString(g.query);
          const url = `${t.url}${path}${q ? `?${q}` : ""}`;
          const headers: Record<string, string> = asAdmin ? { cookie: admin.cookieHeader() } : {};
          let res: Response;
          if (route.method === "GET") {
            res = await fetch(url, { headers, redirect: "manual" });
          } else {
            if (g.contentType) headers["content-type"] = g.contentType;
            res = await fetch(url, { method: "POST", headers, body: encodeBody(g.contentType, g.fields, asAdmin ? csrf : ""), redirect: "manual" });
          }
          const text = await res.text();
          if (res.status >= 500 || /\n\s+at .+\(.+:\d+:\d+\)/.test(text)) {
            failures.push(`${route.method} ${url} (${g.contentType}) → ${res.status}`);
          }
        }),
        { numRuns: 12, seed: 20261125 },
      );
    }
    expect(failures).toEqual([]);
    // Garbage as an administrator, with a valid CSRF token, still wrote nothing.
    expect(await counts()).toEqual(before);
  });

  it("answers a form posted without its CSRF token with 403 and writes nothing", async () => {
    const before = await counts();
    const res = await fetch(`${t.url}/admin/themes`, {
      method: "POST",
      headers: { cookie: admin.cookieHeader(), "content-type": "application/x-www-form-urlencoded" },
      body: "name=Intrus",
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});
