import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { inviteUser, listAccounts } from "../accounts/account.service.js";
import type { Db, Queryable } from "../database.js";
import { discardRenderedImage, findImages, ImageRejected, MAX_IMAGE_BYTES, type RenderedImage, recordImage, renderImage } from "../media/image.service.js";
import { EPISODE_AUDIO_LIMITS } from "../media/audio.js";
import { writeImportedPage } from "../pages/page.service.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import type { FileStore } from "../platform/files/file-store.js";
import { type JobHandler, runDueJobs } from "../platform/jobs/job-queue.js";
import type { Logger } from "../platform/logger.js";
import { EPISODE_AUDIO_JOB, episodeAudioJob, importedAudioKey, queueImportedEpisodeAudio } from "../podcasts/episode-audio.service.js";
import { detectTranscriptFormat, ensureEpisode, EPISODE_PART, importEpisodeDetails } from "../podcasts/episode.service.js";
import { parseVtt } from "../podcasts/webvtt.js";
import { publicationProblem, type StoryEditDeps } from "../stories/story-editing.service.js";
import {
  ensureSeries,
  ensureTheme,
  findSeriesIdBySlug,
  findThemeIdBySlug,
  type ImportedStory,
  importedStoryState,
  importedVersion,
  importedVersionProblems,
  releaseImportedStory,
  settleImportedStatus,
  workingCopyFingerprint,
  writeImportedStory,
} from "../stories/story-import.service.js";
import { type ContentNote, type Credit, type StoryStatus, slugify } from "../stories/story.js";
import { expandShortcodes } from "./shortcodes.js";
import { htmlToMarkdown, htmlToText } from "./html-to-markdown.js";
import { emptyReport, type ImportReport } from "./import-report.js";
import { legacyPathKey } from "./legacy-address.js";
import * as addresses from "./legacy-address.store.js";
import { MAX_UPLOAD_ENTRY_BYTES, type UploadsSource, uploadsPath } from "./uploads-source.js";
import * as store from "./wordpress.store.js";
import {
  automaticStandfirst,
  blogPathOf,
  contentNotesOf,
  enclosureOf,
  isBlockContent,
  isDefaultCategory,
  itemDate,
  oldPathsOf,
  partFromTitle,
  seriesFromTerm,
  slugOf,
  srtToVtt,
  storyStatusOf,
  termsOf,
  transcriptInContent,
} from "./wordpress-mapping.js";
import { readWxr, type WxrAuthor, type WxrChannel, type WxrItem } from "./wxr-reader.js";

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

export type ImportDeps = StoryEditDeps & { files: FileStore; privateFiles: FileStore; baseUrl: string; log: Logger };

/** Opens the export afresh for each pass over it (it is read twice, never held in memory). */
export type WxrSource = () => AsyncIterable<Buffer>;

export type Progress = (fraction: number) => Promise<void> | void;

type AttachmentInfo = { id: number; file: string | null; url: string; alt: string; title: string; parent: number; link: string; isImage: boolean };
type PostSummary = { id: number; type: string; title: string; date: string | null; seriesTerms: string[]; thumbnail: number };
type TermTarget = { kind: "theme" | "series" | "keyword"; id: number; slug: string; name: string };
type ImageRef = { imageId: number; url: string; alt: string; key: string };

type Scan = {
  channel: WxrChannel;
  authors: Map<string, WxrAuthor>;
  attachments: Map<number, AttachmentInfo>;
  posts: PostSummary[];
  /** "category:slug" → name, for terms used by at least one post. */
  usedTerms: Map<string, string>;
  /** Logins of the authors of imported posts and pages. */
  creators: Set<string>;
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
  let items = 0;
  const channel = await readWxr(wxr(), {
    author: (a) => {
      if (a.login) authors.set(a.login, a);
    },
    item: (item) => {
      items++;
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
      if (item.type !== "post" && item.type !== "page") return;
      if (storyStatusOf(item.status) === null) return;
      for (const t of item.terms) if (t.slug) usedTerms.set(`${t.domain}:${t.slug}`, t.name);
      if (item.creator) creators.add(item.creator);
      posts.push({
        id: item.id,
        type: item.type,
        title: htmlToText(item.title),
        date: itemDate(item),
        seriesTerms: item.terms.filter((t) => seriesFromTerm(t)).map((t) => `${t.domain}:${t.slug}`),
        thumbnail: Number(meta("_thumbnail_id")) || 0,
      });
    },
  });
  return { channel, authors, attachments, posts, usedTerms, creators, items };
}

/** Runs `work` on every element, `limit` at a time, in order of start. */
async function eachLimited<T>(list: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, list.length) }, async () => {
    while (next < list.length) await work(list[next++] as T);
  });
  await Promise.all(runners);
}

const sha256 = (value: unknown) => createHash("sha256").update(typeof value === "string" || Buffer.isBuffer(value) ? value : JSON.stringify(value)).digest("base64url");

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
  if (!siteUrl) throw new ImportError("L'export ne donne pas l'adresse du site (wp:base_blog_url) : il ne vient pas de l'outil d'export de WordPress.");
  const blogPath = blogPathOf(found.channel.baseBlogUrl || found.channel.link);
  const oldHosts = new Set([found.channel.baseBlogUrl, found.channel.baseSiteUrl, found.channel.link].map(hostOf).filter((h): h is string => h !== null));
  const warn = (item: { id: number; title: string } | null, message: string): void => {
    report.warnings.push({ wordpressId: item?.id ?? null, title: item?.title ?? null, message });
  };
  const skip = (item: { id: number; title: string }, reason: string): void => {
    report.skipped.push({ wordpressId: item.id, title: htmlToText(item.title), reason });
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
        const invited = await inviteUser(deps, { email: author.email, displayName: name, role: "author" });
        if (invited.ok) userId = invited.id;
        else warn(null, `Compte de ${name} non créé : ${invited.message}`);
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
    const slug = slugOf({ slug: seriesName ? "" : wpSlug, title });
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
  if (otherCount > 0) warn(null, `${otherCount} fichier(s) joint(s) autres que des images (PDF, documents…) non importés : seuls les images et le son des épisodes le sont.`);
  await eachLimited(wantedImages, IMAGE_CONCURRENCY, async (att) => {
    const ref = await importImage(deps, siteUrl, att, uploads, dry, now, (m) => warn({ id: att.id, title: att.title }, m));
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
        if (!SILENT_TYPES.has(item.type)) skip(item, `Type de contenu « ${item.type} » non pris en charge (seuls les articles et les pages le sont).`);
        return;
      }
      report.comments += item.approvedComments;
      const wanted = storyStatusOf(item.status);
      if (wanted === null) {
        if (item.status === "trash") skip(item, "Dans la corbeille de WordPress : non importé.");
        return;
      }
      if (item.oversized) return skip(item, "Contenu trop volumineux (plus de 4 millions de caractères) : non importé.");
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
        if (error instanceof ImportError) return skip(item, error.message);
        deps.log.error({ err: error, wordpressId: item.id }, "import : élément en échec");
        skip(item, `Échec de l'import, rien n'a été écrit pour cet élément : ${error instanceof Error ? error.message : String(error)}`);
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
    for (const pending of audioPending) {
      const outcome = outcomes.get(pending.wpId);
      if (!outcome || pending.wanted !== "published" || outcome.awaiting !== "audio") continue;
      const problem = await releaseImportedStory(deps, pending.storyId);
      const state = await importedStoryState(deps.db, pending.storyId);
      if (!problem && state) {
        await store.setAwaiting(deps.db, siteUrl, pending.wpId, null);
        outcomes.set(pending.wpId, { ...outcome, status: state.status, isPublic: state.isPublic, awaiting: null });
      } else {
        warn({ id: pending.wpId, title: pending.title }, `Épisode non publié : ${problem ?? "son audio n'a pas pu être traité."}`);
      }
    }
  }

  // --- report --------------------------------------------------------------------------------
  for (const [wpId, o] of outcomes) {
    const item = { id: wpId, title: o.title };
    if (o.awaiting === "transcript") warn(item, "Épisode sans transcription : il reste hors ligne, et son ancienne adresse dit qu'il revient bientôt, jusqu'à ce qu'une transcription soit ajoutée.");
    else if (o.awaiting === "audio") warn(item, "Épisode sans son audio : il reste hors ligne, et son ancienne adresse dit qu'il revient bientôt, jusqu'à ce que son fichier soit ajouté.");
    else if (o.awaiting === "guard") warn(item, `Publié sur WordPress, pas publié ici : ${o.reason ?? (await publicationProblem(deps, o.storyId)) ?? "voir sa page dans l'espace éditorial."}`);

    if (o.isPublic) report.stories.published++;
    else if (o.status === "draft" || o.status === "review" || o.status === "scheduled") report.stories[o.status]++;
  }
  const known = await addresses.listKnownPaths(deps.db, [...plannedAddresses.keys()]);
  report.redirects = dry ? (await addresses.countLegacyAddresses(deps.db, siteUrl)) + [...plannedAddresses.keys()].filter((p) => !known.has(p)).length : await addresses.countLegacyAddresses(deps.db, siteUrl);
  await onProgress(1);
  return report;
}

/** A refusal of one item, said in French; the item is listed as skipped. */
export class ImportError extends Error {}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

function pathOfUrl(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "";
  }
}

function plan(map: Map<string, addresses.LegacyTarget>, rawPath: string, target: addresses.LegacyTarget) {
  const key = rawPath.startsWith("/?") ? rawPath.toLowerCase() : legacyPathKey(rawPath);
  if (key && key !== "/" && !map.has(key)) map.set(key, target);
}

async function importImage(
  deps: ImportDeps,
  siteUrl: string,
  att: AttachmentInfo,
  uploads: UploadsSource | null,
  dry: boolean,
  now: string,
  warn: (message: string) => void,
): Promise<ImageRef | null> {
  if (!att.file) {
    warn("Image sans chemin dans l'export : non importée.");
    return null;
  }
  const data = uploads ? await uploads.read(att.file, MAX_IMAGE_BYTES) : null;
  if (data === "too-large") {
    warn(`Image de plus de 15 Mo, non importée : ${att.file}`);
    return null;
  }
  if (!data) {
    warn(`Image absente des fichiers envoyés : ${att.file}`);
    return null;
  }
  const hash = sha256(data);
  const existing = await store.findItem(deps.db, siteUrl, att.id);
  if (existing && existing.sourceHash === hash) {
    const image = await findImageRow(deps.db, existing.targetId);
    if (image) return { ...image, alt: att.alt };
  }
  if (dry) {
    try {
      const meta = await sharp(data).metadata();
      if (!meta.width || !meta.height) throw new Error();
    } catch {
      warn(`Image illisible, non importée : ${att.file}`);
      return null;
    }
    return { imageId: -att.id, url: `/media/images/${"0".repeat(24)}/960.jpeg`, alt: att.alt, key: "" };
  }
  let rendered: RenderedImage;
  try {
    rendered = await renderImage(deps, data);
  } catch (error) {
    if (error instanceof ImageRejected) {
      warn(`Image refusée (${error.message}) : ${att.file}`);
      return null;
    }
    throw error;
  }
  try {
    const stored = await deps.db.transaction().execute(async (tx) => {
      const image = await recordImage(tx, deps.clock.now(), rendered, att.alt);
      await store.saveItem(tx, siteUrl, { wpId: att.id, wpType: "attachment", targetId: image.id, sourceHash: hash, title: att.title, importedFingerprint: null, awaiting: null }, now);
      return image;
    });
    return { imageId: stored.id, url: renditionUrl(stored.key, stored.widths), alt: att.alt, key: stored.key };
  } catch (error) {
    await discardRenderedImage(deps, rendered);
    throw error;
  }
}

function renditionUrl(key: string, widths: number[]): string {
  const width = widths.filter((w) => w <= 1440).at(-1) ?? widths[0];
  return `/media/${key}/${width}.jpeg`;
}

async function findImageRow(db: Db, id: number): Promise<ImageRef | null> {
  const image = (await findImages({ db }, [id])).get(id);
  if (!image) return null;
  return { imageId: image.id, url: renditionUrl(image.key, image.widths), alt: "", key: image.key };
}

type ItemContext = {
  deps: ImportDeps;
  siteUrl: string;
  blogPath: string;
  oldHosts: Set<string>;
  options: WordPressImportOptions;
  now: string;
  terms: Map<string, TermTarget>;
  creditOf: Map<string, { name: string; userId: number | null }>;
  images: Map<number, ImageRef>;
  imageByFile: Map<string, ImageRef>;
  seriesOfPost: Map<number, { key: string; title: string }>;
  positionOf: Map<number, number>;
  found: Scan;
  uploads: UploadsSource | null;
  warn(item: { id: number; title: string } | null, message: string): void;
  skip(item: { id: number; title: string }, reason: string): void;
  plannedAddresses: Map<string, addresses.LegacyTarget>;
};

/** Our own rendition for an image address of the old site (size variants "-300x200" included). */
function resolveImage(ctx: ItemContext, src: string): string | null {
  const file = uploadsPath(src);
  if (!file) return null;
  const lower = file.toLowerCase();
  const ref = ctx.imageByFile.get(lower) ?? ctx.imageByFile.get(lower.replace(/-\d+x\d+(?=\.\w+$)/, "")) ?? ctx.imageByFile.get(lower.replace(/-scaled(?=\.\w+$)/, ""));
  return ref?.url ?? null;
}

/** Links to the old site become paths of this one: its old addresses answer with a redirect. */
function resolveLink(ctx: ItemContext, href: string): string {
  try {
    const url = new URL(href);
    if (ctx.oldHosts.has(url.host.toLowerCase())) return `${url.pathname}${url.search}${url.hash}` || "/";
  } catch {
    // A relative link stays as it is.
  }
  return href;
}

function convert(ctx: ItemContext, item: WxrItem, html: string, enclosureUrl: string | null) {
  const warnings: string[] = [];
  const expanded = expandShortcodes(html, {
    attachmentImage: (id) => {
      const att = ctx.found.attachments.get(id);
      return att?.file ? { src: `/wp-content/uploads/${att.file}`, alt: att.alt } : null;
    },
    childImages: () => [...ctx.found.attachments.values()].filter((a) => a.parent === item.id && a.isImage && a.file).map((a) => ({ src: `/wp-content/uploads/${a.file}`, alt: a.alt })),
    isEnclosure: (url) => enclosureUrl !== null && url.split("?")[0] === enclosureUrl.split("?")[0],
    warn: (m) => warnings.push(m),
  });
  const markdown = htmlToMarkdown(expanded, {
    autop: !isBlockContent(html),
    resolveImage: (src) => resolveImage(ctx, src),
    resolveLink: (href) => resolveLink(ctx, href),
    warn: (m) => warnings.push(m),
  });
  for (const w of new Set(warnings)) ctx.warn({ id: item.id, title: htmlToText(item.title) }, w);
  return { markdown, text: htmlToText(expanded) };
}

type PostOutcome = { status: StoryStatus; isPublic: boolean; awaiting: string | null; reason?: string; storyId: number; title: string; episode: boolean; audioQueued: boolean };

async function importPost(ctx: ItemContext, item: WxrItem, wanted: StoryStatus): Promise<PostOutcome | null> {
  const { deps, options } = ctx;
  const title = htmlToText(item.title).slice(0, 300);
  const labelled = { id: item.id, title };
  const enclosure = enclosureOf(item);
  let html = item.content;
  let transcript = "";
  let audio: { file: string } | null = null;
  if (enclosure) {
    const inContent = transcriptInContent(html);
    if (inContent) {
      transcript = inContent.transcript;
      html = inContent.rest;
    }
    const file = uploadsPath(enclosure.url);
    if (file && ctx.uploads && (await ctx.uploads.has(file))) audio = { file };
    else ctx.warn(labelled, `Son de l'épisode absent des fichiers envoyés (aucune requête n'est faite vers ${hostOf(enclosure.url) ?? "l'adresse d'origine"}) : l'épisode attend son audio.`);
    if (!transcript && enclosure.transcriptUrl && ctx.uploads) {
      const tfile = uploadsPath(enclosure.transcriptUrl);
      const bytes = tfile ? await ctx.uploads.read(tfile, 2 * 1024 * 1024) : null;
      if (Buffer.isBuffer(bytes)) transcript = readTranscriptFile(bytes.toString("utf8"), tfile ?? "");
    }
  }
  const { markdown, text } = convert(ctx, item, html, enclosure?.url ?? null);
  const excerpt = htmlToText(item.excerpt);
  const creditName = ctx.creditOf.get(item.creator)?.name ?? "";
  const credit: Credit = creditName ? { kind: options.credit, name: creditName, age: null } : { kind: "anonymous", name: "", age: null };
  const themeIds: number[] = [];
  const keywords: Array<{ slug: string; name: string }> = [];
  const termNames: string[] = [];
  for (const t of item.terms) {
    const target = ctx.terms.get(`${t.domain}:${t.slug}`);
    termNames.push(t.name);
    if (target?.kind === "theme") themeIds.push(target.id);
    else if (target?.kind === "keyword") keywords.push({ slug: target.slug, name: target.name });
  }
  const series = ctx.seriesOfPost.get(item.id);
  const seriesId = series ? (ctx.terms.get(series.key)?.id ?? null) : null;
  const thumbnail = Number(item.meta.find((m) => m.key === "_thumbnail_id")?.value) || 0;
  const cover = thumbnail ? ctx.images.get(thumbnail) : undefined;
  if (thumbnail && !cover) ctx.warn(labelled, "Image à la une absente des fichiers importés : le témoignage est importé sans couverture.");
  const date = itemDate(item);
  const contentNotes: ContentNote[] = contentNotesOf(termNames, text.split(/(?<=[.!?])\s/)[0] ?? "");
  const input: ImportedStory = {
    title,
    slug: slugOf(item),
    kind: enclosure ? "podcast" : "article",
    format: "single",
    standfirst: (excerpt || automaticStandfirst(text)).slice(0, 600),
    body: markdown,
    themeIds: [...new Set(themeIds)],
    seriesId: seriesId !== null && seriesId > 0 ? seriesId : null,
    seriesPosition: seriesId !== null && seriesId > 0 ? (ctx.positionOf.get(item.id) ?? 1) : null,
    credit,
    contentNotes,
    coverImageId: cover && cover.imageId > 0 ? cover.imageId : null,
    coverAlt: cover?.alt ?? "",
    isFeatured: false,
    status: wanted,
    publishedAt: date,
    keywords,
    authorId: ctx.creditOf.get(item.creator)?.userId ?? null,
  };
  if (item.hasPassword) {
    ctx.warn(labelled, "Protégé par un mot de passe sur WordPress : importé dépublié, Entre Pairs n'a pas de pages à mot de passe.");
    input.status = "unpublished";
  }
  const audioHash = audio && ctx.uploads ? sha256(`${audio.file}`) : null;
  const sourceHash = sha256({ v: 1, item: { ...item, meta: item.meta.filter((m) => !m.key.startsWith("_edit")) }, input, options: { credit: options.credit, tagsAsThemes: options.tagsAsThemes }, cover: cover?.key ?? null, audioHash, transcript });
  const existing = await store.findItem(deps.db, ctx.siteUrl, item.id);
  const existingState = existing ? await importedStoryState(deps.db, existing.targetId) : null;
  const oldPaths = oldPathsOf(item, { blogPath: ctx.blogPath, wpSlug: decodeSlug(item.slug), date, structure: options.permalinks, category: termsOf(item, "category")[0]?.slug ?? "" });

  if (existing && existingState) {
    const current = { status: existingState.status, isPublic: existingState.isPublic, awaiting: existing.awaiting, storyId: existing.targetId, title, episode: input.kind === "podcast", audioQueued: false };
    if (existing.sourceHash === sourceHash) return current;
    const fingerprint = await workingCopyFingerprint(deps, deps.db, existing.targetId);
    if (fingerprint !== existing.importedFingerprint) {
      ctx.warn(labelled, "Modifié sur WordPress, mais aussi ici depuis le dernier import : la version d'ici est gardée telle quelle.");
      return current;
    }
  }

  const isPodcast = input.kind === "podcast";
  // Why a story public on the old site is not public here (yet): an episode's transcript or
  // audio (missing, or being processed), or another guard's refusal.
  const awaitingOf = (problem: string | null): string | null => {
    if (input.status !== "published" || !problem) return null;
    if (isPodcast) return !transcript.trim() ? "transcript" : "audio";
    return "guard";
  };

  if (options.dryRun) {
    const parts = isPodcast ? { [EPISODE_PART]: { guid: "", season: null, number: null, audioKey: audio ? "audio/import.mp3" : null, audioBytes: null, durationMs: null, transcript, transcriptFormat: detectTranscriptFormat(transcript), chapters: [] } } : {};
    const version = importedVersion(input, input.slug, parts);
    const problems = input.status === "published" || input.status === "scheduled" ? await importedVersionProblems(deps, deps.db, existing?.targetId ?? null, version) : [];
    const problem = problems.length ? problems.join(" ") : null;
    const awaiting = awaitingOf(problem);
    if (problem && input.status === "scheduled") ctx.warn(labelled, `Programmé sur WordPress, remis en relecture ici : ${problem}`);
    const status: StoryStatus = problem ? (input.status === "scheduled" ? "review" : input.status === "published" ? "unpublished" : input.status) : input.status;
    for (const p of oldPaths) plan(ctx.plannedAddresses, p, { kind: "story", id: existing?.targetId ?? -item.id, path: null });
    return { status, isPublic: status === "published", awaiting, reason: problem ?? undefined, storyId: existing?.targetId ?? -item.id, title, episode: isPodcast, audioQueued: false };
  }

  // The audio waits on the private disk before the transaction that names it.
  let audioTemp: string | null = null;
  if (audio && ctx.uploads) {
    audioTemp = path.join(os.tmpdir(), `entrepairs-import-${randomBytes(8).toString("hex")}`);
    const copied = await ctx.uploads.copyTo(audio.file, audioTemp, Math.min(MAX_UPLOAD_ENTRY_BYTES, EPISODE_AUDIO_LIMITS.maxBytes));
    if (copied !== true) {
      ctx.warn(labelled, copied === "too-large" ? "Son de l'épisode trop volumineux : l'épisode attend son audio." : "Son de l'épisode introuvable : l'épisode attend son audio.");
      audio = null;
      audioTemp = null;
    }
  }
  let adoptedKey: string | null = null;
  try {
    const result = await deps.db.transaction().execute(async (tx) => {
      const { id } = await writeImportedStory(deps, tx, existingState ? (existing?.targetId ?? null) : null, input, ctx.now);
      let queued = false;
      if (isPodcast) {
        const txDeps = { ...deps, db: tx as unknown as Db };
        await ensureEpisode(txDeps, id);
        await importEpisodeDetails(txDeps, id, { season: null, number: null, chapters: [], transcript });
        if (audio && audioTemp) {
          adoptedKey = importedAudioKey(id);
          await deps.privateFiles.adopt(adoptedKey, audioTemp);
          await queueImportedEpisodeAudio(deps, tx, id, adoptedKey);
          queued = true;
        }
      }
      // A public episode waits for its audio to be processed (then the import releases it), or
      // for what it lacks; it is not public meanwhile.
      const waitsForAudio = isPodcast && input.status === "published";
      const problem = waitsForAudio ? "episode" : await settleImportedStatus(deps, tx, id, input.status, input.publishedAt ?? ctx.now, ctx.now);
      if (waitsForAudio) await settleImportedStatus(deps, tx, id, "unpublished", null, ctx.now);
      const awaiting = awaitingOf(problem);
      const fingerprint = await workingCopyFingerprint(deps, tx, id);
      await store.saveItem(tx, ctx.siteUrl, { wpId: item.id, wpType: "post", targetId: id, sourceHash, title, importedFingerprint: fingerprint, awaiting }, ctx.now);
      let addressAdded = false;
      for (const p of oldPaths) {
        const key = p.startsWith("/?") ? p : legacyPathKey(p);
        if (key && (await addresses.insertLegacyAddress(tx, ctx.siteUrl, key, { kind: "story", id, path: null }, ctx.now))) addressAdded = true;
        if (key) plan(ctx.plannedAddresses, key, { kind: "story", id, path: null });
      }
      // Old addresses answer readers: they change what readers see, in this transaction.
      if (addressAdded) await markContentChanged(tx, ctx.now);
      const state = await importedStoryState(tx, id);
      return { id, problem, awaiting, queued, state };
    });
    if (result.problem && input.status === "scheduled") ctx.warn(labelled, `Programmé sur WordPress, remis en relecture ici : ${result.problem}`);
    return {
      status: result.state?.status ?? "draft",
      isPublic: result.state?.isPublic ?? false,
      awaiting: result.awaiting,
      reason: result.awaiting === "guard" ? (result.problem ?? undefined) : undefined,
      storyId: result.id,
      title,
      episode: isPodcast,
      audioQueued: result.queued && transcript.trim() !== "",
    };
  } catch (error) {
    if (audioTemp) await fs.rm(audioTemp, { force: true });
    if (adoptedKey) await deps.privateFiles.remove(adoptedKey);
    throw error;
  }
}

function decodeSlug(slug: string): string {
  try {
    return decodeURIComponent(slug);
  } catch {
    return slug;
  }
}

/** A transcript file from the uploads: WebVTT as it is, SRT turned into WebVTT, else plain text. */
function readTranscriptFile(text: string, name: string): string {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  const candidate = /\.srt$/i.test(name) ? srtToVtt(trimmed) : trimmed;
  if (detectTranscriptFormat(candidate) === "vtt") {
    try {
      parseVtt(candidate);
      return candidate;
    } catch {
      return candidate.replace(/^WEBVTT[^\n]*\n/, "").trim();
    }
  }
  return candidate;
}

async function importPage(ctx: ItemContext, item: WxrItem, wanted: StoryStatus): Promise<boolean> {
  const title = htmlToText(item.title).slice(0, 200) || "Page sans titre";
  if (wanted !== "published" || item.hasPassword) {
    ctx.skip({ id: item.id, title }, "Page non publiée sur WordPress : les pages d'ici sont toutes publiques, elle n'est pas importée.");
    return false;
  }
  const { markdown, text } = convert(ctx, item, item.content, null);
  if (!markdown.trim()) {
    ctx.skip({ id: item.id, title }, "Page vide : non importée.");
    return false;
  }
  const page = { slug: slugOf(item), title, summary: automaticStandfirst(htmlToText(item.excerpt) || text).slice(0, 400), bodyMd: markdown.slice(0, 100_000) };
  const sourceHash = sha256({ v: 1, page });
  const existing = await store.findItem(ctx.deps.db, ctx.siteUrl, item.id);
  const oldPaths = oldPathsOf(item, { blogPath: ctx.blogPath, wpSlug: decodeSlug(item.slug), date: null, structure: null, category: "" });
  if (ctx.options.dryRun || existing?.sourceHash === sourceHash) {
    for (const p of oldPaths) plan(ctx.plannedAddresses, p, { kind: "page", id: existing?.targetId ?? -item.id, path: null });
    return true;
  }
  await ctx.deps.db.transaction().execute(async (tx) => {
    const { id, slug } = await writeImportedPage(tx, existing?.targetId ?? null, page, ctx.now);
    if (!existing && slug !== page.slug) ctx.warn({ id: item.id, title }, `Une page « ${page.slug} » existe déjà ici : celle-ci est importée sous /pages/${slug} ; rapprochez-les à la main.`);
    await store.saveItem(tx, ctx.siteUrl, { wpId: item.id, wpType: "page", targetId: id, sourceHash, title, importedFingerprint: null, awaiting: null }, ctx.now);
    for (const p of oldPaths) {
      const key = p.startsWith("/?") ? p : legacyPathKey(p);
      if (key) await addresses.insertLegacyAddress(tx, ctx.siteUrl, key, { kind: "page", id, path: null }, ctx.now);
      if (key) plan(ctx.plannedAddresses, key, { kind: "page", id, path: null });
    }
  });
  return true;
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
  // Entre Pairs keeps no page per person (a list of everything one person told makes them easier
  // to recognise): an author's archive leads to all testimonies.
  for (const author of authors) {
    const all = { kind: "fixed", id: null, path: "/temoignages" };
    list.push([`${blogPath}/author/${slugify(author.login)}/`, all]);
    if (author.id) list.push([`/?author=${author.id}`, all]);
  }
  return list;
}

export type { Queryable };
