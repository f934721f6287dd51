/**
 * Time to process one minute of audio through the real pipeline (probe, two-pass loudness
 * normalisation, MP3), without and with voice disguise, from a WAV and from an M4A upload.
 * Speech comes from Debian's espeak-ng when present (else pink noise shaped like speech).
 * Run by `npm run bench`; prints a Markdown table.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CONTRIBUTION_AUDIO_LIMITS, type Disguise } from "../src/media/audio.js";
import { probeAudio, processAudio } from "../src/media/audio-processing.js";

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_AUDIO_RUNS ?? 3);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-audio-"));

async function oneMinuteOfSpeech(): Promise<string> {
  const wav = path.join(work, "speech.wav");
  const text = Array.from({ length: 12 }, (_, i) => `Phrase ${i + 1}. Je raconte ici comment, jour après jour, j'ai retrouvé un peu de calme et des gens à qui parler.`).join(" ");
  try {
    const raw = path.join(work, "raw.wav");
    await run("espeak-ng", ["-v", "fr", "-s", "150", "-w", raw, text]);
    // Loop or cut to exactly 60 s, stereo 44.1 kHz like a phone recording.
    await run("ffmpeg", ["-v", "error", "-y", "-stream_loop", "-1", "-i", raw, "-t", "60", "-ac", "2", "-ar", "44100", wav]);
  } catch {
    await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "anoisesrc=d=60:c=pink:a=0.2", "-af", "volume='0.5+0.5*sin(2*PI*2*t)':eval=frame", "-ac", "2", "-ar", "44100", wav]);
  }
  return wav;
}

async function main() {
  const wav = await oneMinuteOfSpeech();
  const m4a = path.join(work, "speech.m4a");
  await run("ffmpeg", ["-v", "error", "-y", "-i", wav, "-c:a", "aac", "-b:a", "128k", m4a]);
  const rows: string[] = [];
  for (const [input, label] of [[wav, "WAV stéréo 44,1 kHz"], [m4a, "M4A (AAC 128k)"]] as const) {
    for (const disguise of ["none", "strong"] as Disguise[]) {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const probe = await probeAudio(input, CONTRIBUTION_AUDIO_LIMITS);
        await processAudio(input, path.join(work, `out-${i}.mp3`), probe, { disguise });
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)] as number;
      rows.push(`| ${label} | ${disguise} | ${(median / 1000).toFixed(2)} s | ${(60_000 / median).toFixed(0)}× |`);
    }
  }
  process.stdout.write(`\n### Audio processing, one minute of speech (median of ${RUNS})\n\n| input | disguise | time | faster than real time |\n| --- | --- | --- | --- |\n${rows.join("\n")}\n`);
}

main()
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
