import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../../test/support/databases.js";
import { formFields } from "../../../test/support/forms.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";

const STORY = {
  title: "La serre de l'hôpital",
  body: "Au début, je n'allais à la serre que pour fuir la salle commune.",
  creditKind: "pseudonym",
  creditName: "Capucine",
  channels: ["site"],
  consent: "1",
  action: "send",
};

describe.each(DIALECTS)("inline images in the version an author approves on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let contributor: Browser;
  let storyId: number;
  let submissionId: number;
  let image: { id: number; storage_key: string };

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    contributor = new Browser(t.url);
    expect((await contributor.submit("/temoigner", "/temoigner", STORY)).status).toBe(303);
    submissionId = (await t.deps.db.selectFrom("submissions").select("id").where("title", "=", STORY.title).executeTakeFirstOrThrow()).id;
    const draft = await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/brouillon`, {});
    storyId = Number(/\/admin\/temoignages\/(\d+)/.exec(draft.headers.get("location") ?? "")?.[1]);
    const bytes = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: "#3a7d44" } }).jpeg().toBuffer();
    const uploaded = await editor.postMultipart("/admin/medias", "/admin/medias", { alt: "Des semis sous une serre", caption: "La serre, en mars" }, { field: "file", bytes, name: "serre.jpg", type: "image/jpeg" });
    expect(uploaded.status).toBe(303);
    image = await t.deps.db.selectFrom("images").select(["id", "storage_key"]).orderBy("id", "desc").executeTakeFirstOrThrow();
    const form = formFields((await editor.getText(`/admin/temoignages/${storyId}`)).html);
    const body = `${STORY.body}\n\n![](/media/${image.storage_key})\n\nPuis j'y suis restée.`;
    expect((await editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}`, { ...form, standfirst: "Une serre, des pairs.", body, action: "save" })).status).toBe(303);
  });
  afterAll(() => t.close());

  const publish = () => editor.submit(`/admin/temoignages/${storyId}`, `/admin/temoignages/${storyId}/statut`, { action: "publish" });
  async function approve(): Promise<string> {
    expect((await editor.submit(`/admin/contributions/${submissionId}`, `/admin/contributions/${submissionId}/accord`, {})).status).toBe(303);
    const version = await contributor.getText("/suivi/version");
    const versionId = /name="versionId" value="(\d+)"/.exec(version.html)?.[1] as string;
    expect((await contributor.submit("/suivi/version", "/suivi/approuver", { versionId })).status).toBe(303);
    return version.html;
  }

  it("shows the author the inline image as readers will see it, with its alt text and caption", async () => {
    const html = await approve();
    expect(html).toMatch(/<picture class="inline-image">.*<img [^>]*alt="Des semis sous une serre" width="960" height="600"/s);
    expect(html).toContain("La serre, en mars");
  });

  it("needs a new approval when what the library says about an approved inline image changes, and shows readers the approved one", async () => {
    const edited = await editor.submit(`/admin/medias/${image.id}`, `/admin/medias/${image.id}`, { alt: "Une serre vide", caption: "Autre légende, jamais approuvée" });
    expect(edited.status).toBe(303);
    const refused = await publish();
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("n'est pas celle que l'auteur ou l'autrice a approuvée");
    await approve();
    expect((await publish()).status).toBe(303);
    const slug = (await t.deps.db.selectFrom("stories").select("slug").where("id", "=", storyId).executeTakeFirstOrThrow()).slug;
    const page = await (await fetch(`${t.url}/temoignages/${slug}`)).text();
    expect(page).toMatch(/<figure class="inline-figure"><picture class="inline-image">.*alt="Une serre vide" width="960" height="600"/s);
    expect(page).toContain("Autre légende, jamais approuvée");
    // Released as approved: a later change in the library does not reach the public page.
    await editor.submit(`/admin/medias/${image.id}`, `/admin/medias/${image.id}`, { alt: "Troisième description", caption: "" });
    expect(await (await fetch(`${t.url}/temoignages/${slug}`)).text()).not.toContain("Troisième description");
  });
});
