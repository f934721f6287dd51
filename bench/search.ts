/**
 * Search at scale (part of `npm run bench`): `/recherche` on a database of 100,000 generated stories
 * plus the demo, each query measured with Debian's `wrk` (one thread, 50 connections) against a bare
 * Node server sending the same bytes in the same run. The goal is a p99 under 20 ms for every kind
 * of query: a word most stories contain, a word only a handful contain, a phrase, a prefix, and a
 * word with a theme filter. Generated stories are built from the demo's sentences, so common words
 * really are common: the count of results of each query is printed beside its figures.
 * BENCH_SEARCH_STORIES changes the number of generated stories, BENCH_SECONDS and BENCH_REPEAT as
 * in bench/run.ts. SQLite (FTS5), the embedded default. Each query is measured twice: with the
 * page cache, where a query asked again is served from the shelf kept for searches, and without
 * it, where every request ranks and renders as a query asked for the first time does. Before the
 * load runs, each query is also asked one request at a time without the page cache: the cost of
 * ONE query (wall time and the server's CPU), which the p99 under load is a multiple of.
 * BENCH_SEARCH_DATA_DIR reuses a database seeded before (the app migrates it: give a copy) instead
 * of seeding one; BENCH_SEARCH_LOAD=off stops after the one-at-a-time figures.
 * Never part of `npm test`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Compared, compare, countPublished, cpuMs, ensureBuild, fetchPage, log, machineLoad, requireWrk, type Server, seed, startApp, startBare, stopAllChildren } from "./lib.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
const reusedDir = process.env.BENCH_SEARCH_DATA_DIR || null;
const withLoad = process.env.BENCH_SEARCH_LOAD !== "off";
const stories = Number(process.env.BENCH_SEARCH_STORIES ?? 100_000);
if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) throw new Error("BENCH_SECONDS: expected 1 to 600");
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 9) throw new Error("BENCH_REPEAT: expected 1 to 9");
if (!Number.isInteger(stories) || stories < 0 || stories > 1_000_000) throw new Error("BENCH_SEARCH_STORIES: expected 0 to 1,000,000");
const load = { connections: 50, seconds, warmupSeconds: 2, repeat };
const P99_TARGET_MS = 20;

// The middle generated story's number is in one title only: the rare query.
const rare = String(Math.max(1, Math.floor(stories / 2)));
const QUERIES = [
  { name: "common word", q: "psychiatre" },
  { name: "rare word", q: rare },
  { name: "phrase", q: '"groupe de parole"' },
  { name: "prefix", q: "thérap*" },
  { name: "word + theme", q: "travail", theme: true },
] as const;

const ONE_AT_A_TIME = { warmup: 5, requests: 40 };

type QueryRun = { name: string; cache: "on" | "off"; path: string; results: number; bytes: number; ratio: number } & Compared;

const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-search-"));
let cleaned = false;
async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await stopAllChildren();
  fs.rmSync(work, { recursive: true, force: true });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

/** The results count the page announces ("12 345 témoignages"), read from its bytes. */
function resultsCount(html: string): number {
  const m = /(\d[\d\s\u202f\u00a0]*)\s+(?:témoignages?|résultats?)/.exec(html);
  if (!m?.[1]) return html.includes("Aucun") ? 0 : Number.NaN;
  return Number(m[1].replace(/\D/g, ""));
}

/** A theme of the database, read from the search form's options. */
async function someTheme(app: Server): Promise<string> {
  const page = await fetchPage(`${app.url}/recherche`);
  const m = /<option value="([a-z0-9-]+)"[^>]*>[^<]+<\/option>/.exec(page.body.toString("utf8").split('name="theme"')[1] ?? "");
  if (!m?.[1]) throw new Error("no theme in the search form");
  return m[1];
}

type Single = { name: string; path: string; results: number; medianMs: number; maxMs: number; cpuMsPerReq: number | null };

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** Each query asked one request at a time, page cache off: what one query costs. */
async function oneAtATime(dir: string): Promise<Single[]> {
  const app = await startApp(dir, false);
  try {
    const paths = await queryPaths(app);
    const singles: Single[] = [];
    for (const { name, p } of paths) {
      for (let i = 0; i < ONE_AT_A_TIME.warmup; i++) await fetchPage(app.url + p);
      const times: number[] = [];
      const cpuBefore = cpuMs(app.pid);
      let results = 0;
      for (let i = 0; i < ONE_AT_A_TIME.requests; i++) {
        const started = performance.now();
        const page = await fetchPage(app.url + p);
        times.push(performance.now() - started);
        results = resultsCount(page.body.toString("utf8"));
      }
      const cpuAfter = cpuMs(app.pid);
      const ordered = sorted(times);
      const single = {
        name,
        path: p,
        results,
        medianMs: ordered[Math.floor(ordered.length / 2)] as number,
        maxMs: ordered[ordered.length - 1] as number,
        cpuMsPerReq: cpuBefore !== null && cpuAfter !== null ? (cpuAfter - cpuBefore) / ONE_AT_A_TIME.requests : null,
      };
      log(`one at a time, ${name} ${p}: ${results} results, median ${single.medianMs.toFixed(1)} ms, max ${single.maxMs.toFixed(1)} ms, server CPU ${single.cpuMsPerReq?.toFixed(1) ?? "–"} ms/request`);
      singles.push(single);
    }
    return singles;
  } finally {
    await app.stop();
  }
}

/** The address of each query, the theme filter read from the search form. */
async function queryPaths(app: Server): Promise<Array<{ name: string; p: string }>> {
  const theme = await someTheme(app);
  return QUERIES.map((query) => {
    const params = new URLSearchParams({ q: query.q });
    if ("theme" in query) params.set("theme", theme);
    return { name: query.name, p: `/recherche?${params.toString()}` };
  });
}

async function run(): Promise<void> {
  if (withLoad) requireWrk();
  await ensureBuild();
  let dir = path.join(work, "search");
  let seedSeconds = 0;
  if (reusedDir) {
    dir = reusedDir;
    log(`reusing the database in ${dir}`);
  } else {
    fs.mkdirSync(dir);
    log(`seeding: demo + ${stories} generated stories`);
    seedSeconds = await seed(dir, stories);
  }
  const published = countPublished(dir);
  log(`  ${published} published stories${reusedDir ? "" : ` in ${seedSeconds.toFixed(1)} s`}`);

  const before = machineLoad();
  const singles = await oneAtATime(dir);
  const runs: QueryRun[] = [];
  // With the page cache, a query asked again is served from the shelf kept for searches; without
  // it, every request ranks and renders, as the first time a query is asked.
  for (const cache of withLoad ? (["on", "off"] as const) : []) {
    const app = await startApp(dir, cache === "on");
    try {
      for (const query of await queryPaths(app)) {
        const p = query.p;
        const recorded = await fetchPage(app.url + p);
        const results = resultsCount(recorded.body.toString("utf8"));
        log(`cache ${cache}, ${query.name} ${p}: ${results} results, ${recorded.body.length} bytes`);
        const bare = await startBare(recorded, work);
        try {
          const compared = await compare(app, p, bare, load);
          log(`  p99 ${compared.ours.p99Ms} ms, ${Math.round(compared.ours.reqPerSec)} vs ${Math.round(compared.bare.reqPerSec)} req/s`);
          runs.push({ name: query.name, cache, path: p, results, bytes: recorded.body.length, ratio: compared.ours.reqPerSec / compared.bare.reqPerSec, ...compared });
        } finally {
          await bare.stop();
        }
      }
    } finally {
      await app.stop();
    }
  }
  const after = machineLoad();

  const int = (n: number) => Math.round(n).toLocaleString("en-US");
  const pct = (n: number | null) => (n === null ? "–" : `${Math.round(n * 100)} %`);
  // A run in which no request finished has no latency to speak of: it fails, not passes.
  const clean = runs.every((r) => [r.ours, r.bare].every((l) => l.requests > 0 && l.errors + l.timeouts + l.non2xx === 0));
  const worstP99 = (cache: "on" | "off") => Math.max(...runs.filter((r) => r.cache === cache).map((r) => r.ours.p99Ms));
  const ms = (n: number | null) => (n === null ? "–" : n.toFixed(1));
  const wrkMax = Math.max(...runs.flatMap((r) => [r.ours.wrkCpuShare ?? 0, r.bare.wrkCpuShare ?? 0]));
  const checks = [
    ...(withLoad ? (["on", "off"] as const) : []).map((cache) => ({
      what: `p99 of every query ${cache === "on" ? "asked again (cache on)" : "asked for the first time (cache off)"}, ${load.connections} connections, ${int(published)} stories`,
      target: `< ${P99_TARGET_MS} ms`,
      value: `${worstP99(cache).toFixed(1)} ms (worst)`,
      ok: worstP99(cache) < P99_TARGET_MS,
    })),
    ...(withLoad
      ? [
          { what: "every run: requests answered, errors, timeouts, non-2xx", target: "> 0, 0", value: clean ? "ok" : "see table", ok: clean },
          { what: "wrk's own CPU, busiest run", target: "< 100 % (not the bottleneck)", value: pct(wrkMax), ok: wrkMax < 0.95 },
        ]
      : []),
  ];
  process.stdout.write(
    [
      "# Search benchmark",
      "",
      `${before.cpus} CPU, Node ${process.version}. \`wrk -t1 -c${load.connections} -d${load.seconds}s\`, median of ${repeat} runs alternated with a bare server sending the same bytes. Load average ${before.loadAverage.toFixed(2)} before, ${after.loadAverage.toFixed(2)} after.`,
      reusedDir ? `Database: SQLite, ${int(published)} published stories, seeded before.` : `Database: SQLite, ${int(published)} published stories (demo + ${int(stories)} generated), seeded in ${seedSeconds.toFixed(0)} s.`,
      "",
      `One request at a time, page cache off (${ONE_AT_A_TIME.requests} requests after ${ONE_AT_A_TIME.warmup} to warm up):`,
      "",
      "| Query | Results | Median ms | Max ms | Server CPU ms/req |",
      "|---|--:|--:|--:|--:|",
      ...singles.map((s) => `| ${s.name} \`${s.path}\` | ${int(s.results)} | ${ms(s.medianMs)} | ${ms(s.maxMs)} | ${ms(s.cpuMsPerReq)} |`),
      "",
      ...(withLoad
        ? [
          "| Query | Cache | Results | Bytes | Ours req/s | Bare req/s | Ours/bare | Ours p99 ms | Bare p99 ms | Ours CPU ms/req | wrk CPU (ours, bare) | Others, cores |",
          "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|",
          ...runs.map(
            (r) =>
              `| ${r.name} \`${r.path}\` | ${r.cache} | ${int(r.results)} | ${int(r.bytes)} | ${int(r.ours.reqPerSec)} | ${int(r.bare.reqPerSec)} | **${r.ratio.toFixed(2)}** | **${r.ours.p99Ms.toFixed(1)}** | ${r.bare.p99Ms.toFixed(1)} | ${r.ours.cpuMsPerReq?.toFixed(3) ?? "–"} | ${pct(r.ours.wrkCpuShare)}, ${pct(r.bare.wrkCpuShare)} | ${r.ours.othersCores?.toFixed(2) ?? "–"} |`,
          ),
          "",
          "| Check | Target | Measured | |",
          "|---|---|---|---|",
          ...checks.map((c) => `| ${c.what} | ${c.target} | ${c.value} | ${c.ok ? "✅" : "❌"} |`),
          "",
          ]
        : []),
    ].join("\n"),
  );
  if (checks.some((c) => !c.ok)) process.exitCode = 1;
}

try {
  await run();
} catch (error) {
  if (!cleaned) {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
