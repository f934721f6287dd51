import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeMp3 } from "../../test/support/audio.js";
import { DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { publicationRules } from "../app.js";
import { releaseImportedStory } from "../stories/story-import.service.js";
import { attachEpisodeAudio } from "./episode.service.js";
import { dayOf } from "./listen-counter.js";

// Addresses a proxy would append; none of them may end up in the database, the logs or the files.
const LISTENERS = ["203.0.113.77", "198.51.100.23", "192.0.2.9", "203.0.113.201"];

function everyFile(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? everyFile(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe.each(DIALECTS)("listening figures on %s", (dialect) => {
  let t: TestApp;
  let url = "";
  let storyId = 0;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true, env: { TRUST_PROXY: "on" } });
    const story = await t.deps.db.selectFrom("stories").select("id").where("slug", "=", "parentalite-1-2-samia").executeTakeFirstOrThrow();
    storyId = story.id;
    const { mp3, durationMs } = await makeMp3(4);
    const episode = await attachEpisodeAudio({ db: t.deps.db, clock: t.deps.clock, files: t.deps.files }, storyId, mp3, durationMs);
    // The new sound reaches listeners with the story's next released version.
    expect(await releaseImportedStory({ ...t.deps, ...publicationRules({ baseUrl: t.url }) }, storyId)).toBeNull();
    url = `${t.url}/media/${episode.audioKey}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  const listen = async (address: string, range?: string, method = "GET") => {
    const res = await fetch(url, { method, headers: { "x-forwarded-for": address, ...(range ? { range } : {}), "user-agent": `Lecteur ${address}` } });
    await res.arrayBuffer();
    return res.status;
  };
  const countToday = async () =>
    Number(
      (await t.deps.db.selectFrom("episode_listens").select("count").where("story_id", "=", storyId).where("day", "=", dayOf(new Date())).executeTakeFirst())?.count ?? 0,
    );

  it("counts a listen per client and day when playback starts at byte 0, and writes the counts periodically", async () => {
    expect(await listen(LISTENERS[0] as string)).toBe(200);
    expect(await listen(LISTENERS[0] as string)).toBe(200);
    expect(await listen(LISTENERS[0] as string, "bytes=0-")).toBe(206);
    expect(await listen(LISTENERS[1] as string, "bytes=0-1000")).toBe(206);
    // Seeking and HEAD are not new listens.
    expect(await listen(LISTENERS[2] as string, "bytes=1000-")).toBe(206);
    expect(await listen(LISTENERS[2] as string, undefined, "HEAD")).toBe(200);
    expect(await countToday()).toBe(0);
    await t.app.runScheduledTasks();
    expect(await countToday()).toBe(2);
    // A second flush adds to the row rather than replacing it.
    expect(await listen(LISTENERS[2] as string)).toBe(200);
    await t.app.runScheduledTasks();
    expect(await countToday()).toBe(3);
  });

  it("shows the figures to editors: last 30 days, total, and day by day", async () => {
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const list = await editor.getText("/admin/podcasts");
    expect(list.status).toBe(200);
    expect(list.html).toMatch(new RegExp(`<a href="/admin/podcasts/${storyId}">[^<]+</a></td><td>Publié</td><td>00:0[45]</td><td>3</td><td>3</td>`));
    const days = await editor.getText(`/admin/podcasts/${storyId}`);
    expect(days.html).toContain(`<time datetime="${dayOf(new Date())}">`);
    expect(days.html).toMatch(/<\/time><\/td><td>3<\/td>/);
  });

  it("writes the last counts when the app closes, and keeps no address anywhere", async () => {
    expect(await listen(LISTENERS[3] as string)).toBe(200);
    logs.push(...t.logs);
    const restartFrom = { dataDir: t.dataDir, databaseUrl: t.databaseUrl };
    await t.close(true);
    t = await startTestApp({ dialect, restartFrom });
    expect(await countToday()).toBe(4);

    const dump: string[] = [];
    const tables = ["episode_listens", "episodes", "stories", "settings", "sessions", "jobs"] as const;
    for (const table of tables) dump.push(JSON.stringify(await t.deps.db.selectFrom(table).selectAll().execute()));
    const files = everyFile(t.dataDir).map((f) => fs.readFileSync(f).toString("latin1"));
    for (const address of LISTENERS) {
      expect(dump.join("\n")).not.toContain(address);
      expect(logs.join("\n")).not.toContain(address);
      expect(t.logs.join("\n")).not.toContain(address);
      for (const content of files) expect(content.includes(address)).toBe(false);
    }
    expect(logs.join("\n")).not.toContain("Lecteur");
  });
});
