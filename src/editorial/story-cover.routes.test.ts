import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { formFields } from "../../test/support/forms.js";
import { LIMIT_COUNTERS, snapshotTables } from "../../test/support/tables.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const STORY = {
  title: "La couverture du jardin",
  slug: "",
  kind: "article",
  format: "single",
  standfirst: "Un récit fictif écrit pour les tests, avec une couverture prise dans la médiathèque.",
  body: "J'arrive au jardin vers dix heures. On ne parle pas forcément : on bine.",
  creditKind: "pseudonym",
  creditName: "Ortie",
  creditAge: "",
  seriesId: "",
  seriesPosition: "",
  coverAlt: "",
};

const photo = (background: string) => sharp({ create: { width: 1200, height: 800, channels: 3, background } }).jpeg().toBuffer();
const idFrom = (res: Response) => Number(/\/admin\/temoignages\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);

describe.each(DIALECTS)("a story's cover chosen from the media library on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let image: { id: number; storage_key: string };

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const res = await editor.postMultipart("/admin/medias", "/admin/medias", { alt: "Un arrosoir vert au soleil" }, { field: "file", bytes: await photo("#336633"), name: "arrosoir.jpg", type: "image/jpeg" });
    expect(res.status).toBe(303);
    image = await t.deps.db.selectFrom("images").select(["id", "storage_key"]).orderBy("id", "desc").executeTakeFirstOrThrow();
  });
  afterAll(() => t.close());

  it("offers the library's images as radio buttons with their thumbnails and descriptions, without JavaScript", async () => {
    const { html } = await editor.getText("/admin/temoignages/nouveau");
    expect(html).toContain("Choisir dans la médiathèque");
    expect(html).toMatch(new RegExp(`<input type="radio" id="champ-coverImageId-${image.id}" name="coverImageId" value="${image.id}"`));
    expect(html).toContain(`/media/${image.storage_key}/480.jpeg`);
    expect(html).toContain("Un arrosoir vert au soleil");
  });

  it("uses the stored image itself as the cover: no copy, its description by default, in the preview, on the public page, and in the library's « used by »", async () => {
    const imagesBefore = await t.deps.db.selectFrom("images").select("id").execute();
    const created = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...STORY, coverImageId: String(image.id), action: "preview" });
    expect(created.status).toBe(303);
    const id = idFrom(created);
    expect(await t.deps.db.selectFrom("images").select("id").execute()).toEqual(imagesBefore);
    const row = await t.deps.db.selectFrom("stories").select(["cover_image_id", "cover_alt"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ cover_image_id: image.id, cover_alt: "Un arrosoir vert au soleil" });

    const preview = await (await editor.get(`/admin/temoignages/${id}/apercu`)).text();
    expect(preview).toContain(`/media/${image.storage_key}/`);
    expect(preview).toContain('alt="Un arrosoir vert au soleil"');

    // The editor shows it as the chosen one; publishing the form as it stands keeps it.
    const { html } = await editor.getText(`/admin/temoignages/${id}`);
    expect(formFields(html).coverImageId).toBe(String(image.id));
    const published = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}`, { ...formFields(html), action: "publish" });
    expect(published.status).toBe(303);
    const slug = (await t.deps.db.selectFrom("published_stories").select(["slug", "cover_image_id"]).where("story_id", "=", id).executeTakeFirstOrThrow());
    expect(slug.cover_image_id).toBe(image.id);
    const page = await (await fetch(`${t.url}/temoignages/${slug.slug}`)).text();
    expect(page).toContain(`/media/${image.storage_key}/`);
    expect(page).toContain('alt="Un arrosoir vert au soleil"');

    const usedBy = await (await editor.get(`/admin/medias/${image.id}`)).text();
    expect(usedBy).toContain("« La couverture du jardin » : couverture (version de travail)");
    expect(usedBy).toContain("« La couverture du jardin » : couverture (version publiée)");
  });

  it("refuses a cover that is not an image of the library: the form comes back with what was typed and a French error, and nothing is written", async () => {
    const before = await snapshotTables(t, [LIMIT_COUNTERS]);
    const res = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...STORY, title: "Une couverture inventée", coverImageId: String(image.id + 1000), coverAlt: "Une image", action: "save" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("Cette image n'est pas dans la médiathèque");
    expect(html).toContain('value="Une couverture inventée"');
    expect(await snapshotTables(t, [LIMIT_COUNTERS])).toEqual(before);

    // The same for a story already saved, and for its autosave.
    const id = idFrom(await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...STORY, title: "Déjà enregistré", coverImageId: "", action: "save" }));
    const form = formFields((await editor.getText(`/admin/temoignages/${id}`)).html);
    const saved = await snapshotTables(t, [LIMIT_COUNTERS]);
    const edit = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}`, { ...form, coverImageId: "999999", coverAlt: "Une image", action: "save" });
    expect(edit.status).toBe(422);
    expect(await edit.text()).toContain("Cette image n'est pas dans la médiathèque");
    const autosave = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/brouillon`, { ...form, coverImageId: "999999", coverAlt: "Une image" });
    expect(autosave.status).toBe(422);
    expect(await snapshotTables(t, [LIMIT_COUNTERS])).toEqual(saved);
  });
});
