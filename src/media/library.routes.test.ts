import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { draftStory, editorViewer, publishStory } from "../../test/support/stories.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const photo = (background: string) => sharp({ create: { width: 1200, height: 800, channels: 3, background } }).jpeg().withExif({ IFD0: { Artist: "CANARY-ARTIST" } }).toBuffer();

async function upload(browser: Browser, fields: Record<string, string>, bytes: Buffer): Promise<Response> {
  return browser.postMultipart("/admin/medias", "/admin/medias", fields, { field: "file", bytes, name: "photo.jpg", type: "image/jpeg" });
}

async function newestImage(t: TestApp) {
  return t.deps.db.selectFrom("images").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
}

describe.each(DIALECTS)("media library on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  it("refuses an image without alt text in English, with English labels, to an editor who asked for English", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const res = await upload(english, { alt: "" }, await photo("#224466"));
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Describe the image in one sentence, or tick “Decorative image”.");
    expect(html).toContain("Image received: complete its description to add it.");
    expect(html).not.toContain("Décrivez");
  });

  it("stores an uploaded image once with its alt text, caption and credit, without its metadata, and lists it", async () => {
    const res = await upload(editor, { alt: "Deux mains dans la terre", caption: "Le jardin du mardi", credit: "Photo : Ortie" }, await photo("#557733"));
    expect(res.status).toBe(303);
    const row = await newestImage(t);
    expect(row).toMatchObject({ alt: "Deux mains dans la terre", caption: "Le jardin du mardi", credit: "Photo : Ortie", decorative: 0 });
    const stored = await t.deps.files.read(`${row.storage_key}/480.jpeg`);
    expect(stored?.includes("CANARY-ARTIST")).toBe(false);
    const { html } = await editor.getText("/admin/medias");
    expect(html).toContain("Deux mains dans la terre");
    expect(html).toContain("Le jardin du mardi");
    expect(html).toContain(`/media/${row.storage_key}/480.jpeg`);
  });

  it("requires an alt text unless the image is marked decorative, and keeps the received file for the corrected form", async () => {
    const before = await newestImage(t);
    const res = await upload(editor, { alt: "", caption: "Sans description" }, await photo("#aa3355"));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("Décrivez l'image en une phrase");
    expect(html).toContain('value="Sans description"');
    const pending = await newestImage(t);
    expect(pending.id).toBeGreaterThan(before.id);
    expect(html).toContain(`name="pendingImageId" value="${pending.id}"`);
    const fixed = await editor.post("/admin/medias", { _csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string, pendingImageId: String(pending.id), alt: "", decorative: "1", caption: "Sans description" });
    expect(fixed.status).toBe(303);
    expect(await newestImage(t)).toMatchObject({ id: pending.id, alt: "", decorative: 1, caption: "Sans description" });
  });

  it("refuses a file that is not an image with a French message", async () => {
    const res = await upload(editor, { alt: "Rien" }, Buffer.from("<svg onload=alert(1)>"));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("est pas une image lisible");
  });

  it("edits an image's description", async () => {
    const row = await newestImage(t);
    const res = await editor.submit(`/admin/medias/${row.id}`, `/admin/medias/${row.id}`, { alt: "Un arrosoir vert", caption: "", credit: "Ortie" });
    expect(res.status).toBe(303);
    expect(await newestImage(t)).toMatchObject({ alt: "Un arrosoir vert", decorative: 0, credit: "Ortie" });
  });

  it("refuses to delete an image in use and says where, in working copies and released versions, as cover and inline", async () => {
    await upload(editor, { alt: "Une couverture" }, await photo("#224466"));
    const cover = await newestImage(t);
    await upload(editor, { alt: "Une image dans le texte" }, await photo("#664422"));
    const inline = await newestImage(t);
    const viewer = await editorViewer(t);
    await publishStory(t, viewer, {
      title: "Le récit publié",
      standfirst: "Un chapô.",
      body: `Un paragraphe.\n\n![Une image dans le texte](/media/${inline.storage_key})`,
      coverImageId: cover.id,
      coverAlt: "Une couverture",
    });
    await draftStory(t, viewer, { title: "Le brouillon", body: `![](/media/${cover.storage_key})` });

    const refused = await editor.submit(`/admin/medias/${cover.id}`, `/admin/medias/${cover.id}/supprimer`, {});
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain("ne peut pas être supprimée");
    expect(html).toContain("« Le récit publié » : couverture (version de travail)");
    expect(html).toContain("« Le récit publié » : couverture (version publiée)");
    expect(html).toContain("« Le brouillon » : dans le texte (version de travail)");
    const inlineRefused = await (await editor.submit(`/admin/medias/${inline.id}`, `/admin/medias/${inline.id}/supprimer`, {})).text();
    expect(inlineRefused).toContain("« Le récit publié » : dans le texte (version publiée)");
    expect(await t.deps.db.selectFrom("images").select("id").where("id", "in", [cover.id, inline.id]).execute()).toHaveLength(2);
    expect(await t.deps.files.read(`${cover.storage_key}/480.jpeg`)).not.toBeNull();
  });

  it("deletes an image nobody shows, with its files", async () => {
    await upload(editor, { alt: "À jeter" }, await photo("#123456"));
    const row = await newestImage(t);
    const res = await editor.submit(`/admin/medias/${row.id}`, `/admin/medias/${row.id}/supprimer`, {});
    expect(res.status).toBe(303);
    expect(await t.deps.db.selectFrom("images").select("id").where("id", "=", row.id).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.files.read(`${row.storage_key}/480.jpeg`)).toBeNull();
  });

  it("lets authors list the library for the editor's picker but not manage it", async () => {
    const author = new Browser(t.url);
    await author.signInDirectly(t, await createAccount(t, "author"));
    const picker = await author.get("/admin/medias/choix");
    expect(picker.status).toBe(200);
    const list = (await picker.json()) as Array<{ src: string; alt: string }>;
    expect(list.some((img) => img.alt === "Une couverture" && /^\/media\/images\/[a-f0-9]{24}$/.test(img.src))).toBe(true);
    expect((await author.get("/admin/medias")).status).toBe(403);
  });
});
