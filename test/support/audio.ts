import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseBuffer } from "music-metadata";

const run = promisify(execFile);

/** Checks on generated audio and subtitles, written independently of the code that makes them. */

export type ParsedCue = { id: string | null; startMs: number; endMs: number; text: string };

const TIMING = /^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3}) --> (\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$/;

const toMs = (h: string, m: string, s: string, ms: string) => ((Number(h) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(ms);

/**
 * A strict reading of the WebVTT subset a podcast player needs: the header, then blocks of an
 * optional identifier, one timing line and text. Throws on anything else, on a raw "<" or "&"
 * outside tags and entities, and on cues that go back in time or overlap.
 */
export function parseWebVtt(text: string): ParsedCue[] {
  const blocks = text.split(/\n{2,}/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(blocks.shift() ?? "")) throw new Error("en-tête WEBVTT absent");
  const cues: ParsedCue[] = [];
  for (const block of blocks.filter((b) => b.trim() !== "")) {
    const lines = block.replace(/\n+$/, "").split("\n");
    const hasId = !lines[0]?.includes("-->");
    const id = hasId ? (lines.shift() ?? null) : null;
    const timing = TIMING.exec(lines.shift() ?? "");
    if (!timing) throw new Error(`ligne de temps invalide dans le bloc « ${block} »`);
    const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = timing as unknown as string[];
    const cue = { id, startMs: toMs(h1 as string, m1 as string, s1 as string, ms1 as string), endMs: toMs(h2 as string, m2 as string, s2 as string, ms2 as string), text: lines.join("\n") };
    if (cue.text.trim() === "") throw new Error(`réplique vide dans le bloc « ${block} »`);
    if (cue.text.includes("-->")) throw new Error("« --> » dans le texte d'une réplique");
    const withoutMarkup = cue.text.replace(/<\/?[a-z]+(?:[ .][^<>]*)?>/g, "").replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, "");
    if (/[<&]/.test(withoutMarkup)) throw new Error(`caractère non échappé dans « ${cue.text} »`);
    if (cue.endMs <= cue.startMs) throw new Error(`réplique de durée nulle ou négative : ${block}`);
    const previous = cues.at(-1);
    if (previous && cue.startMs < previous.endMs) throw new Error(`répliques qui se chevauchent : ${block}`);
    cues.push(cue);
  }
  return cues;
}

/** The speaker of `<v Name>text` and the text, entities decoded. */
export function voiceOf(cueText: string): { voice: string; text: string } | null {
  const m = /^<v ([^>]+)>([\s\S]*?)(?:<\/v>)?$/.exec(cueText);
  if (!m) return null;
  const text = (m[2] as string).replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return { voice: m[1] as string, text };
}

/**
 * Median fundamental frequency (Hz) of the voiced 40 ms frames of 16-bit mono PCM between two
 * times, by normalised autocorrelation over 70–400 Hz. Enough to tell a low voice from a high one.
 */
export function medianPitchHz(pcm: Buffer, sampleRate: number, fromMs = 0, toMs = Number.POSITIVE_INFINITY): number | null {
  const first = Math.max(0, Math.floor((fromMs * sampleRate) / 1000));
  const last = Math.min(pcm.length / 2, Math.floor((toMs * sampleRate) / 1000));
  const x = new Float64Array(Math.max(0, last - first));
  for (let i = 0; i < x.length; i++) x[i] = pcm.readInt16LE((first + i) * 2) / 32768;
  const frame = Math.round(sampleRate * 0.04);
  const minLag = Math.floor(sampleRate / 400);
  const maxLag = Math.ceil(sampleRate / 70);
  const pitches: number[] = [];
  for (let start = 0; start + frame <= x.length; start += frame) {
    let energy = 0;
    for (let i = 0; i < frame; i++) energy += (x[start + i] as number) ** 2;
    if (energy / frame < 1e-3) continue;
    let best = 0;
    let bestLag = 0;
    for (let lag = minLag; lag <= maxLag && lag < frame; lag++) {
      let c = 0;
      let e1 = 0;
      let e2 = 0;
      for (let i = 0; i < frame - lag; i++) {
        const a = x[start + i] as number;
        const b = x[start + i + lag] as number;
        c += a * b;
        e1 += a * a;
        e2 += b * b;
      }
      const r = c / Math.sqrt(e1 * e2 + 1e-12);
      if (r > best) {
        best = r;
        bestLag = lag;
      }
    }
    if (best > 0.6) pitches.push(sampleRate / bestLag);
  }
  pitches.sort((a, b) => a - b);
  return pitches.length === 0 ? null : (pitches[pitches.length >> 1] as number);
}

/** Root mean square of 16-bit PCM between two times, from 0 (digital silence) to 1. */
export function rms(pcm: Buffer, sampleRate: number, fromMs: number, toMs: number): number {
  const first = Math.max(0, Math.floor((fromMs * sampleRate) / 1000));
  const last = Math.min(pcm.length / 2, Math.floor((toMs * sampleRate) / 1000));
  let sum = 0;
  for (let i = first; i < last; i++) sum += (pcm.readInt16LE(i * 2) / 32768) ** 2;
  return last > first ? Math.sqrt(sum / (last - first)) : 0;
}


/** A real MP3 made by Debian's ffmpeg (a sine tone), with its duration as music-metadata reads it. */
export async function makeMp3(seconds: number, frequency = 440): Promise<{ mp3: Buffer; durationMs: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-mp3-"));
  const file = path.join(dir, "out.mp3");
  try {
    await run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", `sine=frequency=${frequency}:duration=${seconds}`, "-ac", "1", "-c:a", "libmp3lame", "-b:a", "64k", "-y", file]);
    const mp3 = fs.readFileSync(file);
    const meta = await parseBuffer(mp3, { mimeType: "audio/mpeg" });
    return { mp3, durationMs: Math.round((meta.format.duration ?? seconds) * 1000) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
