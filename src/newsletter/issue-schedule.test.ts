import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { DIALECTS } from "../../test/support/databases.js";
import { approvePendingVersion, contribute, openFollowUp, prepareAndSendForApproval, submissionIdByTitle } from "../../test/support/participation.js";
import { mailText, startSmtpCatcher } from "../../test/support/smtp.js";
import { editorViewer, publishStory, storyDeps } from "../../test/support/stories.js";
import { Browser, startTestApp, type TestApp } from "../../test/support/test-app.js";
import { createVersionedMemo } from "../platform/cache/versioned-memo.js";
import type { Viewer } from "../platform/http/access.js";
import { isoToParisLocal } from "../platform/i18n/locale.js";
import { changeStatus } from "../stories/story-status.service.js";
import { DIGEST_SUBJECT, type DigestDeps, isoWeekKey, latestDigestTime, sendDigestIfDue, sendDigestNow } from "./digest.service.js";
import { sendDueIssues } from "./issue.service.js";

/** A number as a form sends it, padded or surrounded by spaces, or any short text. */
const garbageOr = (n: fc.Arbitrary<number>) =>
  fc.oneof(fc.string({ maxLength: 4 }), n.map(String), n.map((v) => ` ${v} `), n.filter((v) => v >= 0 && v < 10).map((v) => `0${v}`));

describe("the digest's week and time", () => {
  it("takes the ISO week of the day, the year of its Thursday", () => {
    expect(isoWeekKey(new Date("2026-12-07T00:00:00Z"))).toBe("2026-W50");
    expect(isoWeekKey(new Date("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeekKey(new Date("2027-01-04T00:00:00Z"))).toBe("2027-W01");
  });

  it("finds the latest chosen day and hour in Paris time at or before now", () => {
    // Wednesday 3 February 2027, 09:30 in Paris (08:30 UTC).
    const now = new Date("2027-02-03T08:30:00Z");
    expect(latestDigestTime(now, 3, 9)).toEqual({ at: "2027-02-03T08:00:00.000Z", period: "2027-W05" });
    // Wednesday at 10:00 has not come yet: last week's.
    expect(latestDigestTime(now, 3, 10)).toEqual({ at: "2027-01-27T09:00:00.000Z", period: "2027-W04" });
    // Summer time: Monday 5 July 2027, 08:00 in Paris is 06:00 UTC.
    expect(latestDigestTime(new Date("2027-07-07T12:00:00Z"), 1, 8)).toEqual({ at: "2027-07-05T06:00:00.000Z", period: "2027-W27" });
  });

  it("always gives a time within the last week, on the chosen day, at the chosen hour unless it does not exist that day", () => {
    const weekdayOf = (local: string) => new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay() || 7;
    fc.assert(
      fc.property(fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2090-01-01T00:00:00Z"), noInvalidDate: true }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 0, max: 23 }), (now, weekday, hour) => {
        const { at, period } = latestDigestTime(now, weekday, hour);
        expect(at <= now.toISOString()).toBe(true);
        expect(Date.parse(at)).toBeGreaterThan(now.getTime() - 7 * 86_400_000 - 3_600_000);
        const local = isoToParisLocal(at);
        expect(weekdayOf(local)).toBe(weekday);
        // 02:00 on the night summer time starts does not exist in Paris: it reads 03:00.
        if (Number(local.slice(11, 13)) !== hour) expect([hour, Number(local.slice(11, 13))]).toEqual([2, 3]);
        expect(period).toBe(isoWeekKey(new Date(`${local.slice(0, 10)}T00:00:00Z`)));
      }),
      { numRuns: 500 },
    );
  });
});

describe.each(DIALECTS)("scheduled issues and the weekly digest on %s", (dialect) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let editor: Browser;
  let editorV: Viewer;
  let deps: DigestDeps;
  const clock = manualClock(new Date().toISOString());
  const readers = [1, 2, 3].map((i) => `programme-${i}-${dialect}@exemple.fr`);
  const mailsTo = (reader: string) => smtp.mails.filter((m) => m.to.includes(reader));

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    t = await startTestApp({ dialect, demo: true, smtpUrl: smtp.url, clock });
    editorV = await editorViewer(t);
    editor = new Browser(t.url);
    await editor.signInDirectly(t, editorV.email);
    deps = { db: t.deps.db, clock, baseUrl: "http://127.0.0.1:3000", memo: createVersionedMemo(t.deps.contentVersion), log: t.deps.log };
    const now = clock.now().toISOString();
    for (const email of readers) {
      await t.deps.db.insertInto("newsletter_subscribers").values({ email, token: randomBytes(32).toString("base64url"), confirmed_at: now, requested_at: now }).execute();
    }
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function settle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      await t.app.runScheduledTasks();
      const busy = await t.deps.db.selectFrom("jobs").select("id").where("state", "in", ["queued", "running"]).execute();
      if (busy.length === 0) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error("l'envoi ne se termine pas");
  }

  const story = (key: string) => ({ title: `Programmé ${key} ${dialect}`, slug: `programme-${key}-${dialect}`, standfirst: "Un chapô.", body: "Un texte.", credit: { kind: "anonymous" as const, name: "", age: null } });

  it("sends a scheduled issue once at its time, even from two runs at once, without a story unpublished or whose author's consent no longer covers the newsletter", async () => {
    const kept = await publishStory(t, editorV, story("garde"));
    const dropped = await publishStory(t, editorV, story("retire"));
    // A story made from a contribution whose author accepted the newsletter when the issue was composed.
    const person = new Browser(t.url);
    const title = `Consentement programmé ${dialect}`;
    const sent = await contribute(person, { title, body: "Un texte pour la lettre, assez long pour être relu.", channels: ["site", "newsletter"] });
    await openFollowUp(person, sent.receipt);
    const submissionId = await submissionIdByTitle(t, title);
    const contributed = await prepareAndSendForApproval(editor, submissionId, "Un chapô.");
    await approvePendingVersion(person);
    expect((await changeStatus(storyDeps(t), editorV, contributed, "publish")).ok).toBe(true);
    const contributedSlug = (await t.deps.db.selectFrom("published_stories").select("slug").where("story_id", "=", contributed).executeTakeFirstOrThrow()).slug;
    const created = await editor.submit("/admin/lettres", "/admin/lettres", { subject: "Lettre programmée", intro: "Bonjour.", storyIds: [String(kept), String(dropped), String(contributed)] });
    const issuePath = created.headers.get("location") as string;
    const issueId = Number(issuePath.split("/").pop());

    // A time already past is refused, with what was typed.
    const past = isoToParisLocal(new Date(clock.now().getTime() - 3_600_000).toISOString());
    const refused = await editor.submit(issuePath, `${issuePath}/programmer`, { sendAt: past });
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain("Choisissez une date et une heure à venir.");
    expect(refusedHtml).toContain(`value="${past}"`);

    const sendAt = new Date(clock.now().getTime() + 2 * 3_600_000);
    const scheduled = await editor.submit(issuePath, `${issuePath}/programmer`, { sendAt: isoToParisLocal(sendAt.toISOString()) });
    expect(scheduled.status).toBe(303);
    const detail = (await editor.getText(issuePath)).html;
    expect(detail).toContain("programmée pour le");
    expect(detail).toContain("heure de Paris");
    expect(detail).toContain("Annuler la programmation");
    // Composed with all three.
    for (const name of [story("garde").title, story("retire").title, title]) expect(detail).toContain(name);

    expect(await sendDueIssues(deps)).toBe(0);
    // Unpublished after composing, and a consent narrowed to the site: the issue, read again when it goes, leaves both out.
    expect((await changeStatus(storyDeps(t), editorV, dropped, "unpublish")).ok).toBe(true);
    const approval = await t.deps.db.selectFrom("consent_events").selectAll().where("submission_id", "=", submissionId).where("event", "=", "approved").orderBy("id", "desc").executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto("consent_events")
      .values({ submission_id: submissionId, event: "approved", channels: "site", version_id: approval.version_id, consent_text_id: approval.consent_text_id, created_at: clock.now().toISOString() })
      .execute();

    clock.advance(121);
    const started = await Promise.all([sendDueIssues(deps), sendDueIssues(deps)]);
    expect(started[0] + started[1]).toBe(1);
    expect(await t.deps.db.selectFrom("jobs").select("id").where("subject", "=", `newsletter:${issueId}`).execute()).toHaveLength(1);
    await settle();
    expect(await sendDueIssues(deps)).toBe(0);
    for (const reader of readers) {
      const mails = mailsTo(reader);
      expect(mails).toHaveLength(1);
      const text = mailText(mails[0]?.raw ?? "");
      expect(text).toContain(`/temoignages/${story("garde").slug}`);
      expect(text).not.toContain(story("retire").slug);
      expect(text).not.toContain(contributedSlug);
    }
  }, 120_000);

  it("saves the digest's settings only for a day of the week and an hour, and re-displays anything else with an error", async () => {
    // A day 1 (Monday) to 7, an hour 0 to 23, written with one or two digits.
    const valid = (v: string, max: number) => /^\d{1,2}$/.test(v) && Number(v) >= (max === 7 ? 1 : 0) && Number(v) <= max;
    await fc.assert(
      fc.asyncProperty(garbageOr(fc.integer({ min: -2, max: 30 })), garbageOr(fc.integer({ min: -2, max: 30 })), async (weekday, hour) => {
        const before = await t.deps.db.selectFrom("newsletter_digest_settings").selectAll().execute();
        const res = await editor.submit("/admin/lettres/resume", "/admin/lettres/resume", { weekday, hour });
        const after = await t.deps.db.selectFrom("newsletter_digest_settings").selectAll().execute();
        const ok = valid(weekday.trim(), 7) && valid(hour.trim(), 23);
        expect(res.status).toBe(ok ? 303 : 422);
        if (!ok) expect(after).toEqual(before);
        else expect(after[0]).toMatchObject({ enabled: 0, weekday: Number(weekday), hour: Number(hour) });
        await res.body?.cancel();
      }),
      { numRuns: 25 },
    );
  }, 120_000);

  it("keeps a draft whose schedule was cancelled", async () => {
    const created = await editor.submit("/admin/lettres", "/admin/lettres", { subject: "Lettre annulée", intro: "" });
    const issuePath = created.headers.get("location") as string;
    const issueId = Number(issuePath.split("/").pop());
    await editor.submit(issuePath, `${issuePath}/programmer`, { sendAt: isoToParisLocal(new Date(clock.now().getTime() + 3_600_000).toISOString()) });
    expect((await editor.submit(issuePath, `${issuePath}/deprogrammer`, {})).status).toBe(303);
    clock.advance(120);
    expect(await sendDueIssues(deps)).toBe(0);
    const row = await t.deps.db.selectFrom("newsletter_issues").select(["state", "send_at"]).where("id", "=", issueId).executeTakeFirstOrThrow();
    expect(row).toEqual({ state: "draft", send_at: null });
  });

  it("sends the week's digest once at the chosen day and hour, even from two runs at once, and nothing in a week without a new story", async () => {
    // Monday 1 February 2027, 11:00 in Paris: two stories come out this week, after every demo story.
    clock.set("2027-02-01T10:00:00.000Z");
    // Months later: the editor signs in again.
    await editor.signInDirectly(t, editorV.email);
    await publishStory(t, editorV, story("semaine-1"));
    await publishStory(t, editorV, story("semaine-2"));
    const bad = await editor.submit("/admin/lettres/resume", "/admin/lettres/resume", { enabled: "1", weekday: "8", hour: "10" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Choisissez un jour de la semaine.");
    // Wednesdays at 10:00, Paris time (09:00 UTC in winter).
    expect((await editor.submit("/admin/lettres/resume", "/admin/lettres/resume", { enabled: "1", weekday: "3", hour: "10" })).status).toBe(303);
    const before = smtp.mails.length;

    clock.set("2027-02-03T08:59:00.000Z");
    expect(await sendDigestIfDue(deps)).toBeNull();

    clock.set("2027-02-03T09:01:00.000Z");
    const [a, b] = await Promise.all([sendDigestIfDue(deps), sendDigestIfDue(deps)]);
    const sent = [a, b].filter((o) => o?.issue);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ stories: 2, recipients: readers.length });
    expect(await t.deps.db.selectFrom("newsletter_digest_periods").selectAll().execute()).toEqual([{ period: "2027-W05", issue_id: sent[0]?.issue, decided_at: "2027-02-03T09:01:00.000Z" }]);
    await settle();
    // The command in the same week sends nothing more.
    expect(await sendDigestNow(deps)).toEqual({ issue: null, stories: 0, recipients: 0, alreadySent: true });
    clock.set("2027-02-03T15:00:00.000Z");
    expect(await sendDigestIfDue(deps)).toBeNull();
    await settle();
    for (const reader of readers) {
      const mails = mailsTo(reader).filter((m) => /^Subject: /m.test(m.raw) && m.raw.includes("semaine"));
      expect(mails).toHaveLength(1);
      const text = mailText(mails[0]?.raw ?? "");
      expect(text).toContain(story("semaine-1").slug);
      expect(text).toContain(story("semaine-2").slug);
    }
    expect(smtp.mails.length - before).toBe(readers.length);
    expect(await t.deps.db.selectFrom("newsletter_issues").select("id").where("subject", "=", DIGEST_SUBJECT).execute()).toHaveLength(1);

    // The next Wednesday, nothing new in seven days: no issue, no mail, said in the log.
    clock.set("2027-02-10T09:01:00.000Z");
    expect(await sendDigestIfDue(deps)).toEqual({ issue: null, stories: 0, recipients: 0, alreadySent: false });
    await settle();
    expect(smtp.mails.length - before).toBe(readers.length);
    expect(t.logs.join("")).toContain("aucun témoignage nouveau");
    await editor.signInDirectly(t, editorV.email);
    expect((await editor.getText("/admin/lettres/resume")).html).toContain("Semaine 2027-W06");
  }, 120_000);
});
