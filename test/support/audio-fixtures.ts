import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";

const run = promisify(execFile);

/**
 * Audio files made with Debian's ffmpeg for the tests: a pure tone (its pitch can be measured),
 * optionally carrying every tag we know with a marker, and an embedded picture.
 */
export async function makeAudioFixture(
  dir: string,
  name: string,
  codecArgs: string[],
  opts: { marker?: string; picture?: boolean; seconds?: number; frequency?: number } = {},
): Promise<string> {
  const out = path.join(dir, name);
  const cover = path.join(dir, "cover.png");
  if (opts.picture && !fs.existsSync(cover)) {
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "#336699" } }).png().toFile(cover);
  }
  const mark = opts.marker;
  const tags = mark
    ? ["title", "artist", "album", "comment", "description", "location", "copyright"].flatMap((k) => [
        "-metadata",
        k === "location" ? `${k}=+48.8566+002.3522/${mark}/` : `${k}=${mark}-${k}`,
      ])
    : [];
  const inputs = ["-f", "lavfi", "-i", `sine=frequency=${opts.frequency ?? 330}:duration=${opts.seconds ?? 4}`, ...(opts.picture ? ["-i", cover] : [])];
  const maps = opts.picture ? ["-map", "0:a", "-map", "1:v", "-c:v", "png", "-disposition:v", "attached_pic"] : [];
  await run("ffmpeg", ["-v", "error", "-y", ...inputs, ...maps, ...tags, ...codecArgs, out]);
  return out;
}

/** The frequency of a pure tone in any file ffmpeg reads, by counting zero crossings. */
export async function pitchOf(file: string): Promise<number> {
  const { stdout } = await run("ffmpeg", ["-v", "error", "-i", file, "-f", "s16le", "-ac", "1", "-ar", "44100", "-"], { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
  const samples = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
  let crossings = 0;
  // The first and last half-second are left out: loudness normalisation settles there.
  for (let i = 22050; i < samples.length - 22050; i++) if ((samples[i - 1] as number) < 0 && (samples[i] as number) >= 0) crossings++;
  return crossings / ((samples.length - 44100) / 44100);
}

/** Every file under a folder, recursively. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

/** One fixture per accepted upload format, with the type a browser would send. */
export const AUDIO_UPLOAD_FORMATS: Array<{ name: string; type: string; args: string[]; picture?: boolean; tagged: boolean }> = [
  { name: "voix.mp3", type: "audio/mpeg", args: ["-c:a", "libmp3lame", "-id3v2_version", "3"], picture: true, tagged: true },
  { name: "voix.m4a", type: "audio/mp4", args: ["-c:a", "aac"], picture: true, tagged: true },
  { name: "voix.ogg", type: "audio/ogg", args: ["-c:a", "libopus"], tagged: true },
  { name: "voix.wav", type: "audio/wav", args: ["-c:a", "pcm_s16le"], tagged: true },
  { name: "voix.webm", type: "audio/webm", args: ["-c:a", "libopus"], tagged: true },
  { name: "voix.flac", type: "audio/flac", args: ["-c:a", "flac"], picture: true, tagged: true },
  // Raw ADTS has nowhere to put tags.
  { name: "voix.aac", type: "audio/aac", args: ["-c:a", "aac", "-f", "adts"], tagged: false },
];
