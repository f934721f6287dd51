import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseBuffer } from "music-metadata";

const run = promisify(execFile);

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
