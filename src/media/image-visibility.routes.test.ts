import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { formFields } from "../../test/support/forms.js";
import { approvePendingVersion, changeStoryStatus, contribute, openFollowUp, submissionIdByTitle } from "../../test/support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { IMAGE_FORMATS } from "./image.service.js";

/**
 * An image is public only while something public shows it. Every path that ends a story's
 * publication is tried in turn; after each, every rendition of its cover and of its inline image
 * answers 404 to a reader (cache warmed first, so a remembered answer would show) and still 200 to
 * the team.
 */
describe.each(DIALECTS)("images of a story that leaves the site on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  let colour = 0;
  async function libraryImage(alt: string): Promise<{ id: number; key: string; widths: number[] }> {
    colour += 40;
    const bytes = await sharp({ create: { width: 1000, height: 700, channels: 3, background: { r: colour % 256, g: 90, b: 60 } } }).jpeg().toBuffer();
    expect((await editor.postMultipart("/admin/medias", "/admin/medias", { alt }, { field: "file", bytes, name: "photo.jpg", type: "image/jpeg" })).status).toBe(303);
    const row = await t.deps.db.selectFrom("images").select(["id", "storage_key", "widths"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    return { id: row.id, key: row.storage_key, widths: row.widths.split(",").map(Number) };
  }

  /** Every address a reader's browser may ask for: each width in each format. */
  const renditions = (image: { key: string; widths: number[] }) => image.widths.flatMap((w) => IMAGE_FORMATS.map((f) => `/${image.key.replace("images/", "media/images/")}/${w}.${f}`));

  async function statuses(paths: string[], who?: Browser): Promise<number[]> {
    return Promise.all(paths.map(async (p) => (who ? await who.get(p) : await fetch(t.url + p)).status));
  }

  /** A contribution drafted into a story by the team, with a cover and an inline image from the library. */
  async function storyWithImages(title: string) {
    const author = new Browser(t.url);
    const sent = await contribute(author, { title, body: "Le jardin m'a appris la patience.", creditKind: "pseudonym", creditName: "Iris" });
    await openFollowUp(author, sent.receipt);
    const submissionId = await submissionIdByTitle(t, title);
    const drafted = await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/brouillon`, {});
    const storyId = Number(/\/admin\/temoignages\/(\d+)/.exec(drafted.headers.get("location") ?? "")?.[1]);
    const cover = await libraryImage("Une allée de jardin");
    const inline = await libraryImage("Des semis");
    const form = formFields((await editor.getText(`/admin/temoignages/${storyId}`)).html);
    const body = `Le jardin m'a appris la patience.\n\n![Des semis](/media/${inline.key})\n\nPuis j'y suis restée.`;
    const saved = await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}`, {
      ...form,
      standfirst: "Un jardin, des pairs.",
      body,
      coverImageId: String(cover.id),
      coverAlt: "Une allée de jardin",
      action: "save",
    });
    expect(saved.status).toBe(303);
    expect((await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/accord`, {})).status).toBe(303);
    const paths = [...renditions(cover), ...renditions(inline)];
    // Before publication, no reader gets them; their author does, on the page where she approves them.
    expect(new Set(await statuses(paths))).toEqual(new Set([404]));
    expect(new Set(await statuses(paths, author))).toEqual(new Set([200]));
    await approvePendingVersion(author);
    expect((await changeStoryStatus(editor, storyId, { action: "publish" })).status).toBe(303);
    expect(new Set(await statuses(paths))).toEqual(new Set([200]));
    return { author, storyId, paths };
  }

  const endsOfPublication: Array<[string, (s: { author: Browser; storyId: number }) => Promise<Response>]> = [
    ["unpublished by an editor", (s) => changeStoryStatus(editor, s.storyId, { action: "unpublish" })],
    ["withdrawn by its author from her follow-up", (s) => s.author.submit("/suivi/retirer", "/suivi/retirer", {})],
    ["anonymised at its author's request", (s) => s.author.submit("/suivi/anonymiser", "/suivi/anonymiser", {})],
    ["erased by its author", (s) => s.author.submit("/suivi/effacer", "/suivi/effacer", {})],
    ["unpublished in bulk from the story list", (s) => editor.submit("/admin/temoignages", "/admin/temoignages/lot/appliquer", { ids: String(s.storyId), action: "unpublish" })],
  ];

  it.each(endsOfPublication)("answers 404 to readers for every rendition of its cover and inline image once it is %s, and 200 to editors", async (name, end) => {
    const story = await storyWithImages(`Le jardin, ${name}`);
    expect((await end(story)).status).toBeLessThan(400);
    expect(await t.deps.db.selectFrom("published_stories").select("story_id").where("story_id", "=", story.storyId).executeTakeFirst()).toBeUndefined();
    expect(new Set(await statuses(story.paths))).toEqual(new Set([404]));
    expect(new Set(await statuses(story.paths, editor))).toEqual(new Set([200]));
  });

  it("lets browsers keep a public image only by asking again, so a withdrawn cover is not shown from their cache", async () => {
    const story = await storyWithImages("Le jardin gardé en cache");
    const path = story.paths[0] as string;
    const first = await fetch(t.url + path);
    expect(first.headers.get("cache-control")).toBe("public, no-cache");
    expect(first.headers.get("cache-control")).not.toContain("immutable");
    const etag = first.headers.get("etag") as string;
    const again = await fetch(t.url + path, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect((await again.arrayBuffer()).byteLength).toBe(0);
    expect((await changeStoryStatus(editor, story.storyId, { action: "unpublish" })).status).toBe(303);
    expect((await fetch(t.url + path, { headers: { "if-none-match": etag } })).status).toBe(404);
    const forEditor = await editor.get(path);
    expect(forEditor.status).toBe(200);
    expect(forEditor.headers.get("cache-control")).toBe("private, no-store");
  });

  it("serves the site's logo to readers while it is the logo, and no longer once another replaces it", async () => {
    const admin = new Browser(t.url);
    await admin.signInDirectly(t, await createAccount(t, "admin"));
    const upload = async (background: string) => {
      const bytes = await sharp({ create: { width: 600, height: 200, channels: 3, background } }).png().toBuffer();
      expect((await admin.postMultipart("/admin/reglages", "/admin/reglages/image", { usage: "logo" }, { field: "image", bytes, name: "logo.png", type: "image/png" })).status).toBe(303);
      const row = await t.deps.db.selectFrom("site_settings").select("logo_path").executeTakeFirstOrThrow();
      return `/media/${row.logo_path}`;
    };
    const first = await upload("#224466");
    expect((await fetch(t.url + first)).status).toBe(200);
    const second = await upload("#664422");
    expect((await fetch(t.url + second)).status).toBe(200);
    expect((await fetch(t.url + first)).status).toBe(404);
    expect((await admin.get(first)).status).toBe(200);
  });
});
