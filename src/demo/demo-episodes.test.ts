import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseVtt } from "../podcasts/webvtt.js";
import { synthesizeEpisode } from "./demo-audio.js";
import { DEMO_CONTENT_DIR, DemoEpisodeError, loadDemoEpisodes } from "./demo-episodes.js";
import { DEMO_SERIES, DEMO_THEMES } from "./demo-taxonomy.js";
import { EpisodeScriptError } from "./episode-script.js";
import { listField, parseFrontMatter } from "./front-matter.js";

/** The demo writes its subtitles with the podcasts' strict WebVTT codec, and is read back with it. */
const cuesOf = (vtt: string) => parseVtt(vtt).cues;

const storiesDir = path.join(DEMO_CONTENT_DIR, "stories");
const podcastFiles = fs
  .readdirSync(storiesDir)
  .filter((f) => f.endsWith(".md"))
  .map((file) => ({ file, ...parseFrontMatter(fs.readFileSync(path.join(storiesDir, file), "utf8")) }))
  .filter((s) => s.fields.kind === "podcast");

describe("the demo podcasts", () => {
  const episodes = loadDemoEpisodes();

  it("each have a script that parses, a season and an episode number", () => {
    expect(episodes.map((e) => `${e.slug}.md`)).toEqual(podcastFiles.map((p) => p.file).sort());
    for (const e of episodes) {
      expect(e.season).toBe(1);
      expect(e.script.turns.length).toBeGreaterThan(4);
      expect(e.script.chapters.length).toBeGreaterThanOrEqual(2);
      expect(e.script.voices.host).not.toBe(e.script.voices.guest);
    }
  });

  it("make at least three two-part series, numbered like their series positions", () => {
    const bySeries = new Map<string, typeof podcastFiles>();
    for (const p of podcastFiles) bySeries.set(p.fields.series ?? "", [...(bySeries.get(p.fields.series ?? "") ?? []), p]);
    expect(bySeries.has("")).toBe(false);
    expect(bySeries.size).toBeGreaterThanOrEqual(3);
    for (const [slug, parts] of bySeries) {
      expect(DEMO_SERIES.map((s) => s.slug)).toContain(slug);
      expect(parts.map((p) => p.fields.series_position).sort()).toEqual(["1", "2"]);
      for (const p of parts) expect(p.fields.episode).toBe(p.fields.series_position);
    }
  });

  it("keep transcripts in scripts, short show notes in the stories, and known themes", () => {
    const themes = DEMO_THEMES.map((t) => t.slug);
    for (const p of podcastFiles) {
      expect(p.body).not.toContain("Transcription");
      expect(p.body.split(/\s+/).length).toBeLessThan(200);
      for (const theme of listField(p.fields.themes)) expect(themes).toContain(theme);
    }
  });

  it("last one to two and a half minutes each (150 to 400 spoken words)", () => {
    for (const e of episodes) {
      const words = e.script.turns.reduce((n, t) => n + t.text.split(/\s+/).length, 0);
      expect(words, e.slug).toBeGreaterThanOrEqual(150);
      expect(words, e.slug).toBeLessThanOrEqual(400);
    }
  });

  it("are all spoken by espeak-ng into valid audio and subtitles", async () => {
    const cacheDir = path.join(os.tmpdir(), "entrepairs-demo-audio");
    for (const e of episodes) {
      const audio = await synthesizeEpisode(e.script, { cacheDir });
      const cues = cuesOf(audio.vtt);
      expect(cues.length).toBeGreaterThan(e.script.turns.length - 1);
      expect(cues.at(-1)?.endMs).toBeLessThanOrEqual(audio.durationMs);
      expect(audio.durationMs).toBeGreaterThan(60_000);
      expect(audio.chapters.map((c) => c.title)).toEqual(e.script.chapters.map((c) => c.title));
      expect(audio.chapters.map((c) => c.startMs)).toEqual([...audio.chapters.map((c) => c.startMs)].sort((a, b) => a - b));
    }
  }, 300_000);
});

describe("loadDemoEpisodes on broken content", () => {
  let dir = "";
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function content(stories: Record<string, string>, scripts: Record<string, string>): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "demo-episodes-"));
    fs.mkdirSync(path.join(dir, "stories"));
    fs.mkdirSync(path.join(dir, "scripts"));
    for (const [name, text] of Object.entries(stories)) fs.writeFileSync(path.join(dir, "stories", name), text);
    for (const [name, text] of Object.entries(scripts)) fs.writeFileSync(path.join(dir, "scripts", name), text);
    return dir;
  }
  const podcast = (extra: string) => `---\nkind: podcast\n${extra}---\n\nNotes.\n`;
  const script = "@names A | B\nHOST: Bonjour.\n";

  it("reads a podcast, ignores articles", () => {
    const episodes = loadDemoEpisodes(content({ "p.md": podcast("season: 2\nepisode: 3\n"), "a.md": "---\nkind: article\n---\n" }, { "p.txt": script }));
    expect(episodes.map(({ slug, season, episode }) => ({ slug, season, episode }))).toEqual([{ slug: "p", season: 2, episode: 3 }]);
  });

  it.each([
    [{ "p.md": podcast("episode: 1\n") }, { "p.txt": script }, "p.md : « season » manque"],
    [{ "p.md": podcast("season: 1\nepisode: zéro\n") }, { "p.txt": script }, "p.md : « episode » manque ou n'est pas un entier positif"],
    [{ "p.md": podcast("season: 1\nepisode: 1\n") }, {}, "p.md : podcast sans script (attendu : scripts/p.txt)"],
    [{ "p.md": podcast("season: 1\nepisode: 1\n") }, { "p.txt": script, "q.txt": script }, "scripts/q.txt : aucun podcast ne porte ce nom"],
  ])("refuses broken content with a message naming the file", (stories, scripts, message) => {
    const root = content(stories, scripts);
    expect(() => loadDemoEpisodes(root)).toThrow(DemoEpisodeError);
    expect(() => loadDemoEpisodes(root)).toThrow(message);
  });

  it("names the script file and line of a script error", () => {
    const root = content({ "p.md": podcast("season: 1\nepisode: 1\n") }, { "p.txt": "@names A | B\nHOST: oui\nbla\n" });
    const load = () => loadDemoEpisodes(root);
    expect(load).toThrow(EpisodeScriptError);
    expect(load).toThrow("scripts/p.txt, ligne 3 : ligne illisible");
  });
});
