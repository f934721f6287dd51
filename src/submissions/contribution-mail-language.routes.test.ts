import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { frenchLines } from "../../test/support/french-words.js";
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

// Words that suggest acute distress: the editors' mail about this contribution says to read it first.
const ACUTE = "J'ai écrit mes lettres d'adieu, ce soir c'est fini, je ne serai plus là demain.";
const SENT_IN_ENGLISH = { title: "The night bus", body: ACUTE };
const DECLINED = { title: "A rainy Sunday", body: "I walked to the market and back, and that was enough for the day." };
const ERASED = { title: "Kept to myself", body: "A story about an out-of-tune piano that I would rather keep." };
const CONTRIBUTOR = "reader-in-english@exemple.fr";

describe.each(DIALECTS)("mail in each reader's language on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  const clock = manualClock("2026-11-25T10:00:00.000Z");
  let englishEditor: Browser;
  let englishEditorEmail: string;
  let frenchEditorEmail: string;
  let person: Browser;
  let receipt: string;
  let id: number;
  let storyId: number;

  const mailsAfter = async (jobId: number) => (await queuedMail(t.deps.db, { afterId: jobId })).map((m) => ({ to: m.recipient, subject: m.subject, body: m.body }));
  const to = (mails: Awaited<ReturnType<typeof mailsAfter>>, address: string) => mails.filter((m) => m.to === address);
  /** Every line of these mails that looks French: none is expected in a mail to an English reader. */
  const french = (mails: Array<{ subject: string; body: string }>) => mails.flatMap((m) => frenchLines(`${m.subject}\n${m.body}`));

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, clock, smtpUrl: smtp.url });
    frenchEditorEmail = await createAccount(t, "editor");
    englishEditorEmail = await createAccount(t, "editor");
    englishEditor = new Browser(t.url);
    await englishEditor.signInDirectly(t, englishEditorEmail);
    // The language switch, used signed in, is the account's choice too.
    expect((await englishEditor.get("/langue/en?retour=/admin")).status).toBe(303);
    person = new Browser(t.url, { "accept-language": "en-GB,en;q=0.9" });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("tells each editor of a contribution sent from an English page in their own language, with the crisis wording", async () => {
    const before = await lastJobId(t.deps.db);
    const sent = await contribute(person, { ...SENT_IN_ENGLISH, email: CONTRIBUTOR });
    receipt = sent.receipt;
    id = await submissionIdByTitle(t, SENT_IN_ENGLISH.title);
    const mails = await mailsAfter(before);
    const english = to(mails, englishEditorEmail);
    expect(english.map((m) => m.subject)).toEqual(["Entre Pairs: new contribution with a crisis signal, read it first"]);
    expect(english[0]?.body).toContain("A new contribution shows signs of acute distress. Please read it first.");
    expect(french(english)).toEqual([]);
    expect(to(mails, frenchEditorEmail).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: nouvelle contribution, signal de crise à lire en priorité"]);
  });

  it("writes to the contributor in English by real SMTP when reading starts, when the team writes, and when a version awaits approval", async () => {
    const start = smtp.mails.length;
    const before = await lastJobId(t.deps.db);
    expect((await englishEditor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/etat`, { state: "reading" })).status).toBe(303);
    await englishEditor.submit(`/admin/contributions/${id}`, `/admin/contributions/${id}/message`, { message: "Thank you, one question about the end?" });
    storyId = await prepareAndSendForApproval(englishEditor, id, "A bus, a scarf, a night.");
    const queued = to(await mailsAfter(before), CONTRIBUTOR);
    expect(queued.map((m) => m.subject)).toEqual([
      "Entre Pairs: the team is reading your story",
      "Entre Pairs: the team has replied to you",
      "Entre Pairs: a version of your story awaits your approval",
    ]);
    expect(french(queued)).toEqual([]);
    await t.app.runScheduledTasks();
    await expect.poll(() => smtp.mails.slice(start).filter((m) => m.to.includes(CONTRIBUTOR)).length, { timeout: 10_000 }).toBe(3);
    const bodies = smtp.mails.slice(start).filter((m) => m.to.includes(CONTRIBUTOR)).map((m) => mailText(m.raw));
    expect(bodies.some((b) => b.includes("Someone in the editorial team has started reading your story."))).toBe(true);
    for (const b of bodies) {
      expect(b).toContain("To find out more, open http://127.0.0.1:3000/suivi with your receipt.");
      expect(b).toContain("You are receiving this e-mail because you left your address with your story on Entre Pairs.");
      expect(b).not.toContain("Pour en savoir plus");
    }
  });

  it("tells each editor in their language when the contributor writes, then approves", async () => {
    await openFollowUp(person, receipt);
    const before = await lastJobId(t.deps.db);
    expect((await person.submit("/suivi/contribution", "/suivi/message", { body: "Here is one more detail about the end." })).status).toBe(303);
    await approvePendingVersion(person);
    const mails = await mailsAfter(before);
    const english = to(mails, englishEditorEmail);
    expect(english.map((m) => m.subject)).toEqual(["Entre Pairs: new message from a contributor", "Entre Pairs: a version was approved"]);
    expect(english[1]?.body).toContain("The author approved the version sent to them: it can be published.");
    expect(french(english)).toEqual([]);
    expect(to(mails, frenchEditorEmail).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: nouveau message d'un contributeur", "Entre Pairs\u202f: une version a été approuvée"]);
  });

  it("tells the contributor in English when the story is scheduled, then by real SMTP when it is published", async () => {
    const before = await lastJobId(t.deps.db);
    expect((await changeStoryStatus(englishEditor, storyId, { action: "schedule", publishAt: "2026-11-25T12:00" })).status).toBe(303);
    const scheduled = to(await mailsAfter(before), CONTRIBUTOR);
    expect(scheduled.map((m) => m.subject)).toEqual(["Entre Pairs: your story is scheduled"]);
    expect(french(scheduled)).toEqual([]);
    const start = smtp.mails.length;
    clock.advance(61);
    await t.app.runScheduledTasks();
    const published = () => smtp.mails.slice(start).map((m) => mailText(m.raw)).filter((b) => b.includes("Your story is published, in the version you approved. You can still withdraw it."));
    await expect.poll(() => published().length, { timeout: 10_000 }).toBe(1);
    expect(published()[0]).not.toContain("Votre témoignage");
  });

  it("tells each editor in their language when the contributor asks for anonymity, then withdraws", async () => {
    await openFollowUp(person, receipt);
    const before = await lastJobId(t.deps.db);
    await person.submit("/suivi/anonymiser", "/suivi/anonymiser", {});
    await person.submit("/suivi/retirer", "/suivi/retirer", {});
    const mails = await mailsAfter(before);
    const english = to(mails, englishEditorEmail);
    expect(english.map((m) => m.subject)).toEqual(["Entre Pairs: request for anonymity", "Entre Pairs: a story was withdrawn"]);
    expect(french(english)).toEqual([]);
    expect(to(mails, frenchEditorEmail).map((m) => m.subject)).toEqual(["Entre Pairs\u202f: demande d'anonymisation", "Entre Pairs\u202f: un témoignage a été retiré"]);
  });

  it("tells an English contributor a declined story in English, and each editor an erasure in their language", async () => {
    await contribute(new Browser(t.url, { "accept-language": "en" }), { ...DECLINED, email: CONTRIBUTOR });
    const declinedId = await submissionIdByTitle(t, DECLINED.title);
    const before = await lastJobId(t.deps.db);
    await englishEditor.submit(`/admin/contributions/${declinedId}`, `/admin/contributions/${declinedId}/etat`, { state: "declined" });
    const declined = to(await mailsAfter(before), CONTRIBUTOR);
    expect(declined.map((m) => m.subject)).toEqual(["Entre Pairs: your story was not selected"]);
    expect(french(declined)).toEqual([]);

    const third = new Browser(t.url, { "accept-language": "en" });
    const sent = await contribute(third, { ...ERASED, email: CONTRIBUTOR });
    const erasedId = await submissionIdByTitle(t, ERASED.title);
    await openFollowUp(third, sent.receipt);
    const beforeErase = await lastJobId(t.deps.db);
    await third.submit("/suivi/effacer", "/suivi/effacer", {});
    const mails = await mailsAfter(beforeErase);
    const english = to(mails, englishEditorEmail);
    expect(english.map((m) => m.subject)).toEqual(["Entre Pairs: a contribution was erased"]);
    expect(english[0]?.body).toContain(`Contribution no. ${erasedId}.`);
    expect(french(english)).toEqual([]);
    expect(to(mails, frenchEditorEmail)[0]?.body).toContain(`Contribution n° ${erasedId}.`);
  });
});
