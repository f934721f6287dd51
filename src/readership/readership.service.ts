import type { Db } from "../database.js";
import { dayOf, keepFirstSightings, type ListenCounter } from "../podcasts/listen-counter.js";
import { listensSince } from "../podcasts/podcast.service.js";
import { publishedCardsAmong, type StoryReadDeps } from "../stories/story.service.js";
import * as store from "./readership.store.js";

/**
 * Reads of story pages, counted the way listens are (podcasts/listen-counter.ts): once per client,
 * story and day, recognised in memory under a daily random key; no cookie, and no address stored
 * or logged. Counted when the page is answered, cached or not, so the cost per request is a hash
 * and a map insert; written every minute and at close.
 */
export type ReadCounter = ListenCounter<string>;

export async function flushReads(deps: { db: Db }, counter: ReadCounter): Promise<number> {
  const rows = counter.drain();
  try {
    const counted = await deps.db.transaction().execute(async (tx) => {
      const fresh = await keepFirstSightings(tx, rows, new Date());
      await store.addReads(tx, fresh);
      return fresh;
    });
    return counted.reduce((n, r) => n + r.count, 0);
  } catch (error) {
    counter.restore(rows);
    throw error;
  }
}

export const WEEKS_SHOWN = 12;

/** Monday of the week of a Paris day (YYYY-MM-DD), as YYYY-MM-DD. */
export function weekOf(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  const monday = new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

export type WeeklyFigures = {
  /** Mondays of the weeks shown, oldest first. */
  weeks: string[];
  totals: Array<{ week: string; reads: number; listens: number }>;
  stories: Array<{ storyId: number; title: string; reads: number[]; listens: number[]; totalReads: number; totalListens: number }>;
};

/** Reads and listens per week over the last WEEKS_SHOWN weeks, for the site and per story (most read first). */
export async function weeklyFigures(deps: StoryReadDeps, now: Date): Promise<WeeklyFigures> {
  const thisWeek = weekOf(dayOf(now));
  const weeks = Array.from({ length: WEEKS_SHOWN }, (_, i) => new Date(Date.parse(`${thisWeek}T12:00:00Z`) - (WEEKS_SHOWN - 1 - i) * 7 * 86_400_000).toISOString().slice(0, 10));
  const since = weeks[0] as string;
  const [reads, listens] = await Promise.all([store.readsSince(deps.db, since), listensSince(deps, since)]);
  const index = new Map(weeks.map((w, i) => [w, i]));
  const byStory = new Map<number, { reads: number[]; listens: number[] }>();
  const slot = (id: number) => {
    let s = byStory.get(id);
    if (!s) {
      s = { reads: weeks.map(() => 0), listens: weeks.map(() => 0) };
      byStory.set(id, s);
    }
    return s;
  };
  for (const r of reads) {
    const i = index.get(weekOf(r.day));
    if (i !== undefined) (slot(r.storyId).reads[i] as number) += r.count;
  }
  for (const l of listens) {
    const i = index.get(weekOf(l.day));
    if (i !== undefined) (slot(l.storyId).listens[i] as number) += l.count;
  }
  const cards = await publishedCardsAmong(deps, [...byStory.keys()], byStory.size || 1);
  const titleOf = new Map(cards.map((c) => [c.id, c.title]));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const stories = [...byStory]
    .map(([storyId, s]) => ({ storyId, title: titleOf.get(storyId) ?? `n° ${storyId}`, ...s, totalReads: sum(s.reads), totalListens: sum(s.listens) }))
    .sort((a, b) => b.totalReads + b.totalListens - (a.totalReads + a.totalListens) || a.storyId - b.storyId);
  const totals = weeks.map((week, i) => ({ week, reads: sum(stories.map((s) => s.reads[i] as number)), listens: sum(stories.map((s) => s.listens[i] as number)) }));
  return { weeks, totals, stories };
}

/** A CSV file's column names, in its reader's language. */
export type CsvHeaders = { storyId: string; title: string; week: string; reads: string; listens: string };

/** The same figures as CSV (one line per story and week, weeks as ISO dates), for a spreadsheet. */
export function figuresCsv(figures: WeeklyFigures, headers: CsvHeaders): string {
  const cell = (text: string) => (/[",\n;]/.test(text) || /^[=+\-@]/.test(text) ? `"${text.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"` : text);
  const lines = [[headers.storyId, headers.title, headers.week, headers.reads, headers.listens].map(cell).join(",")];
  for (const s of figures.stories) {
    figures.weeks.forEach((week, i) => {
      lines.push([String(s.storyId), cell(s.title), week, String(s.reads[i]), String(s.listens[i])].join(","));
    });
  }
  return `${lines.join("\n")}\n`;
}
