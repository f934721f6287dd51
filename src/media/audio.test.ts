import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import fc from "fast-check";
import { parseFile } from "music-metadata";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AudioContainer, CONTRIBUTION_AUDIO_LIMITS, disguiseFactor, sniffAudio } from "./audio.js";
import { AudioRejected, measureLoudness, probeAudio, processAudio } from "./audio-processing.js";

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-audio-test-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const MARK = `CANARI${Date.now().toString(36).toUpperCase()}`;

/** A tone (or speech-like noise) with every kind of tag we know, carrying the marker. */
async function fixture(name: string, codecArgs: string[], opts: { seconds?: number; picture?: boolean; source?: string } = {}): Promise<string> {
  const out = path.join(dir, name);
  const cover = path.join(dir, "cover.png");
  if (opts.picture && !fs.existsSync(cover)) {
    await sharp({ create: { width: 64, height: 64, channels: 3, background: "#884422" } }).png().toFile(cover);
  }
  const tags = ["title", "artist", "album", "comment", "description", "encoder", "creation_time", "location", "copyright", "composer"].flatMap((k) => [
    "-metadata",
    k === "creation_time" ? `${k}=2021-03-04T05:06:07Z` : k === "location" ? `${k}=+48.8566+002.3522/${MARK}/` : `${k}=${MARK}-${k}`,
  ]);
  const source = opts.source ?? `sine=frequency=330:duration=${opts.seconds ?? 4}`;
  const inputs = ["-f", "lavfi", "-i", source, ...(opts.picture ? ["-i", cover] : [])];
  const maps = opts.picture ? ["-map", "0:a", "-map", "1:v", "-c:v", "png", "-disposition:v", "attached_pic"] : [];
  await run("ffmpeg", ["-v", "error", "-y", ...inputs, ...maps, ...tags, ...codecArgs, out]);
  return out;
}

const FIXTURES: Array<{ name: string; container: AudioContainer; args: string[]; picture?: boolean; untagged?: boolean }> = [
  { name: "in.mp3", container: "mp3", args: ["-c:a", "libmp3lame", "-id3v2_version", "3"], picture: true },
  { name: "in.m4a", container: "mp4", args: ["-c:a", "aac"], picture: true },
  { name: "in.ogg", container: "ogg", args: ["-c:a", "libopus"] },
  { name: "in.wav", container: "wav", args: ["-c:a", "pcm_s16le"] },
  { name: "in.webm", container: "webm", args: ["-c:a", "libopus"] },
  { name: "in.flac", container: "flac", args: ["-c:a", "flac"], picture: true },
  // Raw ADTS has nowhere to put tags: it is here for recognition and processing only.
  { name: "in.aac", container: "aac", args: ["-c:a", "aac", "-f", "adts"], untagged: true },
];

describe("sniffAudio", () => {
  it("never recognises text, playlists or random bytes that do not start like audio", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const bytes = Buffer.from(`#EXTM3U\n${text}`);
        expect(sniffAudio(bytes)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (bytes) => {
        const result = sniffAudio(bytes);
        // Whatever it says, it says it only for one of the signatures.
        if (result !== null) expect(["mp3", "aac", "mp4", "ogg", "wav", "webm", "flac"]).toContain(result);
      }),
    );
    expect(sniffAudio(Buffer.from("ffconcat version 1.0\nfile '/etc/passwd'\n"))).toBeNull();
    expect(sniffAudio(Buffer.from("<html><body>hello</body></html>"))).toBeNull();
  });
});

describe("disguiseFactor", () => {
  it("stays inside each range and is 1 without disguise", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999999, noNaN: true }), (r) => {
        expect(disguiseFactor("none", () => r)).toBe(1);
        const light = disguiseFactor("light", () => r);
        const strong = disguiseFactor("strong", () => r);
        expect(light).toBeGreaterThanOrEqual(0.84);
        expect(light).toBeLessThanOrEqual(0.89);
        expect(strong).toBeGreaterThanOrEqual(0.7);
        expect(strong).toBeLessThan(light);
      }),
    );
  });
});

describe("probe and process, with Debian's ffmpeg", () => {
  const files = new Map<string, string>();
  beforeAll(async () => {
    for (const f of FIXTURES) files.set(f.name, await fixture(f.name, f.args, { picture: f.picture }));
  }, 120_000);

  it("recognises every accepted format by its content, whatever its name", async () => {
    for (const f of FIXTURES) {
      const renamed = path.join(dir, `renamed-${f.name}.txt`);
      fs.copyFileSync(files.get(f.name) as string, renamed);
      const probe = await probeAudio(renamed, CONTRIBUTION_AUDIO_LIMITS);
      expect(probe.container, f.name).toBe(f.container);
      expect(probe.durationMs, f.name).toBeGreaterThan(3500);
      expect(probe.durationMs, f.name).toBeLessThan(4600);
    }
  });

  it("reads the duration of a WebM written without one, as a browser's MediaRecorder does", async () => {
    // Written to a pipe, the muxer cannot go back to fill in the duration.
    const { stdout } = await run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=330:duration=3", "-c:a", "libopus", "-f", "webm", "pipe:1"], { encoding: "buffer", maxBuffer: 8 * 1024 * 1024 });
    const live = path.join(dir, "live.webm");
    fs.writeFileSync(live, stdout);
    const header = await run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", live]);
    expect(header.stdout.trim()).toBe("N/A");
    const probe = await probeAudio(live, CONTRIBUTION_AUDIO_LIMITS);
    expect(Math.abs(probe.durationMs - 3000)).toBeLessThan(100);
  });

  it("refuses hostile and broken files with a French sentence", async () => {
    const cases: Array<[string, Buffer | string]> = [
      ["empty.mp3", Buffer.alloc(0)],
      ["playlist.mp3", "#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n"],
      ["concat.wav", "ffconcat version 1.0\nfile '/etc/passwd'\n"],
      ["page.ogg", "<html><body>bonjour</body></html>"],
      ["truncated.flac", fs.readFileSync(files.get("in.flac") as string).subarray(0, 40)],
    ];
    for (const [name, content] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, content);
      await expect(probeAudio(file, CONTRIBUTION_AUDIO_LIMITS), name).rejects.toBeInstanceOf(AudioRejected);
    }
    const tooBig = path.join(dir, "big.wav");
    fs.copyFileSync(files.get("in.wav") as string, tooBig);
    await expect(probeAudio(tooBig, { ...CONTRIBUTION_AUDIO_LIMITS, maxBytes: 1000 })).rejects.toThrow(/dépasse 0 Mo|dépasse/);
    await expect(probeAudio(tooBig, { ...CONTRIBUTION_AUDIO_LIMITS, maxDurationMs: 2000 })).rejects.toThrow(/dépasse/);
    // A video with no sound is not a recording.
    const video = path.join(dir, "video.webm");
    await run("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=red:s=32x32:d=2", "-c:v", "libvpx", video]);
    await expect(probeAudio(video, CONTRIBUTION_AUDIO_LIMITS)).rejects.toThrow(/une seule piste audio/);
  });

  it("leaves no tag, picture, GPS, date or encoder mark in the processed MP3 (canary)", async () => {
    for (const f of FIXTURES) {
      const input = files.get(f.name) as string;
      // The marker is really in the input, or this test proves nothing.
      expect(fs.readFileSync(input).includes(MARK), f.name).toBe(!f.untagged);
      const output = path.join(dir, `${f.name}.out.mp3`);
      const probe = await probeAudio(input, CONTRIBUTION_AUDIO_LIMITS);
      const progress: number[] = [];
      const result = await processAudio(input, output, probe, { disguise: "none", onProgress: (p) => progress.push(p) });
      const bytes = fs.readFileSync(output);
      expect(bytes.includes(MARK), f.name).toBe(false);
      expect(bytes.includes("Lavf"), f.name).toBe(false);
      // LAME pads frames with its own name and version: the same in every file we make, it tells
      // nothing about the sender's device or software. Nothing else of that kind may remain.
      expect(bytes.toString("latin1").replace(/LAME[\d.]*/g, "").match(/Lavc|Lavf|Xing|Info\0/g), f.name).toBeNull();
      expect(bytes.subarray(0, 3).toString("latin1"), f.name).not.toBe("ID3");
      const meta = await parseFile(output);
      expect(meta.common.title, f.name).toBeUndefined();
      expect(meta.common.artist, f.name).toBeUndefined();
      expect(meta.common.comment ?? [], f.name).toEqual([]);
      expect(meta.common.picture ?? [], f.name).toEqual([]);
      expect(Object.values(meta.native).flat(), f.name).toEqual([]);
      expect(meta.format.codec, f.name).toMatch(/MPEG 1 Layer 3/);
      expect(meta.format.numberOfChannels).toBe(1);
      expect(Math.abs(result.durationMs - probe.durationMs), f.name).toBeLessThan(150);
      expect(result.bytes).toBe(bytes.length);
      expect(progress.at(-1)).toBe(1);
      expect(fs.existsSync(`${output}.partial`)).toBe(false);
    }
  }, 120_000);

  it("makes the same bytes from the same sound, whatever tags and pictures came with it", async () => {
    for (const f of FIXTURES.filter((x) => x.picture)) {
      const bare = path.join(dir, `bare-${f.name}`);
      // The same sound, stream-copied without any tag or picture.
      await run("ffmpeg", ["-v", "error", "-y", "-i", files.get(f.name) as string, "-map", "0:a", "-c", "copy", "-map_metadata", "-1", bare]);
      expect(fs.readFileSync(bare).includes(MARK)).toBe(false);
      const outputs = [];
      for (const input of [files.get(f.name) as string, bare]) {
        const output = `${input}.same.mp3`;
        await processAudio(input, output, await probeAudio(input, CONTRIBUTION_AUDIO_LIMITS), { disguise: "none" });
        outputs.push(fs.readFileSync(output));
      }
      expect(Buffer.compare(outputs[0] as Buffer, outputs[1] as Buffer), f.name).toBe(0);
    }
  }, 60_000);

  it("normalises loudness to about −16 LUFS, from a quiet and from a loud recording", async () => {
    for (const [name, source] of [["quiet.wav", "anoisesrc=d=8:c=pink:a=0.02"], ["loud-stereo.wav", "aevalsrc=0.95*sin(2*PI*440*t)*sin(2*PI*3*t)|0.9*sin(2*PI*440*t)*sin(2*PI*3*t):d=8"]] as const) {
      const input = await fixture(name, ["-c:a", "pcm_s16le"], { source });
      const before = await measureLoudness(input);
      const output = path.join(dir, `${name}.mp3`);
      await processAudio(input, output, await probeAudio(input, CONTRIBUTION_AUDIO_LIMITS), { disguise: "none" });
      const after = await measureLoudness(output);
      expect(Math.abs(before.i + 16), name).toBeGreaterThan(3);
      expect(Math.abs(after.i + 16), name).toBeLessThan(1.5);
      expect(after.tp, name).toBeLessThanOrEqual(-0.5);
    }
  }, 60_000);

  it("disguise lowers the voice by the drawn factor and keeps the duration", async () => {
    const input = files.get("in.wav") as string;
    const probe = await probeAudio(input, CONTRIBUTION_AUDIO_LIMITS);
    const pitchOf = async (file: string) => {
      // Zero crossings of the decoded signal give the frequency of a pure tone.
      const { stdout } = await run("ffmpeg", ["-v", "error", "-i", file, "-f", "s16le", "-ac", "1", "-ar", "44100", "-"], { encoding: "buffer", maxBuffer: 64 * 1024 * 1024 });
      const samples = new Int16Array(stdout.buffer, stdout.byteOffset, Math.floor(stdout.length / 2));
      let crossings = 0;
      for (let i = 44100; i < samples.length - 44100; i++) if ((samples[i - 1] as number) < 0 && (samples[i] as number) >= 0) crossings++;
      return crossings / ((samples.length - 88200) / 44100);
    };
    const plain = path.join(dir, "plain.mp3");
    const disguised = path.join(dir, "disguised.mp3");
    await processAudio(input, plain, probe, { disguise: "none" });
    const result = await processAudio(input, disguised, probe, { disguise: "strong", random: () => 0.5 });
    const expected = 330 * disguiseFactor("strong", () => 0.5);
    expect(Math.abs((await pitchOf(plain)) - 330)).toBeLessThan(5);
    expect(Math.abs((await pitchOf(disguised)) - expected)).toBeLessThan(6);
    expect(Math.abs(result.durationMs - probe.durationMs)).toBeLessThan(200);
  }, 60_000);
});
