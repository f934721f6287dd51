import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The dependency rules of docs/ARCHITECTURE.md, checked on every import of src/.
const SRC = path.resolve("src");
// Every folder of src/ is a feature but platform/ (machinery) and schema/ (the application's list of
// migrations, like app.ts a place that composes features): read from disk, so a new feature is covered.
const COMPOSITION = ["schema", "messages.ts", "navigation.ts"];
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

  it("keeps feature addresses and feature text out of platform/: features declare them", () => {
    // Code only: comments may name a feature to say why. Addresses are the features' (navigation
    // entries, catalogue texts); platform/ serves its own /assets/ and nothing else by name.
    const code = (file: string) =>
      fs
        .readFileSync(file, "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/(^|[^:])\/\/.*$/gm, "$1");
    const platformFiles = sourceFiles(path.join(SRC, "platform"));
    expect(platformFiles.length).toBeGreaterThan(30);
    const addresses = platformFiles.flatMap((f) =>
      [...code(f).matchAll(/["'`](\/[a-z][\w./-]*)["'`?#$]/g)].map((m) => `${path.relative(SRC, f)}: ${m[1]}`).filter((hit) => !/: \/assets\//.test(hit)),
    );
    expect(addresses).toEqual([]);
    const featureWords = /témoign|testimon|contribution|épisode|podcast|newsletter|lettre d'information|appel à|série|thème/i;
    const texts = platformFiles.flatMap((f) =>
      [...code(f).matchAll(/"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g)]
        .map((m) => m[1] ?? m[2] ?? "")
        .filter((text) => featureWords.test(text))
        .map((text) => `${path.relative(SRC, f)}: ${text}`),
    );
    expect(texts).toEqual([]);
  });

  it("has no cycle between features", () => {
    const graph = new Map<string, Set<string>>();
    for (const e of all) {
      const [from, to] = [featureOf(e.from), featureOf(e.to)];
      if (from !== to && FEATURES.includes(from) && FEATURES.includes(to)) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
    // Strongly connected groups of features (Tarjan): a group of more than one is a cycle.
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const groups: string[][] = [];
    const visit = (v: string) => {
      index.set(v, index.size);
      low.set(v, index.get(v) as number);
      stack.push(v);
      for (const w of graph.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (stack.includes(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
      if (low.get(v) === index.get(v)) {
        const group: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          group.push(w);
        } while (w !== v);
        if (group.length > 1) groups.push(group.sort());
      }
    };
    for (const feature of FEATURES) if (!index.has(feature)) visit(feature);
    expect(groups.map((g) => g.join(" ↔ ")).sort()).toEqual([]);
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

  // platform/html/html-renderer.ts renders function components only: a hook or a class component would fail there.
  it("writes views as function components, without Preact's hooks, class components or another renderer", () => {
    const unsupported = sourceFiles(SRC).filter((f) =>
      /from\s+["'](?:preact\/hooks|preact\/compat|preact-render-to-string)["']|extends\s+(?:Component|PureComponent)\b/.test(fs.readFileSync(f, "utf8")),
    );
    expect(unsupported.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it("has no barrel file re-exporting everything", () => {
    const barrels = sourceFiles(SRC).filter((f) => /export \* from/.test(fs.readFileSync(f, "utf8")));
    expect(barrels).toEqual([]);
  });
});
