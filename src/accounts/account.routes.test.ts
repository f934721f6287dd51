import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { frenchLines } from "../../test/support/french-words.js";
import { queuedMail } from "../../test/support/mail-queue.js";
import { mailText, startSmtpCatcher } from "../../test/support/smtp.js";
import { Browser, createAccount, startTestApp, TEST_PASSWORD, type TestApp } from "../../test/support/test-app.js";
import { createSetupLinkIfNeeded } from "./account.service.js";

const NEW_PASSWORD = "encore une autre phrase secrète";

describe.each(DIALECTS)("accounts on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, smtpUrl: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const accountDeps = () => ({ db: t.deps.db, clock: t.deps.clock, baseUrl: t.url });

  it("creates the first administrator through a one-time setup link, with no default password", async () => {
    const link = (await createSetupLinkIfNeeded(accountDeps())) as string;
    expect(link).toMatch(/\/admin\/installation\/[\w-]{43}$/);
    const path = new URL(link).pathname;
    const browser = new Browser(t.url);
    const weak = await browser.submit(path, path, { email: "admin@exemple.fr", displayName: "Camille", password: "court", confirmation: "court" });
    expect(weak.status).toBe(422);
    const weakHtml = await weak.text();
    expect(weakHtml).toContain("Choisissez au moins 12 caractères");
    expect(weakHtml).toContain('value="admin@exemple.fr"');
    const ok = await browser.submit(path, path, { email: "admin@exemple.fr", displayName: "Camille", password: TEST_PASSWORD, confirmation: TEST_PASSWORD });
    expect(ok.status).toBe(303);
    expect((await browser.get(path)).status).toBe(410);
    expect(await createSetupLinkIfNeeded(accountDeps())).toBeNull();
    await new Browser(t.url).signIn("admin@exemple.fr");
  });

  it("refuses a wrong password with a clear message and keeps the address typed", async () => {
    const email = await createAccount(t, "editor");
    const browser = new Browser(t.url);
    const res = await browser.submit("/admin/connexion", "/admin/connexion", { email, password: "mauvais mot de passe" });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain("Adresse ou mot de passe incorrect.");
    expect(html).toContain(`value="${email}"`);
    expect(html).not.toContain("mauvais mot de passe");
  });

  it("refuses in English, with English labels and field errors, an editor whose browser asks for English", async () => {
    const email = await createAccount(t, "editor");
    const browser = new Browser(t.url, { "accept-language": "en-GB,en;q=0.9" });
    const res = await browser.submit("/admin/connexion", "/admin/connexion", { email, password: "wrong password" });
    const html = await res.text();
    expect(res.status).toBe(422);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Sign in to the back office");
    expect(html).toContain("Wrong address or password.");
    expect(html).toContain("There is a problem");
    const empty = await (await browser.submit("/admin/connexion", "/admin/connexion", { email: "", password: "" })).text();
    expect(empty).toContain("Enter your email address.");
    expect(empty).toContain("Enter your password.");
    expect(empty).not.toContain("Indiquez");
  });

  it("sets a session cookie that scripts cannot read and other sites cannot send", async () => {
    const email = await createAccount(t, "author");
    const res = await new Browser(t.url).signIn(email);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("ep_session=")) ?? "";
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).not.toContain("Secure");
    expect(/ep_session=([^;]+)/.exec(cookie)?.[1]?.length).toBeGreaterThanOrEqual(43);
  });

  it("logs out, and logs out everywhere", async () => {
    const email = await createAccount(t, "author");
    const laptop = new Browser(t.url);
    const phone = new Browser(t.url);
    await laptop.signIn(email);
    await phone.signIn(email);
    expect((await laptop.get("/admin")).status).toBe(200);
    const out = await laptop.submit("/admin/compte", "/admin/deconnexion-partout", {});
    expect(out.headers.get("location")).toBe("/admin/connexion?info=partout");
    expect((await laptop.get("/admin")).status).toBe(303);
    expect((await phone.get("/admin")).status).toBe(303);
  });

  it("resets a forgotten password through a link sent by e-mail over SMTP, once", async () => {
    const email = await createAccount(t, "editor");
    const browser = new Browser(t.url);
    const sent = smtp.mails.length;
    const res = await browser.submit("/admin/mot-de-passe-oublie", "/admin/mot-de-passe-oublie", { email });
    expect(await res.text()).toContain("Si un compte actif correspond à cette adresse");
    // Queued with its token once the answer is sent, never sent while the person waits: the outbox delivers it.
    await expect.poll(async () => (await queuedMail(t.deps.db)).at(-1)?.recipient ?? null).toBe(email);
    expect(smtp.mails.length).toBe(sent);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.length).toBe(sent + 1);
    const mail = smtp.mails.at(-1);
    expect(mail?.to).toEqual([email]);
    const link = /\/admin\/reinitialiser\/[\w-]{43}/.exec(mailText(mail?.raw ?? ""))?.[0] as string;
    expect(link).toBeTruthy();
    const mismatch = await browser.submit(link, link, { password: NEW_PASSWORD, confirmation: "autre chose" });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain("Les deux mots de passe ne sont pas identiques.");
    const done = await browser.submit(link, link, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD });
    expect(done.status).toBe(303);
    expect((await browser.get(link)).status).toBe(410);
    await expect(new Browser(t.url).signIn(email)).rejects.toThrow();
    await new Browser(t.url).signIn(email, NEW_PASSWORD);
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const sent = smtp.mails.length;
    const queued = await queuedMail(t.deps.db);
    const res = await new Browser(t.url).submit("/admin/mot-de-passe-oublie", "/admin/mot-de-passe-oublie", { email: "personne@exemple.fr" });
    expect(await res.text()).toContain("Si un compte actif correspond à cette adresse");
    await t.app.runScheduledTasks();
    expect(smtp.mails.length).toBe(sent);
    expect(await queuedMail(t.deps.db)).toEqual(queued);
  });

  it("lets an administrator invite a person, who chooses a password from the e-mailed link", async () => {
    const admin = new Browser(t.url);
    await admin.signInDirectly(t, await createAccount(t, "admin"));
    const sent = smtp.mails.length;
    const res = await admin.submit("/admin/utilisateurs", "/admin/utilisateurs", { email: "nouvelle@exemple.fr", displayName: "Nouvelle", role: "author" });
    expect(res.status).toBe(303);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.length).toBe(sent + 1);
    const link = /\/admin\/reinitialiser\/[\w-]{43}/.exec(mailText(smtp.mails.at(-1)?.raw ?? ""))?.[0] as string;
    const invited = new Browser(t.url);
    expect((await invited.submit(link, link, { password: NEW_PASSWORD, confirmation: NEW_PASSWORD })).status).toBe(303);
    await invited.signIn("nouvelle@exemple.fr", NEW_PASSWORD);
    expect((await invited.get("/admin/utilisateurs")).status).toBe(403);
    const again = await admin.submit("/admin/utilisateurs", "/admin/utilisateurs", { email: "nouvelle@exemple.fr", displayName: "Doublon", role: "author" });
    expect(again.status).toBe(422);
    expect(await again.text()).toContain("Un compte existe déjà avec cette adresse.");
  });

  it("keeps the interface language chosen on the account page, and writes the reset link in it whatever the page it was asked from", async () => {
    const email = await createAccount(t, "editor");
    const editor = new Browser(t.url);
    await editor.signInDirectly(t, email);
    const page = await editor.getText("/admin/compte");
    expect(page.html).toContain("Langue de l'interface");
    expect(page.html).toMatch(/<option value="fr" selected[^>]*>Français<\/option>/);
    const wrong = await editor.submit("/admin/compte", "/admin/compte/langue", { locale: "de" });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain("Choisissez une langue dans la liste.");
    const saved = await editor.submit("/admin/compte", "/admin/compte/langue", { locale: "en" });
    expect(saved.status).toBe(303);
    // The interface follows at once.
    const english = await editor.getText("/admin/compte?ok=langue");
    expect(english.html).toContain('<html lang="en">');
    expect(english.html).toContain("Interface language");
    expect(english.html).toContain("Language saved.");

    await new Browser(t.url).submit("/admin/mot-de-passe-oublie", "/admin/mot-de-passe-oublie", { email });
    // Queued once the answer is sent.
    await expect.poll(async () => (await queuedMail(t.deps.db, { to: email })).length).toBe(1);
    const [mail] = await queuedMail(t.deps.db, { to: email });
    expect(mail?.subject).toBe("Entre Pairs: choose a new password");
    expect(frenchLines(`${mail?.subject}\n${mail?.body}`)).toEqual([]);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(email)).length).toBe(1);
    const text = mailText(smtp.mails.find((m) => m.to.includes(email))?.raw ?? "");
    expect(text).toContain("This link works for 60 minutes, and only once:");
    expect(text).not.toContain("Bonjour");
  });

  it("invites in the inviting administrator's language, unless the invitation form chooses another", async () => {
    const admin = new Browser(t.url);
    await admin.signInDirectly(t, await createAccount(t, "admin"));
    // The switch in the frame, used signed in, is the account's choice too.
    expect((await admin.get("/langue/en?retour=/admin/utilisateurs")).status).toBe(303);
    const form = await admin.getText("/admin/utilisateurs");
    expect(form.html).toContain("Interface language");
    expect(form.html).toMatch(/<option value="en" selected[^>]*>English<\/option>/);
    const inEnglish = "invited-in-english@exemple.fr";
    expect((await admin.submit("/admin/utilisateurs", "/admin/utilisateurs", { email: inEnglish, displayName: "Robin", role: "author" })).status).toBe(303);
    const inFrench = "invitee-en-francais@exemple.fr";
    expect((await admin.submit("/admin/utilisateurs", "/admin/utilisateurs", { email: inFrench, displayName: "Dominique", role: "editor", locale: "fr" })).status).toBe(303);
    const [english] = await queuedMail(t.deps.db, { to: inEnglish });
    expect(english?.subject).toBe("Entre Pairs: your account in the editorial back office");
    expect(english?.body).toContain("Hello Robin,\n\nAn account has just been created for you in the Entre Pairs editorial back office.");
    expect(frenchLines(`${english?.subject}\n${english?.body}`)).toEqual([]);
    const [french] = await queuedMail(t.deps.db, { to: inFrench });
    expect(french?.subject).toBe("Entre Pairs\u202f: votre compte dans l'espace éditorial");
    expect(french?.body).toContain("Un compte vient d'être créé pour vous dans l'espace éditorial d'Entre Pairs.");
    await t.app.runScheduledTasks();
  });

  it("always keeps one active administrator", async () => {
    const admins = await t.deps.db.selectFrom("users").select("id").where("role", "=", "admin").execute();
    for (const a of admins.slice(1)) await t.deps.db.updateTable("users").set({ is_disabled: 1 }).where("id", "=", a.id).execute();
    const last = admins[0]?.id as number;
    const other = new Browser(t.url);
    await other.signInDirectly(t, (await t.deps.db.selectFrom("users").select("email").where("id", "=", last).executeTakeFirstOrThrow()).email);
    const res = await other.submit(`/admin/utilisateurs/${last}`, `/admin/utilisateurs/${last}`, { displayName: "Camille", role: "editor" });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Il faut garder au moins un administrateur actif.");
    other.headers["accept-language"] = "en";
    const inEnglish = await other.submit(`/admin/utilisateurs/${last}`, `/admin/utilisateurs/${last}`, { displayName: "Camille", role: "editor" });
    const html = await inEnglish.text();
    expect(html).toContain("At least one active administrator must remain.");
    expect(html).toContain("Administrator (users and settings)");
  });

  it("writes no client address, user agent or query string in its logs", async () => {
    const canaryAgent = "CanaryAgent/9.9 canary-ua-7f3e";
    const canaryIp = "203.0.113.77";
    await fetch(`${t.url}/temoignages?jeton=canary-query-5d1c`, { headers: { "user-agent": canaryAgent, "x-forwarded-for": canaryIp } });
    await fetch(`${t.url}/admin/connexion`, { method: "POST", headers: { "user-agent": canaryAgent, "x-forwarded-for": canaryIp, "content-type": "application/x-www-form-urlencoded" }, body: "email=x" });
    const logs = t.logs.join("");
    expect(logs).toContain('"path":"/temoignages"');
    for (const needle of [canaryAgent, canaryIp, "canary-query-5d1c", "remoteAddress", "user-agent"]) expect(logs).not.toContain(needle);
  });
});

describe("accounts behind HTTPS", () => {
  it("names every cookie __Host- and marks it Secure when the site is served over HTTPS, so no other origin can plant one", async () => {
    const t = await startTestApp({ dialect: "sqlite", env: { BASE_URL: "https://entrepairs.example" } });
    try {
      const email = await createAccount(t, "author");
      const browser = new Browser(t.url);
      const res = await browser.signIn(email);
      const cookies = [...res.headers.getSetCookie(), ...(await browser.get("/langue/en")).headers.getSetCookie()];
      expect(cookies.map((c) => c.split("=")[0]).sort()).toEqual(["__Host-ep_appareil", "__Host-ep_lang", "__Host-ep_session"]);
      for (const cookie of cookies) {
        expect(cookie).toContain("Secure");
        expect(cookie).toContain("Path=/");
        expect(cookie).not.toMatch(/Domain=/i);
      }
      const page = await fetch(`${t.url}/`);
      expect(page.headers.get("strict-transport-security")).toContain("max-age=");
    } finally {
      await t.close();
    }
  });
});
