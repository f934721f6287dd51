import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { mailText, startSmtpCatcher } from "../../test/support/smtp.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

const STORY = {
  title: "Le matin où j'ai rappelé ma sœur",
  body: "Il y a deux ans, je ne répondais plus au téléphone. Aujourd'hui je voulais raconter comment j'ai rappelé ma sœur, un matin de mars.",
  creditKind: "pseudonym",
  creditName: "Lierre",
  creditAge: "",
  channels: ["site", "editing"],
  email: "",
  consent: "1",
  action: "send",
};

const ACUTE = "J'ai écrit mes lettres d'adieu, ce soir c'est fini, je ne serai plus là demain.";

async function count(t: TestApp, table: "submissions" | "submission_messages" | "consent_events"): Promise<number> {
  const row = await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

function receiptOf(html: string): string {
  return /<strong>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})<\/strong>/.exec(html)?.[1] ?? "";
}

describe.each(DIALECTS)("contributions on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let editor: Browser;
  let editorEmail: string;
  const clock = manualClock("2026-11-25T10:00:00.000Z");

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, clock, smtpUrl: smtp.url });
    editorEmail = await createAccount(t, "editor");
    editor = new Browser(t.url);
    await editor.signInDirectly(t, editorEmail);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function contribute(fields: Record<string, string | string[]> = {}) {
    const reader = new Browser(t.url);
    const sent = await reader.submit("/temoigner", "/temoigner", { ...STORY, ...fields });
    const res = await reader.follow(sent);
    const html = await res.text();
    return { reader, sent, res, html, receipt: receiptOf(html) };
  }

  it("re-displays a rejected contribution with what was typed, French messages, and stores nothing", async () => {
    const before = await count(t, "submissions");
    const { res, html } = await contribute({ consent: [], creditKind: "first_name_age", creditName: "Zoé", creditAge: "", email: "pas-une-adresse" });
    expect(res.status).toBe(422);
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("Cochez cette case pour envoyer");
    expect(html).toContain("Indiquez une adresse valide");
    expect(html).toContain("Il y a deux ans, je ne répondais plus au téléphone.");
    expect(html).toContain('value="Zoé"');
    expect(await count(t, "submissions")).toBe(before);
    const second = await contribute({ creditKind: "first_name_age", creditName: "Zoé", creditAge: "" });
    expect(second.res.status).toBe(422);
    expect(second.html).toContain("âge à afficher avec votre prénom");
    expect(await count(t, "submissions")).toBe(before);
  });

  it("gives a receipt once, keeps only its hash, records the consent and tells the editors by e-mail", async () => {
    const sent = smtp.mails.length;
    const { res, html, receipt } = await contribute();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(html).not.toContain("Vous n'êtes pas seul");
    const row = await t.deps.db.selectFrom("submissions").selectAll().orderBy("id", "desc").executeTakeFirstOrThrow();
    expect(row.state).toBe("received");
    expect(JSON.stringify(row)).not.toContain(receipt.replace(/-/g, ""));
    expect(JSON.stringify(row)).not.toContain(receipt);
    const consents = await t.deps.db.selectFrom("consent_events").selectAll().where("submission_id", "=", row.id).execute();
    expect(consents.map((c) => [c.event, c.channels])).toEqual([["given", "site,editing"]]);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.length).toBeGreaterThan(sent);
    const mail = smtp.mails.find((m) => m.to.includes(editorEmail) && mailText(m.raw).includes(`/admin/contributions/${row.id}`));
    expect(mail).toBeDefined();
    expect(mailText(mail?.raw ?? "")).not.toContain("rappelé ma sœur");
  });

  it("opens the contribution with the receipt as a person retypes it, and refuses a wrong one", async () => {
    const { receipt } = await contribute({ title: "Suivi par reçu" });
    const reader = new Browser(t.url);
    const wrong = await reader.submit("/suivi", "/suivi", { receipt: "0000-0000-0000-0000-0000" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Ce reçu ne correspond à aucune contribution.");
    const typed = receipt.toLowerCase().replace(/-/g, " ").replace(/0/g, "o");
    const ok = await reader.submit("/suivi", "/suivi", { receipt: typed });
    expect(ok.status).toBe(303);
    const page = await reader.getText("/suivi/contribution");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Reçu\u202f: l'équipe va le lire");
    expect(page.html).toContain("Suivi par reçu");
    // The receipt never travels in an address or a cookie.
    expect(reader.cookieHeader()).not.toContain(receipt);
  });

  it("carries messages both ways and never shows the editors' internal notes", async () => {
    const { receipt } = await contribute({ title: "Échanges" });
    const reader = new Browser(t.url);
    await reader.submit("/suivi", "/suivi", { receipt });
    expect((await reader.submit("/suivi/contribution", "/suivi/message", { body: "Puis-je changer le titre ?" })).status).toBe(303);
    const id = (await t.deps.db.selectFrom("submissions").select("id").where("title", "=", "Échanges").executeTakeFirstOrThrow()).id;
    const admin = await editor.getText(`/admin/contributions/${id}`);
    expect(admin.html).toContain("Puis-je changer le titre ?");
    await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: "Bien sûr, proposez-en un." });
    await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/note`, { note: "Note interne : texte fort, à relire à deux." });
    const page = await reader.getText("/suivi/contribution");
    expect(page.html).toContain("Bien sûr, proposez-en un.");
    expect(page.html).not.toContain("Note interne");
  });

  it("withdraws on confirmation, records it in the consent ledger, and erases everything on request", async () => {
    const { receipt } = await contribute({ title: "À retirer" });
    const reader = new Browser(t.url);
    await reader.submit("/suivi", "/suivi", { receipt });
    const confirm = await reader.getText("/suivi/retirer");
    expect(confirm.html).toContain("il disparaît du site");
    expect((await reader.submit("/suivi/retirer", "/suivi/retirer", {})).status).toBe(303);
    const row = await t.deps.db.selectFrom("submissions").select(["id", "state", "closed_at"]).where("title", "=", "À retirer").executeTakeFirstOrThrow();
    expect(row.state).toBe("withdrawn");
    expect(row.closed_at).toBeTruthy();
    const ledger = await reader.get("/suivi/accords.json");
    const json = (await ledger.json()) as { accords: Array<{ evenement: string }> };
    expect(json.accords.map((a) => a.evenement)).toEqual(["given", "withdrawn"]);
    const erased = await reader.submit("/suivi/effacer", "/suivi/effacer", {});
    expect(await erased.text()).toContain("C'est effacé");
    expect(await t.deps.db.selectFrom("submissions").select("id").where("id", "=", row.id).executeTakeFirst()).toBeUndefined();
    expect(await t.deps.db.selectFrom("consent_events").select("id").where("submission_id", "=", row.id).executeTakeFirst()).toBeUndefined();
    const again = await new Browser(t.url).submit("/suivi", "/suivi", { receipt });
    expect(again.status).toBe(422);
  });

  it("shows crisis resources at once when words suggest acute distress, and puts the contribution first in triage", async () => {
    const { html } = await contribute({ title: "Signal", body: ACUTE });
    expect(html).toContain("Vous n'êtes pas seul");
    expect(html).toContain('href="tel:3114"');
    expect(html).toContain("pas un service d'urgence");
    const triage = await editor.getText("/admin/contributions");
    const first = /<tbody>[\s\S]*?<tr[^>]*>([\s\S]*?)<\/tr>/.exec(triage.html)?.[1] ?? "";
    expect(first).toContain("Signal de crise");
    expect(first).toContain(">Signal<");
  });

  it("shows editors the passage that weighed in a crisis signal, its strongest words marked, and says a none never means safe", async () => {
    // Over 60 words: the detector reads it window by window, so one passage is the signal's sentence.
    const body = [
      "Nous avons marché au bord de la rivière tout l'après-midi, puis nous avons pris un café en terrasse avec ma cousine et ses deux enfants.",
      "Le marché était plein, il faisait doux, on a acheté des fraises et du pain pour le dîner.",
      "Ce soir je prends toutes mes pilules.",
      "Le chat dort sur le canapé depuis ce matin, et la voisine arrose ses tomates en chantant.",
    ].join(" ");
    await contribute({ title: "Passage signalé", body });
    const flagged = (await t.deps.db.selectFrom("submissions").select("id").where("title", "=", "Passage signalé").executeTakeFirstOrThrow()).id;
    const page = (await editor.getText(`/admin/contributions/${flagged}`)).html;
    const passage = /<ul class="crisis-passages">([\s\S]*?)<\/ul>/.exec(page)?.[1] ?? "";
    expect(passage).toContain("pilules");
    expect(passage).toMatch(/<mark>[^<]+<\/mark>/);
    expect(passage).not.toContain("chat dort");
    await contribute({ title: "Sans signal" });
    const calm = (await t.deps.db.selectFrom("submissions").select("id").where("title", "=", "Sans signal").executeTakeFirstOrThrow()).id;
    const calmPage = (await editor.getText(`/admin/contributions/${calm}`)).html;
    expect(calmPage).not.toContain("crisis-passages");
    expect(calmPage).toContain("Cela ne veut jamais dire que la personne est hors de danger");
    expect((await editor.getText("/admin/contributions")).html).toContain("une contribution sans signal n'est jamais «\u202fsans risque\u202f»");
  });

  it("keeps a draft out of triage until the contributor sends it from the follow-up page, with the consent box ticked", async () => {
    const { receipt, html } = await contribute({ title: "Brouillon du soir", action: "draft" });
    expect(html).toContain("Votre brouillon est enregistré");
    expect((await editor.getText("/admin/contributions")).html).not.toContain("Brouillon du soir");
    const reader = new Browser(t.url);
    await reader.submit("/suivi", "/suivi", { receipt });
    expect((await reader.getText("/suivi/contribution")).html).toContain("Envoyer mon brouillon");
    const unticked = await reader.submit("/suivi/contribution", "/suivi/envoyer", { channels: ["site", "podcast"] });
    expect(unticked.status).toBe(422);
    const page = await unticked.text();
    expect(page).toContain("Cochez cette case pour envoyer");
    // What was ticked is ticked again.
    expect(page).toMatch(/value="podcast" checked/);
    expect((await editor.getText("/admin/contributions")).html).not.toContain("Brouillon du soir");
    expect((await reader.submit("/suivi/contribution", "/suivi/envoyer", { channels: ["site"], consent: "1" })).status).toBe(303);
    expect((await editor.getText("/admin/contributions")).html).toContain("Brouillon du soir");
  });

  it("says a draft sent again (another tab, a second click) is no longer one, with 409, and sends nothing more", async () => {
    const { receipt } = await contribute({ title: "Brouillon envoyé deux fois", action: "draft" });
    const reader = new Browser(t.url);
    await reader.submit("/suivi", "/suivi", { receipt });
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.submit("/suivi", "/suivi", { receipt });
    expect((await reader.submit("/suivi/contribution", "/suivi/envoyer", { channels: ["site"], consent: "1" })).status).toBe(303);
    const consents = async () => (await t.deps.db.selectFrom("consent_events").select("id").where("event", "=", "given").execute()).length;
    const before = await consents();
    const again = await reader.submit("/suivi/contribution", "/suivi/envoyer", { channels: ["site"], consent: "1" });
    expect(again.status).toBe(409);
    expect(await again.text()).toMatch(/Ce témoignage n'est plus un brouillon\s: il a déjà été envoyé ou retiré\. Rien n'a été envoyé de nouveau\./);
    const inEnglish = await english.submit("/suivi/contribution", "/suivi/envoyer", { channels: ["site"], consent: "1" });
    expect(inEnglish.status).toBe(409);
    expect(await inEnglish.text()).toContain("This story is no longer a draft: it has already been sent or withdrawn. Nothing was sent again.");
    expect(await consents()).toBe(before);
  });

  it("erases withdrawn and declined contributions after the retention delay, and not before", async () => {
    const { receipt } = await contribute({ title: "Retenue 90 jours" });
    const reader = new Browser(t.url);
    await reader.submit("/suivi", "/suivi", { receipt });
    await reader.submit("/suivi/retirer", "/suivi/retirer", {});
    clock.advance(89 * 24 * 60);
    await t.app.runScheduledTasks();
    expect(await t.deps.db.selectFrom("submissions").select("id").where("title", "=", "Retenue 90 jours").executeTakeFirst()).toBeDefined();
    clock.advance(2 * 24 * 60);
    await t.app.runScheduledTasks();
    expect(await t.deps.db.selectFrom("submissions").select("id").where("title", "=", "Retenue 90 jours").executeTakeFirst()).toBeUndefined();
  });

  it("keeps no trace of who sent a contribution: no address, browser or marker outside what was typed", async () => {
    const marker = `canary-${dialect}-8c1f`;
    const res = await fetch(`${t.url}/temoigner`, { headers: { "user-agent": `UA-${marker}`, "x-forwarded-for": "198.51.100.23" } });
    const form = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] as string;
    const formToken = /name="formToken" value="([^"]+)"/.exec(form)?.[1] as string;
    const formCookie = res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const body = new URLSearchParams({ ...STORY, channels: "site", title: `Titre ${marker}-titre`, _csrf: token, formToken });
    await fetch(`${t.url}/temoigner`, {
      method: "POST",
      body,
      headers: { cookie: formCookie, "content-type": "application/x-www-form-urlencoded", "user-agent": `UA-${marker}`, "x-forwarded-for": "198.51.100.23", referer: `https://ailleurs.example/${marker}` },
    });
    const row = await t.deps.db.selectFrom("submissions").selectAll().where("title", "=", `Titre ${marker}-titre`).executeTakeFirstOrThrow();
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(`UA-${marker}`);
    expect(stored).not.toContain("198.51.100.23");
    expect(stored).not.toContain("ailleurs.example");
    const logs = t.logs.join("");
    for (const needle of [marker, "198.51.100.23", "ailleurs.example"]) expect(logs).not.toContain(needle);
    if (dialect === "sqlite") {
      const files = fs.readdirSync(t.dataDir, { recursive: true }).map(String);
      for (const f of files) {
        const full = path.join(t.dataDir, f);
        if (!fs.statSync(full).isFile()) continue;
        const bytes = fs.readFileSync(full);
        expect(bytes.includes(`UA-${marker}`), f).toBe(false);
        expect(bytes.includes("198.51.100.23"), f).toBe(false);
      }
    }
  });
});
