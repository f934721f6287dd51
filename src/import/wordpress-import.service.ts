
import { inviteUser, listAccounts } from "../accounts/account.service.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { FileStore } from "../platform/files/file-store.js";
import { type JobHandler, LEASE_MS, runDueJobs } from "../platform/jobs/job-queue.js";
import { DEFAULT_LOCALE } from "../platform/i18n/locale.js";
import type { Params } from "../platform/i18n/translate.js";
import type { Logger } from "../platform/logger.js";
import { EPISODE_AUDIO_JOB, episodeAudioJob, episodeAudioProcessing } from "../podcasts/episode-audio.service.js";
import type { StoryEditDeps } from "../stories/story-editing.service.js";
import { publicationProblem } from "../stories/story-status.service.js";
import {
  ensureSeries,
  ensureTheme,
  findSeriesIdBySlug,
  findThemeIdBySlug,
  importedStoryState,
  releaseImportedStory,
} from "../stories/story-import.service.js";
import { type StoryStatus, slugify } from "../stories/story.js";
import { htmlToText } from "./html-to-markdown.js";
import { emptyReport, type ImportNote, type ImportReport } from "./import-report.js";
import * as addresses from "./legacy-address.store.js";
import { type UploadsSource, UploadsError, uploadsPath } from "./uploads-source.js";
import * as store from "./wordpress.store.js";
import {
  blogPathOf,
  isDefaultCategory,
  itemDate,
  partFromTitle,
  seriesFromTerm,
  type SiteClock,
  siteClockOf,
  slugOf,
  storyStatusOf,
  termSlugOf,
} from "./wordpress-mapping.js";
import { hostOf, type ImageRef, type ItemContext, importImage, importPage, importPost, type PostOutcome, plan } from "./wordpress-item-import.js";
import { readWxr, type WxrAuthor, type WxrChannel } from "./wxr-reader.js";


/**
 * Imports a WordPress site (its WXR export, and its uploads folder or zip): posts become stories
 * with their statuses and dates, pages become pages, categories themes, tags keywords (or themes),
 * "Série : …" tags and "1/2" titles series, authors credits (and accounts on request), images
 * the media library's, podcast enclosures episodes processed by the audio job, and every old public
 * address a redirect. One transaction per item; a second run updates what changed and never
 * duplicates (items are keyed by the site's address and their WordPress id); a dry run reads and
 * checks everything and writes nothing. Whatever reaches readers goes through the release door.
 */

export type WordPressImportOptions = {
  dryRun: boolean;
  /** Tags become themes instead of keywords. */
  tagsAsThemes: boolean;
  /** Authors with an address get an account without password and an invitation by mail. */
  inviteAuthors: boolean;
  /** How authors are credited: as a pseudonym (the default) or a name. */
  credit: "pseudonym" | "name";
  /** The old site's permalink structure, when its own links in the export are not the public ones. */
  permalinks: string | null;
};

export const DEFAULT_OPTIONS: WordPressImportOptions = { dryRun: false, tagsAsThemes: false, inviteAuthors: false, credit: "pseudonym", permalinks: null };

export type ImportDeps = StoryEditDeps & { files: FileStore; privateFiles: FileStore; /** A private local folder for the copies ffmpeg and the zip reader need. */ workDir: string; baseUrl: string; log: Logger };

/** Opens the export afresh for each pass over it (it is read twice, never held in memory). */
export type WxrSource = () => AsyncIterable<Buffer>;

export type Progress = (fraction: number) => Promise<void> | void;

export type AttachmentInfo = { id: number; file: string | null; url: string; alt: string; title: string; parent: number; link: string; isImage: boolean };
type PostSummary = { id: number; type: string; title: string; date: string | null; seriesTerms: string[]; thumbnail: number };
export type TermTarget = { kind: "theme" | "series" | "keyword"; id: number; slug: string; name: string };

export type Scan = {
  channel: WxrChannel;
  authors: Map<string, WxrAuthor>;
  attachments: Map<number, AttachmentInfo>;
  posts: PostSummary[];
  /** "category:slug" → name, for terms used by at least one post. */
  usedTerms: Map<string, string>;
  /** Logins of the authors of imported posts and pages. */
  creators: Set<string>;
  /** The site's offsets from UTC, for the dates of drafts (exported without their UTC date). */
  clock: SiteClock;
  /** The content of the reusable blocks (`wp_block` items), by WordPress id. */
  reusableBlocks: Map<number, string>;
  items: number;
};

const IMAGE_FILE = /\.(jpe?g|png|gif|webp|avif)$/i;
const SILENT_TYPES = new Set(["attachment", "nav_menu_item", "revision", "wp_navigation", "wp_template", "wp_template_part", "wp_global_styles", "custom_css", "customize_changeset", "oembed_cache", "wp_block", "user_request", "wp_font_family", "wp_font_face"]);
const IMAGE_CONCURRENCY = 2;


/** The site's key: its address without scheme or trailing slash, lower-case. */
export function siteKeyOf(channel: WxrChannel): string {
  const raw = channel.baseBlogUrl || channel.link || channel.baseSiteUrl;
  return raw.replace(/^https?:\/\//i, "").replace(/\/+$/, "").toLowerCase();
}


async function scan(wxr: WxrSource): Promise<Scan> {
  const authors = new Map<string, WxrAuthor>();
  const attachments = new Map<number, AttachmentInfo>();
  const posts: PostSummary[] = [];
  const usedTerms = new Map<string, string>();
  const creators = new Set<string>();
  const reusableBlocks = new Map<number, string>();
  const dates: Array<{ date: string; dateGmt: string }> = [];
  const rawDates = new Map<PostSummary, { date: string; dateGmt: string }>();
  let items = 0;
  const channel = await readWxr(wxr(), {
    author: (a) => {
      if (a.login) authors.set(a.login, a);
    },
    item: (item) => {
      items++;
      dates.push({ date: item.date, dateGmt: item.dateGmt });
      const meta = (key: string) => item.meta.find((m) => m.key === key)?.value ?? "";
      if (item.type === "attachment") {
        const file = uploadsPath(meta("_wp_attached_file") || item.attachmentUrl);
        attachments.set(item.id, {
          id: item.id,
          file,
          url: item.attachmentUrl,
          alt: meta("_wp_attachment_image_alt").trim(),
          title: item.title,
          parent: item.parent,
          link: item.link,
          isImage: IMAGE_FILE.test(file ?? item.attachmentUrl),
        });
        return;
      }
      if (item.type === "wp_block" && item.status === "publish") reusableBlocks.set(item.id, item.content);
      if (item.type !== "post" && item.type !== "page") return;
      if (storyStatusOf(item.status) === null) return;
      for (const t of item.terms) if (t.slug) usedTerms.set(`${t.domain}:${t.slug}`, t.name);
      if (item.creator) creators.add(item.creator);
      const summary = {
        id: item.id,
        type: item.type,
        title: htmlToText(item.title),
        date: itemDate(item),
        seriesTerms: item.terms.filter((t) => seriesFromTerm(t)).map((t) => `${t.domain}:${t.slug}`),
        thumbnail: Number(meta("_thumbnail_id")) || 0,
      };
      posts.push(summary);
      rawDates.set(summary, { date: item.date, dateGmt: item.dateGmt });
    },
  });
  // Drafts' dates are read by the site's clock, known once every item is read.
  const clock = siteClockOf(dates);
  for (const [summary, date] of rawDates) summary.date = itemDate(date, clock);
  return { channel, authors, attachments, posts, usedTerms, creators, clock, reusableBlocks, items };
}


/** Runs `work` on every element, `limit` at a time, in order of start. */
async function eachLimited<T>(list: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, list.length) }, async () => {
    while (next < list.length) await work(list[next++] as T);
  });
  await Promise.all(runners);
}


export async function importWordPress(
  deps: ImportDeps,
  wxr: WxrSource,
  uploads: UploadsSource | null,
  options: WordPressImportOptions,
  onProgress: Progress = () => {},
): Promise<ImportReport> {
  const report = emptyReport();
  const dry = options.dryRun;
  const now = deps.clock.now().toISOString();
  const found = await scan(wxr);
  const siteUrl = siteKeyOf(found.channel);
  if (!siteUrl) throw new ImportError("the export has no wp:base_blog_url", "admin.import.failure.noSiteUrl");
  const blogPath = blogPathOf(found.channel.baseBlogUrl || found.channel.link);
  const oldHosts = new Set([found.channel.baseBlogUrl, found.channel.baseSiteUrl, found.channel.link].map(hostOf).filter((h): h is string => h !== null));
  const warn = (item: { id: number; title: string } | null, note: ImportNote): void => {
    report.warnings.push({ wordpressId: item?.id ?? null, title: item?.title ?? null, ...note });
  };
  const skip = (item: { id: number; title: string }, note: ImportNote): void => {
    report.skipped.push({ wordpressId: item.id, title: htmlToText(item.title), ...note });
  };
  const plannedAddresses = new Map<string, addresses.LegacyTarget>();
  const work = { done: 0, total: Math.max(1, found.items + found.attachments.size) };
  const step = async () => {
    work.done++;
    if (work.done % 10 === 0) await onProgress(Math.min(0.95, work.done / work.total));
  };

  // --- authors -------------------------------------------------------------------------------
  const creditOf = new Map<string, { name: string; userId: number | null }>();
  const usedLogins = found.creators;
  const accounts = options.inviteAuthors && !dry ? await listAccounts(deps) : [];
  for (const login of usedLogins) {
    const author = found.authors.get(login);
    const name = (author?.displayName || [author?.firstName, author?.lastName].filter(Boolean).join(" ") || login).slice(0, 120);
    let userId = (await store.findAuthor(deps.db, siteUrl, login))?.userId ?? null;
    if (options.inviteAuthors && !dry && userId === null && author?.email && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(author.email)) {
      const existing = accounts.find((a) => a.email.toLowerCase() === author.email.toLowerCase());
      if (existing) userId = existing.id;
      else {
        // Invited in French, the language of the sites imported so far; each author can then choose.
        const invited = await inviteUser(deps, { email: author.email, displayName: name, role: "author", locale: DEFAULT_LOCALE });
        if (invited.ok) userId = invited.id;
        else warn(null, { code: "account_not_created", values: { name }, reasonKey: invited.message });
      }
    }
    if (!dry) await store.saveAuthor(deps.db, siteUrl, { login, displayName: name, userId });
    creditOf.set(login, { name, userId });
  }
  report.authors = creditOf.size;
  for (const [p, target] of fixedAddresses(blogPath, [...found.authors.values()])) plan(plannedAddresses, p, target);

  // --- themes, series, keywords --------------------------------------------------------------
  const terms = new Map<string, TermTarget>();
  let dryIds = -1;
  for (const [key, name] of found.usedTerms) {
    const [domain = "", wpSlug = ""] = key.split(/:(.*)/s);
    if (domain !== "category" && domain !== "post_tag") continue;
    if (domain === "category" && isDefaultCategory(wpSlug)) continue;
    const seriesName = seriesFromTerm({ domain, slug: wpSlug, name });
    const kind: TermTarget["kind"] = seriesName ? "series" : domain === "category" || options.tagsAsThemes ? "theme" : "keyword";
    const title = (seriesName ?? name).slice(0, 120) || wpSlug;
    const slug = seriesName ? slugOf({ slug: "", title }) : termSlugOf(wpSlug, title);
    let id: number;
    const mapped = await store.findTermTarget(deps.db, siteUrl, domain, wpSlug);
    if (mapped && mapped.kind === kind) id = mapped.id;
    else if (kind === "keyword") id = 0;
    else if (dry) id = (kind === "theme" ? await findThemeIdBySlug(deps.db, slug) : await findSeriesIdBySlug(deps.db, slug)) ?? dryIds--;
    else {
      id = await deps.db.transaction().execute(async (tx) => {
        const made = kind === "theme" ? await ensureTheme(tx, { slug, name: title, description: "" }, now) : await ensureSeries(tx, { slug, title }, now);
        await store.saveTerm(tx, siteUrl, { taxonomy: domain, wpSlug, kind, id: made });
        return made;
      });
    }
    terms.set(key, { kind, id, slug, name: title });
    const base = domain === "category" ? "category" : "tag";
    plan(plannedAddresses, `${blogPath}/${base}/${wpSlug}/`, { kind, id: kind === "keyword" ? null : id, path: kind === "keyword" ? `/mots-cles/${slug}` : null });
  }
  report.themes = new Set([...terms.values()].filter((t) => t.kind === "theme").map((t) => t.slug)).size;
  report.tags = [...found.usedTerms.keys()].filter((k) => k.startsWith("post_tag:") && !terms.get(k)?.kind.startsWith("series")).length;

  // Series named by titles alone ("… (1/2)", "… (2/2)"): two parts or more with the same rest.
  const titleSeries = new Map<string, number[]>();
  for (const p of found.posts) {
    if (p.type !== "post" || p.seriesTerms.length > 0) continue;
    const part = partFromTitle(p.title);
    if (part) titleSeries.set(part.base, [...(titleSeries.get(part.base) ?? []), p.id]);
  }
  const seriesOfPost = new Map<number, { key: string; title: string }>();
  for (const [base, ids] of titleSeries) {
    if (ids.length < 2) continue;
    for (const id of ids) seriesOfPost.set(id, { key: `title:${base}`, title: base });
    const slug = slugify(base);
    const id = dry ? ((await findSeriesIdBySlug(deps.db, slug)) ?? dryIds--) : await deps.db.transaction().execute((tx) => ensureSeries(tx, { slug, title: base }, now));
    terms.set(`title:${base}`, { kind: "series", id, slug, name: base });
  }
  for (const p of found.posts) {
    const term = p.seriesTerms[0];
    if (term && terms.get(term)?.kind === "series") seriesOfPost.set(p.id, { key: term, title: terms.get(term)?.name ?? "" });
  }
  // Places in a series: the "n/m" of the title, else the order of publication.
  const positionOf = new Map<number, number>();
  const members = new Map<string, PostSummary[]>();
  for (const p of found.posts) {
    const s = seriesOfPost.get(p.id);
    if (s) members.set(s.key, [...(members.get(s.key) ?? []), p]);
  }
  for (const list of members.values()) {
    list.sort((a, b) => (partFromTitle(a.title)?.position ?? 1e6) - (partFromTitle(b.title)?.position ?? 1e6) || (a.date ?? "").localeCompare(b.date ?? "") || a.id - b.id);
    list.forEach((p, i) => {
      positionOf.set(p.id, partFromTitle(p.title)?.position ?? i + 1);
    });
  }

  // --- images --------------------------------------------------------------------------------
  const images = new Map<number, ImageRef>();
  const imageByFile = new Map<string, ImageRef>();
  const wantedImages = [...found.attachments.values()].filter((a) => a.isImage);
  const otherCount = [...found.attachments.values()].filter((a) => !a.isImage && !/\.(mp3|m4a|aac|ogg|oga|opus|wav|flac|vtt|srt|txt)$/i.test(a.file ?? a.url)).length;
  if (otherCount > 0) warn(null, { code: "other_attachments", values: { count: otherCount } });
  await eachLimited(wantedImages, IMAGE_CONCURRENCY, async (att) => {
    const ref = await importImage(deps, siteUrl, att, uploads, dry, now, (note) => warn({ id: att.id, title: att.title }, note));
    if (ref) {
      images.set(att.id, ref);
      if (att.file) imageByFile.set(att.file.toLowerCase(), ref);
      const target = { kind: "image", id: ref.imageId, path: null };
      if (att.file) plan(plannedAddresses, `${blogPath}/wp-content/uploads/${att.file}`, target);
      plan(plannedAddresses, `/?attachment_id=${att.id}`, target);
      if (att.link && !/[?&]attachment_id=/.test(att.link)) plan(plannedAddresses, pathOfUrl(att.link), target);
    }
    await step();
  });
  report.media = images.size;
  if (!dry) {
    // Old addresses answer readers: written, and marked as a change of what they see, in one transaction.
    await deps.db.transaction().execute(async (tx) => {
      let added = false;
      for (const [p, target] of plannedAddresses) if (await addresses.insertLegacyAddress(tx, siteUrl, p, target, now)) added = true;
      if (added) await markContentChanged(tx, now);
    });
  }

  // --- posts and pages -----------------------------------------------------------------------
  const outcomes = new Map<number, PostOutcome>();
  const audioPending: Array<{ wpId: number; storyId: number; title: string; wanted: StoryStatus }> = [];
  const ctx: ItemContext = { deps, siteUrl, blogPath, oldHosts, options, now, terms, creditOf, images, imageByFile, seriesOfPost, positionOf, found, uploads, warn, skip, plannedAddresses };
  await readWxr(wxr(), {
    item: async (item) => {
      if (item.type === "attachment") return;
      await step();
      if (item.type !== "post" && item.type !== "page") {
        if (!SILENT_TYPES.has(item.type)) skip(item, { code: "unsupported_type", values: { type: item.type } });
        return;
      }
      report.comments += item.approvedComments;
      const wanted = storyStatusOf(item.status);
      if (wanted === null) {
        if (item.status === "trash") skip(item, { code: "in_trash" });
        return;
      }
      if (item.oversized) return skip(item, { code: "oversized" });
      try {
        if (item.type === "page") {
          if (await importPage(ctx, item, wanted)) report.pages++;
          return;
        }
        const outcome = await importPost(ctx, item, wanted);
        if (!outcome) return;
        outcomes.set(item.id, outcome);
        if (outcome.episode) report.episodes++;
        if (outcome.audioQueued) audioPending.push({ wpId: item.id, storyId: outcome.storyId, title: outcome.title, wanted });
      } catch (error) {
        if (error instanceof UploadsError) return skip(item, { code: "file_unreadable", values: error.values });
        // Its cause is for the operator's log: an unforeseen error's text may be anything, in any language.
        deps.log.error({ err: error, wordpressId: item.id }, "import : élément en échec");
        skip(item, { code: "failed" });
      }
    },
  });

  // --- episodes' audio: the job processes each file, then the story is released ----------------
  if (!dry && audioPending.length > 0) {
    await onProgress(0.96);
    const handlers: Record<string, JobHandler> = { [EPISODE_AUDIO_JOB]: episodeAudioJob(deps) };
    const runner = { db: deps.db, log: deps.log, now: () => deps.clock.now() };
    while ((await runDueJobs(runner, handlers, audioPending.length)) > 0) {
      // Each round takes every audio job due now; retries come later, from the server's scheduler.
    }
    // The server's own job runner (or another instance) may have taken a job first: its episode
    // is released below only once that run is over, whoever ran it.
    for (const pending of audioPending) await processingEnded(deps, pending.storyId, () => runDueJobs(runner, handlers, 1));
    for (const pending of audioPending) {
      const outcome = outcomes.get(pending.wpId);
      if (!outcome || pending.wanted !== "published" || outcome.awaiting !== "audio") continue;
      const problem = await releaseImportedStory(deps, pending.storyId);
      const state = await importedStoryState(deps.db, pending.storyId);
      if (!problem && state) {
        await store.setAwaiting(deps.db, siteUrl, pending.wpId, null);
        outcomes.set(pending.wpId, { ...outcome, status: state.status, isPublic: state.isPublic, awaiting: null });
      } else {
        warn({ id: pending.wpId, title: pending.title }, problem ? { code: "episode_not_published", refusals: problem } : { code: "episode_audio_failed" });
      }
    }
  }

  // --- report --------------------------------------------------------------------------------
  for (const [wpId, o] of outcomes) {
    const item = { id: wpId, title: o.title };
    if (o.awaiting === "transcript") warn(item, { code: "episode_without_transcript" });
    else if (o.awaiting === "audio") warn(item, { code: "episode_without_audio" });
    else if (o.awaiting === "guard") {
      const refusals = o.reason ?? (await publicationProblem(deps, o.storyId));
      warn(item, refusals?.length ? { code: "not_published_here", refusals } : { code: "not_published_here_see_page" });
    }

    if (o.isPublic) report.stories.published++;
    else if (o.status === "draft" || o.status === "review" || o.status === "scheduled") report.stories[o.status]++;
  }
  const known = await addresses.listKnownPaths(deps.db, [...plannedAddresses.keys()]);
  report.redirects = dry ? (await addresses.countLegacyAddresses(deps.db, siteUrl)) + [...plannedAddresses.keys()].filter((p) => !known.has(p)).length : await addresses.countLegacyAddresses(deps.db, siteUrl);
  await onProgress(1);
  return report;
}

/**
 * Waits while an episode's audio is being processed by another runner (state "running"), taking
 * it itself if its lease runs out. A job waiting for a later retry is not waited for.
 */
async function processingEnded(deps: ImportDeps, storyId: number, runDue: () => Promise<number>): Promise<void> {
  const giveUpAt = Date.now() + LEASE_MS + 60_000;
  while ((await episodeAudioProcessing(deps, storyId))?.state === "running" && Date.now() < giveUpAt) {
    if ((await runDue()) === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A refusal of the whole export: a catalogue key and its values for the reader; the message, in English, is for the log. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly key: "admin.import.failure.noSiteUrl",
    readonly values: Params = {},
  ) {
    super(message);
  }
}

function pathOfUrl(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

/** Fixed addresses every WordPress site has: its feeds and its authors' archives. */
export function fixedAddresses(blogPath: string, authors: WxrAuthor[]): Array<[string, addresses.LegacyTarget]> {
  const feed = { kind: "fixed", id: null, path: "/flux.xml" };
  const list: Array<[string, addresses.LegacyTarget]> = [
    [`${blogPath}/feed/`, feed],
    [`${blogPath}/feed/rss2/`, feed],
    [`${blogPath}/feed/atom/`, feed],
    ["/?feed=rss2", feed],
    ["/?feed=rss", feed],
    ["/?feed=atom", feed],
    [`${blogPath}/feed/podcast/`, { kind: "fixed", id: null, path: "/podcast.xml" }],
    ["/?feed=podcast", { kind: "fixed", id: null, path: "/podcast.xml" }],
  ];
  // A blog in a folder (https://site.example/blog/) had its own home there.
  if (blogPath) list.push([`${blogPath}/`, { kind: "fixed", id: null, path: "/" }]);
  // Entre Pairs keeps no page per person (a list of everything one person told makes them easier
  // to recognise): an author's archive leads to all testimonies.
  for (const author of authors) {
    const all = { kind: "fixed", id: null, path: "/temoignages" };
    list.push([`${blogPath}/author/${slugify(author.login)}/`, all]);
    if (author.id) list.push([`/?author=${author.id}`, all]);
  }
  return list;
}
