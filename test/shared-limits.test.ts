import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publicationRules } from "../src/app.js";
import { attachEpisodeAudio } from "../src/podcasts/episode.service.js";
import { dayOf } from "../src/podcasts/listen-counter.js";
import { releaseImportedStory } from "../src/stories/story-import.service.js";
import { makeMp3 } from "./support/audio.js";
import { editorViewer, publishStory } from "./support/stories.js";
import { snapshotTables } from "./support/tables.js";
import { PAIR_LIMIT, UNKNOWN_DEVICES_LIMIT } from "../src/accounts/login-throttle.js";
import { Browser, createAccount, startTestApp, TEST_PASSWORD, type TestApp } from "./support/test-app.js";

// Two instances on one PostgreSQL, behind a proxy that says who the client is: the rate limits
// are one budget for both, and the client's address is written nowhere.
const CLIENT = "198.51.100.77";

describe("rate limits and reader counts shared by two instances on PostgreSQL", () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    const env = { TRUST_PROXY: "on", LIMITS_SECRET: "un-secret-commun-aux-deux-instances-de-test" };
    a = await startTestApp({ dialect: "postgres", env });
    b = await startTestApp({ dialect: "postgres", env, restartFrom: { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-test-")), databaseUrl: a.databaseUrl } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  const post = (t: TestApp, client = CLIENT) =>
    fetch(`${t.url}/contact`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": client }, body: "subject=x" }).then((r) => r.status);

  it("refuses the 11th request over both instances when the limit is 10, and only for that client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await post(i % 2 === 0 ? a : b));
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(await post(a)).toBe(429);
    expect(await post(b)).toBe(429);
    expect(await post(b, "198.51.100.78")).not.toBe(429);
  });

  it("counts a reader once a day over both instances: a read counted on one is not counted again on the other", async () => {
    const storyId = await publishStory(a, await editorViewer(a), { title: "Lu deux fois", slug: "lu-deux-fois", standfirst: "Un chapô.", body: "Un texte.", credit: { kind: "anonymous", name: "", age: null } });
    const read = (t: TestApp, client: string) => fetch(`${t.url}/temoignages/lu-deux-fois`, { headers: { "x-forwarded-for": client } }).then((r) => r.status);
    const reads = async () => {
      await a.app.runScheduledTasks();
      await b.app.runScheduledTasks();
      const rows = await a.deps.db.selectFrom("story_reads").select("count").where("story_id", "=", storyId).execute();
      return rows.reduce((n, r) => n + Number(r.count), 0);
    };
    expect(await read(a, CLIENT)).toBe(200);
    expect(await reads()).toBe(1);
    expect(await read(b, CLIENT)).toBe(200);
    expect(await read(a, CLIENT)).toBe(200);
    expect(await reads()).toBe(1);
    // Another reader, first seen on each instance in the same minute: counted once.
    expect(await read(b, "198.51.100.78")).toBe(200);
    expect(await read(a, "198.51.100.78")).toBe(200);
    expect(await reads()).toBe(2);
  });

  const tryPassword = async (browser: Browser, email: string, password: string) => (await browser.submit("/admin/connexion", "/admin/connexion", { email, password })).status;

  it("counts wrong passwords over both instances: the limit for an account and client is reached with failures spread over the two", async () => {
    const throttledEmail = await createAccount(a, "editor");
    const client = "198.51.100.90";
    const onA = new Browser(a.url, { "x-forwarded-for": client });
    const onB = new Browser(b.url, { "x-forwarded-for": client });
    for (let i = 0; i < PAIR_LIMIT; i++) expect(await tryPassword(i % 2 === 0 ? onA : onB, throttledEmail, `essai ${i}`)).toBe(422);
    // On one instance this client would now wait: it waits on both, even with the right password.
    expect(await tryPassword(onA, throttledEmail, TEST_PASSWORD)).toBe(429);
    expect(await tryPassword(onB, throttledEmail, TEST_PASSWORD)).toBe(429);
    // Another client of the same account is not held back by this one's failures.
    expect(await tryPassword(new Browser(b.url, { "x-forwarded-for": "198.51.100.91" }), throttledEmail, TEST_PASSWORD)).toBe(303);
  });

  it("still lets the owner in from a browser that signed in before, while a stranger's guesses over both instances hold back unknown devices", async () => {
    const email = await createAccount(a, "editor");
    const owner = new Browser(a.url, { "x-forwarded-for": "198.51.100.120" });
    await owner.signIn(email);
    expect((await owner.submit("/admin/compte", "/admin/deconnexion", {})).status).toBe(303);
    // The stranger guesses from several addresses, on both instances, up to the accounts' limit for unknown devices.
    for (let i = 0; i < UNKNOWN_DEVICES_LIMIT; i++) {
      const at = i % 2 === 0 ? a : b;
      expect(await tryPassword(new Browser(at.url, { "x-forwarded-for": `198.51.100.${130 + Math.floor(i / (PAIR_LIMIT - 1))}` }), email, `essai ${i}`)).toBe(422);
    }
    expect(await tryPassword(new Browser(b.url, { "x-forwarded-for": "198.51.100.200" }), email, TEST_PASSWORD)).toBe(429);
    // The owner's browser, sent to the other instance, gets in with the right password.
    const ownerOnB = new Browser(b.url, { "x-forwarded-for": "198.51.100.120" });
    ownerOnB.useCookiesOf(owner);
    expect(await tryPassword(ownerOnB, email, TEST_PASSWORD)).toBe(303);
    // No e-mail in clear among the counters.
    expect(JSON.stringify(await a.deps.db.selectFrom("shared_counters").selectAll().execute())).not.toMatch(/exemple\.fr|198\.51\.100/);
  });

  it("writes the counters without the client's address in any table", async () => {
    const counters = await a.deps.db.selectFrom("shared_counters").selectAll().execute();
    expect(counters.length).toBeGreaterThan(0);
    const tables = await snapshotTables(a);
    expect(Object.keys(tables)).toContain("shared_counters");
    expect(JSON.stringify(tables)).not.toContain(CLIENT);
    expect(JSON.stringify(tables)).not.toContain("198.51.100.78");
  });
});

describe("listens counted by two instances on PostgreSQL sharing one data folder", () => {
  let a: TestApp;
  let b: TestApp;
  let storyId = 0;
  let audioPath = "";

  beforeAll(async () => {
    const env = { TRUST_PROXY: "on", LIMITS_SECRET: "un-secret-commun-aux-deux-instances-de-test" };
    a = await startTestApp({ dialect: "postgres", demo: true, env });
    b = await startTestApp({ dialect: "postgres", env, restartFrom: { dataDir: a.dataDir, databaseUrl: a.databaseUrl } });
    storyId = (await a.deps.db.selectFrom("stories").select("id").where("slug", "=", "parentalite-1-2-samia").executeTakeFirstOrThrow()).id;
    const { mp3, durationMs } = await makeMp3(4);
    const episode = await attachEpisodeAudio({ db: a.deps.db, clock: a.deps.clock, files: a.deps.files }, storyId, mp3, durationMs);
    expect(await releaseImportedStory({ ...a.deps, ...publicationRules({ baseUrl: a.url }) }, storyId)).toBeNull();
    audioPath = `/media/${episode.audioKey}`;
  });
  afterAll(async () => {
    await b?.close(true);
    await a?.close();
  });

  it("does not count again on one instance a listen counted on the other the same day", async () => {
    const listen = async (t: TestApp, client: string) => {
      const res = await fetch(`${t.url}${audioPath}`, { headers: { "x-forwarded-for": client } });
      await res.arrayBuffer();
      return res.status;
    };
    const listens = async () => {
      await a.app.runScheduledTasks();
      await b.app.runScheduledTasks();
      const row = await a.deps.db.selectFrom("episode_listens").select("count").where("story_id", "=", storyId).where("day", "=", dayOf(new Date())).executeTakeFirst();
      return Number(row?.count ?? 0);
    };
    expect(await listen(a, CLIENT)).toBe(200);
    expect(await listens()).toBe(1);
    expect(await listen(b, CLIENT)).toBe(200);
    expect(await listens()).toBe(1);
    expect(await listen(b, "198.51.100.78")).toBe(200);
    expect(await listens()).toBe(2);
    const tables = await snapshotTables(a);
    expect(JSON.stringify(tables)).not.toContain(CLIENT);
  });
});
