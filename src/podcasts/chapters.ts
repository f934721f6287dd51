/** Chapters as editors type them ("12:30 Le diagnostic"), and as podcast apps read them (JSON 1.2.0). */

export type Chapter = { startMs: number; title: string };

/** Why a chapter line was refused: a catalogue key and its values (the line to fix), translated by the page. */
export type ChapterLineError = {
  key:
    | "admin.podcast.chapters.format"
    | "admin.podcast.chapters.seconds"
    | "admin.podcast.chapters.minutes"
    | "admin.podcast.chapters.titleTooLong"
    | "admin.podcast.chapters.order"
    | "admin.podcast.chapters.afterEnd";
  values: { line: number; max?: number; end?: string };
};
export type ChapterParse = { ok: true; chapters: Chapter[] } | { ok: false; error: ChapterLineError };

export const MAX_CHAPTER_TITLE = 200;

const LINE = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})[ \t]+(\S.*)$/;

/** One chapter a line, "mm:ss Titre" or "hh:mm:ss Titre"; blank lines are ignored. */
export function parseChapterLines(text: string, durationMs: number | null = null): ChapterParse {
  const chapters: Chapter[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === "") continue;
    const line1 = index + 1;
    const m = LINE.exec(line);
    if (!m) return { ok: false, error: { key: "admin.podcast.chapters.format", values: { line: line1 } } };
    const hours = m[1] === undefined ? 0 : Number(m[1]);
    const minutes = Number(m[2]);
    const seconds = Number(m[3]);
    if (seconds > 59) return { ok: false, error: { key: "admin.podcast.chapters.seconds", values: { line: line1 } } };
    if (minutes > 59) return { ok: false, error: { key: "admin.podcast.chapters.minutes", values: { line: line1 } } };
    const title = (m[4] as string).trim();
    if (title.length > MAX_CHAPTER_TITLE) return { ok: false, error: { key: "admin.podcast.chapters.titleTooLong", values: { line: line1, max: MAX_CHAPTER_TITLE } } };
    const startMs = ((hours * 60 + minutes) * 60 + seconds) * 1000;
    const previous = chapters.at(-1);
    if (previous && startMs <= previous.startMs) return { ok: false, error: { key: "admin.podcast.chapters.order", values: { line: line1 } } };
    if (durationMs !== null && startMs >= durationMs) {
      return { ok: false, error: { key: "admin.podcast.chapters.afterEnd", values: { line: line1, end: formatClock(durationMs) } } };
    }
    chapters.push({ startMs, title });
  }
  return { ok: true, chapters };
}

/** "4:05" or "1:02:03", as people read a time in a recording. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export function chaptersToLines(chapters: Chapter[]): string {
  return chapters.map((c) => `${formatClock(c.startMs)} ${c.title}`).join("\n");
}

/** Podcasting 2.0 JSON chapters (application/json+chapters), version 1.2.0. */
export function chaptersJson(chapters: Chapter[], meta: { title: string; podcastName: string }): string {
  return JSON.stringify({
    version: "1.2.0",
    title: meta.title,
    podcastName: meta.podcastName,
    chapters: chapters.map((c) => ({ startTime: c.startMs / 1000, title: c.title })),
  });
}

/** Reads the stored JSON back; anything unexpected becomes no chapters rather than an error page. */
export function readStoredChapters(json: string): Chapter[] {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (c): c is Chapter => typeof c === "object" && c !== null && Number.isFinite((c as Chapter).startMs) && typeof (c as Chapter).title === "string",
    );
  } catch {
    return [];
  }
}
