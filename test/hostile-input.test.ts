import fs from "node:fs";
import http from "node:http";
import type { Socket } from "node:net";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, newToken } from "../src/accounts/account.service.js";
import { manualClock } from "./support/clock.js";
import { DIALECTS } from "./support/databases.js";
import { contribute, openFollowUp } from "./support/participation.js";
import { LIMIT_COUNTERS, snapshotTables } from "./support/tables.js";
import { Browser, createAccount, startTestApp, TEST_PASSWORD, type TestApp } from "./support/test-app.js";

const MB = 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, "a");

/**
 * Sends a large body the way an attacker would: headers declaring `declared` bytes, then chunks
 * until the server answers (or `sendBytes` are out), then the socket is dropped. Resolves with
 * the status, or 0 when the server closed without answering.
 */
function sendLargeBody(url: string, opts: { path: string; contentType: string; declared: number; sendBytes?: number; headers?: Record<string, string>; head?: string; abortAfter?: number }): Promise<number> {
  const target = new URL(url);
  return new Promise((resolve) => {
    let settled = false;
    const done = (status: number) => {
      if (settled) return;
      settled = true;
      req.destroy();
      resolve(status);
    };
    const req = http.request({ host: target.hostname, port: target.port, method: "POST", path: opts.path, headers: { "content-type": opts.contentType, "content-length": String(opts.declared), ...opts.headers } });
    req.on("response", (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on("error", () => done(0));
    let sent = 0;
    const limit = Math.min(opts.sendBytes ?? opts.declared, opts.declared);
    const pump = () => {
      if (settled) return;
      if (opts.abortAfter !== undefined && sent >= opts.abortAfter) return done(-1);
      if (sent === 0 && opts.head) {
        req.write(opts.head);
        sent += Buffer.byteLength(opts.head);
      }
      while (!settled && sent < limit) {
        const piece = CHUNK.subarray(0, Math.min(CHUNK.length, limit - sent));
        sent += piece.length;
        if (!req.write(piece)) return void req.once("drain", pump);
        if (opts.abortAfter !== undefined && sent >= opts.abortAfter) return done(-1);
      }
    };
    pump();
  });
}

describe("bodies are checked before they are read", () => {
  let t: TestApp;
  const sockets: Socket[] = [];
  const bytesRead = () => sockets.reduce((sum, s) => sum + s.bytesRead, 0);

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite" });
    t.app.server.on("connection", (s: Socket) => sockets.push(s));
  });
  afterAll(() => t.close());

  it("refuses 30 concurrent 40 MB posts to a route that takes no file, reading almost none of them", async () => {
    const before = bytesRead();
    const declared = 40 * MB;
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        sendLargeBody(t.url, i % 2 === 0
          ? { path: "/suivi/fermer", contentType: "multipart/form-data; boundary=xyz", declared }
          : { path: "/suivi/fermer", contentType: "application/x-www-form-urlencoded", declared }),
      ),
    );
    expect(new Set(statuses.filter((_, i) => i % 2 === 0))).toEqual(new Set([415]));
    expect(new Set(statuses.filter((_, i) => i % 2 === 1))).toEqual(new Set([413]));
    // 1,200 MB were offered; a few socket buffers each (under 1 MB) were read before the connections closed.
    expect(bytesRead() - before).toBeLessThan(30 * MB);
  });

  it("checks access and the CSRF token of a form with a file before reading the file", async () => {
    const before = bytesRead();
    const declared = 40 * MB;
    const visitor = new Browser(t.url);
    const token = /name="_csrf" value="([^"]+)"/.exec((await visitor.getText("/temoigner")).html)?.[1] as string;
    const [noToken, wrongToken, anonymousAdmin, overLimit] = await Promise.all([
      sendLargeBody(t.url, { path: "/temoigner", contentType: "multipart/form-data; boundary=xyz", declared, headers: { cookie: visitor.cookieHeader() } }),
      sendLargeBody(t.url, { path: "/temoigner?_csrf=faux", contentType: "multipart/form-data; boundary=xyz", declared, headers: { cookie: visitor.cookieHeader() } }),
      sendLargeBody(t.url, { path: "/admin/temoignages", contentType: "multipart/form-data; boundary=xyz", declared }),
      sendLargeBody(t.url, { path: `/temoigner?_csrf=${encodeURIComponent(token)}`, contentType: "multipart/form-data; boundary=xyz", declared: 400 * MB, headers: { cookie: visitor.cookieHeader() } }),
    ]);
    expect([noToken, wrongToken, anonymousAdmin, overLimit]).toEqual([403, 403, 303, 413]);
    expect(bytesRead() - before).toBeLessThan(4 * 2 * MB);
  });

  it("deletes a partial upload at once when the client goes away mid-file", async () => {
    const uploads = path.join(t.dataDir, "private", "uploads");
    const visitor = new Browser(t.url);
    const token = /name="_csrf" value="([^"]+)"/.exec((await visitor.getText("/temoigner")).html)?.[1] as string;
    const head = '--xyz\r\nContent-Disposition: form-data; name="format"\r\n\r\naudio\r\n--xyz\r\nContent-Disposition: form-data; name="audio"; filename="voix.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n';
    let seen = 0;
    const watcher = setInterval(() => {
      for (const f of fs.readdirSync(uploads)) seen = Math.max(seen, fs.statSync(path.join(uploads, f)).size);
    }, 5);
    const status = await sendLargeBody(t.url, {
      path: `/temoigner?_csrf=${encodeURIComponent(token)}`,
      contentType: "multipart/form-data; boundary=xyz",
      declared: 50 * MB,
      head,
      abortAfter: 10 * MB,
      headers: { cookie: visitor.cookieHeader() },
    });
    expect(status).toBe(-1);
    // The raw file was being written (its metadata not stripped yet)…
    await expect.poll(() => seen, { timeout: 5_000 }).toBeGreaterThan(MB);
    clearInterval(watcher);
    // …and is gone without waiting for a restart or a sweep.
    await expect.poll(() => fs.readdirSync(uploads), { timeout: 5_000 }).toEqual([]);
  });

  it("sweeps uploads an hour old that no request will ever finish", async () => {
    const uploads = path.join(t.dataDir, "private", "uploads");
    const stale = path.join(uploads, "abandonnee");
    const fresh = path.join(uploads, "en-cours");
    fs.writeFileSync(stale, "x");
    fs.writeFileSync(fresh, "x");
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    fs.utimesSync(stale, twoHoursAgo, twoHoursAgo);
    await t.app.runScheduledTasks();
    expect(fs.readdirSync(uploads)).toEqual(["en-cours"]);
    fs.rmSync(fresh);
  });
});

describe("redirect targets and cookies", () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite" });
  });
  afterAll(() => t.close());

  it.each(["/%E2%82%AC", "/%00", "/%7F", "//ailleurs.example", "/%5Cailleurs.example"])("answers /langue/en?retour=%s with a page of its own, never a 500", async (retour) => {
    const res = await fetch(`${t.url}/langue/en?retour=${retour}`, { redirect: "manual" });
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    if (res.status === 303) {
      const location = res.headers.get("location") as string;
      expect(location).toMatch(/^\/(?![/\\])[\x21-\x7E]*$/);
      expect(new URL(location, t.url).origin).toBe(new URL(t.url).origin);
    }
  });

  it("never creates a session it cannot hand over, whatever return address the login form carries", async () => {
    const email = await createAccount(t, "editor");
    for (const retour of ["/admin/€", "/admin/\u007f", "/admin/\u0000", "//ailleurs.example", "/admin/\ud800"]) {
      const browser = new Browser(t.url);
      const sessions = (await t.deps.db.selectFrom("sessions").select("token_hash").execute()).length;
      const res = await browser.submit("/admin/connexion", "/admin/connexion", { email, password: TEST_PASSWORD, retour });
      expect(res.status).toBeLessThan(500);
      const created = (await t.deps.db.selectFrom("sessions").select("token_hash").execute()).length - sessions;
      const handedOver = res.headers.getSetCookie().some((c) => c.startsWith("ep_session="));
      expect({ retour, created, handedOver }).toEqual({ retour, created: handedOver ? 1 : 0, handedOver });
    }
  });

  it("refuses a token made for a form cookie planted beside a signed-in editor's session", async () => {
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    // The attacker's own visit gives a form cookie and its token…
    const attacker = new Browser(t.url);
    const attackerToken = /name="_csrf" value="([^"]+)"/.exec((await attacker.getText("/contact")).html)?.[1] as string;
    const planted = attacker.cookieHeader();
    // …which he plants in the editor's browser, then makes it post.
    const res = await fetch(`${t.url}/admin/themes`, {
      method: "POST",
      headers: { cookie: `${editor.cookieHeader()}; ${planted}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: attackerToken, name: "Thème planté", description: "" }),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(await t.deps.db.selectFrom("themes").select("id").where("name", "=", "Thème planté").execute()).toEqual([]);
  });

  it("closes a follow-up session on the server: a copy of the cookie opens nothing after « Fermer »", async () => {
    const person = new Browser(t.url);
    const { receipt } = await contribute(person, { title: "Copie de cookie", body: "Un texte pour le suivi." });
    await openFollowUp(person, receipt);
    const copy = new Browser(t.url);
    copy.useCookiesOf(person);
    expect((await copy.get("/suivi/contribution")).status).toBe(200);
    expect((await person.submit("/suivi/contribution", "/suivi/fermer", {})).status).toBe(303);
    const after = await copy.get("/suivi/contribution");
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toMatch(/^\/suivi/);
    // The receipt still opens it again.
    await openFollowUp(person, receipt);
    expect((await person.get("/suivi/contribution")).status).toBe(200);
  });

  it("keeps the data folder and the database files to the server's user", () => {
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    expect(mode(t.dataDir)).toBe(0o700);
    for (const f of ["entrepairs.sqlite", "entrepairs.sqlite-wal", "entrepairs.sqlite-shm"]) expect([f, mode(path.join(t.dataDir, f))]).toEqual([f, 0o600]);
  });
});

describe.each(DIALECTS)("control characters in any public form or address, on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock("2026-12-02T10:00:00Z");
  let followUp: Browser;
  let resetPath = "";
  let address = 0;
  const person = () => new Browser(t.url, { "x-forwarded-for": `192.0.2.${(++address % 250) + 1}` });

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock, env: { TRUST_PROXY: "on" } });
    await createAccount(t, "editor", "redaction@exemple.fr");
    followUp = person();
    const { receipt } = await contribute(followUp, { title: "Pour écrire à l'équipe", body: "Un texte." });
    await openFollowUp(followUp, receipt);
    // A real reset link, so that only the control character can stop the form.
    const token = newToken();
    const editor = await t.deps.db.selectFrom("users").select("id").where("email", "=", "redaction@exemple.fr").executeTakeFirstOrThrow();
    const now = clock.now();
    await t.deps.db
      .insertInto("account_tokens")
      .values({ token_hash: hashToken(token), purpose: "reset", user_id: editor.id, created_at: now.toISOString(), expires_at: new Date(now.getTime() + 86_400_000).toISOString(), used_at: null })
      .execute();
    resetPath = `/admin/reinitialiser/${token}`;
  });
  afterAll(() => t.close());

  type Form = { page: string; action: string; fields: Record<string, string>; browser?: () => Browser };
  const forms = (): Form[] => [
    { page: "/temoigner", action: "/temoigner", fields: { title: "Un titre", body: "Mon histoire.", creditKind: "pseudonym", creditName: "Camille", creditAge: "", email: "camille@exemple.fr", channels: "site", consent: "1", action: "send" } },
    { page: "/suivi/contribution", action: "/suivi/message", fields: { body: "Bonjour l'équipe." }, browser: () => followUp },
    { page: "/contact", action: "/contact", fields: { subject: "Une question", body: "Bonjour.", replyTo: "moi@exemple.fr", site: "" } },
    { page: "/admin/connexion", action: "/admin/connexion", fields: { email: "redaction@exemple.fr", password: TEST_PASSWORD, retour: "/admin" } },
    { page: "/admin/mot-de-passe-oublie", action: "/admin/mot-de-passe-oublie", fields: { email: "redaction@exemple.fr" } },
    { page: resetPath, action: resetPath, fields: { password: "une phrase de passe nouvelle", confirmation: "une phrase de passe nouvelle" } },
    { page: "/suivi", action: "/suivi", fields: { receipt: "ABCD-EFGH-JKMN-PQRS-TVWX" } },
  ];
  const control = fc.constantFrom("\u0000", "\u0001", "\u0008", "\u000b", "\u001b", "\u007f");

  it("never answers 500 and never writes: a clear 400 or 422 instead", async () => {
    // Mail queued by earlier tests is delivered (and so deleted) now, not by a timer between two snapshots.
    await t.app.runScheduledTasks();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.nat(), fc.nat(), control, fc.string({ maxLength: 6 }), async (f, k, at, c, noise) => {
        const form = forms()[f % forms().length] as Form;
        const names = Object.keys(form.fields);
        const field = names[k % names.length] as string;
        const value = form.fields[field] as string;
        const cut = at % (value.length + 1);
        const fields = { ...form.fields, [field]: `${value.slice(0, cut)}${c}${noise}${value.slice(cut)}` };
        const browser = form.browser?.() ?? person();
        const { html } = await browser.getText(form.page);
        const stamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1];
        clock.advance(0.1);
        const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
        const before = await snapshotTables(t, [LIMIT_COUNTERS]);
        const res = await browser.post(form.action, { ...fields, ...(stamp ? { stamp } : {}), _csrf: token });
        const text = await res.text();
        const after = await snapshotTables(t, [LIMIT_COUNTERS]);
        if (![400, 422].includes(res.status) || JSON.stringify(after) !== JSON.stringify(before)) {
          failures.push(`${form.action} ${field}=${JSON.stringify(fields[field])} → ${res.status}${JSON.stringify(after) !== JSON.stringify(before) ? " (écrit)" : ""}`);
        }
        if (res.status === 400) expect(text).toContain("caractère de contrôle invisible");
      }),
      { numRuns: 60, seed: 20261202 },
    );
    expect(failures).toEqual([]);
  });

  it("answers a path or query with a NUL byte with 400", async () => {
    expect((await fetch(`${t.url}/temoignages/a%00b`)).status).toBe(400);
    expect((await fetch(`${t.url}/temoignages?page=%00`)).status).toBe(400);
    expect((await fetch(`${t.url}/appels/a%00b`)).status).toBe(400);
  });
});
