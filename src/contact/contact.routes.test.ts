import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { frenchLines } from "../../test/support/french-words.js";
import { lastJobId, queuedMail } from "../../test/support/mail-queue.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

describe.each(DIALECTS)("the contact form on %s", (dialect) => {
  let t: TestApp;
  const clock = manualClock("2026-11-25T10:00:00.000Z");

  beforeAll(async () => {
    t = await startTestApp({ dialect, clock });
  });
  afterAll(() => t.close());

  async function fill(fields: Record<string, string>, secondsSpent: number) {
    const person = new Browser(t.url);
    const { html } = await person.getText("/contact");
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] as string;
    const stamp = /name="stamp" value="([^"]+)"/.exec(html)?.[1] as string;
    clock.advance(secondsSpent / 60);
    return person.post("/contact", { _csrf: token, stamp, site: "", ...fields });
  }

  const count = async () => Number((await t.deps.db.selectFrom("contact_messages").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

  it("takes a message from a person and lets the editors read it, with no address kept but the one typed", async () => {
    const res = await fill({ subject: "Une idée de thème", body: "Et si vous parliez du sommeil ?", replyTo: "" }, 30);
    expect(res.status).toBe(303);
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const inbox = await editor.getText("/admin/messages");
    expect(inbox.html).toContain("Une idée de thème");
    expect(inbox.html).toContain("pas d&#39;adresse pour répondre".replace("&#39;", "'"));
  });

  it("tells each editor a message arrived in their own interface language, never with the message", async () => {
    const english = new Browser(t.url);
    const englishEmail = await createAccount(t, "editor");
    await english.signInDirectly(t, englishEmail);
    await english.get("/langue/en?retour=/admin");
    const frenchEmail = await createAccount(t, "editor");
    const before = await lastJobId(t.deps.db);
    expect((await fill({ subject: "Un mot pour l'équipe", body: "Merci pour le dernier épisode.", replyTo: "" }, 30)).status).toBe(303);
    const mails = await queuedMail(t.deps.db, { afterId: before });
    const toEnglish = mails.filter((m) => m.recipient === englishEmail);
    expect(toEnglish.map((m) => [m.subject, m.body])).toEqual([["Entre Pairs: new message through the contact form", "A message is waiting at http://127.0.0.1:3000/admin/messages."]]);
    expect(frenchLines(`${toEnglish[0]?.subject}\n${toEnglish[0]?.body}`)).toEqual([]);
    expect(mails.filter((m) => m.recipient === frenchEmail).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: nouveau message par le formulaire de contact"]);
    for (const m of mails) expect(`${m.subject}\n${m.body}`).not.toContain("dernier épisode");
  });

  it("shows the editors' inbox in English to an editor whose browser asks for it, the messages as written", async () => {
    expect((await fill({ subject: "Une question", body: "Comment proposer un thème ?", replyTo: "" }, 30)).status).toBe(303);
    const editor = new Browser(t.url, { "accept-language": "en-GB,en;q=0.9" });
    await editor.signInDirectly(t, await createAccount(t, "editor"));
    const inbox = (await editor.getText("/admin/messages")).html;
    expect(inbox).toContain("<h1>Messages received</h1>");
    expect(inbox).toContain("no reply address");
    expect(inbox).toMatch(/\d{1,2} November 2026 at \d{2}:\d{2}/);
    expect(inbox).toContain("Une question");
    expect(inbox).not.toContain("Messages reçus");
  });

  it("turns away robots: a filled honeypot, a form sent in under three seconds, a forged stamp", async () => {
    const before = await count();
    const robot = await fill({ subject: "Promo", body: "Achetez", replyTo: "", site: "https://spam.example" }, 30);
    expect(robot.status).toBe(422);
    const fast = await fill({ subject: "Vite", body: "Trop vite", replyTo: "" }, 1);
    expect(fast.status).toBe(422);
    expect(await fast.text()).toContain("Votre message est parti très vite");
    const forged = await fill({ subject: "Faux", body: "Tampon", replyTo: "", stamp: "1.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }, 30);
    expect(forged.status).toBe(422);
    expect(await count()).toBe(before);
  });

  it("erases messages a year after they arrived", async () => {
    await fill({ subject: "Message ancien", body: "Il sera effacé.", replyTo: "" }, 30);
    clock.advance(366 * 24 * 60);
    await t.app.runScheduledTasks();
    expect(await t.deps.db.selectFrom("contact_messages").select("id").where("subject", "=", "Message ancien").executeTakeFirst()).toBeUndefined();
  });

  it("re-displays a rejected message with what was typed and French messages", async () => {
    const res = await fill({ subject: "", body: "Mon message reste là.", replyTo: "pas une adresse" }, 30);
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain("Indiquez un sujet.");
    expect(html).toContain("Indiquez une adresse valide");
    expect(html).toContain("Mon message reste là.");
  });
});
