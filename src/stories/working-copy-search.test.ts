import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { draftStory, editorViewer, publishStory, storyDeps } from "../../test/support/stories.js";
import { createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import type { Viewer } from "../platform/http/access.js";
import { editableStory, listForEditors, restoreRevision, saveStory, type StoryInput, type StorySnapshot } from "./story-editing.service.js";
import { anonymiseStory, eraseStory } from "./story-publication.service.js";
import { indexUnindexedWorkingCopies } from "./working-copy-search.service.js";

/**
 * The back office searches working copies with the public search's machinery (stems, phrases,
 * prefixes, ranking) in an index of its own, kept in step with every write of a working copy;
 * `/recherche` never sees a word that is not public.
 */
describe.each(DIALECTS)("the back office's search on %s", (dialect) => {
  let t: TestApp;
  let editor: Viewer;

  async function found(viewer: Viewer, q: string): Promise<number[]> {
    return (await listForEditors(storyDeps(t), viewer, { q, page: 1 })).stories.map((s) => s.id);
  }
  async function publicTitles(q: string): Promise<string[]> {
    const html = await (await fetch(`${t.url}/recherche?${new URLSearchParams({ q })}`)).text();
    return [...html.matchAll(/<h3 class="card-title"><a href="[^"]*">([^<]*)<\/a>/g)].map((m) => m[1] as string);
  }
  async function edit(id: number, change: Partial<StoryInput>) {
    const current = (await editableStory(storyDeps(t), id)) as StorySnapshot;
    const { status: _s, publishedAt: _p, parts: _parts, ...input } = current;
    expect(await saveStory(storyDeps(t), editor, id, { ...input, ...change })).toMatchObject({ ok: true });
  }

  beforeAll(async () => {
    t = await startTestApp({ dialect });
    editor = await editorViewer(t);
  });
  afterAll(() => t.close());

  it("finds a draft's word in the back office and not on /recherche", async () => {
    const id = await draftStory(t, editor, { title: "Brouillon", standfirst: "Pas encore public.", body: "Le mot brouillonesque reste entre nous." });
    expect(await found(editor, "brouillonesque")).toEqual([id]);
    expect(await publicTitles("brouillonesque")).toEqual([]);
  });

  it("finds a published story's pending edit in the back office only, and its released words on both sides", async () => {
    const id = await publishStory(t, editor, { title: "Publié", standfirst: "Public.", body: "Le mot versionpubliee est public." });
    await edit(id, { body: "Le mot versiontravail remplace l'autre." });
    expect(await found(editor, "versiontravail")).toEqual([id]);
    expect(await publicTitles("versiontravail")).toEqual([]);
    expect(await found(editor, "versionpubliee")).toEqual([]);
    expect(await publicTitles("versionpubliee")).toEqual(["Publié"]);
  });

  it("finds hôpital when searching hopitaux, a phrase only with its words in order, and a prefix", async () => {
    const hopital = await draftStory(t, editor, { title: "Trois semaines à l'hôpital", standfirst: "Un séjour.", body: "Un long chemin de retour." });
    const apart = await draftStory(t, editor, { title: "Un autre récit", standfirst: "Le chemin fut long.", body: "Rien d'autre." });
    expect(await found(editor, "hopitaux")).toEqual([hopital]);
    expect(await found(editor, '"long chemin"')).toEqual([hopital]);
    expect((await found(editor, "long chemin")).sort()).toEqual([hopital, apart].sort());
    expect(await found(editor, "hospit*")).toEqual([]);
    expect(await found(editor, "hôpit*")).toEqual([hopital]);
  });

  it("searches the credit and the voices of a collective story, and ranks a title match first", async () => {
    const voices = await draftStory(t, editor, {
      title: "Récit à plusieurs",
      standfirst: "Deux voix.",
      format: "collective",
      body: "@voix pseudonym | Ondine\nJe parle des lucioles.\n\n@voix pseudonym | Maël\nMoi aussi.",
    });
    const titled = await draftStory(t, editor, { title: "Les lucioles", standfirst: "Un titre.", body: "Et un texte." });
    expect(await found(editor, "ondine")).toEqual([voices]);
    expect(await found(editor, "lucioles")).toEqual([titled, voices]);
  });

  it("follows every write of a working copy: an edit, a restored revision, an anonymised credit", async () => {
    const id = await draftStory(t, editor, { title: "Changements", standfirst: "Un récit.", body: "Le mot avantedition.", credit: { kind: "pseudonym", name: "Capucine", age: null } });
    const first = (await t.deps.db.selectFrom("story_revisions").select("id").where("story_id", "=", id).executeTakeFirstOrThrow()).id;
    await edit(id, { body: "Le mot apresedition." });
    expect(await found(editor, "avantedition")).toEqual([]);
    expect(await found(editor, "apresedition")).toEqual([id]);
    expect(await restoreRevision(storyDeps(t), editor, id, first)).toMatchObject({ ok: true });
    expect(await found(editor, "avantedition")).toEqual([id]);
    expect(await found(editor, "capucine")).toEqual([id]);
    await anonymiseStory(storyDeps(t), id);
    expect(await found(editor, "capucine")).toEqual([]);
  });

  it("forgets an erased story's words in both indexes", async () => {
    const id = await publishStory(t, editor, { title: "Effacé", standfirst: "Bientôt effacé.", body: "Le mot effacementtotal disparaît." });
    expect(await found(editor, "effacementtotal")).toEqual([id]);
    expect(await publicTitles("effacementtotal")).toEqual(["Effacé"]);
    await eraseStory(storyDeps(t), id);
    expect(await found(editor, "effacementtotal")).toEqual([]);
    expect(await publicTitles("effacementtotal")).toEqual([]);
    expect(await t.deps.db.selectFrom("story_editorial_search").select("story_id").where("story_id", "=", id).execute()).toEqual([]);
    if (dialect === "sqlite") {
      const left = await sql<{ n: number }>`select count(*) as n from story_editorial_search_fts where story_editorial_search_fts match 'effacementtotal'`.execute(t.deps.db);
      expect(left.rows[0]?.n).toBe(0);
    }
  });

  it("shows an author their own stories only", async () => {
    const email = await createAccount(t, "author");
    const account = await t.deps.db.selectFrom("users").select(["id", "display_name"]).where("email", "=", email).executeTakeFirstOrThrow();
    const author: Viewer = { id: account.id, role: "author", email, displayName: account.display_name };
    const own = await draftStory(t, author, { title: "Le mien", standfirst: "À moi.", body: "Le mot partagemot." });
    const other = await draftStory(t, editor, { title: "Celui d'un autre", standfirst: "Pas à moi.", body: "Le mot partagemot." });
    expect(await found(author, "partagemot")).toEqual([own]);
    expect((await found(editor, "partagemot")).sort()).toEqual([own, other].sort());
  });

  it("indexes at start the stories written before the index existed", async () => {
    const id = await draftStory(t, editor, { title: "Ancien", standfirst: "D'avant.", body: "Le mot anterieurmot." });
    await t.deps.db.deleteFrom("story_editorial_search").execute();
    expect(await found(editor, "anterieurmot")).toEqual([]);
    expect(await indexUnindexedWorkingCopies(t.deps.db)).toBeGreaterThan(0);
    expect(await found(editor, "anterieurmot")).toEqual([id]);
    expect(await indexUnindexedWorkingCopies(t.deps.db)).toBe(0);
  });

  it("stops between transactions when told to, and indexes nothing once stopped", async () => {
    await draftStory(t, editor, { title: "Arrêté", standfirst: "Pas indexé.", body: "Le mot arretemot." });
    await t.deps.db.deleteFrom("story_editorial_search").execute();
    expect(await indexUnindexedWorkingCopies(t.deps.db, AbortSignal.abort())).toBe(0);
    expect(await found(editor, "arretemot")).toEqual([]);
    expect(await indexUnindexedWorkingCopies(t.deps.db)).toBeGreaterThan(0);
  });

  it("starts answering on a database whose indexes miss stories, and fills both indexes in the background", async () => {
    const published = await publishStory(t, editor, { title: "Rattrapé en public", standfirst: "Publié avant l'index.", body: "Le mot rattrapagepublic." });
    const draft = await draftStory(t, editor, { title: "Rattrapé en coulisses", standfirst: "Brouillon avant l'index.", body: "Le mot rattrapagecoulisses." });
    await t.deps.db.deleteFrom("story_editorial_search").execute();
    await t.deps.db.deleteFrom("story_search").where("story_id", "=", published).execute();
    expect(await publicTitles("rattrapagepublic")).toEqual([]);
    // A second instance on the same database, as after an upgrade.
    const other = await startTestApp({ dialect, restartFrom: { dataDir: t.dataDir, databaseUrl: t.databaseUrl } });
    try {
      expect((await fetch(`${other.url}/`)).status).toBe(200);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && ((await publicTitles("rattrapagepublic")).length === 0 || (await found(editor, "rattrapagecoulisses")).length === 0)) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await publicTitles("rattrapagepublic")).toEqual(["Rattrapé en public"]);
      expect(await found(editor, "rattrapagecoulisses")).toEqual([draft]);
    } finally {
      await other.close(true);
    }
  });
});
