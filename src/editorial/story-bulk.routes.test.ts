import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { formFields, pressButton } from "../../test/support/forms.js";
import { approvePendingVersion, contribute, openFollowUp, personAt, prepareAndSendForApproval, submissionIdByTitle } from "../../test/support/participation.js";
import { draftStory, editorViewer, publishStory } from "../../test/support/stories.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import type { Viewer } from "../platform/http/access.js";
import { formatDateTime, isoToParisLocal } from "../platform/i18n/locale.js";
import { saveSeries, saveTheme } from "../stories/taxonomy-editing.service.js";

const LIST = "/admin/temoignages";

async function publicIds(t: TestApp, ids: number[]): Promise<number[]> {
  const rows = await t.deps.db.selectFrom("published_stories").select("story_id").where("story_id", "in", ids).orderBy("story_id").execute();
  return rows.map((r) => r.story_id);
}

async function storyState(t: TestApp, id: number) {
  const story = await t.deps.db.selectFrom("stories").select(["status", "series_id", "updated_at"]).where("id", "=", id).executeTakeFirstOrThrow();
  const themes = await t.deps.db.selectFrom("story_themes").select("theme_id").where("story_id", "=", id).orderBy("theme_id").execute();
  return { ...story, themes: themes.map((x) => x.theme_id) };
}

/** The list's bulk form as a browser sends it when the named button is pressed, with the choices made. */
async function chooseOnList(person: Browser, button: string, choices: Record<string, string | string[]>): Promise<Response> {
  const list = await person.getText(LIST);
  const pressed = pressButton(plain(list.html), button, choices);
  return person.submit(LIST, pressed.action, pressed.fields);
}

/** Confirms on the confirmation page, as a browser does: its one confirm button. */
async function confirm(person: Browser, confirmation: string): Promise<Response> {
  const label = /<button type="submit">(Confirmer : [^<]*)<\/button>/.exec(plain(confirmation))?.[1];
  if (!label) throw new Error("pas de bouton de confirmation");
  const pressed = pressButton(plain(confirmation), label);
  return person.submit(LIST, pressed.action, pressed.fields);
}

// The catalogue sets French punctuation with thin no-break spaces; the assertions are written with plain ones.
const plain = (html: string) => html.replace(/<!-- -->/g, "").replace(/[\u202f\u00a0]/g, " ");
const text = async (res: Response) => plain(await res.text());

describe.each(DIALECTS)("bulk actions on the story list on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let author: Browser;
  let editorAsViewer: Viewer;
  let authorAsViewer: Viewer;
  // Still until the scheduling test moves it (last, so the sessions of the others never expire).
  const clock = manualClock(new Date().toISOString());

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true, clock, env: { TRUST_PROXY: "on" } });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    editorAsViewer = await editorViewer(t);
    const authorEmail = await createAccount(t, "author");
    author = new Browser(t.url);
    await author.signInDirectly(t, authorEmail);
    const account = await t.deps.db.selectFrom("users").select(["id", "display_name"]).where("email", "=", authorEmail).executeTakeFirstOrThrow();
    authorAsViewer = { id: account.id, role: "author", email: authorEmail, displayName: account.display_name };
  });
  afterAll(() => t.close());

  /** A contributor's story, sent for approval and approved; then edited by the team if asked (so no longer the approved version). */
  const contribution = async (title: string, editedAfterApproval: boolean) => {
    const person = personAt(t.url);
    const sent = await contribute(person, { title, body: "Un récit fictif écrit pour les tests, avec ses mots à elle.", creditKind: "pseudonym", creditName: "Sauge" });
    await openFollowUp(person, sent.receipt);
    const id = await prepareAndSendForApproval(editor, await submissionIdByTitle(t, title), "Un chapô fictif, relu avec la personne.");
    await approvePendingVersion(person);
    if (editedAfterApproval) {
      const form = formFields((await editor.getText(`${LIST}/${id}`)).html);
      expect((await editor.submit(`${LIST}/${id}`, `${LIST}/${id}`, { ...form, body: "Une phrase changée après son accord.", action: "save" })).status).toBe(303);
    }
    return id;
  };

  it("publishes exactly the stories the release door lets through, and says why each other one was refused", async () => {
    const approved = await contribution(`Lot approuvé ${dialect}`, false);
    const notApproved = await contribution(`Lot sans accord ${dialect}`, true);
    const own = await draftStory(t, editorAsViewer, { title: `Lot de l'équipe ${dialect}`, standfirst: "Un chapô.", body: "Un texte de l'équipe." });
    const episode = await draftStory(t, editorAsViewer, { title: `Lot épisode ${dialect}`, kind: "podcast", standfirst: "Un chapô.", body: "Les notes de l'épisode." });
    const ids = [approved, notApproved, own, episode];

    const planned = await chooseOnList(editor, "Appliquer aux témoignages cochés", { ids: ids.map(String), action: "publish" });
    const plan = await text(planned);
    expect(planned.status).toBe(200);
    expect(plan).toContain("Confirmer : publier maintenant");
    expect(plan).toContain("Cette version n'est pas celle que l'auteur ou l'autrice a approuvée");
    expect(plan).toContain("sans son fichier audio ni sa transcription");
    expect(plan.match(/<strong>Sera changé<\/strong>/g)).toHaveLength(2);
    expect(plan.match(/<strong>Refusé<\/strong>/g)).toHaveLength(2);
    // The confirmation page changes nothing.
    expect(await publicIds(t, ids)).toEqual([]);

    const applied = await confirm(editor, plan);
    const result = await text(applied);
    expect(applied.status).toBe(200);
    expect(result).toContain("2 témoignages publiés, 2 refusés :");
    expect(result).toContain(`Lot sans accord ${dialect} : Cette version n'est pas celle que l'auteur ou l'autrice a approuvée`);
    expect(result).toContain(`Lot épisode ${dialect} : Un épisode de podcast ne peut pas être publié sans son fichier audio ni sa transcription`);
    expect(await publicIds(t, ids)).toEqual([approved, own].sort((a, b) => a - b));
    expect((await storyState(t, notApproved)).status).toBe("draft");
    expect((await storyState(t, episode)).status).toBe("draft");
  });

  it("adds and removes a theme and moves stories into and out of a series, which the public pages show at the next request", async () => {
    const deps = { db: t.deps.db, clock: t.deps.clock };
    const theme = await saveTheme(deps, null, { name: `Marcher ${dialect}`, slug: `marcher-${dialect}`, description: "", position: 90 });
    const series = await saveSeries(deps, null, { title: `En chemin ${dialect}`, slug: `en-chemin-${dialect}`, description: "Une série fictive.", isCollection: false });
    if (!theme.ok || !series.ok) throw new Error("thème ou série non créés");
    const first = await publishStory(t, editorAsViewer, { title: `Premier pas ${dialect}`, standfirst: "Un chapô.", body: "Un texte." });
    const second = await publishStory(t, editorAsViewer, { title: `Second souffle ${dialect}`, standfirst: "Un chapô.", body: "Un texte." });
    const themePage = async () => (await fetch(`${t.url}/themes/marcher-${dialect}`)).text();
    const seriesPage = async () => (await fetch(`${t.url}/series/en-chemin-${dialect}`)).text();
    expect(await themePage()).not.toContain(`Premier pas ${dialect}`);

    const run = async (choices: Record<string, string | string[]>) => {
      const res = await confirm(editor, await text(await chooseOnList(editor, "Appliquer aux témoignages cochés", choices)));
      expect(res.status).toBe(200);
      return text(res);
    };
    expect(await run({ ids: [String(first), String(second)], action: "add-theme", themeId: String(theme.id) })).toContain("2 témoignages modifiés");
    const withTheme = await themePage();
    expect(withTheme).toContain(`Premier pas ${dialect}`);
    expect(withTheme).toContain(`Second souffle ${dialect}`);

    expect(await run({ ids: [String(first)], action: "remove-theme", themeId: String(theme.id) })).toContain("1 témoignage modifié");
    const afterRemoval = await themePage();
    expect(afterRemoval).not.toContain(`Premier pas ${dialect}`);
    expect(afterRemoval).toContain(`Second souffle ${dialect}`);

    expect(await run({ ids: [String(first), String(second)], action: "series", seriesId: String(series.id) })).toContain("2 témoignages modifiés");
    const inSeries = await seriesPage();
    expect(inSeries).toContain(`Premier pas ${dialect}`);
    expect(inSeries).toContain(`Second souffle ${dialect}`);
    expect((await storyState(t, second)).series_id).toBe(series.id);

    expect(await run({ ids: [String(second)], action: "no-series" })).toContain("1 témoignage modifié");
    const outOfSeries = await seriesPage();
    expect(outOfSeries).toContain(`Premier pas ${dialect}`);
    expect(outOfSeries).not.toContain(`Second souffle ${dialect}`);
  });

  it("refuses an author's forged id of someone else's story, names nothing of it, and applies the author's own", async () => {
    const theirs = await draftStory(t, editorAsViewer, { title: `Récit de l'équipe secret ${dialect}`, standfirst: "Un chapô.", body: "Un texte." });
    const mine = await draftStory(t, authorAsViewer, { title: `Mon brouillon ${dialect}`, standfirst: "Un chapô.", body: "Un texte." });
    const theme = (await t.deps.db.selectFrom("themes").select("id").orderBy("id").executeTakeFirstOrThrow()).id;
    const before = await storyState(t, theirs);

    // The list shows the author only their own stories: the other id is typed into the request.
    const listed = await author.getText(LIST);
    expect(listed.html).not.toContain(`Récit de l'équipe secret ${dialect}`);
    expect(listed.html).not.toContain('value="publish"');
    const plan = await text(await chooseOnList(author, "Appliquer aux témoignages cochés", { ids: [String(theirs), String(mine)], action: "add-theme", themeId: String(theme) }));
    expect(plan).not.toContain("secret");
    expect(plan).toContain(`Témoignage n° ${theirs}`);

    const res = await author.submit(LIST, `${LIST}/lot/appliquer`, { ids: [String(theirs), String(mine)], action: "add-theme", themeId: String(theme) });
    const result = await text(res);
    expect(res.status).toBe(200);
    expect(result).toContain("1 témoignage modifié, 1 refusé");
    expect(result).toContain(`Témoignage n° ${theirs} : Ce témoignage n'existe pas, ou n'est pas dans votre liste`);
    expect(result).not.toContain("secret");
    expect(await storyState(t, theirs)).toEqual(before);
    expect((await storyState(t, mine)).themes).toContain(theme);

    // What an author cannot do one by one, they cannot do in bulk either.
    const publish = await text(await author.submit(LIST, `${LIST}/lot/appliquer`, { ids: [String(mine), String(theirs)], action: "publish" }));
    expect(publish).toContain("0 témoignage publié, 2 refusés");
    expect(publish).toContain("Seule l'équipe éditoriale publie.");
    expect(await publicIds(t, [mine, theirs])).toEqual([]);
  });

  it("takes every story of the page with « Appliquer à toute la page », without any box checked", async () => {
    const res = await chooseOnList(editor, "Appliquer à toute la page", { action: "submit" });
    const plan = await text(res);
    expect(res.status).toBe(200);
    const rows = plan.match(/<strong>(Sera changé|Inchangé|Refusé)<\/strong>/g) ?? [];
    expect(rows).toHaveLength(25);
  });

  it("answers a clear 400 to malformed or too many ids and to an unknown action, and 422 to a missing choice, writing nothing", async () => {
    const before = await t.deps.db.selectFrom("story_revisions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const cases: Array<[Record<string, string | string[]>, number, string]> = [
      [{ ids: ["1", "abc"], action: "submit" }, 400, "illisible"],
      [{ ids: ["0"], action: "submit" }, 400, "illisible"],
      [{ ids: Array.from({ length: 101 }, (_, i) => String(i + 1)), action: "submit" }, 400, "100 au plus"],
      [{ ids: ["1"], action: "delete-everything" }, 400, "Action inconnue"],
      [{ ids: ["1"], action: "add-theme", themeId: "x" }, 400, "Thème illisible"],
      [{ action: "submit" }, 422, "Cochez au moins un témoignage"],
      [{ ids: ["1"], action: "" }, 422, "Choisissez une action"],
      [{ ids: ["1"], action: "series" }, 422, "Choisissez la série"],
    ];
    for (const [fields, status, message] of cases) {
      for (const path of [`${LIST}/lot`, `${LIST}/lot/appliquer`]) {
        const res = await editor.submit(LIST, path, fields);
        expect(res.status, `${path} ${JSON.stringify(fields).slice(0, 60)}`).toBe(status);
        expect(await text(res)).toContain(message);
      }
    }
    // A body far larger than a hundred ids is refused before it is read.
    const huge = await editor.submit(LIST, `${LIST}/lot/appliquer`, { ids: "1", action: "submit", padding: "x".repeat(20_000) });
    expect(huge.status).toBe(413);
    const after = await t.deps.db.selectFrom("story_revisions").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("answers any confirmation-page body with a page or a 400 or 422, never a 500", async () => {
    const field = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("1", "2", "999999999", "-1", "1e3", " 3", "publish", "add-theme", "page"));
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom("ids", "pageIds", "scope", "action", "themeId", "seriesId", "x"), fc.oneof(field, fc.array(field, { maxLength: 4 })), { maxKeys: 6 }),
        async (fields) => {
          const res = await editor.submit(LIST, `${LIST}/lot`, fields);
          expect([200, 400, 422]).toContain(res.status);
          await res.arrayBuffer();
        },
      ),
      { numRuns: 40 },
    );
  });
  it("speaks English to an editor whose browser asks for it: the list, its bulk form, the refusals and the confirmation page", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    // The admin layout's lang attribute is another helper's part of issue 11; the words are this page's.
    const list = plain((await english.getText(LIST)).html);
    for (const words of ["<h1>Stories</h1>", "Bulk actions", "Apply to ticked stories", "Apply to the whole page", 'data-select-all="Select all on this page"', 'data-other="{count} selected"', "Publication date and time (Paris time)", "Schedule", "Draft ("]) {
      expect(list).toContain(words);
    }
    expect(list).not.toContain("Témoignages correspondant");
    const none = await chooseOnList(english, "Apply to ticked stories", { action: "submit" });
    expect(none.status).toBe(422);
    expect(await text(none)).toContain("Tick at least one story, or choose “Apply to the whole page”.");
    const own = await draftStory(t, editorAsViewer, { title: `English draft ${dialect}`, standfirst: "Un chapô.", body: "Un texte." });
    const past = await chooseOnList(english, "Apply to ticked stories", { ids: [String(own)], action: "schedule", publishAt: "2020-01-01T10:00" });
    expect(past.status).toBe(422);
    expect(await text(past)).toContain("This date has already passed: choose a date and time to come (Paris time).");
    const plan = await text(await chooseOnList(english, "Apply to ticked stories", { ids: [String(own)], action: "submit" }));
    expect(plan).toContain("<h1>Confirm: submit for review</h1>");
    expect(plan).toContain("1 story selected.");
    expect(plan).toContain("Confirm: submit for review (1 story)");
    const result = await text(await english.submit(LIST, `${LIST}/lot/appliquer`, { ids: String(own), action: "submit" }));
    expect(result).toContain("1 story submitted for review.");
    expect(result).toContain("What happened to each story");
  });

  it("says in English why each story will not go public and what each change will do, before and after, to an editor who asks for English", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const notApproved = await contribution(`English refused ${dialect}`, true);
    const noStandfirst = await draftStory(t, editorAsViewer, { title: `English bare ${dialect}`, standfirst: "", body: "Un texte." });
    const episode = await draftStory(t, editorAsViewer, { title: `English episode ${dialect}`, kind: "podcast", standfirst: "Un chapô.", body: "Les notes." });
    const own = await draftStory(t, editorAsViewer, { title: `English ready ${dialect}`, standfirst: "Un chapô.", body: "Un texte." });
    const ids = [notApproved, noStandfirst, episode, own].map(String);

    const plan = await text(await chooseOnList(english, "Apply to ticked stories", { ids, action: "publish" }));
    expect(plan).toContain("This is not the version the author approved: send them the new version for approval.");
    expect(plan).toContain("Add a standfirst before publishing: it appears in lists and when the story is shared.");
    expect(plan).toContain("A podcast episode cannot be published without its audio file and its transcript: complete this story's “Episode” page.");
    expect(plan).toContain("Will be published: readers will see its current working version.");
    const result = await text(await english.submit(LIST, `${LIST}/lot/appliquer`, { ids, action: "publish" }));
    expect(result).toContain(`English refused ${dialect}: This is not the version the author approved`);
    expect(result).toContain("Published: readers see this version.");

    const deps = { db: t.deps.db, clock: t.deps.clock };
    const theme = await saveTheme(deps, null, { name: `Walking ${dialect}`, slug: `walking-${dialect}`, description: "", position: 91 });
    if (!theme.ok) throw new Error("thème non créé");
    const themed = await text(await chooseOnList(english, "Apply to ticked stories", { ids: [String(own), String(noStandfirst)], action: "add-theme", themeId: String(theme.id) }));
    expect(themed).toContain(`Theme “Walking ${dialect}” will be added; readers will see it at once.`);
    expect(themed).toContain(`Theme “Walking ${dialect}” will be added; it is not public.`);
    const added = await text(await english.submit(LIST, `${LIST}/lot/appliquer`, { ids: [String(own), String(noStandfirst)], action: "add-theme", themeId: String(theme.id) }));
    expect(added).toContain(`Theme “Walking ${dialect}” added; readers can already see it.`);
    for (const page of [plan, result, themed, added]) expect(page).not.toMatch(/Sera |publié|témoignage n'|l'autrice/);
  });

  it("schedules the stories the release door lets through at a Paris time, says why each other one cannot go out, and the scheduler publishes them then", async () => {
    const approved = await contribution(`Programmé approuvé ${dialect}`, false);
    const notApproved = await contribution(`Programmé sans accord ${dialect}`, true);
    const unsigned = await draftStory(t, editorAsViewer, { title: `Programmé sans vérification ${dialect}`, standfirst: "Un chapô.", body: "Un texte.", contentNotes: ["suicide"] });
    const own = await draftStory(t, editorAsViewer, { title: `Programmé de l'équipe ${dialect}`, standfirst: "Un chapô.", body: "Un texte de l'équipe." });
    const ids = [approved, notApproved, unsigned, own];
    // Two hours ahead, as the datetime-local field sends it in Paris time.
    const at = new Date(clock.now().getTime() + 2 * 3_600_000);
    const local = isoToParisLocal(at.toISOString());
    const atText = formatDateTime("fr", new Date(Math.floor(at.getTime() / 60_000) * 60_000).toISOString());

    const past = await chooseOnList(editor, "Appliquer aux témoignages cochés", { ids: ids.map(String), action: "schedule", publishAt: isoToParisLocal(new Date(clock.now().getTime() - 60_000).toISOString()) });
    expect(past.status).toBe(422);
    expect(await text(past)).toContain("Cette date est déjà passée : choisissez une date et une heure à venir (heure de Paris).");
    const none = await chooseOnList(editor, "Appliquer aux témoignages cochés", { ids: ids.map(String), action: "schedule" });
    expect(none.status).toBe(422);
    expect(await text(none)).toContain("Choisissez la date et l'heure de publication.");

    const planned = await chooseOnList(editor, "Appliquer aux témoignages cochés", { ids: ids.map(String), action: "schedule", publishAt: local });
    const plan = await text(planned);
    expect(planned.status).toBe(200);
    expect(plan).toContain(`Confirmer : programmer la publication le ${atText} (heure de Paris)`);
    expect(plan).toContain(`Sera programmé : publié le ${atText} (heure de Paris), dans sa version de travail actuelle.`);
    expect(plan).toContain("Cette version n'est pas celle que l'auteur ou l'autrice a approuvée");
    expect(plan).toContain("liste de vérification");
    expect(plan.match(/<strong>Sera changé<\/strong>/g)).toHaveLength(2);
    expect(plan.match(/<strong>Refusé<\/strong>/g)).toHaveLength(2);
    expect((await storyState(t, approved)).status).toBe("draft");

    const result = await text(await confirm(editor, plan));
    expect(result).toContain("2 témoignages programmés, 2 refusés :");
    expect(result).toContain(`Programmé sans accord ${dialect} : Cette version n'est pas celle que l'auteur ou l'autrice a approuvée`);
    for (const id of [approved, own]) expect((await storyState(t, id)).status).toBe("scheduled");
    for (const id of [notApproved, unsigned]) expect((await storyState(t, id)).status).toBe("draft");

    // Nothing goes out before its time; then the scheduler publishes both, and only them.
    clock.advance(119);
    await t.app.runScheduledTasks();
    expect(await publicIds(t, ids)).toEqual([]);
    clock.advance(2);
    await t.app.runScheduledTasks();
    expect(await publicIds(t, ids)).toEqual([approved, own].sort((a, b) => a - b));
    expect((await storyState(t, approved)).status).toBe("published");
  });
});
