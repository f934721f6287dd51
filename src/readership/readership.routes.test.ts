import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { editorViewer, publishStory } from "../../test/support/stories.js";
import { Browser, startTestApp, type TestApp } from "../../test/support/test-app.js";

describe.each(DIALECTS)("readership on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let editorEmail = "";
  let storyId = 0;
  const clock = manualClock("2026-11-25T09:00:00.000Z");
  const visit = (path: string, client: string) => fetch(`${t.url}${path}`, { headers: { "x-forwarded-for": client }, redirect: "manual" });

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock, env: { TRUST_PROXY: "on" } });
    const viewer = await editorViewer(t);
    storyId = await publishStory(t, viewer, { title: "Lu & relu", slug: "lu-et-relu", standfirst: "Un chapô.", body: "Un texte.", credit: { kind: "anonymous", name: "", age: null } });
    editorEmail = viewer.email;
  });
  afterAll(() => t.close());

  async function readsOn(day: string): Promise<number> {
    await t.app.runScheduledTasks();
    const row = await t.deps.db.selectFrom("story_reads").select("count").where("story_id", "=", storyId).where("day", "=", day).executeTakeFirst();
    return row?.count ?? 0;
  }

  it("counts a read once per client, story and day, from the page cache too, and nothing for a missing page", async () => {
    expect((await visit("/temoignages/lu-et-relu", "10.1.0.1")).status).toBe(200);
    expect((await visit("/temoignages/lu-et-relu", "10.1.0.1")).status).toBe(200);
    // The second client is served from the page cache.
    expect((await visit("/temoignages/lu-et-relu", "10.1.0.2")).status).toBe(200);
    expect((await visit("/temoignages/n-existe-pas", "10.1.0.3")).status).toBe(404);
    expect(await readsOn("2026-11-25")).toBe(2);
    clock.set("2026-11-26T09:00:00.000Z");
    await visit("/temoignages/lu-et-relu", "10.1.0.1");
    expect(await readsOn("2026-11-26")).toBe(1);
    // Nothing about a reader is kept: the table has counts only.
    const columns = Object.keys((await t.deps.db.selectFrom("story_reads").selectAll().executeTakeFirstOrThrow()) as object).sort();
    expect(columns).toEqual(["count", "day", "story_id"]);
    expect(t.logs.join("\n")).not.toContain("10.1.0.1");
  });

  it("shows editors reads per week as an SVG chart with a title, a description and the figures as a table, and as CSV", async () => {
    // Signed in after the clock moved (sessions follow it).
    editor = new Browser(t.url);
    await editor.signInDirectly(t, editorEmail);
    const { status, html } = await editor.getText("/admin/lectures");
    expect(status).toBe(200);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="graphique-titre graphique-desc"/);
    expect(html).toContain('<title id="graphique-titre">Lectures et écoutes par semaine</title>');
    expect(html).toContain("<caption>Lectures et écoutes par semaine, tout le site</caption>");
    expect(html).toMatch(/<time dateTime="2026-11-23">23\/11<\/time><\/th><td>3<\/td><td>0<\/td>/i);
    expect(html).toContain("Lu &amp; relu");
    // The chart needs no script: plain SVG.
    expect(/<svg[\s\S]*<\/svg>/.exec(html)?.[0]).not.toMatch(/<script|\son\w+=/);
    const csv = await editor.get("/admin/lectures.csv");
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await csv.text()).trim().split("\n");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="lectures-et-ecoutes.csv"');
    expect(lines[0]).toBe("Numéro du témoignage,Titre,Semaine du,Lectures,Écoutes");
    expect(lines).toContain(`${storyId},Lu & relu,2026-11-23,3,0`);
    expect((await fetch(`${t.url}/admin/lectures`, { redirect: "manual" })).status).toBe(303);
  });

  it("names the CSV file and its columns in English for an editor who reads English, with the weeks as ISO dates", async () => {
    const csv = await editor.get("/admin/lectures.csv", { cookie: `${editor.cookieHeader()}; ep_lang=en` });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="reads-and-listens.csv"');
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toBe("Story number,Title,Week of,Reads,Listens");
    expect(lines).toContain(`${storyId},Lu & relu,2026-11-23,3,0`);
  });
});
