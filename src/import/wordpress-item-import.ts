import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { Db, Queryable } from "../database.js";
import { inlineImageAddress } from "../media/image.js";
import { discardRenderedImage, findImages, ImageRejected, MAX_IMAGE_BYTES, type RenderedImage, recordImage, renderImage } from "../media/image.service.js";
import { EPISODE_AUDIO_LIMITS } from "../media/audio.js";
import { writeImportedPage } from "../pages/page.service.js";
import { markContentChanged } from "../platform/cache/content-version.js";
import { importedAudioKey, queueImportedEpisodeAudio } from "../podcasts/episode-audio.service.js";
import { detectTranscriptFormat, ensureEpisode, EPISODE_PART, importEpisodeDetails } from "../podcasts/episode.service.js";
import { parseVtt } from "../podcasts/webvtt.js";
import {
  type ImportedStory,
  importedStoryState,
  importedVersion,
  importedVersionProblems,
  settleImportedStatus,
  workingCopyFingerprint,
  writeImportedStory,
} from "../stories/story-import.service.js";
import type { ContentNote, Credit, StoryStatus } from "../stories/story.js";
import type { Refusal } from "../stories/story-refusal.js";
import { expandShortcodes, type ShortcodeContext } from "./shortcodes.js";
import { htmlToMarkdown, htmlToText } from "./html-to-markdown.js";
import type { ImportNote } from "./import-report.js";
import { legacyPathKey } from "./legacy-address.js";
import * as addresses from "./legacy-address.store.js";
import { MAX_UPLOAD_ENTRY_BYTES, type UploadsSource, uploadsPath } from "./uploads-source.js";
import * as store from "./wordpress.store.js";
import {
  automaticStandfirst,
  contentNotesOf,
  enclosureOf,
  excerptText,
  expandReusableBlocks,
  isBlockContent,
  itemDate,
  oldPathsOf,
  oldSoundPath,
  slugOf,
  srtToVtt,
  termsOf,
  transcriptInContent,
} from "./wordpress-mapping.js";
import type { AttachmentInfo, ImportDeps, Scan, TermTarget, WordPressImportOptions } from "./wordpress-import.service.js";
import type { WxrItem } from "./wxr-reader.js";

/**
 * One item of a WordPress export made ours: an image of the media library (`importImage`), a post
 * as a story or an episode (`importPost`), a page (`importPage`), each in its own transaction,
 * with the old addresses that now lead to it. A dry run checks the item and writes nothing. Stories
 * reach readers only through the release door (story-import.service.ts).
 */

/** `url`: the address a text gives a library image (`/media/images/<key>`), which its page shows as a responsive picture. */
export type ImageRef = { imageId: number; url: string; alt: string; key: string };

export const sha256 = (value: unknown) => createHash("sha256").update(typeof value === "string" || Buffer.isBuffer(value) ? value : JSON.stringify(value)).digest("base64url");

export function hostOf(url: string): string | null {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return null;
  }
}

/** The key an old address is stored and looked up under ("/?p=12" forms as they are, lower-cased). */
const addressKey = (rawPath: string) => (rawPath.startsWith("/?") ? rawPath.toLowerCase() : legacyPathKey(rawPath));

/** Notes an old address the import will answer (a dry run's forecast and the report count them). */
export function plan(map: Map<string, addresses.LegacyTarget>, rawPath: string, target: addresses.LegacyTarget) {
  const key = addressKey(rawPath);
  if (key && key !== "/" && !map.has(key)) map.set(key, target);
}

/** Writes an item's old addresses in its transaction; says whether any is new. */
async function recordOldAddresses(ctx: ItemContext, tx: Queryable, oldPaths: string[], target: addresses.LegacyTarget): Promise<boolean> {
  let added = false;
  for (const p of oldPaths) {
    const key = addressKey(p);
    if (!key) continue;
    if (await addresses.insertLegacyAddress(tx, ctx.siteUrl, key, target, ctx.now)) added = true;
    plan(ctx.plannedAddresses, key, target);
  }
  return added;
}

export async function importImage(
  deps: ImportDeps,
  siteUrl: string,
  att: AttachmentInfo,
  uploads: UploadsSource | null,
  dry: boolean,
  now: string,
  warn: (note: ImportNote) => void,
): Promise<ImageRef | null> {
  if (!att.file) {
    warn({ code: "image_without_path" });
    return null;
  }
  const data = uploads ? await uploads.read(att.file, MAX_IMAGE_BYTES) : null;
  if (data === "too-large") {
    warn({ code: "image_too_large", values: { file: att.file } });
    return null;
  }
  if (!data) {
    warn({ code: "image_missing", values: { file: att.file } });
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
      warn({ code: "image_unreadable", values: { file: att.file } });
      return null;
    }
    return { imageId: -att.id, url: inlineImageAddress(`images/${"0".repeat(24)}`), alt: att.alt, key: "" };
  }
  let rendered: RenderedImage;
  try {
    // A thousand photographs: their AVIF renditions come after, from a job, so the archive is
    // readable sooner (until then the WebP ones stand in).
    rendered = await renderImage(deps, data, { avif: "later" });
  } catch (error) {
    if (error instanceof ImageRejected) {
      warn({ code: "image_refused", values: { file: att.file }, reasonKey: error.key });
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
    return { imageId: stored.id, url: inlineImageAddress(stored.key), alt: att.alt, key: stored.key };
  } catch (error) {
    await discardRenderedImage(deps, rendered);
    throw error;
  }
}

async function findImageRow(db: Db, id: number): Promise<ImageRef | null> {
  const image = (await findImages({ db }, [id])).get(id);
  if (!image) return null;
  return { imageId: image.id, url: inlineImageAddress(image.key), alt: "", key: image.key };
}

export type ItemContext = {
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
  warn(item: { id: number; title: string } | null, note: ImportNote): void;
  skip(item: { id: number; title: string }, note: ImportNote): void;
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
  const warnings = new Map<string, ImportNote>();
  // The same file whatever the scheme: sites moved to https keep http addresses in old meta.
  const bare = (url: string) => url.replace(/^https?:/i, "").split("?")[0];
  const isEnclosure = (url: string) => enclosureUrl !== null && bare(url) === bare(enclosureUrl);
  const shortcodes: ShortcodeContext = {
    attachmentImage: (id) => {
      const att = ctx.found.attachments.get(id);
      return att?.file ? { src: `/wp-content/uploads/${att.file}`, alt: att.alt } : null;
    },
    childImages: () => [...ctx.found.attachments.values()].filter((a) => a.parent === item.id && a.isImage && a.file).map((a) => ({ src: `/wp-content/uploads/${a.file}`, alt: a.alt })),
    isEnclosure,
    warn: (note: ImportNote) => warnings.set(JSON.stringify(note), note),
  };
  const expanded = expandShortcodes(expandReusableBlocks(html, ctx.found.reusableBlocks), shortcodes);
  const markdown = htmlToMarkdown(expanded, {
    autop: !isBlockContent(html),
    resolveImage: (src) => resolveImage(ctx, src),
    resolveLink: (href) => resolveLink(ctx, href),
    isEnclosure,
    warn: (note) => warnings.set(JSON.stringify(note), note),
  });
  for (const w of warnings.values()) ctx.warn({ id: item.id, title: htmlToText(item.title) }, w);
  // WordPress's automatic excerpt leaves reusable blocks out (a helpline box is no summary).
  return { markdown, text: excerptText(expandShortcodes(expandReusableBlocks(html, new Map()), shortcodes)) };
}

export type PostOutcome = { status: StoryStatus; isPublic: boolean; awaiting: string | null; reason?: Refusal[]; storyId: number; title: string; episode: boolean; audioQueued: boolean };

export async function importPost(ctx: ItemContext, item: WxrItem, wanted: StoryStatus): Promise<PostOutcome | null> {
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
    else {
      const host = hostOf(enclosure.url);
      ctx.warn(labelled, host ? { code: "episode_sound_missing", values: { host } } : { code: "episode_sound_missing_no_host" });
    }
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
  if (thumbnail && !cover) ctx.warn(labelled, { code: "featured_image_missing" });
  const date = itemDate(item, ctx.found.clock);
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
    ctx.warn(labelled, { code: "password_protected" });
    input.status = "unpublished";
  }
  const audioHash = audio && ctx.uploads ? sha256(`${audio.file}`) : null;
  const sourceHash = sha256({ v: 1, item: { ...item, meta: item.meta.filter((m) => !m.key.startsWith("_edit")) }, input, options: { credit: options.credit, tagsAsThemes: options.tagsAsThemes }, cover: cover?.key ?? null, audioHash, transcript });
  const existing = await store.findItem(deps.db, ctx.siteUrl, item.id);
  const existingState = existing ? await importedStoryState(deps.db, existing.targetId) : null;
  const oldPaths = oldPathsOf(item, { blogPath: ctx.blogPath, wpSlug: decodeSlug(item.slug), date, structure: options.permalinks, category: termsOf(item, "category")[0]?.slug ?? "", sound: audio?.file ?? (enclosure ? oldSoundPath(enclosure.url, ctx.oldHosts) : null) });

  if (existing && existingState) {
    const current = { status: existingState.status, isPublic: existingState.isPublic, awaiting: existing.awaiting, storyId: existing.targetId, title, episode: input.kind === "podcast", audioQueued: false };
    if (existing.sourceHash === sourceHash) return current;
    const fingerprint = await workingCopyFingerprint(deps, deps.db, existing.targetId);
    if (fingerprint !== existing.importedFingerprint) {
      ctx.warn(labelled, { code: "kept_local_edit" });
      return current;
    }
  }

  const isPodcast = input.kind === "podcast";
  // Why a story public on the old site is not public here (yet): an episode's transcript or
  // audio (missing, or being processed), or another guard's refusal.
  const awaitingOf = (blocked: boolean): string | null => {
    if (input.status !== "published" || !blocked) return null;
    if (isPodcast) return !transcript.trim() ? "transcript" : "audio";
    return "guard";
  };

  if (options.dryRun) {
    const parts = isPodcast ? { [EPISODE_PART]: { guid: "", season: null, number: null, audioKey: audio ? "audio/import.mp3" : null, audioBytes: null, durationMs: null, transcript, transcriptFormat: detectTranscriptFormat(transcript), chapters: [] } } : {};
    const version = importedVersion(input, input.slug, parts);
    const problems = input.status === "published" || input.status === "scheduled" ? await importedVersionProblems(deps, deps.db, existing?.targetId ?? null, version) : [];
    const problem = problems.length ? problems : null;
    const awaiting = awaitingOf(problem !== null);
    if (problem && input.status === "scheduled") ctx.warn(labelled, { code: "scheduled_to_review", refusals: problem });
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
      ctx.warn(labelled, { code: copied === "too-large" ? "episode_sound_too_large" : "episode_sound_not_found" });
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
      const refusals = waitsForAudio ? null : await settleImportedStatus(deps, tx, id, input.status, input.publishedAt ?? ctx.now, ctx.now);
      if (waitsForAudio) await settleImportedStatus(deps, tx, id, "unpublished", null, ctx.now);
      const problem = refusals?.length ? refusals : null;
      const awaiting = awaitingOf(waitsForAudio || problem !== null);
      const fingerprint = await workingCopyFingerprint(deps, tx, id);
      await store.saveItem(tx, ctx.siteUrl, { wpId: item.id, wpType: "post", targetId: id, sourceHash, title, importedFingerprint: fingerprint, awaiting }, ctx.now);
      const addressAdded = await recordOldAddresses(ctx, tx, oldPaths, { kind: "story", id, path: null });
      // Old addresses answer readers: they change what readers see, in this transaction.
      if (addressAdded) await markContentChanged(tx, ctx.now);
      const state = await importedStoryState(tx, id);
      return { id, problem, awaiting, queued, state };
    });
    if (result.problem && input.status === "scheduled") ctx.warn(labelled, { code: "scheduled_to_review", refusals: result.problem });
    return {
      status: result.state?.status ?? "draft",
      isPublic: result.state?.isPublic ?? false,
      awaiting: result.awaiting,
      reason: result.awaiting === "guard" ? (result.problem ?? undefined) : undefined,
      storyId: result.id,
      title,
      episode: isPodcast,
      // Every episode's audio is processed within the run, also one that waits for its transcript:
      // the editor who adds the transcript then finds the episode ready to publish.
      audioQueued: result.queued,
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

export async function importPage(ctx: ItemContext, item: WxrItem, wanted: StoryStatus): Promise<boolean> {
  const title = htmlToText(item.title).slice(0, 200) || "Page sans titre";
  if (wanted !== "published" || item.hasPassword) {
    ctx.skip({ id: item.id, title }, { code: "page_unpublished" });
    return false;
  }
  const { markdown, text } = convert(ctx, item, item.content, null);
  if (!markdown.trim()) {
    ctx.skip({ id: item.id, title }, { code: "page_empty" });
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
    if (!existing && slug !== page.slug) ctx.warn({ id: item.id, title }, { code: "page_slug_taken", values: { slug: page.slug, newSlug: slug } });
    await store.saveItem(tx, ctx.siteUrl, { wpId: item.id, wpType: "page", targetId: id, sourceHash, title, importedFingerprint: null, awaiting: null }, ctx.now);
    await recordOldAddresses(ctx, tx, oldPaths, { kind: "page", id, path: null });
  });
  return true;
}
