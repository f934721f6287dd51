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
import { startTestApp, type TestApp } from "./support/test-app.js";

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
