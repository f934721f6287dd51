import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { startTestApp, type TestApp } from "../../test/support/test-app.js";
import { countRows as count, exportItems, importFixture, mediaFiles, waitForJobs } from "../../test/support/wordpress.js";
import type { ImportReport } from "./import-report.js";

/**
 * The import of a second export written by WordPress itself (Debian's WordPress 6.1, its own
 * exporter: see test/fixtures/wordpress/real-2/README.md), of a site unlike the first: in English,
 * Montreal time, a blog under /blog with /%postname%/ addresses, a static front page, reusable
 * blocks, a menu, a post type of its own, an .m4a episode and one whose sound is missing. The
 * report is checked against what the site then shows, and the old addresses (read from the XML
 * here, not by the importer) against what this site answers over HTTP.
 */

const REAL = path.resolve("test/fixtures/wordpress/real-2/export.xml");
const UPLOADS = path.resolve("test/fixtures/wordpress/real-2/uploads");
const OLD_SITE = "https://open-door-peers.example";
const HELPLINE = "**If you are in crisis right now**, call the fictional 24/7 line at 555-0199 or text HOME to 555-0142.";

describe.each(DIALECTS)("importing a second export written by WordPress 6.1 itself, on %s", (dialect) => {
  let t: TestApp;
  let dry: ImportReport;
  let first: ImportReport;
  const items = exportItems(REAL);
  const posts = items.filter((i) => i.type === "post");
  const body = async (slug: string) => (await t.deps.db.selectFrom("stories").select("body_md").where("slug", "=", slug).executeTakeFirstOrThrow()).body_md;
  const standfirst = async (slug: string) => (await t.deps.db.selectFrom("stories").select("standfirst").where("slug", "=", slug).executeTakeFirstOrThrow()).standfirst;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    dry = await importFixture(t, UPLOADS, { dryRun: true }, REAL);
    first = await importFixture(t, UPLOADS, {}, REAL);
  }, 180_000);
  afterAll(() => t.close());

  it("reports what the site then shows: stories by status, pages, themes, tags, media, episodes, addresses", async () => {
    expect(dry).toEqual(first);
    expect({ ...first, skipped: first.skipped.map((s) => [s.title, s.code]), warnings: first.warnings.map((w) => [w.title, w.code]) }).toEqual({
      stories: { published: 8, draft: 2, review: 0, scheduled: 1 },
      pages: 4,
      themes: 5,
      tags: 7,
      authors: 2,
      media: 4,
      episodes: 2,
      redirects: 95,
      // Two approved; the pingback, the spam and the trashed comment are not counted.
      comments: 2,
      skipped: [
        ["Spring potluck", "unsupported_type"],
        ["Walk-and-talk by the canal", "unsupported_type"],
        ["Duplicate of the open house post", "in_trash"],
      ],
      warnings: [
        ["Episode 2: Winter, light, and mood", "episode_sound_missing"],
        ["Episode 2: Winter, light, and mood", "episode_without_audio"],
      ],
    });
    // The export's own numbers: WordPress writes neither revisions nor auto-drafts; the reusable
    // block, the menu's items and the events are items of their own.
    expect(posts).toHaveLength(13);
    expect(items.filter((i) => i.type === "revision" || i.status === "auto-draft")).toEqual([]);
    expect(items.filter((i) => i.type === "wp_block")).toHaveLength(1);
    expect(items.filter((i) => i.type === "nav_menu_item")).toHaveLength(4);
    expect(posts.filter((p) => p.status === "publish")).toHaveLength(9);
    const db = t.deps.db;
    const statuses = await db.selectFrom("stories").select(["slug", "status"]).orderBy("slug").execute();
    const byStatus = (s: string) => statuses.filter((x) => x.status === s).map((x) => x.slug);
    expect(statuses).toHaveLength(12);
    expect(byStatus("draft")).toEqual(["notes-for-the-volunteer-handbook", "sans-titre"]);
    expect(byStatus("scheduled")).toEqual(["peer-support-training-spring-session"]);
    expect(byStatus("unpublished")).toEqual(["episode-2-winter-light-and-mood"]);
    const published = (await db.selectFrom("published_stories").select("slug").execute()).map((r) => r.slug);
    expect(published).toHaveLength(first.stories.published);
    expect((await (await fetch(`${t.url}/temoignages`)).text()).replace(/[\u00a0\u202f]/g, " ")).toContain(`${first.stories.published} témoignages`);
    const pages = (await db.selectFrom("pages").select("slug").orderBy("slug").execute()).map((r) => r.slug);
    expect(pages).toEqual(["about-us", "evening-group", "our-groups", "welcome"]);
    for (const page of pages) expect((await fetch(`${t.url}/pages/${page}`)).status, page).toBe(200);
    const themes = (await db.selectFrom("themes").select("slug").orderBy("slug").execute()).map((r) => r.slug);
    // Categories three deep (Stories › Recovery › Early recovery) are themes side by side; "Uncategorized" is none.
    expect(themes).toEqual(["association-news", "early-recovery", "podcast", "recovery", "stories"]);
    expect(themes).toHaveLength(first.themes);
    const keywords = (await db.selectFrom("keywords").select(["slug", "name"]).orderBy("slug").execute()).map((r) => `${r.slug} ${r.name}`);
    // The Greek tag keeps its name, with a slug of its own.
    expect(keywords).toEqual(["announcements announcements", "cafe-rencontre café-rencontre", "groups groups", "letters letters", "podcast podcast", "sobriety sobriety", expect.stringMatching(/^t-[0-9a-f]{10} Ελπίδα$/)]);
    expect(keywords).toHaveLength(first.tags);
    expect(await count(t, "images")).toBe(first.media);
    expect(await count(t, "episodes")).toBe(first.episodes);
    expect(await count(t, "legacy_addresses")).toBe(first.redirects);
  });

  it("answers every public address of the old site with a 301 to a page that answers 200, and the episode waiting for its sound with a 503", async () => {
    const publicItems = items.filter((i) => (i.type === "post" || i.type === "page") && i.status === "publish" && !i.password);
    const waiting = publicItems.filter((p) => p.slug === "episode-2-winter-light-and-mood");
    // WordPress's query forms are at the blog's home too ("/blog/?p=12"), as the export's links for drafts show.
    expect(posts.filter((p) => p.status === "draft").map((p) => p.link.replace(OLD_SITE, ""))).toEqual([expect.stringMatching(/^\/blog\/\?p=\d+$/), expect.stringMatching(/^\/blog\/\?p=\d+$/)]);
    const old = new Set<string>(["/blog/", "/blog/feed/", "/blog/?author=1", "/blog/?author=2", "/blog/author/editor/", "/blog/author/jo-m/"]);
    for (const p of publicItems) {
      if (waiting.includes(p)) continue;
      old.add(p.link.replace(OLD_SITE, ""));
      old.add(`/blog/?p=${p.id}`);
      if (p.type === "page") old.add(`/blog/?page_id=${p.id}`);
      for (const term of p.terms) old.add(`/blog/${term.domain === "category" ? "category" : "tag"}/${term.nicename}/`);
    }
    for (const image of items.filter((i) => i.type === "attachment" && /\.(jpe?g|png)$/.test(i.file))) {
      old.add(`/blog/wp-content/uploads/${image.file}`);
      old.add(`/blog/wp-content/uploads/${image.file.replace(/(\.\w+)$/, "-150x150$1")}`);
    }
    const sounds = posts.filter((p) => p.enclosure).map((p) => (p.enclosure.split("\n")[0] as string).replace(OLD_SITE, ""));
    expect(sounds).toEqual(["/blog/wp-content/uploads/2026/02/episode-1-what-a-peer-is.m4a", "/blog/wp-content/uploads/2026/03/episode-2-winter-light.mp3"]);
    old.add(sounds[0] as string);
    old.delete("/blog/category/uncategorized/");
    expect(old.size).toBe(54);
    const answers: Record<string, string> = {};
    for (const address of old) {
      const res = await fetch(t.url + address, { redirect: "manual" });
      await res.body?.cancel();
      const location = res.headers.get("location") ?? "";
      answers[address] = `${res.status}`;
      if (res.status !== 301) continue;
      const target = await fetch(t.url + location);
      await target.body?.cancel();
      answers[address] = `301 → ${target.status}`;
    }
    expect(answers).toEqual(Object.fromEntries([...old].map((a) => [a, "301 → 200"])));
    // The blog's home (the static front page's link) leads to this site's home; the emoji slug to its story.
    expect((await fetch(`${t.url}/blog/`, { redirect: "manual" })).headers.get("location")).toBe("/");
    expect((await fetch(`${t.url}/blog/tips-tricks-for-the-first-group-meeting-%E2%98%95/`, { redirect: "manual" })).headers.get("location")).toBe("/temoignages/tips-tricks-for-the-first-group-meeting");
    // The episode whose sound did not come with the uploads, and that sound's own address, say it comes back soon.
    for (const address of [(waiting[0]?.link ?? "").replace(OLD_SITE, ""), sounds[1] as string]) {
      const soon = await fetch(t.url + address, { redirect: "manual" });
      await soon.body?.cancel();
      expect(soon.status, address).toBe(503);
    }
    // The site's own post type is not imported (the report says so): its addresses are not taken.
    const events = items.filter((i) => i.type === "event").map((i) => i.link.replace(OLD_SITE, ""));
    expect(events).toEqual(["/blog/events/spring-potluck/", "/blog/events/walk-and-talk-by-the-canal/"]);
    for (const address of events) expect((await fetch(t.url + address, { redirect: "manual" })).status, address).toBe(404);
  });

  it("puts the unattached images in the media library with their alt text, and the text's images and gallery", async () => {
    const db = t.deps.db;
    const attachments = items.filter((i) => i.type === "attachment" && /\.(jpe?g|png)$/.test(i.file));
    expect(attachments.map((a) => a.parent)).toEqual([0, 0, 0, 0]);
    const images = await db.selectFrom("images").select(["alt", "decorative"]).execute();
    expect(images.map((i) => i.alt).sort()).toEqual(attachments.map((a) => a.alt).sort());
    // The one without alt text is not taken for decorative: the library lists it as « alt text to write ».
    expect(images.filter((i) => i.alt === "").map((i) => Number(i.decorative))).toEqual([0]);
    // Re-encoded from the pixels: none of the camera's data is left.
    for (const file of mediaFiles(t).filter((f) => /\.\w+$/.test(f))) expect(fs.readFileSync(path.join(t.dataDir, "media", file)).includes("CANARY-REAL2"), file).toBe(false);
    const covers = await db.selectFrom("published_stories").select(["slug", "cover_alt"]).where("cover_image_id", "is not", null).orderBy("slug").execute();
    expect(covers).toEqual([
      { slug: "photos-from-the-community-kitchen", cover_alt: "Volunteers chopping vegetables around a long table" },
      { slug: "ten-years-one-long-letter", cover_alt: "A wooden bench facing a frozen river" },
    ]);
    expect(await body("photos-from-the-community-kitchen")).toMatch(/!\[Volunteers chopping[^\]]*\]\(\/media\/images\/[a-f0-9]{24}\)\n\n!\[Two steaming mugs[^\]]*\]\(\/media\/images\//);
    expect(await body("open-house-on-saturday")).toMatch(/!\[\]\(\/media\/images\//);
  });

  it("keeps the text as WordPress showed it: reusable blocks, table, embeds as links, a long post in pages, titles with entities and emoji", async () => {
    const db = t.deps.db;
    // The reusable block is shown where each post uses it, and left out of the summaries, as WordPress does.
    expect(await body("welcome-to-the-new-open-door-blog")).toBe(`We moved our blog under [our main site](/blog/about-us/). Peer stories, news from the drop-in, and the podcast all live here now.\n\n${HELPLINE}`);
    expect(await body("my-first-week-without-a-drink")).toContain(HELPLINE);
    expect(await standfirst("welcome-to-the-new-open-door-blog")).not.toContain("crisis");
    // The teaser before « more » is the summary; the text goes on after it.
    expect(await standfirst("my-first-week-without-a-drink")).toBe("Day one I cleaned the whole apartment. Day two I slept for fourteen hours.");
    expect(await body("my-first-week-without-a-drink")).toContain("By day five I called the drop-in line");
    expect(await body("tips-tricks-for-the-first-group-meeting")).toContain("| Day | Group | Room |\n| --- | --- | --- |\n| Monday | Newcomers | B-12 |\n| Thursday | Family \\& friends | Library |\n\n*Winter schedule*");
    expect(await standfirst("tips-tricks-for-the-first-group-meeting")).toBe("Arriving is the hardest part. Here is what the facilitators wish everyone knew. Day Group Room Monday Newcomers B-12 Thursday Family & friends Library");
    const qa = await body("qa-is-peer-support-therapy-our-answer");
    expect(qa).toContain("[https://www.youtube.com/watch?v=aqz-KE-bpKQ](https://www.youtube.com/watch?v=aqz-KE-bpKQ)");
    expect(qa).toContain("[https://twitter.com/opendoorpeers/status/1234567890](https://twitter.com/opendoorpeers/status/1234567890)");
    const long = await body("ten-years-one-long-letter");
    expect(long.match(/^Part \d+\./gm)).toHaveLength(60);
    expect(long).not.toMatch(/nextpage|more/);
    expect((await standfirst("ten-years-one-long-letter")).split(" ")).toHaveLength(55);
    const titles = await db.selectFrom("stories").select(["slug", "title"]).where("slug", "in", ["qa-is-peer-support-therapy-our-answer", "tips-tricks-for-the-first-group-meeting"]).orderBy("slug").execute();
    expect(titles.map((r) => r.title)).toEqual(['Q&A: "Is peer support therapy?" — our answer', "Tips & tricks for the first group meeting ☕"]);
    // Sticky on WordPress, not featured here (one story at a time is, chosen by an editor).
    expect(await db.selectFrom("stories").select("slug").where("is_featured", "=", 1).execute()).toEqual([]);
    // Montreal time in the export, UTC here; drafts (exported without UTC date) by the site's clock too.
    const dates = await db.selectFrom("stories").select(["slug", "published_at"]).where("slug", "in", ["my-first-week-without-a-drink", "notes-for-the-volunteer-handbook"]).orderBy("slug").execute();
    expect(dates.map((d) => d.published_at)).toEqual(["2026-02-04T02:30:00.000Z", "2026-03-25T18:00:00.000Z"]);
  });

  it("makes episodes of the enclosures: the .m4a one public with its processed audio and transcript, the other waiting for its sound", async () => {
    const db = t.deps.db;
    const episodes = await db
      .selectFrom("episodes")
      .innerJoin("stories", "stories.id", "episodes.story_id")
      .select(["stories.slug", "stories.body_md", "episodes.audio_key", "episodes.transcript"])
      .orderBy("stories.slug")
      .execute();
    expect(episodes.map((e) => e.slug)).toEqual(["episode-1-what-a-peer-is-and-is-not", "episode-2-winter-light-and-mood"]);
    const [one, two] = episodes;
    expect(one?.audio_key).toMatch(/^audio\/[a-f0-9]{24}\.mp3$/);
    expect(one?.transcript).toContain("Ana: Welcome to Open Door Radio.");
    expect(one?.body_md).toBe("Show notes: episode 1: what a peer is (and is not).");
    expect(two?.audio_key).toBeNull();
    expect(two?.transcript).toContain("Get outside at noon");
    const pub = await db.selectFrom("published_episodes").innerJoin("published_stories", "published_stories.story_id", "published_episodes.story_id").select("published_stories.slug").execute();
    expect(pub.map((p) => p.slug)).toEqual(["episode-1-what-a-peer-is-and-is-not"]);
    const waiting = await db.selectFrom("wordpress_items").select(["title", "awaiting"]).where("awaiting", "is not", null).execute();
    expect(waiting).toEqual([{ title: "Episode 2: Winter, light, and mood", awaiting: "audio" }]);
  });

  it("runs again without changing or duplicating anything, and gives the same report", async () => {
    await waitForJobs(t);
    const tables = ["stories", "story_revisions", "images", "pages", "themes", "series", "keywords", "legacy_addresses", "episodes", "jobs", "wordpress_items"] as const;
    const counts = async () => Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await count(t, table)])));
    const before = await counts();
    const media = mediaFiles(t);
    expect(await importFixture(t, UPLOADS, {}, REAL)).toEqual(first);
    expect(await counts()).toEqual(before);
    expect(mediaFiles(t)).toEqual(media);
  });
});
