import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CONTRIBUTION_AUDIO_LIMITS } from "../media/audio.js";
import { AudioToolsMissing, probeAudio, processAudio } from "../media/audio-processing.js";
import { attachEpisodeAudio, type EpisodeDeps, importEpisodeDetails } from "../podcasts/episode.service.js";
import { defaultCacheDir, SpeechSynthesisUnavailable, synthesizeEpisode, usableCacheDir } from "./demo-audio.js";
import { loadDemoEpisodes } from "./demo-episodes.js";
import type { EpisodeScript } from "./episode-script.js";

/**
 * Gives the demo's podcast stories their episodes: audio spoken by espeak-ng, then sent through
 * the same pipeline as any upload (loudness, MP3), timed WebVTT transcript and chapters. Without
 * espeak-ng or ffmpeg the episodes keep their transcript and wait for audio; the seed goes on.
 */
export async function seedDemoPodcasts(deps: EpisodeDeps, storyIds: Map<string, number>): Promise<{ withAudio: number; missingTool: string | null }> {
  let withAudio = 0;
  let missingTool: string | null = null;
  for (const demo of loadDemoEpisodes()) {
    const storyId = storyIds.get(demo.slug);
    if (storyId === undefined) continue;
    const details = { season: demo.season, number: demo.episode };
    try {
      const audio = await synthesizeEpisode(demo.script);
      const mp3 = await processedMp3(audio.wav);
      await attachEpisodeAudio(deps, storyId, mp3.bytes, mp3.durationMs);
      await importEpisodeDetails(deps, storyId, { ...details, chapters: audio.chapters, transcript: audio.vtt });
      withAudio++;
    } catch (error) {
      if (!(error instanceof SpeechSynthesisUnavailable || error instanceof AudioToolsMissing)) throw error;
      missingTool = error.message;
      await importEpisodeDetails(deps, storyId, { ...details, chapters: [], transcript: plainTranscript(demo.script) });
    }
  }
  return { withAudio, missingTool };
}

function plainTranscript(script: EpisodeScript): string {
  return script.turns.map((t) => `${script.names[t.speaker]} : ${t.text}`).join("\n\n");
}

/** The pipeline's MP3 of a demo WAV, cached beside the synthesis cache (processing is deterministic). */
async function processedMp3(wav: Buffer): Promise<{ bytes: Buffer; durationMs: number }> {
  const dir = usableCacheDir(defaultCacheDir());
  const key = createHash("sha256").update("mp3-v1").update(wav).digest("hex").slice(0, 32);
  const cached = path.join(dir, `${key}.mp3`);
  const meta = path.join(dir, `${key}.mp3.json`);
  if (fs.existsSync(cached) && fs.existsSync(meta)) {
    return { bytes: fs.readFileSync(cached), durationMs: (JSON.parse(fs.readFileSync(meta, "utf8")) as { durationMs: number }).durationMs };
  }
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-demo-mp3-"));
  try {
    const input = path.join(work, "episode.wav");
    fs.writeFileSync(input, wav);
    const output = path.join(work, "episode.mp3");
    const result = await processAudio(input, output, await probeAudio(input, CONTRIBUTION_AUDIO_LIMITS), { disguise: "none" });
    const bytes = fs.readFileSync(output);
    // Temp then rename: a concurrent seed never reads half a file.
    const temp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, cached);
    fs.writeFileSync(`${meta}.${process.pid}.tmp`, JSON.stringify({ durationMs: result.durationMs }));
    fs.renameSync(`${meta}.${process.pid}.tmp`, meta);
    return { bytes, durationMs: result.durationMs };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
