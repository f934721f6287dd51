import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { medianPitchHz, rms } from "../../test/support/audio.js";
import { type Cue, parseVtt } from "../podcasts/webvtt.js";
import {
  type CommandRunner,
  EPISODE_PCM,
  EPISODE_TIMING,
  type EpisodeAudio,
  execFileRunner,
  SpeechSynthesisUnavailable,
  synthesizeEpisode,
  toEpisodePcm,
  usableCacheDir,
} from "./demo-audio.js";
import { VOICE_PRESETS } from "./demo-voices.js";
import { parseEpisodeScript, splitSentences } from "./episode-script.js";
import { readWav } from "./wav.js";

/** The demo writes its subtitles with the podcasts' strict WebVTT codec, and is read back with it. */
const cuesOf = (vtt: string) => parseVtt(vtt).cues;
const voiceOf = (cue: Cue) => ({ voice: cue.speaker, text: cue.text });

const run = promisify(execFile);

const SCRIPT = parseEpisodeScript(
  `@names Animatrice | Théo
# Bonjour
HOST: Bonjour Théo. Merci d'être venu jusqu'ici !
GUEST: Merci à vous. Je suis content d'être là.
# La suite
HOST: Vous entendez des voix depuis longtemps ?
GUEST: Depuis dix ans. « Pas maintenant », je leur dis parfois. Et ça marche.`,
  "essai.txt",
);
const SENTENCES = SCRIPT.turns.flatMap((t) => splitSentences(t.text).map((text) => ({ speaker: t.speaker, text })));

/** The real runner, counting the processes it starts and what each was asked to say. */
function countingRunner(): { run: CommandRunner; calls: Array<{ file: string; args: string[]; input: string }> } {
  const calls: Array<{ file: string; args: string[]; input: string }> = [];
  return {
    calls,
    run: (file, args, input) => {
      calls.push({ file, args, input: input.toString() });
      return execFileRunner(file, args, input);
    },
  };
}

let cacheDir: string;
let first: EpisodeAudio;
let firstCalls: ReturnType<typeof countingRunner>["calls"];

beforeAll(async () => {
  cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-audio-test-"));
  const counting = countingRunner();
  first = await synthesizeEpisode(SCRIPT, { cacheDir, run: counting.run });
  firstCalls = counting.calls;
});
afterAll(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

describe("synthesizeEpisode with espeak-ng", () => {
  it("makes a valid mono 22 050 Hz 16-bit WAV file whose length is durationMs", async () => {
    const wav = readWav(first.wav);
    expect(wav).toMatchObject({ audioFormat: 1, sampleRate: 22_050, channels: 1, bitsPerSample: 16 });
    expect(first.wav.readUInt32LE(4)).toBe(first.wav.length - 8);
    expect(Math.abs((wav.data.length / 2 / 22_050) * 1000 - first.durationMs)).toBeLessThanOrEqual(1);
    // ffprobe reads the file on its own and agrees.
    const file = path.join(cacheDir, "episode.wav");
    fs.writeFileSync(file, first.wav);
    const { stdout } = await run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file]);
    expect(Math.abs(Number(stdout.trim()) * 1000 - first.durationMs)).toBeLessThan(5);
    expect(first.durationMs).toBeGreaterThan(4000);
  });

  it("speaks each sentence once, host and guest with their own espeak-ng voice, text on standard input", () => {
    const spoken = firstCalls.filter((c) => !c.args.includes("--version"));
    expect(spoken.map((c) => c.input).sort()).toEqual(SENTENCES.map((s) => s.text).sort());
    for (const call of spoken) {
      const speaker = SENTENCES.find((s) => s.text === call.input)?.speaker ?? "host";
      const preset = VOICE_PRESETS[SCRIPT.voices[speaker]];
      expect(call.file).toBe("espeak-ng");
      expect(call.args).toEqual(["-v", preset.voice, "-p", `${preset.pitch}`, "-s", `${preset.speed}`, "-b", "1", "--stdin", "--stdout"]);
      expect(call.args.join(" ")).not.toContain(call.input);
    }
    expect(VOICE_PRESETS[SCRIPT.voices.host]).not.toEqual(VOICE_PRESETS[SCRIPT.voices.guest]);
  });

  it("writes one WebVTT cue per sentence, in order, with the speaker's voice tag, inside the episode", () => {
    const cues = cuesOf(first.vtt);
    expect(cues.map((c) => voiceOf(c))).toEqual(SENTENCES.map((s) => ({ voice: SCRIPT.names[s.speaker], text: s.text })));
    for (const [i, cue] of cues.entries()) {
      expect(cue.startMs).toBeGreaterThanOrEqual(i === 0 ? 0 : (cues[i - 1] as Cue).endMs);
      expect(cue.endMs).toBeLessThanOrEqual(first.durationMs);
    }
  });

  it("times the cues on the speech itself: sound inside each cue, digital silence between turns", () => {
    const pcm = readWav(first.wav).data;
    const cues = cuesOf(first.vtt);
    for (const cue of cues) expect(rms(pcm, 22_050, cue.startMs, cue.endMs)).toBeGreaterThan(0.02);
    expect(rms(pcm, 22_050, 0, (cues[0]?.startMs ?? 0) - 1)).toBe(0);
    for (const [i, cue] of cues.entries()) {
      const next = cues[i + 1];
      if (next && voiceOf(next)?.voice !== voiceOf(cue)?.voice) {
        expect(next.startMs - cue.endMs).toBeGreaterThanOrEqual(EPISODE_TIMING.betweenTurns - 1);
        expect(rms(pcm, 22_050, cue.endMs + 1, next.startMs - 1)).toBe(0);
      }
    }
  });

  it("sounds two different voices: the man's pitch, measured in his cues, is far below the woman's", () => {
    const pcm = readWav(first.wav).data;
    const cues = cuesOf(first.vtt);
    const pitch = (voice: string) => {
      const pitches = cues.filter((c) => voiceOf(c)?.voice === voice).map((c) => medianPitchHz(pcm, 22_050, c.startMs, c.endMs) ?? 0);
      return pitches.sort((a, b) => a - b)[pitches.length >> 1] ?? 0;
    };
    const host = pitch("Animatrice");
    const guest = pitch("Théo");
    expect(host).toBeGreaterThan(150);
    expect(guest).toBeLessThan(130);
    expect(guest).toBeLessThan(host * 0.7);
  });

  it("tells two women apart too (femme and femme-grave)", async () => {
    const script = parseEpisodeScript("@names Animatrice | Samia\n@voices femme | femme-grave\nHOST: Bonjour Samia, comment allez-vous ?\nGUEST: Très bien, merci de me recevoir.");
    const audio = await synthesizeEpisode(script, { cacheDir });
    const pcm = readWav(audio.wav).data;
    const [host, guest] = cuesOf(audio.vtt).map((c) => medianPitchHz(pcm, 22_050, c.startMs, c.endMs) ?? 0);
    expect(guest).toBeLessThan((host ?? 0) * 0.85);
  });

  it("starts chapters at 0 and at the first sentence of their first turn, in order", () => {
    const cues = cuesOf(first.vtt);
    const secondChapterCue = cues.find((c) => voiceOf(c)?.text === "Vous entendez des voix depuis longtemps ?");
    expect(first.chapters).toEqual([
      { title: "Bonjour", startMs: 0 },
      { title: "La suite", startMs: secondChapterCue?.startMs },
    ]);
    expect(first.chapters[1]?.startMs).toBeGreaterThan(0);
  });

  it("gives a plain transcript, one paragraph per turn", () => {
    expect(first.transcriptText).toBe(
      [
        "Animatrice : Bonjour Théo. Merci d'être venu jusqu'ici !",
        "Théo : Merci à vous. Je suis content d'être là.",
        "Animatrice : Vous entendez des voix depuis longtemps ?",
        "Théo : Depuis dix ans. « Pas maintenant », je leur dis parfois. Et ça marche.",
      ].join("\n\n"),
    );
  });

  it("answers the second time from its cache: same bytes, no espeak-ng process", async () => {
    const counting = countingRunner();
    const again = await synthesizeEpisode(SCRIPT, { cacheDir, run: counting.run });
    expect(counting.calls).toEqual([]);
    expect(again.wav.equals(first.wav)).toBe(true);
    expect({ ...again, wav: null }).toEqual({ ...first, wav: null });
    expect(fs.readdirSync(cacheDir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("synthesizes again when a word changes, and when a cached file is damaged", async () => {
    const changed = structuredClone(SCRIPT);
    (changed.turns[3] as { text: string }).text = "Depuis onze ans.";
    const counting = countingRunner();
    await synthesizeEpisode(changed, { cacheDir, run: counting.run });
    const changedSentences = changed.turns.flatMap((t) => splitSentences(t.text));
    expect(counting.calls.map((c) => c.input).sort()).toEqual(changedSentences.sort());
    expect(counting.calls.some((c) => c.input === "Depuis onze ans.")).toBe(true);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-audio-damaged-"));
    try {
      const original = await synthesizeEpisode(SCRIPT, { cacheDir: dir });
      const wavFile = fs.readdirSync(dir).find((f) => f.endsWith(".wav")) as string;
      fs.truncateSync(path.join(dir, wavFile), 100);
      const recount = countingRunner();
      const repaired = await synthesizeEpisode(SCRIPT, { cacheDir: dir, run: recount.run });
      expect(recount.calls.length).toBe(SENTENCES.length);
      expect(repaired.wav.equals(original.wav)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("passes text to espeak-ng as data: options, quotes and shell syntax are only read aloud", async () => {
    const marker = path.join(cacheDir, "pwned");
    const script = parseEpisodeScript(`@names A | B\nHOST: --version -w ${marker} ; touch ${marker} $(touch ${marker}) \`touch ${marker}\` 'x' "y".\nGUEST: D'accord.`);
    const audio = await synthesizeEpisode(script, { cacheDir });
    expect(fs.existsSync(marker)).toBe(false);
    expect(cuesOf(audio.vtt)).toHaveLength(2);
  });

  it("reports a missing espeak-ng with its own error, in French, with the command to install it", async () => {
    const missing = synthesizeEpisode(SCRIPT, { cacheDir, espeakPath: path.join(cacheDir, "pas-de-espeak-ng") });
    await expect(missing).rejects.toBeInstanceOf(SpeechSynthesisUnavailable);
    await expect(missing).rejects.toThrow("apt-get install espeak-ng");
  });
});

describe("toEpisodePcm", () => {
  it("resamples another format (44.1 kHz stereo here) to mono 22 050 Hz through ffmpeg", async () => {
    const file = path.join(os.tmpdir(), `demo-audio-stereo-${process.pid}.wav`);
    try {
      await run("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=200:sample_rate=44100:duration=0.5", "-ac", "2", "-c:a", "pcm_s16le", file]);
      expect(readWav(fs.readFileSync(file))).toMatchObject({ sampleRate: 44_100, channels: 2 });
      const pcm = await toEpisodePcm(fs.readFileSync(file));
      expect(pcm.length / 2).toBeCloseTo(EPISODE_PCM.sampleRate * 0.5, -1);
      expect(medianPitchHz(pcm, EPISODE_PCM.sampleRate)).toBeCloseTo(200, -1);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});

describe("usableCacheDir", () => {
  it("creates the folder it is given", () => {
    const dir = path.join(os.tmpdir(), `demo-audio-new-${process.pid}`, "a", "b");
    try {
      expect(usableCacheDir(dir)).toBe(dir);
      expect(fs.statSync(dir).isDirectory()).toBe(true);
    } finally {
      fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
    }
  });

  it("falls back to the system's temporary folder when the folder cannot be made", () => {
    const file = path.join(os.tmpdir(), `demo-audio-file-${process.pid}`);
    fs.writeFileSync(file, "");
    try {
      const dir = usableCacheDir(path.join(file, "cache"));
      expect(dir.startsWith(os.tmpdir())).toBe(true);
      expect(dir).not.toContain(file);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
