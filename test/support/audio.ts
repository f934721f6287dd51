import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseBuffer } from "music-metadata";

const run = promisify(execFile);

/** Checks on generated audio, written independently of the code that makes it. */

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
