import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isStorageFull } from "../src/platform/http/errors.js";
import { manualClock } from "./support/clock.js";
import { contribute, openFollowUp } from "./support/participation.js";
import { LIMIT_COUNTERS, snapshotTables } from "./support/tables.js";
import { Browser, createAccount, startTestApp, TEST_PASSWORD, type TestApp } from "./support/test-app.js";

/**
 * A database that is really full: SQLite refuses to grow past `max_page_count` with SQLITE_FULL,
 * as on a full disk. The free room of the pages is filled first (the settings table, and the
 * sessions table for a sign-in, whose row is small); a long text needs new pages in any case.
 */
function fillDatabase(sqlite: SQLite.Database, userId: number): void {
  sqlite.pragma(`max_page_count = ${sqlite.pragma("page_count", { simple: true })}`);
  const fillers = [
    (n: number, size: number) => sqlite.prepare("INSERT INTO settings (key, value) VALUES (?, ?)").run(`remplissage-${n}`, "x".repeat(size)),
    (n: number) => sqlite.prepare("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, '2000-01-01', '2000-01-01')").run(`remplissage-${n}`, userId),
  ];
  let n = 0;
  for (const fill of fillers) {
    for (const size of [4000, 1000, 200, 20, 1]) {
      for (;;) {
        try {
          fill(n++, size);
        } catch (error) {
          if ((error as { code?: string }).code !== "SQLITE_FULL") throw error;
          break;
        }
      }
    }
  }
  // Splitting a full B-tree page needs two new pages at once, so the fillers can stop with one page
  // still free, which a smaller write elsewhere (a contribution's row) would then take. A table of
  // its own takes one page: make them until none is left.
  for (let i = 0; (sqlite.pragma("freelist_count", { simple: true }) as number) > 0; i++) {
    try {
      sqlite.exec(`CREATE TABLE remplissage_${i} (x)`);
    } catch (error) {
      if ((error as { code?: string }).code !== "SQLITE_FULL") throw error;
      break;
    }
  }
  expect(sqlite.pragma("freelist_count", { simple: true })).toBe(0);
}

function emptyDatabase(sqlite: SQLite.Database): void {
  sqlite.pragma("max_page_count = 1073741823");
  const fillers = sqlite.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'remplissage_%'").pluck().all() as string[];
  for (const name of fillers) sqlite.exec(`DROP TABLE ${name}`);
  sqlite.prepare("DELETE FROM settings WHERE key LIKE 'remplissage-%'").run();
  sqlite.prepare("DELETE FROM sessions WHERE token_hash LIKE 'remplissage-%'").run();
}

// What people type is long: an hour of writing must survive a full disk.
const long = (sentence: string) => `${sentence} `.repeat(Math.ceil(6_000 / (sentence.length + 1))).trim();

describe("a full disk", () => {
  let t: TestApp;
  let sqlite: SQLite.Database;
  let contributor: Browser;
  let editor: Browser;
  let editorEmail: string;
  const clock = manualClock("2026-12-02T10:00:00Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect: "sqlite", clock });
    sqlite = t.deps.database.sqlite as SQLite.Database;
    editorEmail = await createAccount(t, "editor");
    editor = new Browser(t.url);
    await editor.signInDirectly(t, editorEmail);
    contributor = new Browser(t.url);
    const { receipt } = await contribute(contributor, { title: "Avant le disque plein", body: "Un premier texte." });
    await openFollowUp(contributor, receipt);
  });
  afterAll(() => t.close());

  const writes: Array<{ name: string; send(): Promise<Response>; typed: string }> = [
    {
      name: "a contribution",
      typed: long("Mon texte écrit pendant une heure, qui ne doit pas se perdre."),
      send: () =>
        new Browser(t.url).submit("/temoigner", "/temoigner", {
          title: "Disque plein",
          body: long("Mon texte écrit pendant une heure, qui ne doit pas se perdre."),
          creditKind: "anonymous",
          channels: "site",
          consent: "1",
          action: "send",
        }),
    },
    {
      name: "a message to the team",
      typed: long("Un message important pour l'équipe."),
      send: () => contributor.submit("/suivi/contribution", "/suivi/message", { body: long("Un message important pour l'équipe.") }),
    },
    {
      name: "the contact form",
      typed: long("Une question posée au mauvais moment."),
      send: async () => {
        const browser = new Browser(t.url);
        const { html } = await browser.getText("/contact");
        const stamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1] as string;
        const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
        // The form refuses answers faster than a person types.
        clock.advance(1);
        return browser.post("/contact", { subject: "Question", body: long("Une question posée au mauvais moment."), replyTo: "", site: "", stamp, _csrf: token });
      },
    },
    {
      name: "a sign-in",
      typed: "",
      send: () => new Browser(t.url).submit("/admin/connexion", "/admin/connexion", { email: editorEmail, password: TEST_PASSWORD }),
    },
    {
      name: "a story saved by an editor",
      typed: long("Un récit de rédaction."),
      send: () =>
        editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
          title: "Récit pendant la panne",
          standfirst: "",
          body: long("Un récit de rédaction."),
          kind: "article",
          format: "single",
          creditKind: "anonymous",
          creditName: "",
          creditAge: "",
          coverAlt: "",
          action: "save",
        }),
    },
  ];

  it.each(writes.map((w) => [w.name, w] as const))("answers %s with 503, says so plainly, gives back what was typed and writes nothing", async (_name, write) => {
    const user = await t.deps.db.selectFrom("users").select("id").where("email", "=", editorEmail).executeTakeFirstOrThrow();
    fillDatabase(sqlite, user.id);
    try {
      const before = await snapshotTables(t, ["settings", LIMIT_COUNTERS]);
      const res = await write.send();
      const html = await res.text();
      expect(res.status).toBe(503);
      expect(html).toContain("Le site ne peut pas enregistrer pour le moment");
      if (write.typed) expect(html.replace(/&#39;|&apos;/g, "'")).toContain(write.typed);
      expect(await snapshotTables(t, ["settings", LIMIT_COUNTERS])).toEqual(before);
    } finally {
      emptyDatabase(sqlite);
    }
  });

  it("recognises a full disk behind a failed rollback or a wrapper, on either database", () => {
    expect(isStorageFull({ code: "53100" })).toBe(true);
    expect(isStorageFull(new Error("rollback failed", { cause: Object.assign(new Error("disk full"), { code: "SQLITE_FULL" }) }))).toBe(true);
    expect(isStorageFull(new AggregateError([Object.assign(new Error("no space"), { code: "ENOSPC" })]))).toBe(true);
    expect(isStorageFull({ code: "23505" })).toBe(false);
  });
});

/**
 * PostgreSQL on a really full disk: the tables a write goes to are moved to a tablespace on a
 * small tmpfs (the tests run as root, as CI does), which is then filled. Their pages are packed
 * to 10% at most, so any insert needs a new page, and extending the file fails with 53100.
 */
describe("a full disk under PostgreSQL", () => {
  let t: TestApp;
  let contributor: Browser;
  let editor: Browser;
  const clock = manualClock("2026-12-02T10:00:00Z");
  const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-disque-plein-"));
  const space = `disque_plein_${randomBytes(4).toString("hex")}`;
  const TABLES = ["submissions", "submission_messages", "contact_messages", "stories", "story_revisions"];
  // About a kilobyte a row, with little repetition: more than a tenth of a page even compressed.
  const typed = (lead: string) => `${lead} ${randomBytes(700).toString("base64")}`;

  beforeAll(async () => {
    t = await startTestApp({ dialect: "postgres", clock });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    contributor = new Browser(t.url);
    const { receipt } = await contribute(contributor, { title: "Avant le disque plein", body: typed("Un premier texte.") });
    await openFollowUp(contributor, receipt);
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint]);
    execFileSync("chown", ["postgres:postgres", mountPoint]);
    await sql.raw(`CREATE TABLESPACE ${space} LOCATION '${mountPoint}'`).execute(t.deps.db);
    for (const table of TABLES) await sql.raw(`ALTER TABLE ${table} SET (fillfactor = 10), SET TABLESPACE ${space}`).execute(t.deps.db);
    // Every byte left on the tmpfs goes to a filler file.
    const filler = fs.openSync(path.join(mountPoint, "remplissage"), "w");
    try {
      for (const chunk = Buffer.alloc(64 * 1024); ; ) fs.writeSync(filler, chunk);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    } finally {
      fs.closeSync(filler);
    }
  });
  afterAll(async () => {
    fs.rmSync(path.join(mountPoint, "remplissage"), { force: true });
    for (const table of TABLES) await sql.raw(`ALTER TABLE ${table} SET TABLESPACE pg_default`).execute(t.deps.db);
    await sql.raw(`DROP TABLESPACE ${space}`).execute(t.deps.db);
    await t.close();
    execFileSync("umount", [mountPoint]);
    fs.rmdirSync(mountPoint);
  });

  it("answers every write with 503, says so plainly, gives back what was typed and writes nothing", async () => {
    const contribution = typed("Mon texte écrit pendant une heure.");
    const message = typed("Un message pour l'équipe.");
    const question = typed("Une question.");
    const story = typed("Un récit de rédaction.");
    const writes: Array<[string, () => Promise<Response>, string]> = [
      ["a contribution", () => new Browser(t.url).submit("/temoigner", "/temoigner", { title: "Disque plein", body: contribution, creditKind: "anonymous", channels: "site", consent: "1", action: "send" }), contribution],
      ["a message", () => contributor.submit("/suivi/contribution", "/suivi/message", { body: message }), message],
      [
        "the contact form",
        async () => {
          const browser = new Browser(t.url);
          const { html } = await browser.getText("/contact");
          const stamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1] as string;
          const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
          clock.advance(1);
          return browser.post("/contact", { subject: "Question", body: question, replyTo: "", site: "", stamp, _csrf: token });
        },
        question,
      ],
      [
        "a story",
        () =>
          editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { title: "Récit pendant la panne", standfirst: "", body: story, kind: "article", format: "single", creditKind: "anonymous", creditName: "", creditAge: "", coverAlt: "", action: "save" }),
        story,
      ],
    ];
    for (const [name, send, text] of writes) {
      const before = await snapshotTables(t, [LIMIT_COUNTERS]);
      const res = await send();
      const html = await res.text();
      expect([name, res.status]).toEqual([name, 503]);
      expect(html).toContain("Le site ne peut pas enregistrer pour le moment");
      expect(html).toContain(text);
      expect(await snapshotTables(t, [LIMIT_COUNTERS])).toEqual(before);
    }
    expect(t.logs.join("")).toContain('"code":"53100"');
  });
});
