import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { frenchLines } from "../../test/support/french-words.js";
import { queuedMail } from "../../test/support/mail-queue.js";
import { mailText, startSmtpCatcher } from "../../test/support/smtp.js";
import { Browser, startTestApp, type TestApp } from "../../test/support/test-app.js";

describe.each(DIALECTS)("subscribing to the newsletter on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const clock = manualClock("2026-12-01T09:00:00.000Z");
  let n = 0;
  const newAddress = () => `lectrice-${dialect}-${++n}@exemple.fr`;

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, clock, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const subscribe = (email: string, field = "email", action = "/lettre") => new Browser(t.url).submit("/lettre", action, { [field]: email });
  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to.includes(email)).map((m) => mailText(m.raw));
  const linkIn = (text: string, path: string) => {
    const found = new RegExp(`http://127\\.0\\.0\\.1:3000(${path}\\?jeton=[A-Za-z0-9_-]{43})`).exec(text)?.[1];
    if (!found) throw new Error(`pas de lien ${path} dans le courriel`);
    return found;
  };
  const subscriberRow = (email: string) => t.deps.db.selectFrom("newsletter_subscribers").selectAll().where("email", "=", email).executeTakeFirst();
  async function deliver(email: string, count: number): Promise<string[]> {
    await t.app.runScheduledTasks();
    await expect.poll(() => mailsTo(email).length, { timeout: 10_000 }).toBe(count);
    return mailsTo(email);
  }
  async function confirmedSubscriber(): Promise<{ email: string; token: string }> {
    const email = newAddress();
    await subscribe(email);
    const [mail] = await deliver(email, 1);
    const confirm = linkIn(mail as string, "/lettre/confirmer");
    const person = new Browser(t.url);
    const page = await person.getText(confirm);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] as string;
    expect((await person.post(confirm, { _csrf: csrf })).status).toBe(200);
    return { email, token: confirm.split("jeton=")[1] as string };
  }

  it("asks for a confirmation by mail through the outbox, and only the button on the link's page confirms", async () => {
    const email = newAddress();
    const res = await subscribe(email);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/lettre?envoye=1");
    // Nothing left while the person waited: the mail is in the outbox.
    expect(mailsTo(email)).toEqual([]);
    const [mail] = await deliver(email, 1);
    const confirm = linkIn(mail as string, "/lettre/confirmer");
    const person = new Browser(t.url);
    const page = await person.getText(confirm);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Confirmer mon inscription");
    expect((await subscriberRow(email))?.confirmed_at).toBeNull();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] as string;
    const done = await person.post(confirm, { _csrf: csrf });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("vous recevrez la prochaine lettre");
    const row = await subscriberRow(email);
    expect(row?.confirmed_at).toBe(clock.now().toISOString());
    // The address, the date of consent, the link's token, the last request and the language of its mails: nothing else.
    expect(Object.keys(row ?? {}).sort()).toEqual(["confirmed_at", "email", "id", "locale", "requested_at", "token"]);
  });

  it("writes in English to an address given on the English /lettre, even when it is asked for again from a French page", async () => {
    const email = newAddress();
    const reader = new Browser(t.url, { "accept-language": "en" });
    expect((await reader.submit("/lettre", "/lettre", { email })).status).toBe(303);
    const [confirmation] = await queuedMail(t.deps.db, { to: email });
    expect(confirmation?.subject).toBe("Entre Pairs: confirm your subscription to the newsletter");
    expect(frenchLines(`${confirmation?.subject}\n${confirmation?.body}`)).toEqual([]);
    const [mail] = await deliver(email, 1);
    expect(mail).toContain("To receive it, confirm within 48 hours:");
    const confirm = linkIn(mail as string, "/lettre/confirmer");
    const page = await reader.getText(confirm);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] as string;
    expect((await reader.post(confirm, { _csrf: csrf })).status).toBe(200);

    clock.advance(11);
    await subscribe(email);
    const [access] = await queuedMail(t.deps.db, { to: email });
    expect(access?.subject).toBe("Entre Pairs: your newsletter subscription");
    expect(access?.body).toContain("Unsubscribe and erase your address: http://127.0.0.1:3000/lettre/desinscription?jeton=");
    expect(frenchLines(`${access?.subject}\n${access?.body}`)).toEqual([]);
    const [, links] = await deliver(email, 2);
    // What is kept says so, in the page's language.
    const data = await new Browser(t.url).getText(linkIn(links as string, "/lettre/donnees"));
    expect(data.html).toMatch(/<dt>Langue de nos courriels<\/dt>\s*<dd>anglais<\/dd>/);
  });

  it("answers the same for an unknown, a waiting and a confirmed address", async () => {
    const confirmed = await confirmedSubscriber();
    const waiting = newAddress();
    await subscribe(waiting);
    clock.advance(11);
    const answers = [];
    for (const email of [newAddress(), waiting, confirmed.email]) {
      const person = new Browser(t.url);
      const res = await person.submit("/lettre", "/lettre", { email });
      const page = await person.getText(res.headers.get("location") as string);
      answers.push({ status: res.status, location: res.headers.get("location"), page: page.html.replace(/name="_csrf" value="[^"]+"/g, "") });
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    // The waiting address gets its link again; the confirmed one its own links, never a second subscription.
    await t.app.runScheduledTasks();
    await expect.poll(() => mailsTo(waiting).length, { timeout: 10_000 }).toBe(2);
    await expect.poll(() => mailsTo(confirmed.email).length, { timeout: 10_000 }).toBe(2);
    expect(mailsTo(confirmed.email)[1]).toContain(`/lettre/desinscription?jeton=${confirmed.token}`);
    expect(await t.deps.db.selectFrom("newsletter_subscribers").select("id").where("email", "=", confirmed.email).execute()).toHaveLength(1);
  });

  it("sends no second mail to an address asked for again within minutes", async () => {
    const email = newAddress();
    await subscribe(email);
    await subscribe(email);
    await deliver(email, 1);
    await subscribe(email.toUpperCase());
    await t.app.runScheduledTasks();
    expect(mailsTo(email)).toHaveLength(1);
  });

  it("unsubscribes in one click with the RFC 8058 post, urlencoded or multipart, without cookie or CSRF token, and erases the address", async () => {
    for (const multipart of [false, true]) {
      const { email, token } = await confirmedSubscriber();
      const body = multipart ? (() => { const f = new FormData(); f.append("List-Unsubscribe", "One-Click"); return f; })() : new URLSearchParams({ "List-Unsubscribe": "One-Click" });
      const res = await fetch(`${t.url}/lettre/desinscription?jeton=${token}`, { method: "POST", body, redirect: "manual" });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("ne reçoit plus la lettre");
      expect(await subscriberRow(email)).toBeUndefined();
    }
  });

  it("unsubscribes from the mail's link with one button, and forgets mail still waiting for the address", async () => {
    const { email, token } = await confirmedSubscriber();
    const person = new Browser(t.url);
    await person.submit("/lettre", "/lettre/liens", { accessEmail: email });
    clock.advance(11);
    await person.submit("/lettre", "/lettre/liens", { accessEmail: email });
    expect(await queuedMail(t.deps.db, { to: email })).toHaveLength(1);
    const page = await person.getText(`/lettre/desinscription?jeton=${token}`);
    expect(page.html).toContain("Me désinscrire et effacer mon adresse");
    // Opening the link erased nothing: a mail scanner may open it.
    expect(await subscriberRow(email)).toBeDefined();
    const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1]?.replace(/&amp;/g, "&") as string;
    expect((await person.post(action, { "List-Unsubscribe": "One-Click" })).status).toBe(200);
    expect(await subscriberRow(email)).toBeUndefined();
    expect(await queuedMail(t.deps.db, { to: email })).toEqual([]);
    // The same link again, or a token nobody holds: the same calm page.
    expect((await person.post(action, {})).status).toBe(200);
    expect((await fetch(`${t.url}/lettre/desinscription?jeton=${"x".repeat(43)}`, { method: "POST" })).status).toBe(200);
  });

  it("shows subscribers what is kept about them, from a link mailed on request, and the same answer for any address", async () => {
    const { email } = await confirmedSubscriber();
    clock.advance(11);
    const known = await subscribe(email, "accessEmail", "/lettre/liens");
    const unknown = await subscribe(newAddress(), "accessEmail", "/lettre/liens");
    expect([known.status, known.headers.get("location")]).toEqual([unknown.status, unknown.headers.get("location")]);
    const mails = await deliver(email, 2);
    const dataLink = linkIn(mails[1] as string, "/lettre/donnees");
    const page = await new Browser(t.url).getText(dataLink);
    expect(page.status).toBe(200);
    expect(page.html).toContain(email);
    expect(page.html).toContain("Date de votre accord");
    expect((await new Browser(t.url).getText(`/lettre/donnees?jeton=${"y".repeat(43)}`)).status).toBe(404);
  });

  it("erases an address never confirmed after 48 hours, and its link then says it has expired", async () => {
    const email = newAddress();
    await subscribe(email);
    const [mail] = await deliver(email, 1);
    const confirm = linkIn(mail as string, "/lettre/confirmer");
    clock.advance(47 * 60);
    await t.app.runScheduledTasks();
    expect(await subscriberRow(email)).toBeDefined();
    clock.advance(61);
    await t.app.runScheduledTasks();
    expect(await subscriberRow(email)).toBeUndefined();
    const page = await new Browser(t.url).getText(confirm);
    expect(page.status).toBe(410);
    expect(page.html).toContain("n'est plus valable");
  });

  it("re-displays a wrong address with what was typed and a French message, and stores nothing", async () => {
    const before = await t.deps.db.selectFrom("newsletter_subscribers").select("id").execute();
    const res = await subscribe("pas-une-adresse");
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Indiquez une adresse valide");
    expect(html).toContain('value="pas-une-adresse"');
    expect(await t.deps.db.selectFrom("newsletter_subscribers").select("id").execute()).toEqual(before);
  });
});
