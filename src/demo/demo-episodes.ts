import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type EpisodeScript, parseEpisodeScript } from "./episode-script.js";
import { parseFrontMatter } from "./front-matter.js";

/** What the seed needs to give a demo podcast story its audio: pass `script` to synthesizeEpisode. */
export type DemoEpisode = {
  /** The story's slug: content/stories/<slug>.md, content/scripts/<slug>.txt. */
  slug: string;
  season: number;
  episode: number;
  script: EpisodeScript;
};

export class DemoEpisodeError extends Error {}

// Works from src/ and from dist/: the content stays in src/demo/content.
export const DEMO_CONTENT_DIR = fileURLToPath(new URL("../../src/demo/content/", import.meta.url));

const positive = (value: string | undefined) => (value && /^[1-9]\d{0,3}$/.test(value) ? Number(value) : null);

/**
 * Every podcast story of the demo with its parsed script, in slug order. A podcast without a
 * script, a script without a podcast, or a missing season or episode number is an error.
 */
export function loadDemoEpisodes(contentDir: string = DEMO_CONTENT_DIR): DemoEpisode[] {
  const storiesDir = path.join(contentDir, "stories");
  const scriptsDir = path.join(contentDir, "scripts");
  const episodes: DemoEpisode[] = [];
  for (const file of fs.readdirSync(storiesDir).filter((f) => f.endsWith(".md")).sort()) {
    const { fields } = parseFrontMatter(fs.readFileSync(path.join(storiesDir, file), "utf8"));
    if (fields.kind !== "podcast") continue;
    const slug = file.replace(/\.md$/, "");
    const season = positive(fields.season);
    const episode = positive(fields.episode);
    if (season === null) throw new DemoEpisodeError(`${file} : « season » manque ou n'est pas un entier positif`);
    if (episode === null) throw new DemoEpisodeError(`${file} : « episode » manque ou n'est pas un entier positif`);
    const scriptFile = path.join(scriptsDir, `${slug}.txt`);
    if (!fs.existsSync(scriptFile)) throw new DemoEpisodeError(`${file} : podcast sans script (attendu : scripts/${slug}.txt)`);
    episodes.push({ slug, season, episode, script: parseEpisodeScript(fs.readFileSync(scriptFile, "utf8"), `scripts/${slug}.txt`) });
  }
  const known = new Set(episodes.map((e) => `${e.slug}.txt`));
  const orphan = fs.existsSync(scriptsDir) ? fs.readdirSync(scriptsDir).find((f) => f.endsWith(".txt") && !known.has(f)) : undefined;
  if (orphan) throw new DemoEpisodeError(`scripts/${orphan} : aucun podcast ne porte ce nom (stories/${orphan.replace(/\.txt$/, ".md")})`);
  return episodes;
}
