import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

/**
 * A page's text shows the library's images as a story's does: a responsive picture with the
 * library's alt text (or the text's own), served to readers; and a new description shows at the
 * next request, through the page cache.
 */
describe.each(DIALECTS)("images in a page's text on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  it("shows them as pictures with their description, and a new description at the next request", async () => {
    const bytes = await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 120, b: 90 } } }).jpeg().toBuffer();
    expect((await editor.postMultipart("/admin/medias", "/admin/medias", { alt: "La salle du groupe, un mardi soir" }, { field: "file", bytes, name: "salle.jpg", type: "image/jpeg" })).status).toBe(303);
    const image = await t.deps.db.selectFrom("images").select(["id", "storage_key"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    const page = await t.deps.db.selectFrom("pages").select(["id", "title", "summary", "body_md"]).where("slug", "=", "a-propos").executeTakeFirstOrThrow();
    const body = `${page.body_md}\n\n![](/media/${image.storage_key})\n\nEt une image qui n'existe pas : ![Une affiche](/media/images/${"f".repeat(24)})`;
    expect((await editor.submit(`/admin/pages/${page.id}`, `/admin/pages/${page.id}`, { title: page.title, summary: page.summary, bodyMd: body })).status).toBe(303);

    const reader = async () => (await fetch(`${t.url}/pages/a-propos`)).text();
    const shown = await reader();
    expect(shown).toContain('<figure class="inline-figure"><picture class="inline-image"><source type="image/avif"');
    expect(shown).toMatch(new RegExp(`<img src="/media/${image.storage_key}/\\d+\\.jpeg"[^>]* alt="La salle du groupe, un mardi soir"`));
    // An image the library does not hold is its alt text, and no request.
    expect(shown).toContain("Une affiche");
    expect(shown).not.toContain("f".repeat(24));
    const rendition = /<img src="([^"]+)"/.exec(shown)?.[1] as string;
    expect((await fetch(t.url + rendition)).status).toBe(200);

    const edit = await editor.getText(`/admin/medias/${image.id}`);
    expect(edit.status).toBe(200);
    const described = await editor.submit(`/admin/medias/${image.id}`, `/admin/medias/${image.id}`, { alt: "Des chaises en cercle", caption: "Avant le groupe.", credit: "" });
    expect(described.status).toBe(303);
    const after = await reader();
    expect(after).toMatch(/alt="Des chaises en cercle"/);
    expect(after).toContain("Avant le groupe.");
  });
});
