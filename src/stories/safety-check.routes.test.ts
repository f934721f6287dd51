import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { formFields } from "../../test/support/forms.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { SAFETY_ITEMS } from "../safety/safe-messaging-checklist.js";

describe.each(DIALECTS)("the safe-messaging checklist on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let id: number;

  beforeAll(async () => {
    t = await startTestApp({ dialect, demo: true });
    editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const res = await editor.submit("/admin/temoignages/nouveau", "/admin/temoignages", {
      title: "Après la crise",
      slug: "",
      kind: "article",
      format: "single",
      standfirst: "Un récit de rétablissement, fictif, pour les tests.",
      body: "Il y a cinq ans, j'ai traversé une crise suicidaire. Aujourd'hui je vais mieux.",
      creditKind: "anonymous",
      contentNotes: "suicide",
      action: "save",
    });
    id = Number(/(\d+)\?/.exec(res.headers.get("location") ?? "")?.[1]);
  });
  afterAll(() => t.close());

  const publish = () => editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "publish" });

  it("refuses to publish a story with content notes until an editor signs every item, and warns when the 3114 is missing", async () => {
    const page = await editor.getText(`/admin/temoignages/${id}`);
    expect(page.html).toContain("Le texte ne cite pas le 3114");
    const refused = await publish();
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("signer la liste de vérification");
    const partial = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/verification`, { items: ["no_method", "resources"] });
    expect(partial.status).toBe(422);
    expect(await partial.text()).toContain("la liste ne se signe qu");
    const signed = await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/verification`, { items: SAFETY_ITEMS.map((i) => i.id) });
    expect(signed.status).toBe(303);
    expect((await publish()).status).toBe(303);
  });

  it("asks for a new signature once the words change", async () => {
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/statut`, { action: "unpublish" });
    const form = formFields((await editor.getText(`/admin/temoignages/${id}`)).html);
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}`, { ...form, body: `${form.body} Le 3114 répond jour et nuit.`, action: "save" });
    expect((await publish()).status).toBe(422);
    await editor.submit(`/admin/temoignages/${id}`, `/admin/temoignages/${id}/verification`, { items: SAFETY_ITEMS.map((i) => i.id) });
    expect((await publish()).status).toBe(303);
  });
});
