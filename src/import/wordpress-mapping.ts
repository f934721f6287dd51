import { createHash } from "node:crypto";
import { foldText } from "../platform/db/dialect.js";
import { parisLocalToIso } from "../platform/i18n/locale.js";
import { type ContentNote, type StoryStatus, slugify } from "../stories/story.js";
import { htmlToText } from "./html-to-markdown.js";
import { legacyPathKey } from "./legacy-address.js";
import { uploadsPath } from "./uploads-source.js";
import type { WxrItem, WxrItemTerm } from "./wxr-reader.js";

/** Pure rules from a WordPress item to what it becomes here: no I/O, tested on their own. */

/** WordPress post statuses, as story statuses; null for an item not imported. */
export function storyStatusOf(status: string): StoryStatus | null {
  switch (status) {
    case "publish":
      return "published";
    case "draft":
      return "draft";
    case "pending":
      return "review";
    case "future":
      return "scheduled";
    case "private":
      return "unpublished";
    default:
      return null;
  }
}

/** The site's offsets from UTC as its dated items show them (local date − GMT date), in order of local time. */
export type SiteClock = Array<{ local: number; offset: number }>;

const localTime = (date: string): number | null => {
  const m = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(:\d{2})?/.exec(date);
  const time = m && !m[1]?.startsWith("0000") ? Date.parse(`${m[1]}T${m[2]}${m[3] ?? ":00"}Z`) : Number.NaN;
  return Number.isNaN(time) ? null : time;
};

/** The site's clock, read from the items that have both dates (WordPress writes no time zone in its export). */
export function siteClockOf(items: Array<Pick<WxrItem, "date" | "dateGmt">>): SiteClock {
  const clock: SiteClock = [];
  for (const item of items) {
    const local = localTime(item.date);
    const gmt = localTime(item.dateGmt);
    if (local !== null && gmt !== null) clock.push({ local, offset: local - gmt });
  }
  return clock.sort((a, b) => a.local - b.local);
}

/**
 * An item's date in UTC: its GMT date, else (drafts have none) its local date read by the site's
 * clock at the nearest dated item (summer time included), else as Paris time.
 */
export function itemDate(item: Pick<WxrItem, "date" | "dateGmt">, clock: SiteClock = []): string | null {
  const gmt = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(item.dateGmt);
  if (gmt && !gmt[1]?.startsWith("0000")) return new Date(`${gmt[1]}T${gmt[2]}Z`).toISOString();
  const local = localTime(item.date);
  if (local === null) return null;
  if (clock.length > 0) {
    const nearest = clock.reduce((best, tick) => (Math.abs(tick.local - local) < Math.abs(best.local - local) ? tick : best));
    return new Date(local - nearest.offset).toISOString();
  }
  return parisLocalToIso(new Date(local).toISOString().slice(0, 16));
}

/** WordPress's own excerpt when there is none: the first 55 words of the text. */
export function automaticStandfirst(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length <= 55) return words.join(" ");
  return `${words.slice(0, 55).join(" ")}…`;
}

/**
 * The text of a post as WordPress's automatic excerpt reads it: the teaser before a « more » tag
 * (what its listings show), image captions left out (it strips [caption] shortcodes and image
 * blocks before taking its first words).
 */
export function excerptText(html: string): string {
  const more = /<!--more\b/i.exec(html);
  if (more) html = html.slice(0, more.index);
  // The block editor writes a table's cells with nothing between them: their words stay apart.
  return htmlToText(html.replace(/<figcaption\b[^>]*>[\s\S]*?<\/figcaption>/gi, " ").replace(/<\/t[dh]>/gi, "$& "));
}

const REUSABLE_BLOCK = /<!--\s*wp:block\s+(\{[^>]*?\})\s*\/-->/g;

/**
 * A post's references to reusable blocks (`<!-- wp:block {"ref":12} /-->`, the `wp_block` items of
 * the export) replaced by the blocks' own content, as WordPress shows them: a block used inside
 * another is expanded too, never into itself; a block missing from the export shows nothing, as on WordPress.
 */
export function expandReusableBlocks(html: string, blocks: Map<number, string>, within: number[] = []): string {
  return html.replace(REUSABLE_BLOCK, (_, json: string) => {
    let ref = 0;
    try {
      ref = Number((JSON.parse(json) as { ref?: unknown }).ref) || 0;
    } catch {
      return "";
    }
    const content = blocks.get(ref);
    if (content === undefined || within.includes(ref)) return "";
    return expandReusableBlocks(content, blocks, [...within, ref]);
  });
}

const SERIES_TERM = /^s[ée]rie\s*:\s*(.+)$/i;
const PART_IN_TITLE = /\s*[([]?\s*(?:(?:partie|épisode|episode|ép\.?)\s*)?(\d{1,3})\s*\/\s*(\d{1,3})\s*[)\]]?\s*/i;

/** A series named by a "Série : …" category or tag. */
export function seriesFromTerm(term: WxrItemTerm): string | null {
  const m = SERIES_TERM.exec(term.name);
  return m ? (m[1] as string).trim() : null;
}

/** "Entendre des voix (1/2) – Théo" → the part (1) and the title without it. */
export function partFromTitle(title: string): { position: number; of: number; base: string } | null {
  const m = PART_IN_TITLE.exec(title);
  if (!m) return null;
  const position = Number(m[1]);
  const of = Number(m[2]);
  if (position < 1 || of < 2 || position > of) return null;
  const base = `${title.slice(0, m.index)} ${title.slice(m.index + m[0].length)}`
    .replace(/\s+[–—-]\s*$|^\s*[–—-]\s+/g, "")
    .replace(/\s{2,}/g, " ")
    .replace(/\s+([–—-])\s+[–—-]\s+/g, " $1 ")
    .trim();
  return base ? { position, of, base } : null;
}

const NOTE_WORDS: Array<[ContentNote, RegExp]> = [
  ["suicide", /suicid/],
  ["self_harm", /automutil|scarif|self.?harm/],
  ["involuntary_care", /sans consentement|sous contrainte|contention|hospitalisation d'office|\bsdre\b|\bsdt\b/],
  ["sexual_violence", /violences? sexuel|agression sexuel|\bviol\b|inceste/],
  ["violence", /\bviolences?\b(?! sexuel)/],
  ["addiction", /addict|alcool|toxicoman|drogue|cannabis/],
  ["eating_disorder", /anorexi|boulimi|\btca\b|alimentaire/],
  ["bereavement", /\bdeuil\b|endeuill/],
];

/**
 * Content notes suggested by the words of the categories and tags a story was filed under, and by
 * a warning line opening its text ("TW : suicide", "Avertissement : …"). More notes than needed
 * is the safe side: an editor rereads every story they touch (listed as "à relire").
 */
export function contentNotesOf(terms: string[], openingLine: string): ContentNote[] {
  const notes = new Set<ContentNote>();
  const warningLine = /^\s*(tw|cw|trigger warning|content warning|avertissement)\b/i.test(openingLine) ? openingLine : "";
  for (const text of [...terms, warningLine]) {
    const folded = foldText(text);
    for (const [note, pattern] of NOTE_WORDS) if (pattern.test(folded)) notes.add(note);
  }
  return [...notes].sort();
}

export type Enclosure = { url: string; transcriptUrl: string | null };

/** The podcast audio of an item: WordPress's own `enclosure` meta, or PowerPress's (per feed). */
export function enclosureOf(item: Pick<WxrItem, "meta">): Enclosure | null {
  for (const meta of item.meta) {
    if (meta.key !== "enclosure" && !/^_.+:enclosure$/.test(meta.key)) continue;
    const [url = "", , type = ""] = meta.value.split(/\r?\n/).map((s) => s.trim());
    if (!/^https?:\/\//i.test(url)) continue;
    if (!/^audio\//i.test(type) && !/\.(mp3|m4a|aac|ogg|oga|opus|wav|flac)(\?|$)/i.test(url)) continue;
    // PowerPress keeps Podcasting 2.0 data in a PHP array after the third line.
    const transcript = /"pci_transcript_url";s:\d+:"([^"]+)"/.exec(meta.value)?.[1] ?? null;
    return { url, transcriptUrl: transcript };
  }
  return null;
}

/**
 * The path in the old site's uploads folder of an episode's sound, when the old site served it:
 * its address leads to the episode, whether or not the file came with the uploads.
 */
export function oldSoundPath(url: string, oldHosts: Set<string>): string | null {
  try {
    if (!oldHosts.has(new URL(url).host.toLowerCase())) return null;
  } catch {
    return null;
  }
  return uploadsPath(url);
}

/**
 * A transcript written in the post itself, under a heading that says so ("Transcription",
 * "Transcript"): the text after the heading, and the HTML without it.
 */
export function transcriptInContent(html: string): { transcript: string; rest: string } | null {
  const heading = /<h([2-4])[^>]*>\s*(?:<[^>]+>\s*)*(transcription|transcript)\b[\s\S]*?<\/h\1>/i.exec(html);
  if (!heading) return null;
  const level = Number(heading[1]);
  const after = html.slice(heading.index + heading[0].length);
  const next = new RegExp(`<h[2-${level}][^>]*>`, "i").exec(after);
  const body = next ? after.slice(0, next.index) : after;
  const transcript = htmlToText(body.replace(/<\/(p|div|li|h\d)>|<br\s*\/?>/gi, "\n$&")).trim();
  if (!transcript) return null;
  return { transcript, rest: html.slice(0, heading.index) + (next ? after.slice(next.index) : "") };
}

/** SRT subtitles as WebVTT (same cues; commas become dots in timings). */
export function srtToVtt(srt: string): string {
  return `WEBVTT\n\n${srt
    .replace(/\r\n?/g, "\n")
    .trim()
    .replace(/^\d+\n(?=\d{2}:\d{2})/gm, "")
    .replace(/(\d{2}:\d{2}:\d{2}),(\d{3})/g, "$1.$2")}\n`;
}

/** A slug of ours from a WordPress one (percent-encoded, maybe with accents), else from the title. */
export function slugOf(item: Pick<WxrItem, "slug" | "title">): string {
  let raw = item.slug;
  try {
    raw = decodeURIComponent(raw);
  } catch {
    // Kept as it is: slugify folds anything odd.
  }
  return slugify(raw || item.title);
}

/**
 * The slug here of a category or tag: WordPress's own, read without accents, else its name's. A
 * name in another script (Greek, Cyrillic…) leaves no letter to keep: it gets a stable slug of its
 * own, so that two such terms stay two (they all became one « sans-titre » theme or keyword).
 */
export function termSlugOf(wpSlug: string, name: string): string {
  const nothing = slugify("");
  for (const slug of [slugOf({ slug: wpSlug, title: name }), slugify(name)]) if (slug !== nothing) return slug;
  return `t-${createHash("sha256").update(wpSlug || name).digest("hex").slice(0, 10)}`;
}

/** The path part of the blog's address ("/blog" for a site in a folder, "" at the root). */
export function blogPathOf(blogUrl: string): string {
  try {
    return new URL(blogUrl).pathname.replace(/\/+$/, "");
  } catch {
    return "";
  }
}

/** A permalink structure ("/%year%/%monthnum%/%postname%/") applied to a post. */
export function permalinkPath(structure: string, post: { id: number; slug: string; date: string | null; category: string; author: string }): string | null {
  const d = post.date ? new Date(post.date) : null;
  const parts: Record<string, string> = {
    "%year%": d ? String(d.getUTCFullYear()) : "",
    "%monthnum%": d ? String(d.getUTCMonth() + 1).padStart(2, "0") : "",
    "%day%": d ? String(d.getUTCDate()).padStart(2, "0") : "",
    "%hour%": d ? String(d.getUTCHours()).padStart(2, "0") : "",
    "%minute%": d ? String(d.getUTCMinutes()).padStart(2, "0") : "",
    "%second%": d ? String(d.getUTCSeconds()).padStart(2, "0") : "",
    "%postname%": post.slug,
    "%post_id%": String(post.id),
    "%category%": post.category,
    "%author%": post.author,
  };
  let missing = false;
  const path = structure.replace(/%[a-z_]+%/g, (tag) => {
    const value = parts[tag];
    if (!value) missing = true;
    return value ?? "";
  });
  return missing ? null : path;
}

/** A permalink structure an operator may give: a path with WordPress's tags, naming the post. */
export function isPermalinkStructure(value: string): boolean {
  return value.length <= 200 && /^\/[a-z0-9_%/.-]*$/i.test(value) && /%(postname|post_id)%/.test(value);
}

/** The old addresses of a post or page: its permalink, the usual WordPress forms, the chosen structure's (`date`, in UTC, serves when the item has no local date) and its episode's sound file. */
export function oldPathsOf(item: WxrItem, args: { blogPath: string; wpSlug: string; date: string | null; structure: string | null; category: string; sound?: string | null }): string[] {
  const paths = new Set<string>();
  const add = (p: string | null) => {
    const key = p ? legacyPathKey(p) : null;
    if (key && key !== "/" && key !== legacyPathKey(args.blogPath || "/")) paths.add(key);
  };
  try {
    if (item.link) add(new URL(item.link).pathname);
  } catch {
    // A link that is no address adds nothing.
  }
  // WordPress dates its permalinks by the site's own clock (post_date), not by UTC.
  const local = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(item.date);
  const date = local && !local[1]?.startsWith("0000") ? `${local[1]}T${local[2]}Z` : args.date;
  if (args.wpSlug) {
    add(`${args.blogPath}/${args.wpSlug}/`);
    if (item.type === "post" && date) {
      const d = new Date(date);
      const y = d.getUTCFullYear();
      const m = String(d.getUTCMonth() + 1).padStart(2, "0");
      add(`${args.blogPath}/${y}/${m}/${String(d.getUTCDate()).padStart(2, "0")}/${args.wpSlug}/`);
      add(`${args.blogPath}/${y}/${m}/${args.wpSlug}/`);
    }
    if (item.type === "post" && args.structure) add(`${args.blogPath}${permalinkPath(args.structure, { id: item.id, slug: args.wpSlug, date, category: args.category, author: item.creator }) ?? ""}`);
  }
  // An episode's sound in the old uploads folder was linked to (and downloaded) too: it leads to the episode.
  if (args.sound) add(`${args.blogPath}/wp-content/uploads/${args.sound}`);
  const query = new Set([`/?p=${item.id}`]);
  if (item.type === "page") query.add(`/?page_id=${item.id}`);
  return [...paths, ...query];
}

/** Whether an item's HTML comes from the block editor (its blocks are marked by comments). */
export function isBlockContent(html: string): boolean {
  return /<!--\s*wp:/.test(html);
}

/** The item's terms of one taxonomy (WordPress writes category domains "category" and "post_tag"). */
export function termsOf(item: Pick<WxrItem, "terms">, domain: string): WxrItemTerm[] {
  return item.terms.filter((t) => t.domain === domain && t.slug);
}

/** WordPress's default category, which says nothing about a story. */
export function isDefaultCategory(slug: string): boolean {
  return ["uncategorized", "non-classe", "non-classe-fr", "sans-categorie"].includes(slug);
}
