import { execFile, spawn } from "node:child_process";
import fs from "node:fs/promises";
import { promisify } from "node:util";
import { AUDIO_CODECS, AUDIO_CONTAINERS, type AudioContainer, type AudioLimits, type AudioRejection, type Disguise, describeLimits, disguiseFactor, sniffAudio } from "./audio.js";

const run = promisify(execFile);

/** Why an upload was refused: its code, and in words for the person who sent it (the upload forms). */
export class AudioRejected extends Error {
  constructor(
    readonly code: AudioRejection,
    message: string,
  ) {
    super(message);
  }
}
/** ffmpeg or ffprobe is missing on this machine: a set-up problem, not the sender's. */
export class AudioToolsMissing extends Error {}

export type AudioProbe = { container: AudioContainer; codec: string; durationMs: number; channels: number; sampleRate: number };

const FORMATS_SENTENCE = `Formats acceptés : ${Object.values(AUDIO_CONTAINERS)
  .map((c) => c.label)
  .join(", ")}.`;

// ffmpeg reads only local files we named, through the demuxer the content was recognised as:
// no playlist, concat list or network protocol can make it open anything else.
const SAFE_INPUT = ["-protocol_whitelist", "file,pipe"];

async function readHead(file: string): Promise<Buffer> {
  const handle = await fs.open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function toolError(err: unknown): Error {
  return (err as NodeJS.ErrnoException).code === "ENOENT"
    ? new AudioToolsMissing("ffmpeg est introuvable sur ce serveur : installez le paquet Debian « ffmpeg ».")
    : (err as Error);
}

/**
 * Checks an uploaded file by its content: first bytes, then ffprobe through the matching demuxer.
 * Refuses with a French sentence anything that is not one audio stream of an accepted codec within
 * the limits.
 */
export async function probeAudio(file: string, limits: AudioLimits): Promise<AudioProbe> {
  const stat = await fs.stat(file);
  const { size, duration } = describeLimits(limits);
  if (stat.size === 0) throw new AudioRejected("audio.empty", "Le fichier est vide.");
  if (stat.size > limits.maxBytes) throw new AudioRejected("audio.too_big", `Le fichier dépasse ${size}.`);
  const container = sniffAudio(await readHead(file));
  if (!container) throw new AudioRejected("audio.not_audio", `Ce fichier n'est pas un enregistrement audio reconnu. ${FORMATS_SENTENCE}`);
  let output: string;
  try {
    const args = [...SAFE_INPUT, "-v", "error", "-f", AUDIO_CONTAINERS[container].demuxer, "-print_format", "json", "-show_format", "-show_streams", file];
    output = (await run("ffprobe", args, { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = toolError(err);
    if (e instanceof AudioToolsMissing) throw e;
    throw new AudioRejected("audio.unreadable", `Ce fichier audio est illisible ou abîmé. ${FORMATS_SENTENCE}`);
  }
  const info = JSON.parse(output) as {
    streams?: Array<{ codec_type?: string; codec_name?: string; channels?: number; sample_rate?: string; duration?: string; disposition?: { attached_pic?: number } }>;
    format?: { duration?: string };
  };
  const streams = info.streams ?? [];
  const audio = streams.filter((s) => s.codec_type === "audio");
  // A cover picture inside an MP3 or M4A is a "video" stream marked attached_pic: tolerated, never copied.
  const video = streams.filter((s) => s.codec_type === "video" && s.disposition?.attached_pic !== 1);
  const others = streams.filter((s) => s.codec_type !== "audio" && s.codec_type !== "video");
  if (audio.length !== 1 || others.length > 0) throw new AudioRejected("audio.tracks", "Le fichier doit contenir une seule piste audio.");
  if (video.length > 0) throw new AudioRejected("audio.video", "Ce fichier contient une vidéo : envoyez seulement le son (par exemple en MP3 ou M4A).");
  const stream = audio[0] as NonNullable<(typeof audio)[number]>;
  if (!stream.codec_name || !AUDIO_CODECS.has(stream.codec_name)) throw new AudioRejected("audio.codec", `Ce codage audio n'est pas pris en charge. ${FORMATS_SENTENCE}`);
  const declaredMs = Math.round(Number(info.format?.duration ?? stream.duration ?? Number.NaN) * 1000);
  if (Number.isFinite(declaredMs) && declaredMs > limits.maxDurationMs + 60_000) throw new AudioRejected("audio.too_long", `L'enregistrement dépasse ${duration}.`);
  // Decoded to the end now, before any receipt: a cut file, or one whose header claims more than
  // it holds, is refused here rather than failing later unseen. (MediaRecorder's WebM says no
  // duration at all: decoding gives it.)
  const durationMs = await decodedDuration(file, container);
  if (Number.isFinite(declaredMs) && durationMs < declaredMs - Math.max(1_000, declaredMs * 0.02)) {
    throw new AudioRejected("audio.truncated", "Ce fichier s'arrête avant la fin qu'il annonce : il est sans doute incomplet. Essayez de l'enregistrer ou de le copier à nouveau.");
  }
  if (durationMs < limits.minDurationMs) throw new AudioRejected("audio.too_short", "L'enregistrement est trop court.");
  if (durationMs > limits.maxDurationMs) throw new AudioRejected("audio.too_long", `L'enregistrement dépasse ${duration}.`);
  return { container, codec: stream.codec_name, durationMs, channels: stream.channels ?? 1, sampleRate: Number(stream.sample_rate ?? 0) };
}

/** How long the file really plays: every packet decoded (to nowhere), the last timestamp read. */
async function decodedDuration(file: string, container: AudioContainer): Promise<number> {
  const args = ["-nostdin", ...SAFE_INPUT, "-hide_banner", "-v", "error", "-nostats", "-f", AUDIO_CONTAINERS[container].demuxer, "-i", file, "-map", "0:a:0", "-f", "null", "-progress", "pipe:1", "-"];
  let stdout: string;
  try {
    stdout = (await run("ffmpeg", args, { timeout: 300_000, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    const e = toolError(err);
    if (e instanceof AudioToolsMissing) throw e;
    throw new AudioRejected("audio.unreadable", `Ce fichier audio est illisible ou abîmé. ${FORMATS_SENTENCE}`);
  }
  const last = [...stdout.matchAll(/out_time_us=(\d+)/g)].at(-1);
  if (!last) throw new AudioRejected("audio.duration_unreadable", "La durée de cet enregistrement est illisible : essayez un autre format.");
  return Math.round(Number(last[1]) / 1000);
}

export type ProcessOptions = {
  disguise: Disguise;
  /** Called with 0..1 as ffmpeg works through the file. */
  onProgress?: (fraction: number) => void;
  random?: () => number;
};

export const TARGET_LUFS = -16;
const TRUE_PEAK = -1.5;
const OUTPUT_RATE = 44_100;

/** Integrated loudness (LUFS) and true peak (dBTP), EBU R128, read from ffmpeg's ebur128 scanner. */
export async function measureLoudness(file: string, opts: { container?: AudioContainer; filters?: string[]; timeoutMs?: number } = {}): Promise<{ i: number; tp: number }> {
  const demuxer = opts.container ? ["-f", AUDIO_CONTAINERS[opts.container].demuxer] : [];
  const chain = [...(opts.filters ?? []), "ebur128=peak=true:framelog=verbose"].join(",");
  const args = ["-nostdin", ...SAFE_INPUT, "-hide_banner", ...demuxer, "-i", file, "-map", "0:a:0", "-af", chain, "-f", "null", "-"];
  let stderr: string;
  try {
    stderr = (await run("ffmpeg", args, { timeout: opts.timeoutMs ?? 600_000, maxBuffer: 16 * 1024 * 1024 })).stderr;
  } catch (err) {
    throw toolError(err);
  }
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const i = /I:\s+(-?[\d.]+|-inf) LUFS/.exec(summary)?.[1];
  const tp = /Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1];
  if (i === undefined || tp === undefined) throw new Error("mesure de sonie illisible");
  return { i: i === "-inf" ? Number.NEGATIVE_INFINITY : Number(i), tp: tp === "-inf" ? Number.NEGATIVE_INFINITY : Number(tp) };
}

/**
 * Turns a checked upload into the only audio anyone will ever hear: the voice disguised if asked,
 * loudness normalised to about −16 LUFS, mono MP3 at constant bitrate. Every
 * tag, chapter, picture and encoder mark of the input is dropped (`-map_metadata -1`, bitexact,
 * no ID3 or Xing/LAME header). Writes `output` via a temporary file, fsynced then renamed.
 */
export async function processAudio(input: string, output: string, probe: AudioProbe, opts: ProcessOptions): Promise<{ durationMs: number; bytes: number }> {
  const demuxer = AUDIO_CONTAINERS[probe.container].demuxer;
  // Mono first, so the loudness measured is the loudness of what will be encoded.
  const filters: string[] = ["aformat=channel_layouts=mono"];
  const factor = disguiseFactor(opts.disguise, opts.random);
  if (factor !== 1) {
    // Lower pitch and formants together, then restore the speed; the factor is not stored.
    const rate = probe.sampleRate > 0 ? probe.sampleRate : OUTPUT_RATE;
    filters.push(`aresample=${rate}`, `asetrate=${Math.round(rate * factor)}`, `atempo=${(1 / factor).toFixed(5)}`, `aresample=${OUTPUT_RATE}`);
  }
  // Measure what will be heard (after the disguise), then apply one constant gain: the voice keeps
  // its dynamics, unlike a compressor. A limiter catches peaks only when the gain would clip.
  // (loudnorm does the same in two passes but works at 192 kHz: four times the CPU.)
  const measured = await measureLoudness(input, { container: probe.container, filters, timeoutMs: Math.max(120_000, probe.durationMs * 2) });
  opts.onProgress?.(0.3);
  const level: string[] = [];
  // Silence measures as -inf: leave it as it is.
  if (Number.isFinite(measured.i)) {
    const gain = TARGET_LUFS - measured.i;
    level.push(`volume=${gain.toFixed(2)}dB`);
    if (measured.tp + gain > TRUE_PEAK) level.push(`alimiter=limit=${(10 ** ((TRUE_PEAK - 0.5) / 20)).toFixed(4)}:level=false:attack=2:release=60`);
  }
  const temp = `${output}.partial`;
  const encodeArgs = [
    "-nostdin", ...SAFE_INPUT, "-hide_banner", "-v", "error", "-y",
    "-f", demuxer, "-i", input,
    "-map", "0:a:0", "-vn", "-sn", "-dn",
    "-map_metadata", "-1", "-map_chapters", "-1",
    "-af", [...filters, ...level, `aresample=${OUTPUT_RATE}`].join(","),
    "-ac", "1", "-c:a", "libmp3lame", "-b:a", "96k",
    "-fflags", "+bitexact", "-flags:a", "+bitexact", "-id3v2_version", "0", "-write_id3v1", "0", "-write_xing", "0",
    "-progress", "pipe:1", "-f", "mp3", temp,
  ];
  await new Promise<void>((resolve, reject) => {
    const child = spawn("ffmpeg", encodeArgs, { stdio: ["ignore", "pipe", "pipe"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), Math.max(120_000, probe.durationMs * 3));
    let errors = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      const match = /out_time_us=(\d+)/.exec(chunk);
      if (match && probe.durationMs > 0) opts.onProgress?.(0.3 + 0.7 * Math.min(1, Number(match[1]) / 1000 / probe.durationMs));
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      errors = (errors + chunk).slice(-2000);
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(toolError(err));
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      code === 0 ? resolve() : reject(new Error(`ffmpeg a échoué (${code}) : ${errors.trim().split("\n").at(-1) ?? ""}`));
    });
  }).catch(async (err) => {
    await fs.rm(temp, { force: true });
    throw err;
  });
  const handle = await fs.open(temp, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temp, output);
  const bytes = (await fs.stat(output)).size;
  // Constant bitrate: the duration is exact from the size, but ask ffprobe to be sure.
  const { stdout } = await run("ffprobe", [...SAFE_INPUT, "-v", "error", "-f", "mp3", "-show_entries", "format=duration", "-of", "csv=p=0", output]);
  opts.onProgress?.(1);
  return { durationMs: Math.round(Number(stdout.trim()) * 1000), bytes };
}

/**
 * Keeps a checked upload as it was recorded (no re-encoding, so nothing is lost before the
 * contributor chooses a disguise) but without anything else: only the first audio stream is
 * copied into Matroska; tags, chapters, pictures and encoder marks stay behind.
 */
export async function stripAudioMetadata(input: string, output: string, probe: AudioProbe): Promise<void> {
  const args = [
    "-nostdin", ...SAFE_INPUT, "-hide_banner", "-v", "error", "-y",
    "-f", AUDIO_CONTAINERS[probe.container].demuxer, "-i", input,
    "-map", "0:a:0", "-c", "copy", "-vn", "-sn", "-dn",
    "-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact",
    "-f", "matroska", output,
  ];
  try {
    await run("ffmpeg", args, { timeout: 120_000, maxBuffer: 4 * 1024 * 1024 });
  } catch (err) {
    await fs.rm(output, { force: true });
    const e = toolError(err);
    if (e instanceof AudioToolsMissing) throw e;
    throw new AudioRejected("audio.unreadable", `Ce fichier audio est illisible ou abîmé. ${FORMATS_SENTENCE}`);
  }
}
