import type { Logger } from "../platform/logger.js";
import { isoToParisLocal, parisLocalToIso } from "../platform/i18n/locale.js";
import { storiesPublishedSince } from "../stories/story.service.js";
import * as store from "./issue.store.js";
import { type IssueDeps, startSending, storiesForIssue } from "./issue.service.js";

export type DigestDeps = IssueDeps & { log: Logger };

/** What a digest run did, as the command line reports it. */
export type DigestOutcome = { issue: number | null; stories: number; recipients: number; alreadySent: boolean };

export const DIGEST_SUBJECT = "Les témoignages de la semaine";
const DIGEST_INTRO = "Voici les témoignages publiés ces sept derniers jours.";
const WEEK_MS = 7 * 86_400_000;
const MAX_STORIES = 30;

/** "2026-W49": the ISO week of a calendar date (given as UTC midnight). */
export function isoWeekKey(day: Date): string {
  const d = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  // The week belongs to the year of its Thursday.
  d.setUTCDate(d.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

const parisDay = (now: Date) => {
  const [y, m, d] = isoToParisLocal(now.toISOString()).slice(0, 10).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d));
};

/** The week the digest belongs to when sent at this moment (Paris calendar). */
export const digestPeriodAt = (now: Date) => isoWeekKey(parisDay(now));

/**
 * The latest chosen day and hour (Paris time, 1 = Monday) at or before now, and its week: the
 * digest due now, if it has not gone yet.
 */
export function latestDigestTime(now: Date, weekday: number, hour: number): { at: string; period: string } {
  const today = parisDay(now);
  const todayWeekday = today.getUTCDay() || 7;
  for (let back = (todayWeekday - weekday + 7) % 7; ; back += 7) {
    const day = new Date(today.getTime() - back * 86_400_000);
    const at = parisLocalToIso(`${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, "0")}:00`);
    if (at && at <= now.toISOString()) return { at, period: isoWeekKey(day) };
  }
}

/**
 * Composes and sends the digest of a week: the stories first published in the last seven days
 * that the newsletter may carry (storiesForIssue: released versions, authors' consent). The
 * week's row is inserted in the same transaction as the issue and its sending job, so two
 * instances, or the task and the command, never send two digests for one week.
 */
export async function sendDigest(deps: DigestDeps, period: string): Promise<DigestOutcome> {
  const now = deps.clock.now();
  const recent = await storiesPublishedSince(deps, new Date(now.getTime() - WEEK_MS).toISOString(), MAX_STORIES);
  // Oldest first, as the week went.
  const stories = await storiesForIssue(
    deps,
    recent.map((s) => s.id).reverse(),
  );
  const issue = await deps.db.transaction().execute(async (tx) => {
    if (!(await store.claimDigestPeriod(tx, period, now.toISOString()))) return "already" as const;
    if (stories.length === 0) return null;
    const id = await store.insertIssue(tx, { subject: DIGEST_SUBJECT, intro: DIGEST_INTRO, storyIds: stories.map((s) => s.id), now: now.toISOString() });
    await store.setDigestPeriodIssue(tx, period, id);
    await startSending(tx, id, now);
    return id;
  });
  if (issue === "already") return { issue: null, stories: 0, recipients: 0, alreadySent: true };
  if (issue === null) {
    deps.log.info({ period }, "résumé de la semaine : aucun témoignage nouveau, aucune lettre");
    return { issue: null, stories: 0, recipients: 0, alreadySent: false };
  }
  const recipients = await store.countConfirmedSubscribers(deps.db);
  deps.log.info({ period, issue, stories: stories.length }, "résumé de la semaine envoyé");
  return { issue, stories: stories.length, recipients, alreadySent: false };
}

/** The periodic task: sends the week's digest once its day and hour have come, if it is on. */
export async function sendDigestIfDue(deps: DigestDeps): Promise<DigestOutcome | null> {
  const settings = await store.findDigestSettings(deps.db);
  if (!settings.enabled) return null;
  const due = latestDigestTime(deps.clock.now(), settings.weekday, settings.hour);
  // The first digest goes at the first chosen time after the settings were saved.
  if (due.at < settings.updatedAt) return null;
  if (await store.findDigestPeriod(deps.db, due.period)) return null;
  return sendDigest(deps, due.period);
}

/** `entrepairs newsletter send-digest`: the digest of the current week, now (still once a week). */
export const sendDigestNow = (deps: DigestDeps) => sendDigest(deps, digestPeriodAt(deps.clock.now()));

export const digestSettings = (deps: Pick<IssueDeps, "db">) => store.findDigestSettings(deps.db);

export const saveDigestSettings = (deps: Pick<IssueDeps, "db" | "clock">, settings: { enabled: boolean; weekday: number; hour: number }) =>
  store.saveDigestSettings(deps.db, settings, deps.clock.now().toISOString());

export const recentDigests = (deps: Pick<IssueDeps, "db">) => store.listDigestPeriods(deps.db, 8);
