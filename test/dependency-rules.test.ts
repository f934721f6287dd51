import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The dependency rules of docs/ARCHITECTURE.md, checked on every import of src/.
const SRC = path.resolve("src");
// Every folder of src/ is a feature but platform/ (machinery) and schema/ (the application's list of
// migrations, like app.ts a place that composes features): read from disk, so a new feature is covered.
const COMPOSITION = ["schema", "messages.ts"];
const FEATURES = fs
  .readdirSync(SRC, { withFileTypes: true })
  .filter((e) => e.isDirectory() && e.name !== "platform" && !COMPOSITION.includes(e.name))
  .map((e) => e.name);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "content" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [full] : [];
  });
}

type Edge = { from: string; to: string };

function edges(): Edge[] {
  return sourceFiles(SRC).flatMap((file) => {
    const text = fs.readFileSync(file, "utf8");
    return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+["'](\.{1,2}\/[^"']+)["']/gm)].map((m) => ({
      from: path.relative(SRC, file),
      to: path.relative(SRC, path.resolve(path.dirname(file), (m[1] as string).replace(/\.js$/, ".ts"))),
    }));
  });
}

const featureOf = (p: string) => p.split(path.sep)[0] as string;

describe("dependency rules", () => {
  const all = edges();

  it("finds the imports it checks", () => {
    expect(all.length).toBeGreaterThan(150);
  });

  it("reads every feature folder", () => {
    expect(FEATURES).toEqual(expect.arrayContaining(["stories", "submissions", "newsletter", "search", "settings", "readership"]));
  });

  it("keeps platform/ free of any feature and of the application's composition", () => {
    const bad = all.filter((e) => e.from.startsWith("platform") && (FEATURES.includes(featureOf(e.to)) || COMPOSITION.includes(featureOf(e.to))));
    expect(bad).toEqual([]);
  });

  it("keeps every feature's tables in that feature's migrations, never in platform/", () => {
    // platform/db/migrations/ holds the machinery's own tables only.
    const platformTables = new Set(["content_version", "jobs", "outbox", "shared_counters"]);
    const dir = path.join(SRC, "platform", "db", "migrations");
    const tables = fs
      .readdirSync(dir)
      .filter((f) => /^\d{4}-.*\.ts$/.test(f))
      .flatMap((f) => [...fs.readFileSync(path.join(dir, f), "utf8").matchAll(/(?:createTable|alterTable)\("(\w+)"/g)].map((m) => m[1]));
    expect(tables.length).toBeGreaterThan(0);
    expect(tables.filter((t) => !platformTables.has(t as string))).toEqual([]);
  });

  it("never lets a feature reach into another feature's store or tables", () => {
    const bad = all.filter(
      (e) => featureOf(e.from) !== featureOf(e.to) && /\.(store|tables)\.ts$/.test(e.to) && e.from !== "database.ts",
    );
    expect(bad).toEqual([]);
  });

  it("keeps the database out of routes and views", () => {
    const bad = all.filter((e) => /(\.routes\.ts|\/views\/)/.test(e.from) && /(\.store\.ts|platform\/db\/)/.test(e.to));
    expect(bad).toEqual([]);
  });

  it("lets only the release door write what readers see", () => {
    // published-story.store.ts writes the public version; only story-release.service.ts (which runs
    // every guard) may call its writers, whatever else reads from it.
    const writers = /\b(writePublishedStory|deletePublishedStory)\b/;
    const callers = sourceFiles(SRC)
      .filter((f) => !f.endsWith("published-story.store.ts"))
      .filter((f) => writers.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(SRC, f));
    expect(callers).toEqual([path.join("stories", "story-release.service.ts")]);
    // The released episode is written only by the episode's version part, which the release door calls.
    const episodeWriters = /\b(writePublishedEpisode|deletePublishedEpisode)\b/;
    const episodeCallers = sourceFiles(SRC)
      .filter((f) => !f.endsWith("episode.store.ts"))
      .filter((f) => episodeWriters.test(fs.readFileSync(f, "utf8")))
      .map((f) => path.relative(SRC, f));
    expect(episodeCallers).toEqual([path.join("podcasts", "episode.service.ts")]);
  });

  it("has no barrel file re-exporting everything", () => {
    const barrels = sourceFiles(SRC).filter((f) => /export \* from/.test(fs.readFileSync(f, "utf8")));
    expect(barrels).toEqual([]);
  });
});
