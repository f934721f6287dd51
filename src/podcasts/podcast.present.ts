import { audioRejectionKey } from "../media/audio.js";
import type { PageContext } from "../platform/html/page-context.js";
import { translator } from "../platform/i18n/translate.js";
import { creditLabel } from "../stories/story.js";
import type { Translate } from "../platform/i18n/translate.js";
import { type Chapter, formatClock } from "./chapters.js";
import { type AudioProcessing, EPISODE_UPLOAD_MISSING, type UploadRefusal } from "./episode-audio.service.js";
import type { Episode } from "./episode.store.js";
import type { FeedEntry } from "./podcast.service.js";
import type { FeedChannel, FeedEpisode } from "./podcast-feed.js";
import { parseVtt, VttError } from "./webvtt.js";

/** Domain → feed items and the episode section of a story page. */

// Feeds are French whatever the visitor's interface language: the episodes are.
const fr = translator("fr");

/** Who hosts the show, in the feed's podcast:person: the site's team. */
export const hostCredit = (siteName: string) => `L'équipe ${siteName}`;

export function contentNotesLine(notes: string[]): string | null {
  if (notes.length === 0) return null;
  return `Avertissement : ${notes.map((n) => fr(`note.${n}` as Parameters<typeof fr>[0]).toLowerCase()).join(", ")}.`;
}

export function feedEpisode(baseUrl: string, entry: FeedEntry, siteName: string): FeedEpisode {
  const { story, episode } = entry;
  const page = `${baseUrl}/temoignages/${story.slug}`;
  const notes = contentNotesLine(story.contentNotes);
  return {
    guid: episode.guid,
    title: story.title,
    link: page,
    description: [notes, story.standfirst, `Transcription et chapitres : ${page}`].filter(Boolean).join("\n\n"),
    publishedAt: story.publishedAt ?? story.updatedAt,
    audioUrl: `${baseUrl}/media/${episode.audioKey}`,
    audioBytes: episode.audioBytes,
    durationMs: episode.durationMs,
    season: episode.season,
    number: episode.number,
    transcripts: [
      ...(episode.transcriptFormat === "vtt" ? [{ url: `${page}/transcription.vtt`, type: "text/vtt" as const }] : []),
      { url: `${page}/transcription.txt`, type: "text/plain" as const },
    ],
    chaptersUrl: episode.chapters.length > 0 ? `${page}/chapitres.json` : null,
    guest: creditLabel(story.credit, { anonymous: fr("story.anonymous"), age: (name, age) => fr("story.age", { name, age }) }),
    host: hostCredit(siteName),
  };
}

export function feedChannel(args: {
  baseUrl: string;
  path: string;
  title: string;
  description: string;
  type: FeedChannel["type"];
  imageFile: string;
  owner: { name: string; email: string };
  /** The site's name: the show's author. */
  author: string;
  entries: FeedEntry[];
  link: string;
}): FeedChannel {
  const latest = args.entries.map((e) => e.story.publishedAt ?? "").sort().at(-1) || null;
  return {
    title: args.title,
    link: args.link,
    feedUrl: `${args.baseUrl}${args.path}`,
    description: args.description,
    type: args.type,
    imageUrl: `${args.baseUrl}/podcast/pochette/${args.imageFile}`,
    author: args.author,
    owner: args.owner,
    // Testimonies are lent by their authors for this media only: no reuse licence is granted.
    license: { name: "Tous droits réservés", url: `${args.baseUrl}/pages/mentions-legales` },
    lastBuild: latest,
  };
}

export type CueView = { start: string; end: string; clock: string; speaker: string | null; text: string };
export type TranscriptView = { kind: "cues"; cues: CueView[] } | { kind: "text"; paragraphs: string[] };

export type EpisodeSectionView = {
  audioUrl: string | null;
  duration: string | null;
  size: string | null;
  chapters: Array<{ start: string; clock: string; title: string }>;
  transcript: TranscriptView | null;
  downloads: { audio: string | null; vtt: string | null; text: string | null; chapters: string | null };
};

export function formatSize(locale: PageContext["locale"], bytes: number): string {
  const mb = bytes / 1_000_000;
  const n = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: mb < 10 ? 1 : 0 }).format(mb);
  return locale === "fr" ? `${n} Mo` : `${n} MB`;
}

const seconds = (ms: number) => String(ms / 1000);

function transcriptView(episode: Episode): TranscriptView | null {
  const text = episode.transcript.trim();
  if (!text) return null;
  if (episode.transcriptFormat === "vtt") {
    try {
      const cues = parseVtt(text).cues;
      let previous: string | null | undefined;
      return {
        kind: "cues",
        cues: cues.map((c) => {
          // The name is written when the speaker changes, as in a printed interview.
          const speaker = c.speaker !== previous ? c.speaker : null;
          previous = c.speaker;
          return { start: seconds(c.startMs), end: seconds(c.endMs), clock: formatClock(c.startMs), speaker, text: c.text.replace(/\n/g, " ") };
        }),
      };
    } catch (error) {
      if (!(error instanceof VttError)) throw error;
    }
  }
  return { kind: "text", paragraphs: text.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, " ").trim()).filter(Boolean) };
}

/**
 * The episode section of a story page. A preview (a version not yet released) plays its audio
 * from `preview.audioUrl` and offers no downloads, whose public addresses do not exist yet.
 */
export function presentEpisodeSection(ctx: PageContext, slug: string, episode: Episode | null, preview?: { audioUrl: string }): EpisodeSectionView | null {
  if (!episode) return null;
  const base = `/temoignages/${slug}`;
  const hasTranscript = episode.transcript.trim() !== "" && !preview;
  const audioUrl = episode.audioKey ? (preview?.audioUrl ?? `/media/${episode.audioKey}`) : null;
  return {
    audioUrl,
    duration: episode.durationMs !== null && audioUrl ? formatClock(episode.durationMs) : null,
    size: episode.audioBytes !== null && audioUrl ? formatSize(ctx.locale, episode.audioBytes) : null,
    chapters: episode.chapters.map((c: Chapter) => ({ start: seconds(c.startMs), clock: formatClock(c.startMs), title: c.title })),
    transcript: transcriptView(episode),
    downloads: {
      audio: preview ? null : audioUrl,
      vtt: hasTranscript && episode.transcriptFormat === "vtt" ? `${base}/transcription.vtt` : null,
      text: hasTranscript ? `${base}/transcription.txt` : null,
      chapters: episode.chapters.length > 0 && !preview ? `${base}/chapitres.json` : null,
    },
  };
}

/**
 * An episode part as readable lines for a comparison of two versions: the recording (a short
 * reference and its length), the transcript as text, the chapters as "mm:ss Titre" lines.
 */
export function describeEpisode(t: Translate, episode: Omit<Episode, "storyId" | "updatedAt">): Array<{ key: string; label: string; text: string }> {
  const transcript = transcriptView({ ...episode, storyId: 0, updatedAt: "" });
  const transcriptText =
    transcript === null
      ? ""
      : transcript.kind === "cues"
        ? transcript.cues.map((c) => (c.speaker ? `${c.speaker} : ${c.text}` : c.text)).join("\n\n")
        : transcript.paragraphs.join("\n\n");
  return [
    {
      key: "audio",
      label: t("version.field.audio"),
      text: episode.audioKey ? t("version.audioValue", { ref: episode.audioKey.slice(-10, -4), duration: formatClock(episode.durationMs ?? 0) }) : "",
    },
    { key: "transcript", label: t("version.field.transcript"), text: transcriptText },
    { key: "chapters", label: t("version.field.chapters"), text: episode.chapters.map((c) => `${formatClock(c.startMs)} ${c.title}`).join("\n\n") },
  ];
}

/** An episode's audio processing as its page shows it: a failure in words, with what to do next. */
export type AudioProcessingView = Omit<AudioProcessing, "failureCode"> & { failure: string | null };

export function presentAudioProcessing(t: Translate, processing: AudioProcessing | null): AudioProcessingView | null {
  if (!processing) return null;
  const { failureCode, ...rest } = processing;
  return { ...rest, failure: processing.state === "failed" ? episodeAudioFailure(t, failureCode) : null };
}

/** A failure code in words; a code this feature does not know (or a row older than codes) is an unexpected failure. */
export function episodeAudioFailure(t: Translate, code: string | null): string {
  const rejection = audioRejectionKey(code);
  if (rejection) return t("admin.podcast.failure.rejected", { reason: t(rejection) });
  if (code === EPISODE_UPLOAD_MISSING) return t("admin.podcast.failure.uploadMissing");
  return t("admin.podcast.failure.unexpected");
}

/** Why an upload was refused at once, in words for the form. */
export function uploadRefusal(t: Translate, refusal: UploadRefusal): string {
  if (refusal.code === "episode_audio.missing") return t("admin.podcast.upload.missing");
  if (refusal.code === "episode_audio.too_big") return t("admin.podcast.upload.tooBig", { mb: refusal.megabytes });
  return t(audioRejectionKey(refusal.code) ?? "admin.podcast.failure.unexpected");
}
