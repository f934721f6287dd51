import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/support/databases.js";
import { queuedMail } from "../../../test/support/mail-queue.js";
import { formFields } from "../../../test/support/forms.js";
import { approvePendingVersion, changeStoryStatus, contribute, openFollowUp, submissionIdByTitle } from "../../../test/support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";

/**
 * What the follow-up pages promise a contributor, tried as an editor would break them: the author
 * approves everything the public will see; an edit never goes out unapproved; "Devenir anonyme"
 * takes identifying words offline until an anonymous version is approved; "Tout effacer" leaves
 * nothing behind, not even in the team's version, the mail queue or the SQLite files.
 */
describe.each(DIALECTS)("the promises made to a contributor on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;

  beforeAll(async () => {
    // No SMTP server answers on port 9: mail stays queued, as it does while a server is away.
    t = await startTestApp({ dialect, demo: true, smtpUrl: "smtp://127.0.0.1:9" });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
  });
  afterAll(() => t.close());

  /** A contribution signed "Camille B.", drafted into a story by the team. */
  async function draftedContribution(title: string, extra: Record<string, string> = {}) {
    const author = new Browser(t.url);
    const sent = await contribute(author, { title, body: "Le jardin m'a appris la patience.", creditKind: "pseudonym", creditName: "Camille B.", ...extra });
    await openFollowUp(author, sent.receipt);
    const submissionId = await submissionIdByTitle(t, title);
    const drafted = await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/brouillon`, {});
    const storyId = Number(/\/admin\/temoignages\/(\d+)/.exec(drafted.headers.get("location") ?? "")?.[1]);
    return { author, receipt: sent.receipt, submissionId, storyId };
  }

  const save = async (storyId: number, patch: Record<string, string | string[]>) => {
    const form = formFields((await editor.getText(`/admin/temoignages/${storyId}`)).html);
    expect((await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}`, { ...form, ...patch, action: "save" })).status).toBe(303);
  };
  const sendForApproval = async (submissionId: number) =>
    expect((await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/accord`, {})).status).toBe(303);
  const slugOf = async (storyId: number) => (await t.deps.db.selectFrom("stories").select("slug").where("id", "=", storyId).executeTakeFirstOrThrow()).slug;

  it("shows the author the credit and standfirst the public will read before she approves, and publishes exactly that", async () => {
    const c = await draftedContribution("Le carnet de Camille");
    // The team signs with her full name and writes an identifying standfirst.
    await save(c.storyId, { creditKind: "name", creditName: "Camille Bernard", standfirst: "Camille, 34 ans, infirmière à Lyon, raconte." });
    await sendForApproval(c.submissionId);
    const approval = await c.author.getText("/suivi/version");
    // What she approves is what readers get: the full name and the standfirst are in front of her.
    expect(approval.html).toContain("Camille Bernard");
    expect(approval.html).toContain("Camille, 34 ans, infirmière à Lyon, raconte.");
    // And the change of signature is listed first among the differences from her own text.
    const changes = approval.html.slice(approval.html.indexOf('id="changements"'));
    expect(changes.indexOf("Signature")).toBeGreaterThan(-1);
    expect(changes.indexOf("Signature")).toBeLessThan(changes.indexOf("Chapô"));
    await approvePendingVersion(c.author);
    expect((await changeStoryStatus(editor, c.storyId, { action: "publish" })).status).toBe(303);
    const page = await (await fetch(`${t.url}/temoignages/${await slugOf(c.storyId)}`)).text();
    expect(page).toContain("Camille Bernard");
  });

  it("refuses to publish a change of series, credit or themes made after the approval", async () => {
    const c = await draftedContribution("Les lundis au GEM");
    await save(c.storyId, { standfirst: "Un lundi après l'autre." });
    await sendForApproval(c.submissionId);
    await approvePendingVersion(c.author);
    const series = await t.deps.db.selectFrom("series").select("id").executeTakeFirstOrThrow();
    const theme = await t.deps.db.selectFrom("themes").select("id").executeTakeFirstOrThrow();
    const patches: Array<Record<string, string>> = [
      { seriesId: String(series.id), seriesPosition: "9" },
      { creditKind: "first_name_age", creditName: "Camille", creditAge: "34" },
      { themeIds: String(theme.id) },
    ];
    for (const patch of patches) {
      const before = formFields((await editor.getText(`/admin/temoignages/${c.storyId}`)).html);
      await save(c.storyId, patch);
      const refused = await changeStoryStatus(editor, c.storyId, { action: "publish" });
      expect(refused.status, JSON.stringify(patch)).toBe(422);
      expect(await refused.text()).toContain("n'est pas celle que l'auteur ou l'autrice a approuvée");
      // Back to the approved version, knowingly over the edit just made: it may go out.
      const { baseRevision } = formFields((await editor.getText(`/admin/temoignages/${c.storyId}`)).html);
      await editor.submit(`/admin/temoignages/${c.storyId}`, `/admin/temoignages/${c.storyId}`, { ...before, baseRevision: baseRevision as string, action: "save" });
    }
    expect((await changeStoryStatus(editor, c.storyId, { action: "publish" })).status).toBe(303);
  });

  it("takes identifying words offline at once when she asks for anonymity, until she approves an anonymous version made after her request", async () => {
    const c = await draftedContribution("Ce que Lyon m'a pris");
    await save(c.storyId, { standfirst: "Camille, 34 ans, soignante à Villeurbanne." });
    await sendForApproval(c.submissionId);
    await approvePendingVersion(c.author);
    expect((await changeStoryStatus(editor, c.storyId, { action: "publish" })).status).toBe(303);
    const slug = await slugOf(c.storyId);
    // Caches warmed, so a stale copy would show.
    for (const p of [`/temoignages/${slug}`, "/flux.xml", "/temoignages", "/"]) expect(await (await fetch(t.url + p)).text()).toContain("soignante à Villeurbanne");

    expect((await c.author.submit("/suivi/anonymiser", "/suivi/anonymiser", {})).status).toBe(303);
    expect((await fetch(`${t.url}/temoignages/${slug}`)).status).toBe(404);
    for (const p of ["/flux.xml", "/temoignages", "/", "/sitemap.xml"]) {
      const body = await (await fetch(t.url + p)).text();
      expect(body, p).not.toContain("soignante à Villeurbanne");
      expect(body, p).not.toContain(slug);
    }
    // Her page and the editors' queue say what happens next.
    expect((await c.author.getText("/suivi/contribution")).html).toContain("Anonyme");
    expect((await editor.getText(`/admin/contributions/${c.submissionId}`)).html).toContain("Anonymisation demandée");
    // The version she approved before her request cannot go back online.
    const refused = await changeStoryStatus(editor, c.storyId, { action: "publish" });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("a demandé l'anonymat");
    // The team removes the details; a version still signed with a name cannot be approved.
    await save(c.storyId, { standfirst: "Une soignante raconte." });
    await sendForApproval(c.submissionId);
    const approval = await c.author.getText("/suivi/version");
    expect(approval.html).toContain("Anonyme");
    await approvePendingVersion(c.author);
    expect((await changeStoryStatus(editor, c.storyId, { action: "publish" })).status).toBe(303);
    const back = await (await fetch(`${t.url}/temoignages/${await slugOf(c.storyId)}`)).text();
    expect(back).toContain("Une soignante raconte.");
    expect(back).not.toContain("Camille");
  });

  it("erases the team's version with all its revisions, the mail to her address and the text in the SQLite files", async () => {
    const email = "camille-efface@exemple.fr";
    const c = await draftedContribution("Un texte à effacer", { email, body: "Le mot pivoine-secrete-7 est dans mon texte." });
    await save(c.storyId, { standfirst: "Chapô pivoine-secrete-7." });
    await sendForApproval(c.submissionId);
    // Mail to her address is queued (and, with no SMTP server answering, stays queued).
    expect((await queuedMail(t.deps.db, { to: email })).length).toBeGreaterThan(0);
    expect((await c.author.getText("/suivi/effacer")).html).toContain("jours au plus");
    expect((await c.author.submit("/suivi/effacer", "/suivi/effacer", {})).status).toBe(200);

    expect(await t.deps.db.selectFrom("stories").select("id").where("id", "=", c.storyId).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.db.selectFrom("story_revisions").select("id").where("story_id", "=", c.storyId).executeTakeFirst()).toBeUndefined();
    expect(await queuedMail(t.deps.db, { to: email })).toEqual([]);
    expect(await t.deps.db.selectFrom("submissions").select("id").where("id", "=", c.submissionId).executeTakeFirst()).toBeUndefined();
    if (dialect === "sqlite") {
      for (const file of ["entrepairs.sqlite", "entrepairs.sqlite-wal"]) {
        const full = path.join(t.dataDir, file);
        if (fs.existsSync(full)) expect(fs.readFileSync(full).includes("pivoine-secrete-7"), file).toBe(false);
      }
    }
  });
});
