import type { MessageKey, Translate } from "../platform/i18n/translate.js";
import { type Refusal, refusalsText } from "../stories/story-refusal.js";

/**
 * What an import says about one item or the whole site: a code, and the values its sentence needs.
 * The back office and the command line translate it (`admin.import.note.<code>`). Why a story may
 * not go public is kept as the stories feature's refusals, and another service's refusal (an
 * image's, an account's) as its message key: both are said as `{reason}` in the reader's language.
 */
export type ImportNote = { code: ImportNoteCode; values?: Record<string, string | number>; refusals?: Refusal[]; reasonKey?: MessageKey };

export type ImportNoteCode =
  | "account_not_created"
  | "other_attachments"
  | "image_without_path"
  | "image_too_large"
  | "image_missing"
  | "image_unreadable"
  | "image_refused"
  | "inline_image_missing"
  | "embed_replaced"
  | "active_link_removed"
  | "unreadable_markup"
  | "empty_gallery"
  | "playlist_removed"
  | "form_removed"
  | "unknown_shortcode"
  | "featured_image_missing"
  | "password_protected"
  | "kept_local_edit"
  | "scheduled_to_review"
  | "episode_sound_missing"
  | "episode_sound_missing_no_host"
  | "episode_sound_too_large"
  | "episode_sound_not_found"
  | "episode_not_published"
  | "episode_audio_failed"
  | "episode_without_transcript"
  | "episode_without_audio"
  | "not_published_here"
  | "not_published_here_see_page"
  | "page_slug_taken"
  | "unsupported_type"
  | "in_trash"
  | "oversized"
  | "page_unpublished"
  | "page_empty"
  | "file_unreadable"
  /** No longer written (a whole export's refusal fails the run instead); kept for stored reports. */
  | "refused"
  | "failed";

/** A stored report's line: a note for the runs since notes exist, French text for the older ones (shown as it is). */
type Said<Old extends string> = ImportNote | ({ [K in Old]: string } & { code?: undefined });

/**
 * The report of an import, the same object whether the import ran or only checked (a dry run):
 * `--json` prints it as it is; the command line and the back office say it in sentences.
 */
export type ImportReport = {
  stories: { published: number; draft: number; review: number; scheduled: number };
  pages: number;
  themes: number;
  tags: number;
  authors: number;
  media: number;
  episodes: number;
  redirects: number;
  comments: number;
  skipped: Array<{ wordpressId: number; title: string } & Said<"reason">>;
  warnings: Array<{ wordpressId: number | null; title: string | null } & Said<"message">>;
};

export function emptyReport(): ImportReport {
  return { stories: { published: 0, draft: 0, review: 0, scheduled: 0 }, pages: 0, themes: 0, tags: 0, authors: 0, media: 0, episodes: 0, redirects: 0, comments: 0, skipped: [], warnings: [] };
}

/** A note in the reader's language. */
export function noteText(t: Translate, note: ImportNote): string {
  const reason = note.refusals ? refusalsText(t, note.refusals) : note.reasonKey ? t(note.reasonKey) : undefined;
  const values = reason === undefined ? note.values : { ...note.values, reason };
  return t(`admin.import.note.${note.code}` satisfies MessageKey, values);
}

/** What a report's line says: its note translated, or an older run's stored text as it is. */
export const lineText = (t: Translate, line: Said<"reason"> | Said<"message">): string => (line.code !== undefined ? noteText(t, line) : "reason" in line ? line.reason : line.message);

/** The report as sentences, one a line, for the command line and the back office. */
export function reportSentences(t: Translate, report: ImportReport, dryRun: boolean): string[] {
  const s = report.stories;
  const count = (key: MessageKey, n: number) => t(key, { count: n });
  const about = (item: { wordpressId: number; title: string | null }, text: string) =>
    item.title ? t("admin.import.report.item", { id: String(item.wordpressId), title: item.title, text }) : t("admin.import.report.itemUntitled", { id: String(item.wordpressId), text });
  const lines = [
    t(dryRun ? "admin.import.report.dryRun" : "admin.import.report.done"),
    t("admin.import.report.stories", {
      published: count("admin.import.count.published", s.published),
      scheduled: count("admin.import.count.scheduled", s.scheduled),
      review: count("admin.import.count.review", s.review),
      draft: count("admin.import.count.draft", s.draft),
    }),
    t("admin.import.report.content", {
      pages: count("admin.import.count.pages", report.pages),
      themes: count("admin.import.count.themes", report.themes),
      tags: count("admin.import.count.tags", report.tags),
      authors: count("admin.import.count.authors", report.authors),
    }),
    t("admin.import.report.media", { media: count("admin.import.count.media", report.media), episodes: count("admin.import.count.episodes", report.episodes) }),
    count("admin.import.report.redirects", report.redirects),
    count("admin.import.report.comments", report.comments),
  ];
  if (report.skipped.length > 0) {
    lines.push(count("admin.import.report.skipped", report.skipped.length));
    for (const item of report.skipped) lines.push(`  - ${about(item, lineText(t, item))}`);
  }
  if (report.warnings.length > 0) {
    lines.push(count("admin.import.report.warnings", report.warnings.length));
    for (const w of report.warnings) lines.push(`  - ${w.wordpressId !== null ? about({ wordpressId: w.wordpressId, title: w.title }, lineText(t, w)) : lineText(t, w)}`);
  }
  return lines;
}
