import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/support/databases.js";
import { formFields } from "../../../test/support/forms.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";

const STORY = {
  title: "Ce que m'a appris le jardin",
  body: "Je suis arrivé au jardin un mardi. J'avais peur de tout, surtout des autres.",
  creditKind: "pseudonym",
  creditName: "Ortie",
  channels: ["site"],
  consent: "1",
  action: "send",
};

describe.each(DIALECTS)("the author's approval before publication on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let contributor: Browser;
  let submissionId: number;
  let storyId: number;

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    contributor = new Browser(t.url);
    // Sending opens the follow-up in the sender's browser: no receipt to type.
    expect((await contributor.submit("/temoigner", "/temoigner", STORY)).status).toBe(303);
    submissionId = (await t.deps.db.selectFrom("submissions").select("id").where("title", "=", STORY.title).executeTakeFirstOrThrow()).id;
  });
  afterAll(() => t.close());

  const publish = () => editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}/statut`, { action: "publish" });

  it("turns a contribution into a story draft that keeps the link, and refuses to publish it before approval", async () => {
    const res = await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/brouillon`, {});
    expect(res.status).toBe(303);
    storyId = Number(/\/admin\/temoignages\/(\d+)/.exec(res.headers.get("location") ?? "")?.[1]);
    const story = await t.deps.db.selectFrom("stories").select(["body_md", "credit_kind", "credit_name", "status"]).where("id", "=", storyId).executeTakeFirstOrThrow();
    expect(story).toEqual({ body_md: STORY.body, credit_kind: "pseudonym", credit_name: "Ortie", status: "draft" });
    // The editors add a standfirst: a new version the author has not seen.
    const form = formFields((await editor.getText(`/admin/temoignages/${storyId}`)).html);
    await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}`, { ...form, standfirst: "Un jardin, des pairs.", body: `${STORY.body} Aujourd'hui, j'y vais chaque semaine.`, action: "save" });
    const refused = await publish();
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("pas encore approuvé de version");
  });

  it("shows the author the edited version as the public page will, with the changes, records the approval, then lets the editors publish", async () => {
    expect((await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/accord`, {})).status).toBe(303);
    const page = await contributor.getText("/suivi/contribution");
    expect(page.html).toContain("attend votre accord");
    expect(page.html).toContain('href="/suivi/version"');
    const version = await contributor.getText("/suivi/version");
    expect(version.res.status).toBe(200);
    // The standfirst and the credit the public will read are on the page, not only the text.
    expect(version.html).toContain("Un jardin, des pairs.");
    expect(version.html).toContain("Ortie");
    expect(version.html).toContain("<ins> Aujourd'hui, j'y vais chaque semaine.</ins>");
    const versionId = /name="versionId" value="(\d+)"/.exec(version.html)?.[1] as string;
    expect((await contributor.submit("/suivi/version", "/suivi/approuver", { versionId })).status).toBe(303);
    const events = await t.deps.db.selectFrom("consent_events").select(["event", "channels", "version_id"]).where("submission_id", "=", submissionId).orderBy("id").execute();
    expect(events.map((e) => e.event)).toEqual(["given", "sent_for_approval", "approved"]);
    expect(events[2]).toMatchObject({ channels: "site", version_id: Number(versionId) });
    expect((await publish()).status).toBe(303);
    const slug = (await t.deps.db.selectFrom("stories").select("slug").where("id", "=", storyId).executeTakeFirstOrThrow()).slug;
    expect((await fetch(`${t.url}/temoignages/${slug}`)).status).toBe(200);
    expect((await contributor.getText("/suivi/contribution")).html).toContain("Publié");
  });

  it("keeps the approved words online while an edit waits, and refuses to publish the edit without a new approval", async () => {
    const slug = (await t.deps.db.selectFrom("stories").select("slug").where("id", "=", storyId).executeTakeFirstOrThrow()).slug;
    const form = formFields((await editor.getText(`/admin/temoignages/${storyId}`)).html);
    await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}`, { ...form, body: `${form.body} Une phrase ajoutée sans accord.`, action: "save" });
    expect(await (await fetch(`${t.url}/temoignages/${slug}`)).text()).not.toContain("sans accord");
    const refused = await publish();
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("n'est pas celle que l'auteur ou l'autrice a approuvée");
    expect(await (await fetch(`${t.url}/temoignages/${slug}`)).text()).not.toContain("sans accord");
  });

  it("takes the story off the site at the very next request when its author withdraws, and deletes the team's version", async () => {
    const slug = (await t.deps.db.selectFrom("stories").select("slug").where("id", "=", storyId).executeTakeFirstOrThrow()).slug;
    // Warm the caches that list it.
    expect(await (await fetch(`${t.url}/temoignages`)).text()).toContain(slug);
    expect((await contributor.submit("/suivi/retirer", "/suivi/retirer", {})).status).toBe(303);
    expect((await fetch(`${t.url}/temoignages/${slug}`)).status).toBe(404);
    expect(await (await fetch(`${t.url}/temoignages`)).text()).not.toContain(slug);
    expect(await (await fetch(`${t.url}/flux.xml`)).text()).not.toContain(slug);
    expect(await (await fetch(`${t.url}/sitemap.xml`)).text()).not.toContain(slug);
    expect(await t.deps.db.selectFrom("stories").select("id").where("id", "=", storyId).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.db.selectFrom("story_revisions").select("id").where("story_id", "=", storyId).executeTakeFirst()).toBeUndefined();
    const gone = await editor.getText(`/admin/temoignages/${storyId}`);
    expect(gone.res.status).toBe(404);
  });
});
