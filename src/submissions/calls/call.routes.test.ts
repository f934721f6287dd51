import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../../test/support/clock.js";
import { DIALECTS } from "../../../test/support/databases.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../../test/support/test-app.js";

const CALL = {
  title: "Le travail après l'hôpital",
  slug: "",
  themeId: "",
  introMd: "Racontez votre retour au travail après une hospitalisation.",
  questionsMd: "- Qui vous a aidé ?\n- Qu'avez-vous dit à vos collègues ?",
  safetyNoticeMd: "Prenez votre temps.",
  opensAt: "2026-11-20T09:00",
  closesAt: "2026-12-01T18:00",
  formats: ["text"],
  creditOptions: ["pseudonym", "anonymous"],
  consentText: "Version 1 du consentement de cet appel.",
};

describe.each(DIALECTS)("calls for testimonies on %s", (dialect) => {
  let t: TestApp;
  let editor: Browser;
  let editorEmail: string;
  const clock = manualClock("2026-11-25T10:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock, demo: true });
    editor = new Browser(t.url);
    editorEmail = await createAccount(t, "editor");
    await editor.signInDirectly(t, editorEmail);
  });
  afterAll(() => t.close());

  const text = async (path: string) => (await fetch(t.url + path)).text();

  it("re-displays a rejected call with French messages and writes nothing", async () => {
    const res = await editor.submit("/admin/appels", "/admin/appels", { ...CALL, title: "", closesAt: "2026-11-01T10:00", formats: [], creditOptions: [] });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain("Indiquez un titre.");
    expect(html).toContain("Choisissez au moins un format.");
    expect(html).toContain("Racontez votre retour au travail");
    // The demo's one call is "1 appel", through the catalogue's plurals.
    expect(html).toContain("<caption>1 appel</caption>");
  });

  it("publishes an open call on /appels, on its page and on the home page, then closes it at its date", async () => {
    const created = await editor.submit("/admin/appels", "/admin/appels", CALL);
    expect(created.status).toBe(303);
    expect(await text("/appels")).toContain("Le travail après l&#39;hôpital".replace("&#39;", "'"));
    const page = await text("/appels/le-travail-apres-l-hopital");
    expect(page).toContain("Appel ouvert");
    expect(page).toContain("Qui vous a aidé\u202f?");
    expect(page).toContain("Aucune réponse en attente de relecture par l'équipe");
    expect(await text("/")).toContain("/appels/le-travail-apres-l-hopital");
    // 1 December, 18:00 Paris time is 17:00 UTC.
    clock.set("2026-12-01T17:01:00.000Z");
    await t.app.runScheduledTasks();
    expect(await text("/")).not.toContain("/appels/le-travail-apres-l-hopital");
    expect(await text("/appels/le-travail-apres-l-hopital")).toContain("Appel clos");
    clock.set("2026-11-25T10:00:00.000Z");
    await t.app.runScheduledTasks();
    // Sessions that expired in the meantime were purged: sign in again.
    await editor.signInDirectly(t, editorEmail);
  });

  it("takes contributions in answer to a call, with only the credits it offers, and counts them on its page", async () => {
    const reader = new Browser(t.url);
    const form = await reader.getText("/temoigner?appel=le-travail-apres-l-hopital");
    expect(form.html).toContain("Répondre à l&#39;appel".replace("&#39;", "'"));
    expect(form.html).toContain("Version 1 du consentement de cet appel.");
    expect(form.html).not.toContain('value="name"');
    const refused = await reader.submit("/temoigner?appel=le-travail-apres-l-hopital", "/temoigner", {
      appel: "le-travail-apres-l-hopital",
      body: "Mon retour au bureau.",
      creditKind: "name",
      creditName: "Jean Dupont",
      consent: "1",
      action: "send",
    });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Cet appel ne propose pas cette façon d");
    const sent = await reader.submit("/temoigner?appel=le-travail-apres-l-hopital", "/temoigner", {
      appel: "le-travail-apres-l-hopital",
      body: "Mon retour au bureau, trois mois après.",
      creditKind: "pseudonym",
      creditName: "Sable",
      consent: "1",
      channels: "site",
      action: "send",
    });
    expect(sent.status).toBe(303);
    expect(await text("/appels/le-travail-apres-l-hopital")).toContain("1 réponse en cours de relecture par l'équipe");
  });

  it("versions the consent text: a change never alters what earlier contributors agreed to", async () => {
    const call = await t.deps.db.selectFrom("calls").select(["id", "consent_text_id"]).where("slug", "=", "le-travail-apres-l-hopital").executeTakeFirstOrThrow();
    const before = await t.deps.db.selectFrom("submissions").select(["id", "consent_text_id"]).where("call_id", "=", call.id).executeTakeFirstOrThrow();
    expect(before.consent_text_id).toBe(call.consent_text_id);
    await editor.submit(`/admin/appels/${call.id}`, `/admin/appels/${call.id}`, { ...CALL, consentText: "Version 2 du consentement." });
    const after = await t.deps.db.selectFrom("calls").select("consent_text_id").where("id", "=", call.id).executeTakeFirstOrThrow();
    expect(after.consent_text_id).not.toBe(call.consent_text_id);
    const kept = await t.deps.db.selectFrom("submissions").select("consent_text_id").where("id", "=", before.id).executeTakeFirstOrThrow();
    expect(kept.consent_text_id).toBe(call.consent_text_id);
    const old = await t.deps.db.selectFrom("consent_texts").select("body_md").where("id", "=", call.consent_text_id).executeTakeFirstOrThrow();
    expect(old.body_md).toBe("Version 1 du consentement de cet appel.");
  });

  it("shows the demo's open call on the home page", async () => {
    expect(await text("/")).toContain("/appels/etre-parent-avec-un-trouble-psychique");
  });

  it("speaks English to an editor whose browser asks for it: the calls page, its refusals and its confirmation", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, editorEmail);
    const page = (await english.getText("/admin/appels")).html;
    for (const words of ["<h1>Calls for testimonies</h1>", "Start a call", "Guiding questions", "Opens (Paris time)", "Accepted formats", "Credits offered", "First name and age", "Save the call", ">Open<"]) expect(page).toContain(words);
    for (const french of ["Lancer un appel", "Enregistrer l'appel", "Ouvert", "Formats acceptés"]) expect(page).not.toContain(french);

    const refused = await english.submit("/admin/appels", "/admin/appels", { ...CALL, title: "", formats: [], creditOptions: ["carrier_pigeon"] });
    expect(refused.status).toBe(422);
    const html = await refused.text();
    for (const words of ["Give a title.", "Choose at least one format.", "Unknown credit."]) expect(html).toContain(words);
    // The editor's words stay as typed.
    expect(html).toContain("Racontez votre retour au travail");

    const call = await t.deps.db.selectFrom("calls").select(["id"]).where("slug", "=", "le-travail-apres-l-hopital").executeTakeFirstOrThrow();
    const edit = (await english.getText(`/admin/appels/${call.id}`)).html;
    expect(edit).toContain("Edit “Le travail après l&#39;hôpital”".replace("&#39;", "'"));
    const takenSlug = await english.submit(`/admin/appels/${call.id}`, `/admin/appels/${call.id}`, { ...CALL, slug: "etre-parent-avec-un-trouble-psychique" });
    expect(await takenSlug.text()).toContain("This address is already used by another call.");
    const saved = await english.follow(await english.submit(`/admin/appels/${call.id}`, `/admin/appels/${call.id}`, { ...CALL, consentText: "Version 2 du consentement." }));
    expect(await saved.text()).toContain("Call saved.");
  });
});
