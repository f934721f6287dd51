import { createElement as h } from "preact";
import type { Db, Queryable } from "../database.js";
import type { Clock } from "../platform/clock.js";
import type { VersionedMemo } from "../platform/cache/versioned-memo.js";
import { renderMarkdown } from "../platform/html/markdown.js";
import { renderDocument } from "../platform/html/render.js";
import type { MessageKey } from "../platform/i18n/translate.js";
import { translator } from "../platform/i18n/translate.js";
import { enqueueJob, type JobHandler } from "../platform/jobs/job-queue.js";
import { enqueueMail } from "../platform/mail/outbox.js";
import type { MailMessage, Recipient } from "../platform/mail/mailer.js";
import { latestStories, publishedCardsAmong, type StoryCard } from "../stories/story.service.js";
import { storiesAllowedOnChannel } from "../submissions/follow-up/approval.service.js";
import { siteIdentity } from "../settings/site-identity.js";
import * as store from "./issue.store.js";
import { links } from "./subscription.service.js";
import { type IssueStory, IssueMail } from "./views/issue-mail.js";

export type IssueDeps = { db: Db; clock: Clock; memo: VersionedMemo; baseUrl: string };

export const NEWSLETTER_SEND_JOB = "newsletter-send";
// Subscribers read per page while an issue is queued: memory stays bounded whatever their number.
const PAGE = 500;

/**
 * The stories an issue may carry, in the editors' order: released versions only, and for a story
 * made from a contribution, only if its author's consent covers the newsletter. Every use of an
 * issue's stories (picker, preview, test, sending) goes through here.
 */
export async function storiesForIssue(deps: Pick<IssueDeps, "db" | "memo">, ids: number[]): Promise<StoryCard[]> {
  const allowed = await storiesAllowedOnChannel(deps, ids, "newsletter");
  const cards = await publishedCardsAmong(deps, ids.filter((id) => allowed.has(id)));
  const byId = new Map(cards.map((c) => [c.id, c]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Released stories editors can put in an issue: the latest ones the newsletter may carry. */
export async function storiesToChoose(deps: Pick<IssueDeps, "db" | "memo">): Promise<StoryCard[]> {
  const latest = await latestStories(deps, 60);
  return storiesForIssue(
    deps,
    latest.map((s) => s.id),
  );
}

export const createIssue = (deps: Pick<IssueDeps, "db" | "clock">, input: { subject: string; intro: string; storyIds: number[] }) =>
  store.insertIssue(deps.db, { ...input, now: deps.clock.now().toISOString() });

export const findIssue = (deps: Pick<IssueDeps, "db">, id: number) => store.findIssue(deps.db, id);
export const listIssues = (deps: Pick<IssueDeps, "db">) => store.listIssues(deps.db, 100);
export const countDeliveries = (deps: Pick<IssueDeps, "db">, id: number) => store.countDeliveries(deps.db, id);

/** An issue as one subscriber receives it: text and HTML parts, their own links, one-click unsubscribe headers. */
export type IssueRenderer = (to: string, token: string) => MailMessage;

export async function issueRenderer(deps: Pick<IssueDeps, "db" | "memo" | "baseUrl">, issue: store.Issue): Promise<IssueRenderer> {
  const t = translator("fr");
  const stories: IssueStory[] = (await storiesForIssue(deps, issue.storyIds)).map((s) => ({
    title: s.title,
    url: `${deps.baseUrl}/temoignages/${s.slug}`,
    standfirst: s.standfirst,
    notes: s.contentNotes.map((n) => t(`note.${n}` as MessageKey)),
  }));
  const introHtml = renderMarkdown(issue.intro);
  const siteName = (await siteIdentity(deps.db)).name;
  const storyText = stories.map((s) => [s.title, ...(s.notes.length ? [`Avertissement : ${s.notes.join(", ")}`] : []), s.standfirst, s.url].join("\n"));
  return (to, token) => {
    const l = links(deps.baseUrl, token);
    const text = [
      issue.subject,
      "",
      issue.intro,
      "",
      ...storyText.flatMap((s) => [s, ""]),
      "—",
      `Se désinscrire en un clic : ${l.unsubscribe}`,
      `Ce que nous gardons sur vous : ${l.data}`,
    ].join("\n");
    const html = renderDocument(h(IssueMail, { subject: issue.subject, introHtml, stories, unsubscribeUrl: l.unsubscribe, dataUrl: l.data, siteUrl: deps.baseUrl, siteName }));
    return {
      to,
      subject: issue.subject,
      text,
      html,
      headers: { "List-Unsubscribe": `<${l.unsubscribe}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    };
  };
}

/** The issue as its readers will see it (links made with a token nobody holds). */
export async function previewIssue(deps: Pick<IssueDeps, "db" | "memo" | "baseUrl">, issue: store.Issue): Promise<string> {
  return (await issueRenderer(deps, issue))("apercu@exemple.invalid", "apercu").html ?? "";
}

/**
 * A test to the editor's own address, through the outbox like the real thing: the issue as its
 * readers will get it, marked as a test in the editor's language.
 */
export async function sendTestIssue(deps: IssueDeps, issue: store.Issue, editor: Recipient): Promise<void> {
  const mail = (await issueRenderer(deps, issue))(editor.email, "essai");
  await enqueueMail(deps.db, { ...mail, subject: `${translator(editor.locale)("mail.newsletter.testMark")} ${mail.subject}` }, deps.clock.now());
}

/**
 * The one way an issue starts going: it leaves the drafts once (a conditional UPDATE), and in the
 * same transaction a durable job is queued that will queue one mail per subscriber.
 */
export async function startSending(tx: Queryable, issueId: number, now: Date, dueBy?: string): Promise<boolean> {
  if (!(await store.markIssueSending(tx, issueId, dueBy))) return false;
  await enqueueJob(tx, { kind: NEWSLETTER_SEND_JOB, subject: `newsletter:${issueId}`, payload: { issueId }, maxAttempts: 10 }, now);
  return true;
}

/** Sends now (a scheduled draft included): pressed twice or from two tabs, it goes once. */
export async function sendIssue(deps: IssueDeps, issueId: number): Promise<boolean> {
  return deps.db.transaction().execute((tx) => startSending(tx, issueId, deps.clock.now()));
}

/** A refusal's message is a catalogue key, translated where it is shown. */
export type ScheduleResult = { ok: true } | { ok: false; message: MessageKey };

/** Schedules a draft for a time to come (UTC); the periodic task sends it then. */
export async function scheduleIssue(deps: Pick<IssueDeps, "db" | "clock">, issueId: number, sendAt: string): Promise<ScheduleResult> {
  if (sendAt <= deps.clock.now().toISOString()) return { ok: false, message: "admin.newsletter.error.past" };
  if (!(await store.setIssueSendAt(deps.db, issueId, sendAt))) return { ok: false, message: "admin.newsletter.error.alreadySent" };
  return { ok: true };
}

export const cancelSchedule = (deps: Pick<IssueDeps, "db">, issueId: number) => store.setIssueSendAt(deps.db, issueId, null);

/**
 * The periodic task: sends every scheduled draft whose time has come. Run at once by several
 * instances, each issue still starts once (startSending's conditional UPDATE, which also leaves
 * alone a schedule cancelled since the list was read). Returns how many this run started.
 */
export async function sendDueIssues(deps: IssueDeps): Promise<number> {
  const now = deps.clock.now();
  let started = 0;
  for (const id of await store.listDueIssueIds(deps.db, now.toISOString())) {
    if (await deps.db.transaction().execute((tx) => startSending(tx, id, now, now.toISOString()))) started++;
  }
  return started;
}

/**
 * Queues an issue for every confirmed subscriber, a page at a time: each subscriber's delivery
 * record and mail are written in one transaction, so a job that resumes after a crash skips
 * everyone already queued and nobody gets the issue twice. The outbox then sends at the SMTP
 * server's pace, each mail at most once.
 */
export function newsletterSendJob(deps: IssueDeps): JobHandler {
  return async (job, ctx) => {
    const issue = await store.findIssue(deps.db, Number(job.payload.issueId));
    if (!issue || issue.state === "sent") return;
    const render = await issueRenderer(deps, issue);
    let after = 0;
    for (;;) {
      const page = await store.listSubscribersNotYetQueued(deps.db, issue.id, after, PAGE);
      if (page.length === 0) break;
      await deps.db.transaction().execute(async (tx) => {
        const now = deps.clock.now();
        for (const s of page) {
          await store.insertDelivery(tx, issue.id, s.id);
          await enqueueMail(tx, render(s.email, s.token), now, { atMostOnce: true });
        }
      });
      after = page[page.length - 1]?.id ?? after;
      await ctx.progress(0.5);
    }
    await store.markIssueSent(deps.db, issue.id, deps.clock.now().toISOString());
  };
}
