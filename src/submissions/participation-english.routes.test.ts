import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { contribute, openFollowUp, prepareAndSendForApproval, submissionIdByTitle } from "../../test/support/participation.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { saveCall } from "./calls/call.service.js";

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/**
 * The visible text of a page's body, leaving out what is marked lang="fr" (calls and consent
 * texts written by the editors) and scripts.
 */
function interfaceText(html: string): string {
  const body = html.slice(html.indexOf("<body"));
  const stack: Array<{ tag: string; skip: boolean }> = [];
  let out = "";
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)/g)) {
    const [, closing, tag, attrs, text] = m;
    const skipping = stack.some((s) => s.skip);
    if (text !== undefined) {
      if (!skipping) out += ` ${text}`;
    } else if (closing) {
      while (stack.length && stack.pop()?.tag !== tag?.toLowerCase()) {}
    } else if (!VOID.has((tag as string).toLowerCase()) && !(attrs as string).endsWith("/")) {
      stack.push({ tag: (tag as string).toLowerCase(), skip: /\blang="fr"/.test(attrs as string) || tag === "script" });
    }
  }
  return out.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
}

// Words of the French interface that no English page should show outside lang="fr" content.
const FRENCH_WORDS = [
  "Témoign", "témoign", "Votre", "votre", "Vous", " vous", "équipe", "Reçu", "reçu", "Envoyer", "accord", "Accord", "Appel", "appel ", "Ouvert",
  "Clos ", "obligatoire", "Erreur", "problème", "Oui,", "Non,", "Effac", "effac", "Retir", "retir", "Anonyme", "Suivre", "Écrire", "Sujet",
  "Adresse", "Aucun", "Prendre soin", "Cette ", "Ce ", " le ", " la ", " les ", " des ", " et ", " est ", " pour ", " avec ", " du ", " au ", "\u202f",
];

function expectEnglish(html: string, page: string) {
  expect(html, page).toContain('<html lang="en"');
  const text = interfaceText(html);
  for (const word of FRENCH_WORDS) expect(text.includes(word), `${page}: « ${word.trim() || "espace fine"} » dans ${text.slice(0, 4000)}`).toBe(false);
}

const STORY = { title: "A walk by the canal", body: "I walked by the canal every morning that winter, and slowly the days grew lighter." };

describe.each(DIALECTS)("the participation pages in English on %s", (dialect) => {
  let t: TestApp;
  let reader: Browser;
  const clock = manualClock("2026-11-25T10:00:00.000Z");
  const slug = "apres-la-crise";

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock });
    reader = new Browser(t.url, { "accept-language": "en-GB,en;q=0.9" });
    const saved = await saveCall(t.deps, null, {
      slug,
      title: "Après la crise",
      themeId: null,
      introMd: "Racontez les semaines qui ont suivi une crise.",
      questionsMd: "- Qui était là ?\n- Qu'est-ce qui vous a aidé ?",
      safetyNoticeMd: "Prenez votre temps, faites des pauses.",
      opensAt: "2026-11-01T09:00:00.000Z",
      closesAt: "2026-12-31T18:00:00.000Z",
      formats: ["text", "audio"],
      creditOptions: ["pseudonym", "anonymous"],
      consentText: "J'accepte que l'équipe lise mon texte pour cet appel.",
    });
    expect(saved.ok).toBe(true);
  });
  afterAll(() => t.close());

  it("shows the contribution form, a call and the calls index in English, the call's own words marked French", async () => {
    const form = await reader.getText("/temoigner");
    expectEnglish(form.html, "/temoigner");
    expect(form.html).toContain("Share your story");
    expect(form.html).toContain("What we will do with your text");
    expect(form.html).toMatch(/<p lang="fr">J&#39;accepte|<p lang="fr">J'accepte/);
    const answering = await reader.getText(`/temoigner?appel=${slug}`);
    expectEnglish(answering.html, "/temoigner?appel");
    expect(answering.html).toContain('Answer the call “<span lang="fr">Après la crise</span>”');
    const index = await reader.getText("/appels");
    expectEnglish(index.html, "/appels");
    expect(index.html).toContain("Calls for testimonies");
    expect(index.html).toContain("No answer waiting for the team's review");
    const call = await reader.getText(`/appels/${slug}`);
    expectEnglish(call.html, `/appels/${slug}`);
    expect(call.html).toContain("Answer this call");
    expect(call.html).toContain("text, audio");
    expect(call.html).toContain("under a pseudonym, anonymously");
    expect(call.html).toContain('<h1 lang="fr">Après la crise</h1>');
  });

  it("re-displays a rejected English form with English errors and what was typed", async () => {
    const res = await contribute(reader, { title: "", body: STORY.body, consent: [], creditKind: "first_name_age", creditName: "", email: "not an address" });
    expect(res.res.status).toBe(422);
    expectEnglish(res.html, "rejected /temoigner");
    // Every problem at once: the address, the consent, and the name and age the credit needs.
    expect(res.html).toContain("There are 4 problems");
    expect(res.html).toContain("Agreement: Tick this box to send");
    expect(res.html).toContain("Enter a valid address, like name@example.org, or leave it empty.");
    expect(res.html).toContain("Error: ");
    expect(res.html).toContain(STORY.body);
    const credit = await contribute(reader, { title: "", body: STORY.body, creditKind: "first_name_age", creditName: "", creditAge: "" });
    expect(credit.res.status).toBe(422);
    expectEnglish(credit.html, "rejected credit");
    expect(credit.html).toContain("There are 2 problems");
    expect(credit.html).toContain("Enter the age to show with your first name.");
    expect(credit.html).toContain("Enter the name, pseudonym or first name to show");
    const empty = await contribute(reader, { body: "" });
    expectEnglish(empty.html, "rejected body");
    expect(empty.html).toContain("There is a problem");
    expect(empty.html).toContain("Write your story, even a few lines.");
    const wrong = await reader.submit("/suivi", "/suivi", { receipt: "0000-0000-0000-0000-0000" });
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expectEnglish(wrongHtml, "rejected /suivi");
    expect(wrongHtml).toContain("This receipt does not match any contribution.");
  });

  it("gives the receipt, the follow-up, its confirmations and the erased page in English", async () => {
    const sent = await contribute(reader, { ...STORY, creditKind: "pseudonym", creditName: "Heron", channels: ["site", "podcast"] });
    expect(sent.res.status).toBe(200);
    expectEnglish(sent.html, "receipt");
    expect(sent.html).toContain("Thank you, your story has arrived");
    for (const words of ["Copy the receipt", "Print the receipt", "Download the receipt (.txt file)", "I have kept my receipt", "Go on to follow my contribution"]) expect(sent.html).toContain(words);
    const download = await reader.submit("/contact", "/temoigner/recu.txt", { receipt: sent.receipt });
    expect(download.headers.get("content-disposition")).toBe('attachment; filename="entre-pairs-receipt.txt"');
    expect(await download.text()).toContain("Entre Pairs: your receipt");
    const shown = await reader.getText("/temoigner/recu");
    expectEnglish(shown.html, "receipt shown already");
    expect(shown.html).toContain("Your story is saved, once");
    // The receipt form, for a browser that does not follow this contribution.
    expectEnglish((await new Browser(t.url, { "accept-language": "en" }).getText("/suivi")).html, "/suivi");
    await openFollowUp(reader, sent.receipt);
    // An editor replies and sends a version for approval, so every part of the page shows.
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const id = await submissionIdByTitle(t, STORY.title);
    await editor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: "Thank you, lovely text." });
    await prepareAndSendForApproval(editor, id, "A canal, a winter.");
    const page = await reader.getText("/suivi/contribution");
    expectEnglish(page.html, "/suivi/contribution");
    for (const words of ["Awaiting your approval", "Read the version and give my approval", "consent given (Publication on the website, Broadcast in the podcast)", "version sent for approval", "The editorial team", "Become anonymous", "Withdraw my story", "Erase everything"]) {
      expect(page.html).toContain(words);
    }
    const approval = await reader.getText("/suivi/version");
    expectEnglish(approval.html, "/suivi/version");
    for (const words of ["The version to approve", "Preview, as the page will be published", "What changed", "Compared with the text you sent", "I approve this version", "Standfirst"]) {
      expect(approval.html).toContain(words);
    }
    const empty = await reader.submit("/suivi/contribution", "/suivi/message", { body: "" });
    expect(empty.status).toBe(422);
    const emptyHtml = await empty.text();
    expectEnglish(emptyHtml, "rejected message");
    expect(emptyHtml).toContain("Write your message.");
    for (const path of ["/suivi/retirer", "/suivi/anonymiser", "/suivi/effacer"]) expectEnglish((await reader.getText(path)).html, path);
    const flash = await reader.submit("/suivi/contribution", "/suivi/message", { body: "Could the title change?" });
    expect(flash.status).toBe(303);
    const withFlash = await reader.getText("/suivi/contribution?ok=message");
    expect(withFlash.html).toContain("Your message has been sent to the team.");
    expectEnglish(withFlash.html, "flash");
    await reader.submit("/suivi/retirer", "/suivi/retirer", {});
    const withdrawn = await reader.getText("/suivi/contribution?ok=retire");
    expectEnglish(withdrawn.html, "withdrawn");
    expect(withdrawn.html).toContain("Withdrawn at your request");
    expect(withdrawn.html).toContain("consent withdrawn");
    const erased = await reader.submit("/suivi/effacer", "/suivi/effacer", {});
    const erasedHtml = await erased.text();
    expectEnglish(erasedHtml, "erased");
    expect(erasedHtml).toContain("It is erased");
    const closed = await reader.getText("/suivi?info=ferme");
    expect(closed.html).toContain("Your follow-up session is closed.");
  });

  it("shows the crisis notice in English, chosen by the language cookie", async () => {
    const person = new Browser(t.url);
    expect((await person.get("/langue/en?retour=/temoigner")).status).toBe(303);
    expect(person.cookieHeader()).toContain("ep_lang=en");
    const { html } = await contribute(person, { title: "Tonight", body: "I wrote my goodbye letters, tonight it is over, I will not be here tomorrow." });
    expectEnglish(html, "crisis receipt");
    expect(html).toContain("You are not alone");
    expect(html).toContain('call <a href="tel:3114">3114</a>');
  });

  it("shows the contact form and its errors in English", async () => {
    const form = await reader.getText("/contact");
    expectEnglish(form.html, "/contact");
    const token = /name="_csrf" value="([^"]+)"/.exec(form.html)?.[1] as string;
    const stamp = /name="stamp" value="([^"]+)"/.exec(form.html)?.[1] as string;
    clock.advance(1);
    const res = await reader.post("/contact", { _csrf: token, stamp, site: "", subject: "", body: "Hello", replyTo: "nope" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expectEnglish(html, "rejected /contact");
    expect(html).toContain("Enter a subject.");
    expect(html).toContain("Enter a valid address");
    const fast = await reader.post("/contact", { _csrf: token, stamp: "1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", site: "", subject: "Hi", body: "Hello", replyTo: "" });
    expect(await fast.text()).toContain("This form could not be checked: send it again.");
    const ok = await reader.post("/contact", { _csrf: token, stamp, site: "", subject: "Hi", body: "Hello", replyTo: "" });
    expect(ok.status).toBe(303);
    const sent = await reader.getText("/contact?envoye=1");
    expectEnglish(sent.html, "contact sent");
    expect(sent.html).toContain("Thank you, your message has arrived.");
  });

  it("keeps the same pages in French for a French reader", async () => {
    const html = (await new Browser(t.url, { "accept-language": "fr-FR" }).getText("/temoigner")).html;
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain("Envoyer mon témoignage");
    expect(html).not.toContain("Send my story");
  });
});
