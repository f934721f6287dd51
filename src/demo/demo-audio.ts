/**
 * Real audio for the demo podcasts: each sentence of a script (see episode-script.ts) is spoken by
 * espeak-ng in the voice of its speaker, and the sentences are joined here, in Node, with short
 * silences, so the time of every sentence is known exactly. That gives one WAV file (mono,
 * 22 050 Hz, 16 bits), WebVTT subtitles with one cue per sentence, chapters and a plain transcript.
 *
 * Results are cached on disk, keyed by everything that shapes the sound (script, voices, timings,
 * espeak-ng version): the many test suites that seed the demo pay for synthesis once.
 * Without espeak-ng, `SpeechSynthesisUnavailable` is thrown and the caller seeds the episodes
 * without audio.
 *
 * Use, in the seed:
 *
 *   for (const { slug, season, episode, script } of loadDemoEpisodes()) {   // demo-episodes.ts
 *     let audio: EpisodeAudio | null = null;
 *     try {
 *       audio = await synthesizeEpisode(script);
 *     } catch (error) {
 *       if (!(error instanceof SpeechSynthesisUnavailable)) throw error;   // seed without audio
 *     }
 *     // audio.wav → the audio pipeline (MP3, loudness); audio.vtt, audio.chapters,
 *     // audio.transcriptText and audio.durationMs → the episode of story `slug`.
 *   }
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { VOICE_PRESETS } from "./demo-voices.js";
import { type EpisodeScript, type Speaker, splitSentences } from "./episode-script.js";
import { type Cue, serializeVtt } from "../podcasts/webvtt.js";
import { isPcmFormat, type PcmFormat, pcmDurationMs, readWav, silence, writeWav } from "./wav.js";

export type EpisodeAudio = {
  /** A PCM WAV file: mono, 22 050 Hz, 16 bits. */
  wav: Buffer;
  durationMs: number;
  /** WebVTT, one cue per sentence, `<v Name>` voice tags. */
  vtt: string;
  /** In order; the first starts at 0 when the episode opens with a chapter. */
  chapters: Array<{ startMs: number; title: string }>;
  /** "Animatrice : …" paragraphs separated by blank lines. */
  transcriptText: string;
};

/** Runs a program without a shell, `input` on its standard input; resolves with its standard output. */
export type CommandRunner = (file: string, args: string[], input: string | Buffer) => Promise<Buffer>;

export type SynthesisOptions = {
  /** Defaults to node_modules/.cache/entrepairs/demo-audio in the project, else the system's temporary folder. */
  cacheDir?: string;
  /** Defaults to `espeak-ng`, looked up in PATH. */
  espeakPath?: string;
  /** Defaults to `execFileRunner`; tests wrap it to count the processes started. */
  run?: CommandRunner;
  /** espeak-ng processes at once; defaults to the number of processors, at most 4. */
  concurrency?: number;
};

export class SpeechSynthesisUnavailable extends Error {
  constructor(detail: string) {
    super(`La synthèse vocale est indisponible (${detail}). Installez espeak-ng : « apt-get install espeak-ng ».`);
    this.name = "SpeechSynthesisUnavailable";
  }
}

export class SpeechSynthesisError extends Error {}

export const EPISODE_PCM: PcmFormat = { sampleRate: 22_050, channels: 1, bitsPerSample: 16 };

/** Silences, in milliseconds. Part of the cache key: changing them re-synthesizes. */
export const EPISODE_TIMING = { leadIn: 300, betweenSentences: 180, betweenTurns: 550, beforeChapter: 900, tail: 600, keptTrailingSilence: 60 };

const CACHE_FORMAT = 1;
const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export const defaultCacheDir = (): string => path.join(PROJECT_ROOT, "node_modules", ".cache", "entrepairs", "demo-audio");

export const execFileRunner: CommandRunner = (file, args, input) =>
  new Promise((resolve, reject) => {
    const child = execFile(file, args, { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(error, { stderr: stderr.toString("utf8") }));
      else resolve(stdout);
    });
    // A program that is missing or exits early closes its input; the callback reports why.
    child.stdin?.on("error", () => {});
    child.stdin?.end(input);
  });

/** The folder itself if it can be created and written, else one under the system's temporary folder. */
export function usableCacheDir(preferred: string): string {
  for (const dir of [preferred, path.join(os.tmpdir(), "entrepairs-demo-audio")]) {
    try {
      fs.mkdirSync(dir, { recursive: true });
      fs.accessSync(dir, fs.constants.W_OK);
      return dir;
    } catch {
      // Read-only checkout, or a file where the folder should be: try the next place.
    }
  }
  throw new SpeechSynthesisError(`aucun dossier de cache utilisable (${preferred}, ${os.tmpdir()})`);
}

const versions = new Map<string, string>();

async function espeakVersion(run: CommandRunner, espeak: string): Promise<string> {
  const known = versions.get(espeak);
  if (known) return known;
  const out = await runEspeak(run, espeak, ["--version"], "");
  const version = /text-to-speech:\s*(\S+)/.exec(out.toString("utf8"))?.[1];
  if (!version) throw new SpeechSynthesisUnavailable(`${espeak} --version ne donne pas de numéro de version`);
  versions.set(espeak, version);
  return version;
}

async function runEspeak(run: CommandRunner, espeak: string, args: string[], input: string): Promise<Buffer> {
  try {
    return await run(espeak, args, input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES") throw new SpeechSynthesisUnavailable(`${espeak} introuvable`);
    throw new SpeechSynthesisError(`${espeak} a échoué : ${(error as Error).message}`);
  }
}

/** Brings a WAV file to EPISODE_PCM, through ffmpeg when espeak-ng (say, an MBROLA voice) gives another format. */
export async function toEpisodePcm(wavFile: Buffer, run: CommandRunner = execFileRunner): Promise<Buffer> {
  const wav = readWav(wavFile);
  if (isPcmFormat(wav, EPISODE_PCM)) return wav.data;
  const { sampleRate, channels } = EPISODE_PCM;
  const args = ["-v", "error", "-f", "wav", "-i", "pipe:0", "-ac", `${channels}`, "-ar", `${sampleRate}`, "-c:a", "pcm_s16le", "-f", "wav", "pipe:1"];
  const converted = readWav(await run("ffmpeg", args, writeWav(wav, wav.data)));
  if (!isPcmFormat(converted, EPISODE_PCM)) throw new SpeechSynthesisError("ffmpeg n'a pas produit le format attendu");
  return converted.data;
}

/** Cuts the silence espeak-ng leaves after each sentence down to `keepMs`, so the gaps are ours. */
function trimTrailingSilence(pcm: Buffer, keepMs: number): Buffer {
  const threshold = 200;
  let end = pcm.length - 2;
  while (end >= 0 && Math.abs(pcm.readInt16LE(end)) < threshold) end -= 2;
  const keep = Math.round((EPISODE_PCM.sampleRate * keepMs) / 1000) * 2;
  return pcm.subarray(0, Math.min(pcm.length, end + 2 + keep));
}

async function inParallel<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

type Sentence = { turn: number; speaker: Speaker; text: string };

function cacheKey(script: EpisodeScript, espeak: string): string {
  const shaping = {
    format: CACHE_FORMAT,
    espeak,
    pcm: EPISODE_PCM,
    timing: EPISODE_TIMING,
    names: script.names,
    voices: { host: VOICE_PRESETS[script.voices.host], guest: VOICE_PRESETS[script.voices.guest] },
    chapters: script.chapters.map((c) => [c.title, c.firstTurn]),
    turns: script.turns.map((t) => [t.speaker, t.text]),
  };
  return createHash("sha256").update(JSON.stringify(shaping)).digest("hex");
}

type CachedMeta = Omit<EpisodeAudio, "wav"> & { wavBytes: number; wavSha256: string };

const sha256 = (buf: Buffer) => createHash("sha256").update(buf).digest("hex");

function readCache(dir: string, key: string): EpisodeAudio | null {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dir, `${key}.json`), "utf8")) as CachedMeta;
    const wav = fs.readFileSync(path.join(dir, `${key}.wav`));
    if (wav.length !== meta.wavBytes || sha256(wav) !== meta.wavSha256) return null;
    return { wav, durationMs: meta.durationMs, vtt: meta.vtt, chapters: meta.chapters, transcriptText: meta.transcriptText };
  } catch {
    return null;
  }
}

function writeAtomically(file: string, data: Buffer | string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** The WAV first, then its description: a description on disk means its WAV is complete. */
function writeCache(dir: string, key: string, audio: EpisodeAudio): void {
  try {
    writeAtomically(path.join(dir, `${key}.wav`), audio.wav);
    const { wav, ...rest } = audio;
    const meta: CachedMeta = { ...rest, wavBytes: wav.length, wavSha256: sha256(wav) };
    writeAtomically(path.join(dir, `${key}.json`), JSON.stringify(meta));
  } catch {
    // A cache that cannot be written costs time at the next seed, not correctness.
  }
}

export async function synthesizeEpisode(script: EpisodeScript, options: SynthesisOptions = {}): Promise<EpisodeAudio> {
  const run = options.run ?? execFileRunner;
  const espeak = options.espeakPath ?? "espeak-ng";
  const version = await espeakVersion(run, espeak);
  const dir = usableCacheDir(options.cacheDir ?? defaultCacheDir());
  const key = cacheKey(script, version);
  const cached = readCache(dir, key);
  if (cached) return cached;

  const sentences: Sentence[] = script.turns.flatMap((turn, i) => splitSentences(turn.text).map((text) => ({ turn: i, speaker: turn.speaker, text })));
  const concurrency = options.concurrency ?? Math.min(4, os.availableParallelism());
  const spoken = await inParallel(sentences, concurrency, async (s) => {
    const preset = VOICE_PRESETS[script.voices[s.speaker]];
    const args = ["-v", preset.voice, "-p", `${preset.pitch}`, "-s", `${preset.speed}`, "-b", "1", "--stdin", "--stdout"];
    const pcm = trimTrailingSilence(await toEpisodePcm(await runEspeak(run, espeak, args, s.text), run), EPISODE_TIMING.keptTrailingSilence);
    // A sentence must take some time, or its cue would be empty.
    return pcm.length > 0 ? pcm : silence(EPISODE_PCM, 100);
  });

  const audio = assemble(script, sentences, spoken);
  writeCache(dir, key, audio);
  return audio;
}

/** Joins the spoken sentences with silences and derives every timing from the byte counts. */
function assemble(script: EpisodeScript, sentences: Sentence[], spoken: Buffer[]): EpisodeAudio {
  const parts: Buffer[] = [];
  let bytes = 0;
  const append = (buf: Buffer) => {
    parts.push(buf);
    bytes += buf.length;
  };
  const now = () => Math.round(pcmDurationMs(EPISODE_PCM, bytes));
  const chapterAt = new Map(script.chapters.map((c) => [c.firstTurn, c.title]));
  const cues: Cue[] = [];
  const turnStarts: number[] = [];

  append(silence(EPISODE_PCM, EPISODE_TIMING.leadIn));
  for (const [i, sentence] of sentences.entries()) {
    const previous = sentences[i - 1];
    if (previous && previous.turn !== sentence.turn) {
      append(silence(EPISODE_PCM, EPISODE_TIMING.betweenTurns));
      if (chapterAt.has(sentence.turn)) append(silence(EPISODE_PCM, EPISODE_TIMING.beforeChapter));
    } else if (previous) {
      append(silence(EPISODE_PCM, EPISODE_TIMING.betweenSentences));
    }
    const startMs = now();
    if (turnStarts[sentence.turn] === undefined) turnStarts[sentence.turn] = startMs;
    append(spoken[i] as Buffer);
    // One line per cue: a line break inside a sentence would only be noise in the subtitles.
    cues.push({ id: String(i + 1), startMs, endMs: now(), speaker: script.names[sentence.speaker], text: sentence.text.replace(/\s*[\r\n]+\s*/g, " ") });
  }
  append(silence(EPISODE_PCM, EPISODE_TIMING.tail));

  const wav = writeWav(EPISODE_PCM, Buffer.concat(parts, bytes));
  const chapters = script.chapters.map((c) => ({ title: c.title, startMs: c.firstTurn === 0 ? 0 : (turnStarts[c.firstTurn] as number) }));
  const transcriptText = script.turns.map((t) => `${script.names[t.speaker]} : ${t.text}`).join("\n\n");
  return { wav, durationMs: now(), vtt: serializeVtt({ cues }), chapters, transcriptText };
}
