import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { publicationRules } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createDeps } from "../src/deps.js";
import type { Viewer } from "../src/platform/http/access.js";
import { savePage } from "../src/pages/page.service.js";
import fs from "node:fs";
import { DEFAULT_OPTIONS, importWordPress } from "../src/import/wordpress-import.service.js";
import { editableStory, saveStory } from "../src/stories/story-editing.service.js";
import { changeStatus, publishDueStories } from "../src/stories/story-status.service.js";
import { importStories } from "../src/stories/story-import.service.js";
import { anonymiseStory, eraseStory, takeDownStory } from "../src/stories/story-publication.service.js";
import { deleteSeries, deleteTheme, listAllSeries, listThemes, saveSeries, saveTheme } from "../src/stories/taxonomy-editing.service.js";
import { callBoundaryWatcher, saveCall } from "../src/submissions/calls/call.service.js";
import { manualClock } from "./support/clock.js";
import { FIXTURE } from "./support/wordpress.js";
import { DIALECTS } from "./support/databases.js";
import { createAccount, startTestApp, type TestApp } from "./support/test-app.js";

/**
 * "Cached pages never go stale", as a property over every path that changes what readers see:
 * publishing, unpublishing, the scheduler, featuring, taking down, anonymising, erasing,
 * importing (stories, and a WordPress site with its themes, series, keywords, pages and old
 * addresses), themes, series, pages, calls and the clock crossing a call's dates. Each path runs
 * with the process stopping right after its transaction commits (anything it would do next throws),
 * and the page that shows the change, read from the cache just before, must show it at the next request.
 */
class StoppedAfterCommit extends Error {}

describe.each(DIALECTS)("cached pages on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock("2026-12-02T10:00:00.000Z");
  let editor: Viewer;
  /** What the writing paths are given: the app's own rules, and a process that stops after the commit. */
  let deps: Parameters<typeof changeStatus>[0] & Parameters<typeof savePage>[0];

  const text = async (path: string) => {
    const res = await fetch(t.url + path, { redirect: "manual" });
    return { status: res.status, html: await res.text() };
  };
  const storyId = async (slug: string) => (await t.deps.db.selectFrom("stories").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
  const storiesCount = async () => Number(/(\d+) témoignages/.exec((await text("/temoignages")).html)?.[1]);

  /** Runs a change as a process that stops right after its commit, whatever it would have done next. */
  async function stoppingAfterCommit(change: () => Promise<unknown>) {
    await change().catch((error: unknown) => {
      if (!(error instanceof StoppedAfterCommit)) throw error;
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true, clock });
    const email = await createAccount(t, "editor");
    const user = await t.deps.db.selectFrom("users").select(["id", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
    editor = { id: user.id, role: "editor", email, displayName: user.display_name };
    const stopped = async () => {
      throw new StoppedAfterCommit("le processus s'arrête juste après le commit");
    };
    // The only thing a writing path could do after its commit to reach cached pages is to be told so:
    // here, that stops the process.
    const stopping = { ...t.deps, ...publicationRules({ baseUrl: "http://127.0.0.1:3000" }), contentVersion: { ...t.deps.contentVersion, bump: stopped } };
    deps = stopping;
  });
  afterAll(() => t.close());

  it("shows an unpublication, a publication and a release by the scheduler at the next request", async () => {
    const slug = "du-carnet-a-l-atelier-d-ecriture";
    const id = await storyId(slug);
    const before = await storiesCount();
    expect((await text(`/temoignages/${slug}`)).status).toBe(200);
    await stoppingAfterCommit(() => changeStatus(deps, editor, id, "unpublish"));
    expect((await text(`/temoignages/${slug}`)).status).toBe(404);
    expect(await storiesCount()).toBe(before - 1);

    await stoppingAfterCommit(() => changeStatus(deps, editor, id, "publish"));
    expect((await text(`/temoignages/${slug}`)).status).toBe(200);
    expect(await storiesCount()).toBe(before);

    await stoppingAfterCommit(() => changeStatus(deps, editor, id, "unpublish"));
    expect((await text(`/temoignages/${slug}`)).status).toBe(404);
    const result = await changeStatus(deps, editor, id, "schedule", new Date(clock.now().getTime() + 3_600_000).toISOString());
    expect(result).toEqual({ ok: true });
    clock.advance(61);
    await stoppingAfterCommit(() => publishDueStories(deps));
    expect((await text(`/temoignages/${slug}`)).status).toBe(200);
  });

  it("shows a story featured on the home page at the next request", async () => {
    const id = await storyId("un-samedi-au-gem");
    const title = (await t.deps.db.selectFrom("stories").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title;
    const featured = (html: string) => html.slice(html.indexOf('class="featured"'), html.indexOf("</section>", html.indexOf('class="featured"')));
    expect(featured((await text("/")).html)).not.toContain(title);
    const { status: _status, publishedAt: _publishedAt, parts: _parts, ...input } = (await editableStory(deps, id)) as NonNullable<Awaited<ReturnType<typeof editableStory>>>;
    await stoppingAfterCommit(() => saveStory(deps, editor, id, { ...input, isFeatured: true }));
    expect(featured((await text("/")).html)).toContain(title);
  });

  it("shows a story taken down, made anonymous or erased at its author's request at the next request", async () => {
    for (const [slug, act] of [
      ["devenir-mediatrice-de-sante-pair", takeDownStory],
      ["expliquer-mon-trouble-a-mes-collegues", anonymiseStory],
      ["des-routines-qui-tiennent", eraseStory],
    ] as const) {
      expect((await text(`/temoignages/${slug}`)).status, slug).toBe(200);
      const id = await storyId(slug);
      await stoppingAfterCommit(() => act(deps, id));
      expect((await text(`/temoignages/${slug}`)).status, slug).toBe(404);
    }
  });

  it("shows imported stories at the next request", async () => {
    const before = await storiesCount();
    const { status: _status, publishedAt: _publishedAt, parts: _parts, ...input } = (await editableStory(deps, await storyId("un-samedi-au-gem"))) as NonNullable<
      Awaited<ReturnType<typeof editableStory>>
    >;
    await stoppingAfterCommit(() =>
      importStories(deps, [{ ...input, title: "Un récit importé", slug: "un-recit-importe", isFeatured: false, contentNotes: [], status: "published", publishedAt: clock.now().toISOString() }]),
    );
    expect((await text("/temoignages/un-recit-importe")).status).toBe(200);
    expect(await storiesCount()).toBe(before + 1);
  });

  it("shows a WordPress site's import (its stories, categories as themes, tags as keywords, pages) at the next request", async () => {
    const before = await storiesCount();
    expect((await text("/themes")).html).not.toContain("Vie quotidienne");
    expect((await text("/series")).html).not.toContain("Reprendre le travail");
    await stoppingAfterCommit(() =>
      importWordPress({ ...deps, files: t.deps.files, privateFiles: t.deps.privateFiles, workDir: t.deps.workDir, baseUrl: t.url, log: t.deps.log }, () => fs.createReadStream(FIXTURE), null, DEFAULT_OPTIONS),
    );
    expect((await text("/themes")).html).toContain("Vie quotidienne");
    expect((await text("/series")).html).toContain("Reprendre le travail");
    expect((await text("/temoignages/un-jardin-partage")).status).toBe(200);
    expect((await text("/mots-cles/entraide")).html).toContain("Un jardin partagé");
    expect(await storiesCount()).toBeGreaterThan(before);
  });

  it("shows a theme or a series renamed or deleted, and a page edited, at the next request", async () => {
    const theme = (await listThemes(deps)).find((x) => x.slug === "ecriture");
    const series = (await listAllSeries(deps)).find((x) => x.slug === "ils-et-elles-le-vivent");
    if (!theme || !series) throw new Error("démonstration incomplète");
    expect((await text("/themes")).html).toContain(theme.name);
    await stoppingAfterCommit(() => saveTheme(deps, theme.id, { ...theme, name: "Écrire pour aller mieux" }));
    expect((await text("/themes")).html).toContain("Écrire pour aller mieux");
    await stoppingAfterCommit(() => deleteTheme(deps, theme.id));
    expect((await text("/themes")).html).not.toContain("Écrire pour aller mieux");

    expect((await text("/series")).html).toContain(series.title);
    await stoppingAfterCommit(() => saveSeries(deps, series.id, { ...series, title: "Elles et ils en parlent" }));
    expect((await text("/series")).html).toContain("Elles et ils en parlent");
    await stoppingAfterCommit(() => deleteSeries(deps, series.id));
    expect((await text("/series")).html).not.toContain("Elles et ils en parlent");

    const page = await t.deps.db.selectFrom("pages").select(["id", "summary", "body_md"]).where("slug", "=", "a-propos").executeTakeFirstOrThrow();
    expect((await text("/pages/a-propos")).html).not.toContain("Qui nous sommes, vraiment");
    await stoppingAfterCommit(() => savePage(deps, page.id, { title: "Qui nous sommes, vraiment", summary: page.summary, bodyMd: page.body_md }));
    expect((await text("/pages/a-propos")).html).toContain("Qui nous sommes, vraiment");
  });

  it("shows a call edited, then closed by the clock, on the home page at the next request", async () => {
    const call = await t.deps.db.selectFrom("calls").selectAll().executeTakeFirstOrThrow();
    const consentText = (await t.deps.db.selectFrom("consent_texts").select("body_md").where("id", "=", call.consent_text_id).executeTakeFirstOrThrow()).body_md;
    expect((await text("/")).html).toContain(call.title);
    const input = {
      slug: call.slug,
      title: "Parents, et alors ?",
      themeId: call.theme_id,
      introMd: call.intro_md,
      questionsMd: call.questions_md,
      safetyNoticeMd: call.safety_notice_md,
      opensAt: call.opens_at,
      closesAt: call.closes_at,
      formats: call.formats.split(",") as Parameters<typeof saveCall>[2]["formats"],
      creditOptions: call.credit_options.split(",") as Parameters<typeof saveCall>[2]["creditOptions"],
      consentText,
    };
    await stoppingAfterCommit(() => saveCall(deps, call.id, input));
    expect((await text("/")).html).toContain("Parents, et alors");

    // Watching the clock, as the app does every minute, from before the call closes to after.
    const watch = callBoundaryWatcher(deps);
    await watch();
    clock.set(new Date(new Date(call.closes_at).getTime() + 60_000).toISOString());
    await stoppingAfterCommit(() => watch());
    expect((await text("/")).html).not.toContain("Parents, et alors");
  });

  it("shows a change made by another process (the command line on SQLite, another instance on PostgreSQL) at the next request", async () => {
    const theme = (await listThemes(deps)).find((x) => x.slug === "travail");
    if (!theme) throw new Error("démonstration incomplète");
    expect((await text("/themes")).html).toContain(theme.name);
    const other = await createDeps(loadConfig({ DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl, LOG_LEVEL: "warn" }));
    try {
      await saveTheme({ ...other, ...publicationRules({ baseUrl: "http://127.0.0.1:3000" }) }, theme.id, { ...theme, name: "Travailler, et le dire" });
    } finally {
      await other.close();
    }
    const shows = async () => expect((await text("/themes")).html).toContain("Travailler, et le dire");
    // SQLite: at the next request; PostgreSQL: once the notification reaches this instance, an instant after the commit.
    if (dialect === "sqlite") await shows();
    else await vi.waitFor(shows, { timeout: 2_000 });
  });
});
