import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { personAt, RECEIPT_PATTERN } from "../../test/support/participation.js";
import { formTokenOf, startTestApp, type TestApp } from "../../test/support/test-app.js";

const STORY = {
  title: "Le banc du square",
  body: "Je m'asseyais sur ce banc chaque midi. Un jour, quelqu'un s'est assis à côté et m'a parlé.",
  creditKind: "anonymous",
  creditName: "",
  creditAge: "",
  channels: ["site"],
  email: "",
  consent: "1",
  action: "send",
};

const ALREADY_SHOWN = "Votre témoignage est bien enregistré, une seule fois";

describe.each(DIALECTS)("the receipt on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock("2026-12-04T09:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock, env: { TRUST_PROXY: "on" } });
  });
  afterAll(() => t.close());

  const rowsTitled = async (title: string) => Number((await t.deps.db.selectFrom("submissions").select((eb) => eb.fn.countAll<number>().as("n")).where("title", "=", title).executeTakeFirstOrThrow()).n);

  /** A person on the form: its page loaded once, as a browser holds it, ready to be sent (and sent again). */
  async function formOnScreen(person = personAt(t.url)) {
    const html = (await person.getText("/temoigner")).html;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const { formToken } = formTokenOf(html);
    expect(formToken).toMatch(/^[\w-]{22}$/);
    const send = (fields: Record<string, string | string[]> = {}) => person.post("/temoigner", { ...STORY, ...fields, formToken: formToken as string, _csrf: csrf });
    return { person, send, formToken: formToken as string };
  }

  it("answers a sent contribution with a redirect whose address and cookies never carry the receipt, then shows it once", async () => {
    const { person, send } = await formOnScreen();
    const sent = await send({ title: "Redirigé" });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/temoigner/recu");
    const page = await person.getText("/temoigner/recu");
    expect(page.status).toBe(200);
    expect(page.res.headers.get("cache-control")).toBe("no-store");
    const receipt = RECEIPT_PATTERN.exec(page.html)?.[1] as string;
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    // Sealed: neither the cookie set by the redirect nor any address holds the receipt, in any spelling.
    const setCookies = sent.headers.getSetCookie().join("\n");
    for (const spelling of [receipt, receipt.replace(/-/g, ""), encodeURIComponent(receipt)]) {
      expect(setCookies).not.toContain(spelling);
      expect(person.cookieHeader()).not.toContain(spelling);
      expect(t.logs.join("")).not.toContain(spelling);
    }
    // Shown once: a reload says it was shown, and shows no receipt.
    const reload = await person.getText("/temoigner/recu");
    expect(reload.status).toBe(200);
    expect(reload.html).toContain(ALREADY_SHOWN);
    expect(RECEIPT_PATTERN.test(reload.html)).toBe(false);
  });

  it("never makes a second contribution from the same form: Back and resubmit, a reload, or a double click", async () => {
    const { person, send } = await formOnScreen();
    expect((await send({ title: "Une seule fois" })).status).toBe(303);
    const first = RECEIPT_PATTERN.exec((await person.getText("/temoigner/recu")).html)?.[1];
    expect(first).toBeTruthy();
    // Back, then "Confirm Form Resubmission": the same form, the same token.
    const again = await send({ title: "Une seule fois" });
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/temoigner/recu");
    const shown = await person.getText("/temoigner/recu");
    expect(shown.html).toContain(ALREADY_SHOWN);
    expect(RECEIPT_PATTERN.test(shown.html)).toBe(false);
    // Back, change a word, send again: still the form that was sent.
    expect((await send({ title: "Une seule fois", body: "Un autre texte." })).status).toBe(303);
    expect(await rowsTitled("Une seule fois")).toBe(1);
  });

  it("makes one contribution from a double click, and the browser still gets a receipt that opens it", async () => {
    const { person, send } = await formOnScreen();
    const [a, b] = await Promise.all([send({ title: "Double clic" }), send({ title: "Double clic" })]);
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(await rowsTitled("Double clic")).toBe(1);
    const receipt = RECEIPT_PATTERN.exec((await person.getText("/temoigner/recu")).html)?.[1] as string;
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    const reader = personAt(t.url);
    expect((await reader.submit("/suivi", "/suivi", { receipt })).status).toBe(303);
    expect((await reader.getText("/suivi/contribution")).html).toContain("Double clic");
  });

  it("never shows a receipt twice, even to a second sending of its form", async () => {
    const person = personAt(t.url);
    const html = (await person.getText("/temoigner")).html;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const fields = { ...STORY, title: "Montré une fois", ...formTokenOf(html), _csrf: csrf };
    // A copy of the browser (another tab) sends the form and is shown the receipt.
    const tab = personAt(t.url);
    tab.useCookiesOf(person);
    expect((await tab.post("/temoigner", fields)).status).toBe(303);
    expect(RECEIPT_PATTERN.test((await tab.getText("/temoigner/recu")).html)).toBe(true);
    // The same form sent again afterwards: the clear message, never the receipt nor a new row.
    expect((await person.post("/temoigner", fields)).status).toBe(303);
    const page = await person.getText("/temoigner/recu");
    expect(page.html).toContain(ALREADY_SHOWN);
    expect(RECEIPT_PATTERN.test(page.html)).toBe(false);
    expect(await rowsTitled("Montré une fois")).toBe(1);
  });

  it("gives the receipt to the second sending when the first answer never reached the browser", async () => {
    const person = personAt(t.url);
    const html = (await person.getText("/temoigner")).html;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const fields = { ...STORY, title: "Premier envoi perdu", ...formTokenOf(html), _csrf: csrf };
    const lost = personAt(t.url);
    lost.useCookiesOf(person);
    expect((await lost.post("/temoigner", fields)).status).toBe(303);
    // The browser never saw that answer; the person presses the button again.
    const second = await person.follow(await person.post("/temoigner", fields));
    const html2 = await second.text();
    const receipt = RECEIPT_PATTERN.exec(html2)?.[1] as string;
    expect(receipt).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(await rowsTitled("Premier envoi perdu")).toBe(1);
    // That receipt opens that contribution.
    const reader = personAt(t.url);
    expect((await reader.submit("/suivi", "/suivi", { receipt })).status).toBe(303);
    expect((await reader.getText("/suivi/contribution")).html).toContain("Premier envoi perdu");
  });

  it("refuses a form without its one-time token, keeps what was typed, and stores nothing", async () => {
    const person = personAt(t.url);
    const html = (await person.getText("/temoigner")).html;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    for (const formToken of [undefined, "", "court", "x".repeat(200), "../../etc/passwd-aaaaaaa"]) {
      const res = await person.post("/temoigner", { ...STORY, title: "Sans jeton", ...(formToken === undefined ? {} : { formToken }), _csrf: csrf });
      expect(res.status, String(formToken)).toBe(422);
      const page = await res.text();
      expect(page).toContain("Ce formulaire n&#39;est plus valable".replace("&#39;", "'"));
      expect(page).toContain(STORY.body);
      // A new token to send it with.
      expect(formTokenOf(page).formToken).toMatch(/^[\w-]{22}$/);
    }
    expect(await rowsTitled("Sans jeton")).toBe(0);
  });

  it("opens the follow-up without typing the receipt, from the browser that sent it only", async () => {
    const { person, send } = await formOnScreen();
    await send({ title: "Suivi sans retaper" });
    const followUp = await person.getText("/suivi/contribution");
    expect(followUp.status).toBe(200);
    expect(followUp.html).toContain("Suivi sans retaper");
    expect((await personAt(t.url).get("/suivi/contribution")).headers.get("location")).toBe("/suivi");
    // The form tells a browser that has just sent a contribution where it is.
    const form = await person.getText("/temoigner");
    expect(form.html).toContain("Une contribution est ouverte sur cet appareil");
    expect(form.html).toContain('href="/suivi/contribution"');
  });

  it("lets its author download the receipt as a text file, from a form: nothing in the address, nothing in the logs", async () => {
    const { person, send } = await formOnScreen();
    await send({ title: "Reçu à télécharger" });
    const page = (await person.getText("/temoigner/recu")).html;
    const receipt = RECEIPT_PATTERN.exec(page)?.[1] as string;
    expect(page).toMatch(/<form method="post" action="\/temoigner\/recu\.txt"/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] as string;
    const file = await person.post("/temoigner/recu.txt", { receipt, _csrf: csrf });
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="recu-entre-pairs.txt"');
    expect(file.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(file.headers.get("cache-control")).toBe("no-store");
    const text = await file.text();
    expect(text).toContain(receipt);
    expect(text).toContain("http://127.0.0.1:3000/suivi");
    expect(t.logs.join("")).not.toContain(receipt);
    // Something that is not a receipt is refused, never written into a file.
    const forged = await person.post("/temoigner/recu.txt", { receipt: "<script>alert(1)</script>", _csrf: csrf });
    expect(forged.status).toBe(400);
    expect(await forged.text()).not.toContain("<script>alert(1)</script>");
  });

  it("offers copy and print with JavaScript, a print stylesheet without, and asks to confirm the receipt is kept before the follow-up", async () => {
    const { person, send } = await formOnScreen();
    await send({ title: "Reçu gardé" });
    const page = (await person.getText("/temoigner/recu")).html;
    const receipt = RECEIPT_PATTERN.exec(page)?.[1] as string;
    expect(page).toMatch(/<button type="button" class="secondary" hidden data-copy-receipt/);
    expect(page).toMatch(/<button type="button" class="secondary" hidden data-print/);
    expect(page).toContain("/assets/receipt.js");
    expect((await person.getText("/assets/site.css")).html).toMatch(/@media print \{[^}]*\.site-header/);
    // No "Suivre ma contribution" button that skips the question any more.
    expect(page).not.toMatch(/<a class="button" href="\/suivi"/);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] as string;
    const unticked = await person.post("/temoigner/recu", { receipt, _csrf: csrf });
    expect(unticked.status).toBe(422);
    const again = await unticked.text();
    expect(again).toContain("Cochez cette case quand vous avez gardé votre reçu");
    // The receipt is still on the page she has to keep it from.
    expect(RECEIPT_PATTERN.exec(again)?.[1]).toBe(receipt);
    const ticked = await person.post("/temoigner/recu", { receipt, kept: "1", _csrf: csrf });
    expect(ticked.status).toBe(303);
    expect(ticked.headers.get("location")).toBe("/suivi/contribution");
    expect((await person.getText("/suivi/contribution")).html).toContain("Reçu gardé");
  });

  it("shows nothing from a receipt cookie that was altered, copied from elsewhere or too old", async () => {
    const { person, send } = await formOnScreen();
    await send({ title: "Cookie scellé" });
    const sealed = /ep_recu=([^;]+)/.exec(person.cookieHeader())?.[1] as string;
    const flip = (s: string) => `${s.slice(0, 30)}${s[30] === "A" ? "B" : "A"}${s.slice(31)}`;
    for (const value of [flip(sealed), "A".repeat(80), "%%%", "x".repeat(5000)]) {
      const page = await person.get("/temoigner/recu", { cookie: `ep_recu=${value}` });
      expect(page.status, value.slice(0, 20)).toBe(200);
      const html = await page.text();
      expect(html).toContain(ALREADY_SHOWN);
      expect(RECEIPT_PATTERN.test(html)).toBe(false);
    }
    clock.advance(11);
    const late = await person.getText("/temoigner/recu");
    expect(late.html).toContain(ALREADY_SHOWN);
    expect(RECEIPT_PATTERN.test(late.html)).toBe(false);
  });

  it("saves a draft without the consent box, and still needs it to send", async () => {
    const { person, send } = await formOnScreen();
    const saved = await send({ title: "Brouillon sans accord", consent: [], action: "draft" });
    expect(saved.status).toBe(303);
    expect((await person.getText("/temoigner/recu")).html).toContain("Votre brouillon est enregistré");
    const row = await t.deps.db.selectFrom("submissions").select(["id", "state"]).where("title", "=", "Brouillon sans accord").executeTakeFirstOrThrow();
    expect(row.state).toBe("draft");
    expect(await t.deps.db.selectFrom("consent_events").select("id").where("submission_id", "=", row.id).executeTakeFirst()).toBeUndefined();
    const other = await formOnScreen();
    const refused = await other.send({ title: "Envoi sans accord", consent: [] });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Cochez cette case pour envoyer");
    expect(await rowsTitled("Envoi sans accord")).toBe(0);
  });
});
