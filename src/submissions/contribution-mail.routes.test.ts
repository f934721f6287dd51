import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { lastJobId, queuedMail } from "../../test/support/mail-queue.js";
import {
  approvePendingVersion,
  changeStoryStatus,
  contribute,
  openFollowUp,
  prepareAndSendForApproval,
  submissionIdByTitle,
} from "../../test/support/participation.js";
import { mailText, startSmtpCatcher } from "../../test/support/smtp.js";
import { Browser, createAccount, startTestApp, type TestApp } from "../../test/support/test-app.js";

// Words that must never leave the site by mail: titles, texts and receipts of contributions.
const FIRST = { title: "Mardi au jardin des Lilas", body: "Je plantais des fèves avec Odile, la voisine du troisième, et je respirais enfin." };
const SECOND = { title: "Le bus de nuit", body: "Dans le bus de nuit, un inconnu m'a prêté son écharpe bleue." };
const THIRD = { title: "Brouillon effacé", body: "Une histoire de piano désaccordé que je préfère garder pour moi." };
const CONTRIBUTOR = "personne-suivie@exemple.fr";

describe.each(DIALECTS)("mail on state changes on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let editor: Browser;
  let editorEmail: string;
  const clock = manualClock("2026-11-25T10:00:00.000Z");
  const receipts: string[] = [];
  const contributor = () => new Browser(t.url);
  let person: Browser;
  let firstId: number;
  let storyId: number;

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, clock, smtpUrl: smtp.url });
    editorEmail = await createAccount(t, "editor");
    editor = new Browser(t.url);
    await editor.signInDirectly(t, editorEmail);
    person = contributor();
    const sent = await contribute(person, { ...FIRST, email: CONTRIBUTOR });
    receipts.push(sent.receipt);
    await openFollowUp(person, sent.receipt);
    firstId = await submissionIdByTitle(t, FIRST.title);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** Mails queued since the given job id, as [recipient, subject, body]. */
  const outboxAfter = async (id: number) => (await queuedMail(t.deps.db, { afterId: id })).map((m) => ({ to: m.recipient, subject: m.subject, body: m.body }));
  const lastOutboxId = () => lastJobId(t.deps.db);
  const toContributor = (mails: Awaited<ReturnType<typeof outboxAfter>>) => mails.filter((m) => m.to === CONTRIBUTOR);
  const toEditor = (mails: Awaited<ReturnType<typeof outboxAfter>>) => mails.filter((m) => m.to === editorEmail);

  it("tells the contributor by real SMTP when reading starts, when the team writes, and when a version awaits approval", async () => {
    const start = smtp.mails.length;
    expect((await editor.submit(`/admin/contributions/${firstId}`, `/admin/contributions/${firstId}/etat`, { state: "reading" })).status).toBe(303);
    await editor.submit(`/admin/contributions/${firstId}`, `/admin/contributions/${firstId}/message`, { message: "Merci pour ce texte, une question sur la fin ?" });
    const before = await lastOutboxId();
    await editor.submit(`/admin/contributions/${firstId}`, `/admin/contributions/${firstId}/note`, { note: "Note interne : à relire." });
    expect(await outboxAfter(before)).toEqual([]);
    storyId = await prepareAndSendForApproval(editor, firstId, "Un jardin, une voisine, des fèves.");
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.filter((m) => m.to.includes(CONTRIBUTOR)).length - start, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    const bodies = smtp.mails.slice(start).filter((m) => m.to.includes(CONTRIBUTOR)).map((m) => mailText(m.raw));
    expect(bodies.some((b) => b.includes("has started reading your story"))).toBe(true);
    expect(bodies.some((b) => b.includes("The editorial team has written to you"))).toBe(true);
    expect(bodies.some((b) => b.includes("The team has prepared a version of your story"))).toBe(true);
    for (const b of bodies) expect(b).toContain("http://127.0.0.1:3000/suivi");
  });

  it("tells the editors by real SMTP when the contributor approves a version", async () => {
    const start = smtp.mails.length;
    await approvePendingVersion(person);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.slice(start).filter((m) => m.to.includes(editorEmail)).length, { timeout: 10_000 }).toBe(1);
    const mail = mailText(smtp.mails.slice(start).find((m) => m.to.includes(editorEmail))?.raw ?? "");
    expect(mail).toContain(`/admin/contributions/${firstId}`);
  });

  it("tells the contributor when the story is scheduled, then published by the periodic task", async () => {
    const before = await lastOutboxId();
    // 12:00 in Paris is 11:00 UTC, an hour from now.
    expect((await changeStoryStatus(editor, storyId, { action: "schedule", publishAt: "2026-11-25T12:00" })).status).toBe(303);
    expect(toContributor(await outboxAfter(before)).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: votre témoignage est programmé"]);
    await t.app.runScheduledTasks();
    const start = smtp.mails.length;
    clock.advance(61);
    // The scheduler publishes, and the same round delivers the mail (which then leaves the outbox).
    await t.app.runScheduledTasks();
    expect((await t.deps.db.selectFrom("stories").select("status").where("id", "=", storyId).executeTakeFirstOrThrow()).status).toBe("published");
    const received = () => smtp.mails.slice(start).filter((m) => m.to.includes(CONTRIBUTOR)).map((m) => mailText(m.raw));
    await expect.poll(() => received().length, { timeout: 10_000 }).toBe(1);
    expect(received()[0]).toContain("Your story is published, in the version you approved.");
    // Running the task again publishes nothing and sends nothing twice.
    await t.app.runScheduledTasks();
    expect(received()).toHaveLength(1);
  });

  it("tells the editors when the contributor asks for anonymity, then withdraws", async () => {
    await openFollowUp(person, receipts[0] as string);
    const before = await lastOutboxId();
    await person.submit("/suivi/anonymiser", "/suivi/anonymiser", {});
    expect(toEditor(await outboxAfter(before)).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: demande d'anonymisation"]);
    const anonymised = await lastOutboxId();
    await person.submit("/suivi/retirer", "/suivi/retirer", {});
    expect(toEditor(await outboxAfter(anonymised)).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: un témoignage a été retiré"]);
  });

  it("tells the contributor when the contribution is declined, and the editors when one is erased", async () => {
    const second = await contribute(contributor(), { ...SECOND, email: CONTRIBUTOR });
    receipts.push(second.receipt);
    const secondId = await submissionIdByTitle(t, SECOND.title);
    const before = await lastOutboxId();
    await editor.submit(`/admin/contributions/${secondId}`, `/admin/contributions/${secondId}/etat`, { state: "declined" });
    expect(toContributor(await outboxAfter(before)).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: votre témoignage n'a pas été retenu"]);

    const third = contributor();
    const sent = await contribute(third, { ...THIRD, email: CONTRIBUTOR });
    receipts.push(sent.receipt);
    const thirdId = await submissionIdByTitle(t, THIRD.title);
    await openFollowUp(third, sent.receipt);
    const beforeErase = await lastOutboxId();
    await third.submit("/suivi/effacer", "/suivi/effacer", {});
    const mails = toEditor(await outboxAfter(beforeErase));
    expect(mails.map((m) => m.subject)).toEqual(["Entre Pairs\u202f: une contribution a été effacée"]);
    expect(mails[0]?.body).toContain(`n° ${thirdId}`);
  });

  it("never puts a contribution's title, text or receipt in any mail, queued or sent, and keeps no delivered mail", async () => {
    const queued = await outboxAfter(0);
    await t.app.runScheduledTasks();
    const sent = smtp.mails.map((m) => mailText(m.raw));
    expect(sent.length).toBeGreaterThan(10);
    // Delivered mail leaves the outbox: no address stays linked to what it announced.
    expect(await outboxAfter(0)).toEqual([]);
    const secrets = [FIRST.title, FIRST.body, SECOND.title, SECOND.body, THIRD.title, THIRD.body, "Odile", "écharpe", "piano", ...receipts, ...receipts.map((r) => r.replace(/-/g, ""))];
    expect(receipts.every((r) => r.length === 24)).toBe(true);
    for (const text of [...queued.map((m) => `${m.subject}\n${m.body}`), ...sent]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
