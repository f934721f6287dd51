import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DIALECTS } from "../../test/support/databases.js";
import { lastJobId, queuedMail } from "../../test/support/mail-queue.js";
import { approvePendingVersion, contribute, openFollowUp, prepareAndSendForApproval, submissionIdByTitle } from "../../test/support/participation.js";
import { mailText, startSmtpCatcher } from "../../test/support/smtp.js";
import { visibleText } from "../../test/support/raw-codes.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { storiesAllowedOnChannel } from "../submissions/follow-up/approval.service.js";

describe.each(DIALECTS)("composing and sending the newsletter on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let editor: Browser;
  let editorEmail: string;
  const readers = [1, 2, 3].map((i) => `lecteur-${i}-${dialect}@exemple.fr`);

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, demo: true, smtpUrl: smtp.url });
    editorEmail = await createAccount(t, "editor");
    editor = new Browser(t.url);
    await editor.signInDirectly(t, editorEmail);
    const now = new Date().toISOString();
    for (const email of readers) {
      await t.deps.db.insertInto("newsletter_subscribers").values({ email, token: randomBytes(32).toString("base64url"), confirmed_at: now, requested_at: now }).execute();
    }
    // Waiting for confirmation: never mailed an issue.
    await t.deps.db.insertInto("newsletter_subscribers").values({ email: `en-attente-${dialect}@exemple.fr`, token: randomBytes(32).toString("base64url"), confirmed_at: null, requested_at: now }).execute();
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function settle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      await t.app.runScheduledTasks();
      // Mail is a job too: queued until sent, then gone.
      const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).execute();
      if (busy.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("l'envoi ne se termine pas");
  }

  it("composes an issue from released stories only, previews it as accessible HTML, sends a test, then sends it once to each confirmed subscriber", async () => {
    const released = await t.deps.db.selectFrom("published_stories").select(["story_id", "title", "slug"]).orderBy("story_id").limit(2).execute();
    const unreleased = await t.deps.db
      .selectFrom("stories")
      .select(["id", "title"])
      .where("id", "not in", (await t.deps.db.selectFrom("published_stories").select("story_id").execute()).map((r) => r.story_id).concat([0]))
      .executeTakeFirst();
    const page = await editor.getText("/admin/lettres");
    expect(page.status).toBe(200);
    for (const s of released) expect(page.html).toContain(`value="${s.story_id}"`);
    const storyIds = released.map((s) => String(s.story_id)).concat(unreleased ? [String(unreleased.id)] : []);
    const created = await editor.submit("/admin/lettres", "/admin/lettres", { subject: "La lettre de décembre", intro: "Bonjour à toutes et à tous, *bonne lecture*.", storyIds });
    expect(created.status).toBe(303);
    const issuePath = created.headers.get("location") as string;

    const preview = await editor.getText(`${issuePath}/apercu`);
    expect(preview.html).toContain('<html lang="fr">');
    expect(preview.html).toContain("<em>bonne lecture</em>");
    for (const s of released) expect(preview.html).toContain(`href="http://127.0.0.1:3000/temoignages/${s.slug}"`);
    if (unreleased) expect(preview.html).not.toContain(unreleased.title);
    expect(preview.html).not.toMatch(/<img/i);

    expect((await editor.submit(issuePath, `${issuePath}/essai`, {})).status).toBe(303);
    await settle();
    const test = smtp.mails.filter((m) => m.to.includes(editorEmail));
    expect(test).toHaveLength(1);
    expect(test[0]?.raw).toMatch(/^Subject: .*Essai/m);
    for (const reader of readers) expect(smtp.mails.filter((m) => m.to.includes(reader))).toEqual([]);

    expect((await editor.submit(issuePath, `${issuePath}/envoyer`, {})).status).toBe(303);
    await settle();
    // Pressed twice (a second tab): still one mail each.
    expect((await editor.submit(issuePath, `${issuePath}/envoyer`, {})).status).toBe(303);
    await settle();
    for (const reader of readers) {
      const mails = smtp.mails.filter((m) => m.to.includes(reader));
      expect(mails).toHaveLength(1);
      // Headers unfolded, as mail software reads them.
      const raw = (mails[0]?.raw ?? "").replace(/\r\n[ \t]+/g, " ");
      expect(raw).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:3000\/lettre\/desinscription\?jeton=[A-Za-z0-9_-]{43}>/m);
      expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      expect(raw).toMatch(/multipart\/alternative/);
      expect(raw).toMatch(/Content-Type: text\/plain/);
      expect(raw).toMatch(/Content-Type: text\/html/);
      expect(mailText(raw)).toContain(`/temoignages/${released[0]?.slug}`);
    }
    expect(smtp.mails.filter((m) => m.to.includes(`en-attente-${dialect}@exemple.fr`))).toEqual([]);
    const issueId = Number(issuePath.split("/").pop());
    expect(await t.deps.db.selectFrom("newsletter_deliveries").select("subscriber_id").where("issue_id", "=", issueId).execute()).toHaveLength(readers.length);
    expect((await editor.getText(issuePath)).html).toContain("envoyée");
  }, 120_000);

  it("lets a story made from a contribution into an issue only if its author's consent covers the newsletter", async () => {
    const storyIdFor = async (title: string, channels: string[]) => {
      const person = new Browser(t.url);
      const sent = await contribute(person, { title, body: "Un texte pour la lettre, assez long pour être relu.", channels });
      await openFollowUp(person, sent.receipt);
      const storyId = await prepareAndSendForApproval(editor, await submissionIdByTitle(t, title), "Un chapô.");
      await approvePendingVersion(person);
      return storyId;
    };
    const siteOnly = await storyIdFor(`Site seulement ${dialect}`, ["site"]);
    const withLetter = await storyIdFor(`Site et lettre ${dialect}`, ["site", "newsletter"]);
    const teamStory = (await t.deps.db.selectFrom("published_stories").select("story_id").orderBy("story_id").executeTakeFirstOrThrow()).story_id;
    const allowed = await storiesAllowedOnChannel({ db: t.deps.db }, [siteOnly, withLetter, teamStory], "newsletter");
    expect([...allowed].sort()).toEqual([withLetter, teamStory].sort());
  }, 120_000);

  it("marks an editor's test of an issue in the editor's own language, and leaves the issue's subject as the editors wrote it", async () => {
    const email = await createAccount(t, "editor");
    const english = new Browser(t.url);
    await english.signInDirectly(t, email);
    expect((await english.get("/langue/en?retour=/admin/lettres")).status).toBe(303);
    const created = await english.submit("/admin/lettres", "/admin/lettres", { subject: "La lettre : l'hiver", intro: "Bonjour." });
    const issuePath = created.headers.get("location") ?? "";
    const before = await lastJobId(t.deps.db);
    expect((await english.submit(issuePath, `${issuePath}/essai`, {})).status).toBe(303);
    const mails = await queuedMail(t.deps.db, { afterId: before });
    expect(mails.map((m) => [m.recipient, m.subject])).toEqual([[email, "[Test] La lettre : l'hiver"]]);
    await settle();
  });

  it("shows the newsletter pages, their form errors and the weekly digest settings in English to an editor who reads English", async () => {
    const english = new Browser(t.url, { "accept-language": "en" });
    await english.signInDirectly(t, await createAccount(t, "editor"));
    const list = (await english.getText("/admin/lettres")).html;
    for (const words of ["<h1>Newsletters</h1>", "Write a newsletter", "Save the draft", "Weekly digest: automatic sending"]) expect(list).toContain(words);
    const rejected = await english.submit("/admin/lettres", "/admin/lettres", { subject: "", intro: "Kept as typed." });
    const errors = await rejected.text();
    expect(rejected.status).toBe(422);
    expect(errors).toContain("Enter the newsletter&#39;s subject.".replace("&#39;", "'"));
    expect(errors).toContain("Kept as typed.");
    expect(visibleText(errors)).not.toMatch(/Indiquez|Composer une lettre|Objet/);
    const created = await english.submit("/admin/lettres", "/admin/lettres", { subject: "An English issue", intro: "Hello." });
    const issuePath = created.headers.get("location") ?? "";
    const detail = (await english.getText(issuePath)).html;
    for (const words of ["State: draft.", "Send me a test", "Schedule sending", "Send now to all subscribers", "Sending date and time (Paris time)"]) expect(detail).toContain(words);
    const past = await english.submit(issuePath, `${issuePath}/programmer`, { sendAt: "2000-01-01T10:00" });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain("Choose a date and time in the future.");
    const digest = (await english.getText("/admin/lettres/resume")).html;
    for (const words of ["<h1>Weekly digest</h1>", "Send the digest every week", "Monday", "<code>entrepairs newsletter send-digest</code>"]) expect(digest).toContain(words);
    expect(visibleText(digest)).not.toMatch(/lundi|Résumé de la semaine|Enregistrer/);
  });

  it("re-displays an issue without a subject with what was typed and stores nothing", async () => {
    const before = await t.deps.db.selectFrom("newsletter_issues").select("id").execute();
    const res = await editor.submit("/admin/lettres", "/admin/lettres", { subject: "", intro: "Mon texte reste là." });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Indiquez l&#39;objet de la lettre.".replace("&#39;", "'"));
    expect(html).toContain("Mon texte reste là.");
    expect(await t.deps.db.selectFrom("newsletter_issues").select("id").execute()).toEqual(before);
  });
});
