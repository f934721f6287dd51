import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { formFields, pressButton } from "../../test/support/forms.js";
import { rawCodesShown, visibleText } from "../../test/support/raw-codes.js";

const NEW_STORY = {
  title: "Le jardin partagé du mardi",
  slug: "",
  kind: "article",
  format: "single",
  standfirst: "Un récit fictif écrit pour les tests : un jardin, des mains dans la terre, des pairs.",
  body: "## Un mardi\n\nJ'arrive au jardin vers dix heures. On ne parle pas forcément : on bine.\n\n> Ici, personne ne me demande mon diagnostic.",
  creditKind: "pseudonym",
  creditName: "Ortie",
  creditAge: "",
  seriesId: "",
  seriesPosition: "",
  coverImageId: "",
  coverAlt: "",
};

async function countRows(t: TestApp, table: "stories" | "story_revisions"): Promise<number> {
  const row = await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

const idFrom = (res: Response) => Number(/\/admin\/temoignages\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);

describe.each(DIALECTS)("editorial back office on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let author: Browser;
  const clock = manualClock("2026-11-25T09:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true, clock });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    author = new Browser(t.url);
    await author.signInDirectly(t, await createAccount(t, "author"));
  });
  afterAll(() => t.close());

  it("re-displays a rejected story form with what was typed, an error summary and French messages, and writes nothing", async () => {
    const before = await countRows(t, "stories");
    const res = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      ...NEW_STORY,
      title: "",
      creditKind: "first_name_age",
      creditName: "Léon",
      creditAge: "deux cents",
      action: "save",
    });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("Indiquez un titre.");
    expect(html).toContain("âge est un nombre entre 1 et 120.");
    expect(html).toContain("Un récit fictif écrit pour les tests");
    expect(html).toContain('value="Léon"');
    expect(html).toContain('value="deux cents"');
    expect(await countRows(t, "stories")).toBe(before);
  });

  it("saves then previews the working copy as readers will see it, unpublished, at desktop and phone width, for editors and the story's author only", async () => {
    const theme = await t.deps.db.selectFrom("themes").select(["id", "name"]).executeTakeFirstOrThrow();
    const created = await author.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      ...NEW_STORY,
      title: "Le jardin en aperçu",
      themeIds: String(theme.id),
      contentNotes: "involuntary_care",
      action: "preview",
    });
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/^\/admin\/temoignages\/\d+\/apercu$/);
    const preview = await author.get(location);
    const html = await preview.text();
    expect(preview.status).toBe(200);
    expect(preview.headers.get("cache-control")).toBe("no-store");
    expect(html).toContain('<meta name="robots" content="noindex"/>');
    expect(html).toContain("Aperçu — non publié.");
    // The public article component (one heading level down): title, standfirst, credit, content note, theme, body.
    expect(html).toContain("<h2>Le jardin en aperçu</h2>");
    expect(html).toContain('<p class="lead">Un récit fictif écrit pour les tests');
    expect(html).toContain("Par Ortie");
    expect(html).toContain("l'hospitalisation sans consentement");
    expect(html).toContain(theme.name);
    expect(html).toContain("<h4>Un mardi</h4>");
    expect(await fetch(`${t.url}/temoignages/le-jardin-en-apercu`).then((r) => r.status)).toBe(404);

    const phone = await author.getText(`${location}?largeur=telephone`);
    expect(phone.html).toContain(`<iframe src="${location}?largeur=telephone&amp;cadre=1" width="390"`);
    const framed = await author.get(`${location}?largeur=telephone&cadre=1`);
    expect(framed.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
    expect(framed.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(await framed.text()).not.toContain("Revenir à l'édition");
    // Not an address to share: the page itself cannot be framed, and other authors and visitors get nothing.
    expect(preview.headers.get("x-frame-options")).toBe("DENY");
    expect((await editor.get(location)).status).toBe(200);
    const otherAuthor = new Browser(t.url);
    await otherAuthor.signInDirectly(t, await createAccount(t, "author"));
    expect((await otherAuthor.get(location)).status).toBe(404);
    expect((await new Browser(t.url).get(location)).status).toBe(303);
  });

  it("lets an author write and submit a draft but not publish it", async () => {
    const created = await author.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, action: "save" });
    expect(created.status).toBe(303);
    const id = Number(/\/admin\/temoignages\/(\d+)/.exec(created.headers.get("location") ?? "")?.[1]);
    const publish = await author.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "publish" });
    expect(publish.status).toBe(403);
    const submit = await author.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "submit" });
    expect(submit.status).toBe(303);
    const row = await t.deps.db.selectFrom("stories").select(["status", "slug"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "review", slug: "le-jardin-partage-du-mardi" });
    // Once handed over, the editors publish it.
    expect((await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "publish" })).status).toBe(303);
    expect((await fetch(`${t.url}/temoignages/le-jardin-partage-du-mardi`)).status).toBe(200);
    // A published story is no longer the author's to change.
    const form = formFields((await author.getText(`/admin/temoignages/${id}`)).html);
    const edit = await author.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}`, { ...form, title: "Changé après publication", action: "save" });
    expect(edit.status).toBe(403);
    const title = await t.deps.db.selectFrom("stories").select("title").where("id", "=", id).executeTakeFirstOrThrow();
    expect(title.title).toBe(NEW_STORY.title);
  });

  it("keeps a revision at every save, compares two of them word by word, and restores one", async () => {
    const created = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "Version un", action: "save" });
    const id = Number(/(\d+)$/.exec((created.headers.get("location") ?? "").split("?")[0] as string)?.[1]);
    const form = formFields((await editor.getText(`/admin/temoignages/${id}`)).html);
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}`, { ...form, title: "Version deux", body: "Un texte entièrement réécrit.", action: "save" });
    const revisions = await t.deps.db.selectFrom("story_revisions").select("id").where("story_id", "=", id).orderBy("id").execute();
    expect(revisions.length).toBe(2);
    const [first, second] = revisions.map((r) => r.id);
    const compare = await editor.getText(`/admin/temoignages/${id}/revisions?de=${first}&a=${second}`);
    expect(compare.html).toContain("<del>un</del>");
    expect(compare.html).toContain("<ins>deux</ins>");
    const restored = await editor.submit(`/admin/temoignages/${id}/revisions`, `/admin/temoignages/${id}/revisions/${first}/restaurer`, {});
    expect(restored.status).toBe(303);
    const row = await t.deps.db.selectFrom("stories").select(["title", "body_md"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.title).toBe("Version un");
    expect(row.body_md).toBe(NEW_STORY.body);
    expect((await t.deps.db.selectFrom("story_revisions").select("id").where("story_id", "=", id).execute()).length).toBe(3);
  });

  it("publishes a scheduled story at its time, also after a restart", async () => {
    const created = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "Programmé pour plus tard", action: "save" });
    const id = Number(/(\d+)$/.exec((created.headers.get("location") ?? "").split("?")[0] as string)?.[1]);
    // 10:30 Paris time is 09:30 UTC in November.
    const scheduled = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "schedule", publishAt: "2026-11-25T10:30" });
    expect(scheduled.status).toBe(303);
    const row = await t.deps.db.selectFrom("stories").select(["status", "published_at", "slug"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row.status).toBe("scheduled");
    expect(row.published_at).toBe("2026-11-25T09:30:00.000Z");
    expect((await fetch(`${t.url}/temoignages/${row.slug}`)).status).toBe(404);
    const past = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "schedule", publishAt: "2020-01-01T10:00" });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain("Choisissez une date et une heure à venir.");

    // The server stops, time passes, the server starts again on the same data.
    const dataDir = t.dataDir;
    const databaseUrl = t.databaseUrl;
    await t.close(true);
    clock.advance(45);
    t = await startTestApp({ dialect, clock, restartFrom: { dataDir, databaseUrl } });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    author = new Browser(t.url);
    expect((await fetch(`${t.url}/temoignages/${row.slug}`)).status).toBe(200);
    expect(await (await fetch(`${t.url}/temoignages`)).text()).toContain("Programmé pour plus tard");
    // The history names the platform, not an editor, for the release at its time.
    const history = visibleText((await editor.getText(`/admin/temoignages/${id}/revisions`)).html);
    expect(history).toMatch(/Système \(publication programmée\)\s+Publié/);
  });

  it("publishes the edited words when « Publier maintenant » is clicked after editing the title and body", async () => {
    const created = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "Premier jet du jardin", action: "save" });
    const id = idFrom(created);
    const page = `/admin/temoignages/${id}`;
    const click = pressButton((await editor.getText(page)).html, "Publier maintenant", { title: "Le jardin, réécrit", body: "Des mots neufs, écrits juste avant de publier." });
    const res = await editor.submit(page, click.action, click.fields);
    expect(res.status).toBe(303);
    const slug = (await t.deps.db.selectFrom("published_stories").select("slug").where("story_id", "=", id).executeTakeFirstOrThrow()).slug;
    const html = await (await fetch(`${t.url}/temoignages/${slug}`)).text();
    expect(html).toContain("Le jardin, réécrit");
    expect(html).toContain("Des mots neufs, écrits juste avant de publier.");
  });

  it("refuses an edit based on an older version than the stored one, writes nothing, and shows both versions with the editor's own kept in the form", async () => {
    const other = new Browser(t.url);
    await other.signInDirectly(t, await createAccount(t, "editor"));
    const id = idFrom(await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "Le carnet partagé", action: "save" }));
    const page = `/admin/temoignages/${id}`;
    const mine = formFields((await editor.getText(page)).html);
    const theirs = formFields((await other.getText(page)).html);
    expect(mine.baseRevision).toMatch(/^\d+$/);
    // A status change in between changes no words: it is not a conflict.
    expect((await other.submit(page, page, { ...theirs, action: "submit" })).status).toBe(303);
    expect((await editor.submit(page, page, { ...mine, standfirst: "Un chapô retouché sans conflit.", action: "save" })).status).toBe(303);
    const fresh = formFields((await other.getText(page)).html);
    expect((await other.submit(page, page, { ...fresh, title: "Le carnet, version de l'autre", action: "save" })).status).toBe(303);
    const revisionsBefore = await countRows(t, "story_revisions");

    const refused = await editor.submit(page, page, { ...mine, standfirst: "Un chapô retouché sans conflit.", title: "Le carnet, ma version", action: "publish" });
    const html = await refused.text();
    expect(refused.status).toBe(409);
    expect(html).toContain("Rien n'a été enregistré");
    // Side by side: the stored title in one cell, the editor's in the next.
    const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => (m[1] as string).replace(/<[^>]*>/g, ""));
    expect(cells).toContain("Le carnet, version de l'autre");
    expect(cells).toContain("Le carnet, ma version");
    expect(html).toContain('value="Le carnet, ma version"');
    const stored = await t.deps.db.selectFrom("stories").select(["title", "status"]).where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: "Le carnet, version de l'autre", status: "review" });
    expect(await countRows(t, "story_revisions")).toBe(revisionsBefore);

    // Having seen theirs, saving the form of the 409 page keeps the editor's version, deliberately.
    const again = pressButton(html, "Enregistrer");
    expect((await editor.submit(page, again.action, again.fields)).status).toBe(303);
    expect((await t.deps.db.selectFrom("stories").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title).toBe("Le carnet, ma version");
  });

  it("autosaves a draft as a revision through the same concurrency check, and refuses one based on an outdated revision", async () => {
    const id = idFrom(await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "Brouillon autosauvé", action: "save" }));
    const page = `/admin/temoignages/${id}`;
    const { html } = await editor.getText(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const fields = formFields(html);
    const autosave = (body: Record<string, unknown>) =>
      fetch(`${t.url}${page}/brouillon`, { method: "POST", headers: { cookie: editor.cookieHeader(), "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await autosave({ ...fields, title: "Sans jeton" })).status).toBe(403);
    const first = await autosave({ ...fields, _csrf: token, body: "Premier état sauvé automatiquement." });
    expect(first.status).toBe(200);
    const { revisionId } = (await first.json()) as { revisionId: number };
    expect(revisionId).toBeGreaterThan(Number(fields.baseRevision));
    expect((await t.deps.db.selectFrom("stories").select("body_md").where("id", "=", id).executeTakeFirstOrThrow()).body_md).toBe("Premier état sauvé automatiquement.");
    // The form still based on the revision before the autosave is now outdated…
    const stale = await autosave({ ...fields, _csrf: token, body: "Un état fondé sur une version dépassée." });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toContain("entre-temps");
    // …while the base the autosave answered carries on.
    const next = await autosave({ ...fields, _csrf: token, baseRevision: String(revisionId), body: "Deuxième état." });
    expect(next.status).toBe(200);
    expect((await t.deps.db.selectFrom("stories").select("body_md").where("id", "=", id).executeTakeFirstOrThrow()).body_md).toBe("Deuxième état.");
    const invalid = await autosave({ ...fields, _csrf: token, baseRevision: String(((await next.json()) as { revisionId: number }).revisionId), title: "" });
    expect(invalid.status).toBe(422);
  });

  it("shows the history in words: labelled fields, themes by name, credit and status as labels, and who made each revision", async () => {
    const themes = await t.deps.db.selectFrom("themes").select(["id", "name"]).orderBy("id").limit(2).execute();
    const [a, b] = themes as [{ id: number; name: string }, { id: number; name: string }];
    const id = idFrom(await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "Une histoire relue", themeIds: String(a.id), action: "save" }));
    const page = `/admin/temoignages/${id}`;
    const click = pressButton((await editor.getText(page)).html, "Publier maintenant", { themeIds: [String(a.id), String(b.id)], creditKind: "anonymous", body: "Un texte changé avant publication." });
    expect((await editor.submit(page, click.action, click.fields)).status).toBe(303);
    const revisions = await t.deps.db.selectFrom("story_revisions").select("id").where("story_id", "=", id).orderBy("id").execute();
    const first = revisions[0]?.id as number;
    const last = revisions.at(-1)?.id as number;
    const { html } = await editor.getText(`${page}/revisions?de=${first}&a=${last}`);
    // The word diff marks each word apart: spaces between them come doubled.
    const text = visibleText(html).replace(/\s+/g, " ").replace(/ ,/g, ",");
    expect(rawCodesShown(html)).toEqual([]);
    expect(text).not.toMatch(/\[\s*\d+(\s*,\s*\d+)*\s*\]/);
    expect(text).not.toMatch(/\b(draft|review|scheduled|published|unpublished)\b/);
    expect(text).toContain("Pseudonyme : Ortie");
    expect(text).toContain("Anonyme");
    expect(text).toContain(`${a.name}, ${b.name}`);
    expect(text).toContain("Statut Brouillon → Publié");
    expect(html).toContain("<h3>Thèmes</h3>");
    expect(html).toContain("<h3>Signature</h3>");
    expect(html).toMatch(/<ins>changé<\/ins>|<ins>[^<]*changé/);
  });

  it("shows the story editor, its errors, status panel, history, preview and the back-office home in English to an editor who reads English, and in French to the others", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const home = await english.getText("/admin");
    expect(home.html).toContain("Write a new story");
    expect(home.html).toContain("All stories");
    expect(home.html).toContain("In review:");
    expect(home.html).toContain("Recently edited");
    expect(home.html).not.toContain("Écrire un nouveau témoignage");

    const blank = (await english.getText("/admin/temoignages/nouveau")).html;
    for (const words of ["<h1>New story</h1>", "Standfirst", "Credit type", "Single story", "Choose from the media library", ">Save<", ">Preview<"]) expect(blank).toContain(words);
    expect(visibleText(blank)).not.toMatch(/Enregistrer|Chapô|Forme du crédit|Aucune série|Choisir dans la médiathèque/);

    const rejected = await english.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "", creditKind: "first_name_age", creditName: "Léon", creditAge: "deux cents", action: "save" });
    const errors = await rejected.text();
    expect(rejected.status).toBe(422);
    expect(errors).toContain("Enter a title.");
    expect(errors).toContain("The age is a number from 1 to 120.");
    expect(errors).not.toContain("Indiquez un titre.");

    const created = await english.submit("/admin/temoignages/nouveau", "/admin/temoignages", { ...NEW_STORY, title: "An English desk", action: "save" });
    const id = idFrom(created);
    const editorPage = (await english.getText(created.headers.get("location") ?? "")).html;
    for (const words of ["Story created.", "Status: Draft", "Publish now", "Schedule publication (Paris time)", "Version history", "Edit “An English desk”"]) expect(editorPage).toContain(words);
    expect(visibleText(editorPage)).not.toMatch(/Publier maintenant|Historique des versions|Statut/);

    const click = pressButton(editorPage, "Publish now", { title: "An English desk, published" });
    expect((await english.submit(`/admin/temoignages/${id}`, click.action, click.fields)).status).toBe(303);
    const revisions = await t.deps.db.selectFrom("story_revisions").select("id").where("story_id", "=", id).orderBy("id").execute();
    const history = (await english.getText(`/admin/temoignages/${id}/revisions?de=${revisions[0]?.id}&a=${revisions.at(-1)?.id}`)).html;
    const historyText = visibleText(history).replace(/\s+/g, " ");
    expect(historyText).toContain(`Differences between version ${revisions[0]?.id} and version ${revisions.at(-1)?.id}`);
    expect(historyText).toContain("Status Draft → Published");
    expect(historyText).toContain("Compare the chosen versions");
    expect(historyText).not.toMatch(/Brouillon|Publié|Comparer/);

    const autosave = await fetch(`${t.url}/admin/temoignages/${id}/brouillon`, {
      method: "POST",
      headers: { cookie: english.cookieHeader(), "accept-language": "en", "content-type": "application/json" },
      body: JSON.stringify({ ...formFields(editorPage), _csrf: /name="_csrf" value="([^"]+)"/.exec(editorPage)?.[1], title: "" }),
    });
    expect(autosave.status).toBe(422);
    expect(await autosave.json()).toEqual({ error: "Draft not saved: the form has errors.", fields: { title: "Enter a title." } });

    const preview = (await english.getText(`/admin/temoignages/${id}/apercu`)).html;
    expect(preview).toContain('<html lang="en"');
    expect(preview).toContain("Preview — not published.");
    expect(preview).toContain("Phone width (390 px)");
    expect(preview).not.toContain("Revenir à l'édition");
    // The same pages stay French for an editor whose browser asks for nothing else.
    expect((await editor.getText(`/admin/temoignages/${id}`)).html).toContain("Historique des versions");
  });

  it("hands the editor's scripts their texts in the page's language: the rich-text editor's toolbar, prompts and image picker, and the autosave's status", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const scriptTexts = (html: string) => {
      const editorTexts = JSON.parse(/<script type="application\/json" id="textes-editeur">([^<]*)<\/script>/.exec(html)?.[1] ?? "null");
      const autosave = /<div class="actions" data-autosave-saved="([^"]*)" data-autosave-offline="([^"]*)"/.exec(html);
      return { editorTexts, saved: autosave?.[1], offline: autosave?.[2] };
    };
    const en = scriptTexts((await english.getText("/admin/temoignages/nouveau")).html);
    expect(en.editorTexts).toMatchObject({ toolbar: "Text formatting", surface: "Text (visual editor)", bold: "Bold", image: "Insert an image", pickerTitle: "Insert an image from the media library" });
    expect(en.editorTexts.linkPrompt).toBe("Link address (https://…)");
    expect(en.editorTexts.undescribedImage).toBe("Image #{id} (alt text still to write)");
    expect(en.saved).toBe("Draft saved at {time}.");
    expect(en.offline).toBe("Draft not saved: no connection. Your changes are still on the page.");
    const fr = scriptTexts((await editor.getText("/admin/temoignages/nouveau")).html);
    expect(fr.editorTexts).toMatchObject({ toolbar: "Mise en forme du texte", surface: "Texte (éditeur visuel)", bold: "Gras", image: "Insérer une image" });
    expect(fr.saved).toBe("Brouillon enregistré à {time}.");
  });

  it("shows the theme and series pages and their form errors in English to an editor who reads English", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const themes = (await english.getText("/admin/themes")).html;
    for (const words of ["<h1>Themes</h1>", "Add a theme", "Display order", "Leave empty to make it from the name.", ">Delete<"]) expect(themes).toContain(words);
    const rejected = await english.submit("/admin/themes", "/admin/themes", { name: "", position: "dix" });
    const errors = await rejected.text();
    expect(rejected.status).toBe(422);
    expect(errors).toContain("Enter a name.");
    expect(errors).toContain("The order is a number from 0 to 9999.");
    expect(visibleText(errors)).not.toMatch(/Indiquez|Ajouter un thème|Supprimer/);
    const series = (await english.getText("/admin/series")).html;
    for (const words of ["Series and collections", "Add a series", "Collection of portraits"]) expect(series).toContain(words);
    expect((await editor.getText("/admin/series")).html).toContain("Ajouter une série");
  });

  it("searches the working copies' title, standfirst, text and credit, folded and stemmed, and filters by theme, series and kind", async () => {
    const theme = await t.deps.db.selectFrom("themes").select("id").executeTakeFirstOrThrow();
    const id = idFrom(
      await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
        ...NEW_STORY,
        title: "Un titre sans le mot cherché",
        standfirst: "Un chapô ordinaire.",
        body: "Les thérapies de groupe m'ont appris à écouter les Écureuils du quartier.",
        creditName: "Zéphyrine",
        themeIds: String(theme.id),
        action: "save",
      }),
    );
    const titles = async (query: string) => (await editor.getText(`/admin/temoignages?${query}`)).html.includes(`href="/admin/temoignages/${id}"`);
    expect(await titles("q=therapie")).toBe(true);
    expect(await titles("q=ecureuil")).toBe(true);
    expect(await titles("q=zephyrine")).toBe(true);
    expect(await titles("q=therapie+licorne")).toBe(false);
    expect(await titles(`q=ecureuil&theme=${theme.id}`)).toBe(true);
    expect(await titles(`q=ecureuil&theme=${theme.id + 999}`)).toBe(false);
    expect(await titles("q=ecureuil&format=podcast")).toBe(false);
    expect(await titles("q=ecureuil&serie=999999")).toBe(false);
    expect(await titles("q=ecureuil&statut=draft")).toBe(true);
  });

  it("strips every metadata from an uploaded cover and serves responsive renditions", async () => {
    const canary = "CANARY-GPS-48.8566-2.3522";
    const jpeg = await sharp({ create: { width: 1600, height: 900, channels: 3, background: "#88aacc" } })
      .jpeg()
      .withExif({ IFD0: { Copyright: canary, Artist: canary, ImageDescription: canary } })
      .toBuffer();
    expect(jpeg.includes(canary)).toBe(true);
    const { html } = await editor.getText("/admin/temoignages/nouveau");
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const body = new FormData();
    for (const [k, v] of Object.entries({ ...NEW_STORY, title: "Avec une image", coverAlt: "Un ciel bleu pâle", action: "save", _csrf: token })) body.append(k, v);
    body.append("cover", new Blob([jpeg], { type: "image/jpeg" }), "photo.jpg");
    const res = await fetch(`${t.url}/admin/temoignages?_csrf=${encodeURIComponent(token)}`, { method: "POST", body, headers: { cookie: editor.cookieHeader() }, redirect: "manual" });
    expect(res.status).toBe(303);
    const image = await t.deps.db.selectFrom("images").select(["storage_key", "widths"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(image.widths).toBe("480,960,1440");
    const dir = path.join(t.dataDir, "media", image.storage_key);
    const files = fs.readdirSync(dir);
    expect(files.sort()).toEqual(["1440.avif", "1440.jpeg", "1440.webp", "480.avif", "480.jpeg", "480.webp", "960.avif", "960.jpeg", "960.webp"]);
    for (const file of files) {
      const bytes = fs.readFileSync(path.join(dir, file));
      expect(bytes.includes(canary)).toBe(false);
      const meta = await sharp(bytes).metadata();
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
    }
    // A draft's cover: the team sees it, nobody keeps it (readers get it only once it is public).
    const served = await editor.get(`/media/${image.storage_key}/960.webp`);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toBe("private, no-store");
    expect((await fetch(`${t.url}/media/${image.storage_key}/960.webp`)).status).toBe(404);
  });

  it("refuses a file that is not an image, keeps the typed values, and stores nothing", async () => {
    const before = await countRows(t, "stories");
    const { html } = await editor.getText("/admin/temoignages/nouveau");
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const body = new FormData();
    for (const [k, v] of Object.entries({ ...NEW_STORY, title: "Image piégée", action: "save", _csrf: token })) body.append(k, v);
    body.append("cover", new Blob([Buffer.from("<svg onload=alert(1)>")], { type: "image/jpeg" }), "photo.jpg");
    const res = await fetch(`${t.url}/admin/temoignages?_csrf=${encodeURIComponent(token)}`, { method: "POST", body, headers: { cookie: editor.cookieHeader() }, redirect: "manual" });
    const page = await res.text();
    expect(res.status).toBe(422);
    expect(page).toContain("est pas une image lisible");
    expect(page).toContain('value="Image piégée"');
    expect(await countRows(t, "stories")).toBe(before);
  });
});
