import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { FileStore } from "../src/platform/files/file-store.js";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeAudioFixture } from "./support/audio-fixtures.js";
import { DIALECTS } from "./support/databases.js";
import { approvePendingVersion, contribute, contributeWithAudio, openFollowUp, prepareAndSendForApproval, submissionIdByTitle } from "./support/participation.js";
import { mailText, startSmtpCatcher } from "./support/smtp.js";
import { isStored } from "./support/stored.js";
import { Browser, createAccount, startTestApp, type TestApp } from "./support/test-app.js";

/**
 * The privacy proof: whatever a browser or a proxy says about a person (address, browser,
 * previous page, anything else), none of it is written anywhere, over the whole participation
 * journey. Each header carries its own marker, searched for in every log line, every row of every
 * table, the raw database files, every file of DATA_DIR and every file the run left in the
 * temporary directory.
 */
const run = randomBytes(4).toString("hex");
const HEADERS = {
  "user-agent": `Mozilla/5.0 CanaryBrowser/1.0 canary-ua-${run}`,
  "x-forwarded-for": "198.51.100.213",
  "x-real-ip": "203.0.113.187",
  forwarded: `for=192.0.2.143;proto=https;by=canary-forwarded-${run}`,
  via: `1.1 canary-via-${run}`,
  referer: `https://canary-referer-${run}.example/page`,
  "x-canary-extra": `canary-extra-${run}`,
};
const HEADER_MARKERS = [`canary-ua-${run}`, "198.51.100.213", "203.0.113.187", "192.0.2.143", `canary-forwarded-${run}`, `canary-via-${run}`, `canary-referer-${run}`, `canary-extra-${run}`];

/** Every file under a directory (regular files only). */
function filesUnder(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.isFile() ? [full] : [];
  });
}

function readable(file: string): Buffer | null {
  try {
    return fs.readFileSync(file);
  } catch {
    return null;
  }
}

describe.each(DIALECTS)("no trace of who takes part, over the whole journey, on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const tmpBefore = new Set<string>();
  const typedMarker = `typed-canary-${run}-${dialect}`;
  // The erased contribution's address: written to the outbox and mailed, then gone everywhere.
  const erasedAddress = `efface-${run}-${dialect}@exemple.fr`;
  let eraser: Browser;
  let erasedId: number;
  let erasedStoryId: number;
  let erasedFiles: [FileStore, string][] = [];
  // A newsletter reader's address: subscribed, confirmed, mailed, then unsubscribed in one click.
  const readerAddress = `lectrice-${run}-${dialect}@exemple.fr`;
  let readerToken = "";

  beforeAll(async () => {
    for (const f of filesUnder(os.tmpdir())) tmpBefore.add(f);
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function settleJobs(): Promise<void> {
    for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
      await t.app.runScheduledTasks();
      const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).execute();
      if (busy.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("des tâches audio ne se terminent pas");
  }

  /** Every row of every table, as JSON text. */
  async function allRows(): Promise<string[]> {
    const db = t.deps.db;
    if (dialect === "postgres") {
      const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(db);
      expect(tables.rows.length).toBeGreaterThan(10);
      const rows: string[] = [];
      for (const { table_name } of tables.rows) {
        const r = await sql<{ row: string }>`SELECT row_to_json(t)::text AS row FROM ${sql.table(table_name)} t`.execute(db);
        rows.push(...r.rows.map((x) => x.row));
      }
      return rows;
    }
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(db);
    expect(tables.rows.length).toBeGreaterThan(10);
    const rows: string[] = [];
    for (const { name } of tables.rows) {
      const r = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(name)}`.execute(db);
      rows.push(...r.rows.map((x) => JSON.stringify(x)));
    }
    return rows;
  }

  /** The SQLite database file and its write-ahead log, as they are on disk. */
  function sqliteBytes(): Buffer {
    const base = path.join(t.dataDir, "entrepairs.sqlite");
    return Buffer.concat([base, `${base}-wal`].map((f) => readable(f) ?? Buffer.alloc(0)));
  }

  it("walks the whole journey over HTTP with marker strings in every header", async () => {
    const person = new Browser(t.url, HEADERS);
    const editor = new Browser(t.url, HEADERS);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const title = `Le banc du square ${run}`;
    const sent = await contribute(person, { title, body: "Je m'asseyais sur ce banc chaque midi, et un jour j'ai parlé à quelqu'un.", creditKind: "pseudonym", creditName: "Tilleul", email: `personne-${run}@exemple.fr` });
    expect(sent.receipt).not.toBe("");
    await openFollowUp(person, sent.receipt);
    expect((await person.submit("/suivi/contribution", "/suivi/message", { body: "Puis-je retoucher la fin ?" })).status).toBe(303);
    const id = await submissionIdByTitle(t, title);
    expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: "Oui, bien sûr." })).status).toBe(303);
    expect((await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/etat`, { state: "reading" })).status).toBe(303);
    await prepareAndSendForApproval(editor, id, "Un banc, un square, une parole.");
    await approvePendingVersion(person);
    expect((await person.submit("/suivi/anonymiser", "/suivi/anonymiser", {})).status).toBe(303);
    expect((await person.submit("/suivi/retirer", "/suivi/retirer", {})).status).toBe(303);
    expect((await person.get("/suivi/accords.json")).status).toBe(200);

    // A second contribution, recorded, with an address and a marker in what the person typed and
    // in the file's tags; drafted into a podcast episode, its version mailed for approval; to be erased.
    eraser = new Browser(t.url, HEADERS);
    const fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), "canary-audio-"));
    const fixture = await makeAudioFixture(fixtureDir, "voix.ogg", ["-c:a", "libopus"], { marker: typedMarker });
    const second = await contributeWithAudio(
      eraser,
      { title: `À effacer ${run}`, body: `Un texte que je reprendrai : ${typedMarker}.`, email: erasedAddress, disguise: "none" },
      { bytes: fs.readFileSync(fixture), name: "voix.ogg", type: "audio/ogg" },
    );
    fs.rmSync(fixtureDir, { recursive: true, force: true });
    expect(second.receipt).not.toBe("");
    await settleJobs();
    await openFollowUp(eraser, second.receipt);
    erasedId = await submissionIdByTitle(t, `À effacer ${run}`);
    erasedStoryId = await prepareAndSendForApproval(editor, erasedId, `Un chapô qui reprend ${typedMarker}.`);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(erasedAddress)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const episode = await t.deps.db.selectFrom("episodes").select("audio_key").where("story_id", "=", erasedStoryId).executeTakeFirstOrThrow();
    const submission = await t.deps.db.selectFrom("submissions").select("audio_key").where("id", "=", erasedId).executeTakeFirstOrThrow();
    erasedFiles = [
      [t.deps.files, episode.audio_key as string],
      [t.deps.privateFiles, submission.audio_key as string],
    ];
    for (const [store, key] of erasedFiles) expect(await isStored(store, key), key).toBe(true);
    // Mail waiting for its address when the erasure comes: queued, not yet sent.
    await eraser.submit("/suivi/contribution", "/suivi/message", { body: "Je réfléchis encore." });
    await editor.submit(`/admin/contributions/${erasedId}`, `/admin/contributions/${erasedId}/message`, { message: "Prenez votre temps." });

    // The contact form, filled by a person who takes their time.
    const contact = new Browser(t.url, HEADERS);
    const form = await contact.getText("/contact");
    const token = /name="_csrf" value="([^"]+)"/.exec(form.html)?.[1] as string;
    const stamp = /name="stamp" value="([^"]+)"/.exec(form.html)?.[1] as string;
    await new Promise((r) => setTimeout(r, 3100));
    expect((await contact.post("/contact", { _csrf: token, stamp, site: "", subject: `Question ${run}`, body: "Une question.", replyTo: "" })).status).toBe(303);
    await t.app.runScheduledTasks();

    // The newsletter: subscribe, confirm from the mail, ask for one's links, read one's data.
    const reader = new Browser(t.url, HEADERS);
    expect((await reader.submit("/lettre", "/lettre", { email: readerAddress })).status).toBe(303);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(readerAddress)).length, { timeout: 10_000 }).toBe(1);
    const confirm = /\/lettre\/confirmer\?jeton=([A-Za-z0-9_-]{43})/.exec(mailText(smtp.mails.find((m) => m.to.includes(readerAddress))?.raw ?? ""));
    readerToken = confirm?.[1] as string;
    const confirmPage = await reader.getText(`/lettre/confirmer?jeton=${readerToken}`);
    const confirmCsrf = /name="_csrf" value="([^"]+)"/.exec(confirmPage.html)?.[1] as string;
    expect((await reader.post(`/lettre/confirmer?jeton=${readerToken}`, { _csrf: confirmCsrf })).status).toBe(200);
    expect((await reader.get(`/lettre/donnees?jeton=${readerToken}`)).status).toBe(200);
  });

  it("finds the typed marker and the address before erasure, so the searches below can fail", async () => {
    expect((await allRows()).some((r) => r.includes(typedMarker))).toBe(true);
    expect((await allRows()).some((r) => r.includes(erasedAddress))).toBe(true);
    expect((await allRows()).some((r) => r.includes(readerAddress))).toBe(true);
    expect(mailText(smtp.mails.map((m) => m.raw).join("\n"))).not.toContain(typedMarker);
    if (dialect === "sqlite") expect(sqliteBytes().includes(typedMarker)).toBe(true);
    // And it finds what was typed in the journey, like the contact subject.
    expect((await allRows()).some((r) => r.includes(`Question ${run}`))).toBe(true);
  });

  it("erases the second contribution: its text, the team's version, its address, its mail and its audio are in no table and no file", async () => {
    expect((await eraser.submit("/suivi/effacer", "/suivi/effacer", {})).status).toBe(200);
    expect(await t.deps.db.selectFrom("submissions").select("id").where("id", "=", erasedId).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.db.selectFrom("stories").select("id").where("id", "=", erasedStoryId).executeTakeFirst()).toBeUndefined();
    const rows = await allRows();
    expect(rows.filter((r) => r.includes(typedMarker))).toEqual([]);
    expect(rows.filter((r) => r.includes(erasedAddress))).toEqual([]);
    for (const [store, key] of erasedFiles) expect(await isStored(store, key), key).toBe(false);
    // No checkpoint from the test: the erasure itself leaves nothing in the database file or its WAL.
    if (dialect === "sqlite") {
      expect(sqliteBytes().includes(typedMarker)).toBe(false);
      expect(sqliteBytes().includes(erasedAddress)).toBe(false);
    }
  });

  it("unsubscribes the newsletter's reader in one click: the address is in no table and not in the database file", async () => {
    const res = await fetch(`${t.url}/lettre/desinscription?jeton=${readerToken}`, { method: "POST", headers: HEADERS, body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    expect(res.status).toBe(200);
    expect((await allRows()).filter((r) => r.includes(readerAddress))).toEqual([]);
    if (dialect === "sqlite") expect(sqliteBytes().includes(readerAddress)).toBe(false);
  });

  it("has written none of the header markers in any log line, table, data file or new temporary file", async () => {
    const logs = t.logs.join("\n");
    expect(logs.length).toBeGreaterThan(1000);
    const rows = (await allRows()).join("\n");
    const dataFiles = filesUnder(t.dataDir);
    if (dialect === "sqlite") expect(dataFiles.some((f) => f.endsWith("entrepairs.sqlite"))).toBe(true);
    const newTmpFiles = filesUnder(os.tmpdir()).filter((f) => !tmpBefore.has(f) && !f.startsWith(t.dataDir));
    const files = [...dataFiles, ...newTmpFiles].map((f) => ({ f, bytes: readable(f) }));
    for (const marker of [...HEADER_MARKERS, typedMarker, erasedAddress, readerAddress]) {
      expect(logs.includes(marker), `journal : ${marker}`).toBe(false);
      expect(rows.includes(marker), `base : ${marker}`).toBe(false);
      const typed = marker === typedMarker || marker === erasedAddress || marker === readerAddress;
      for (const { f, bytes } of files) {
        // The throwaway PostgreSQL server's own files are the database: its WAL keeps erased rows until
        // it recycles the segment (the tables are checked above). Header markers must not be there either.
        if (typed && f.startsWith(path.join(os.tmpdir(), "entrepairs-pg-"))) continue;
        expect(bytes?.includes(marker) ?? false, `${f} : ${marker}`).toBe(false);
      }
    }
  });
});
