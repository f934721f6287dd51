import type { MessageKey } from "../platform/i18n/translate.js";

/**
 * Audio uploads: what we accept, recognised by content (never by name or declared type), the
 * limits said to people before they upload, and the voice-disguise choices. Pure rules only;
 * audio-processing.ts runs ffprobe and ffmpeg.
 */

/** Containers we accept, each with the one ffmpeg demuxer allowed to read it. */
export const AUDIO_CONTAINERS = {
  mp3: { demuxer: "mp3", label: "MP3" },
  aac: { demuxer: "aac", label: "AAC" },
  mp4: { demuxer: "mov", label: "M4A" },
  ogg: { demuxer: "ogg", label: "Ogg (Opus, Vorbis)" },
  wav: { demuxer: "wav", label: "WAV" },
  webm: { demuxer: "matroska", label: "WebM" },
  flac: { demuxer: "flac", label: "FLAC" },
} as const;
export type AudioContainer = keyof typeof AUDIO_CONTAINERS;

/** Codecs an accepted container may carry; anything else (video, images, data) is refused. */
export const AUDIO_CODECS = new Set(["mp3", "aac", "alac", "opus", "vorbis", "flac", "pcm_s16le", "pcm_s24le", "pcm_s32le", "pcm_f32le", "pcm_u8"]);

/** The `accept` attribute of upload fields: a hint for the file picker, never trusted. */
export const AUDIO_ACCEPT = ".mp3,.m4a,.aac,.ogg,.opus,.oga,.wav,.webm,.flac,audio/*";

export type AudioLimits = { maxBytes: number; maxDurationMs: number; minDurationMs: number };

/** Contributions: generous enough for a long testimony, small enough for a small server. */
export const CONTRIBUTION_AUDIO_LIMITS: AudioLimits = { maxBytes: 60 * 1024 * 1024, maxDurationMs: 30 * 60_000, minDurationMs: 1_000 };
/** Episodes uploaded by editors. */
export const EPISODE_AUDIO_LIMITS: AudioLimits = { maxBytes: 400 * 1024 * 1024, maxDurationMs: 3 * 3_600_000, minDurationMs: 1_000 };

/** "60 Mo et 30 minutes", for the sentence shown before the upload field. */
export function describeLimits(limits: AudioLimits): { size: string; duration: string } {
  const mb = Math.round(limits.maxBytes / (1024 * 1024));
  const minutes = Math.round(limits.maxDurationMs / 60_000);
  return { size: `${mb} Mo`, duration: minutes >= 120 ? `${Math.round(minutes / 60)} heures` : `${minutes} minutes` };
}

/**
 * Recognises an audio container from the first bytes of a file. Returns null for anything else,
 * including playlists and text, which ffmpeg could otherwise follow to other files.
 */
export function sniffAudio(head: Uint8Array): AudioContainer | null {
  const ascii = (from: number, text: string) => text.split("").every((c, i) => head[from + i] === c.charCodeAt(0));
  if (head.length < 12) return null;
  if (ascii(0, "fLaC")) return "flac";
  if (ascii(0, "OggS")) return "ogg";
  if (ascii(0, "RIFF") && ascii(8, "WAVE")) return "wav";
  if (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) return "webm";
  if (ascii(4, "ftyp")) return "mp4";
  if (ascii(0, "ID3")) return "mp3";
  const b1 = head[1] as number;
  if (head[0] === 0xff) {
    // ADTS (raw AAC): sync 0xFFF, layer 00.
    if ((b1 & 0xf6) === 0xf0) return "aac";
    // MPEG audio frame: sync 0xFFE, a version other than "reserved", layer III.
    if ((b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) === 0x02) return "mp3";
  }
  return null;
}

/** Voice disguise, offered with an anonymous credit. Applied before anyone at Entre Pairs listens. */
export const DISGUISES = ["none", "light", "strong"] as const;
export type Disguise = (typeof DISGUISES)[number];

export function isDisguise(value: unknown): value is Disguise {
  return typeof value === "string" && (DISGUISES as readonly string[]).includes(value);
}

/**
 * Pitch and timbre both move (the sample rate is changed, then the tempo restored). The factor is
 * drawn at random within a range for each recording and kept nowhere, so nobody can apply the
 * exact inverse.
 */
export const DISGUISE_FACTORS: Record<Exclude<Disguise, "none">, readonly [number, number]> = {
  light: [0.84, 0.89],
  strong: [0.7, 0.76],
};

export function disguiseFactor(disguise: Disguise, random: () => number = Math.random): number {
  if (disguise === "none") return 1;
  const [low, high] = DISGUISE_FACTORS[disguise];
  return low + (high - low) * random();
}

/** Why a file was refused, as a code: a job stores it, and editors' pages translate it. */
export type AudioRejection =
  | "audio.empty"
  | "audio.too_big"
  | "audio.not_audio"
  | "audio.unreadable"
  | "audio.tracks"
  | "audio.video"
  | "audio.codec"
  | "audio.too_long"
  | "audio.truncated"
  | "audio.too_short"
  | "audio.duration_unreadable";

const REJECTION_KEYS: Record<AudioRejection, MessageKey> = {
  "audio.empty": "audio.rejected.empty",
  "audio.too_big": "audio.rejected.tooBig",
  "audio.not_audio": "audio.rejected.notAudio",
  "audio.unreadable": "audio.rejected.unreadable",
  "audio.tracks": "audio.rejected.tracks",
  "audio.video": "audio.rejected.video",
  "audio.codec": "audio.rejected.codec",
  "audio.too_long": "audio.rejected.tooLong",
  "audio.truncated": "audio.rejected.truncated",
  "audio.too_short": "audio.rejected.tooShort",
  "audio.duration_unreadable": "audio.rejected.durationUnreadable",
};

/** The catalogue key saying why a file was refused, when `code` is one of these refusals (a stored code may be anything). */
export function audioRejectionKey(code: string | null): MessageKey | null {
  return code !== null && Object.hasOwn(REJECTION_KEYS, code) ? REJECTION_KEYS[code as AudioRejection] : null;
}
