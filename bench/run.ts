/**
 * `npm run bench`: throughput of the real server (a child process) against a bare Node `http`
 * server sending the same bytes, measured in the same run with Debian's `wrk` (one thread, 50
 * connections), so the figures that count are ratios. Each figure is the median of three runs,
 * alternated with the bare server's; beside it, the server's CPU time per request, wrk's CPU share
 * and the CPU used by everything else on the machine meanwhile. Prints a Markdown table on stdout
 * (progress goes to stderr) and writes JSON to a temporary folder. Never part of `npm test`.
 * BENCH_SECONDS changes the length of a run (8 s), BENCH_REPEAT the number of runs (3),
 * BENCH_STORIES and BENCH_LARGE_STORIES the generated stories of the main and large databases
 * (10,000 and 100,000, on top of the demo's 33); BENCH_MAIN_FROM and BENCH_LARGE_FROM reuse data
 * folders seeded before (see `seedDb`).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  type Compared,
  compare,
  countPublished,
  ensureBuild,
  fetchPage,
  type Load,
  log,
  machineLoad,
  measureMedian,
  requireWrk,
  type Server,
  seed,
  startApp,
  startBare,
  stopAllChildren,
} from "./lib.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const repeat = Number(process.env.BENCH_REPEAT ?? 3);
if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) throw new Error("BENCH_SECONDS: expected 1 to 600");
if (!Number.isInteger(repeat) || repeat < 1 || repeat > 9) throw new Error("BENCH_REPEAT: expected 1 to 9");
const load = { connections: 50, seconds, warmupSeconds: 2, repeat };

const STORY = "/temoignages/devenir-mediatrice-de-sante-pair";
const PAGES = [
  { name: "story", path: STORY },
  { name: "listing", path: "/temoignages" },
  { name: "home", path: "/" },
] as const;

// Generated stories on top of the demo (33 hand-written stories): the small database has 100.
const MAIN_EXTRA = Number(process.env.BENCH_STORIES ?? 10_000);
const SMALL_EXTRA = 67;
const LARGE_EXTRA = Number(process.env.BENCH_LARGE_STORIES ?? 100_000);
for (const n of [MAIN_EXTRA, LARGE_EXTRA]) if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new Error("BENCH_STORIES, BENCH_LARGE_STORIES: expected 0 to 1,000,000");

const TARGET = { cachedVsBare: 0.6, storyCacheOffRps: 2_500, p99CacheOnMs: 25, scaling: 0.8 };

type Seeding = { name: string; stories: number; seconds: number };
type PageRun = { page: string; path: string; cache: "on" | "off"; bytes: number } & Compared & { ratio: number };
type ScalingRun = { page: string; path: string; small: Load; large: Load; ratio: number };
type Check = { what: string; target: string; value: string; ok: boolean };

const started = performance.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-"));
let cleaned = false;

async function cleanup(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  await stopAllChildren();
  fs.rmSync(work, { recursive: true, force: true });
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping children, removing ${work}`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function withServer<T>(start: Promise<Server>, use: (server: Server) => Promise<T>): Promise<T> {
  const server = await start;
  try {
    return await use(server);
  } finally {
    await server.stop();
  }
}

/**
 * A database of `extra` generated stories. BENCH_<NAME>_FROM names a data folder seeded earlier by
 * this bench (`seed-demo --stories N`): it is copied, never used in place, since the app migrates
 * what it opens. Seeding 100,000 stories takes far longer than measuring them.
 */
async function seedDb(name: string, extra: number): Promise<{ dir: string; seeding: Seeding }> {
  const dir = path.join(work, name);
  const from = process.env[`BENCH_${name.toUpperCase()}_FROM`];
  if (from) {
    log(`copying ${name} from ${from}`);
    const started = performance.now();
    fs.cpSync(from, dir, { recursive: true });
    const seeding = { name, stories: countPublished(dir), seconds: (performance.now() - started) / 1000 };
    log(`  ${seeding.stories} published stories (copied, not seeded)`);
    return { dir, seeding };
  }
  fs.mkdirSync(dir);
  log(`seeding ${name}: demo + ${extra} generated stories`);
  const took = await seed(dir, extra);
  const seeding = { name, stories: countPublished(dir), seconds: took };
  log(`  ${seeding.stories} published stories in ${took.toFixed(1)} s`);
  return { dir, seeding };
}

/** Each page against a bare server replaying its exact bytes, with one server run per cache mode. */
async function comparePages(dataDir: string, cache: "on" | "off"): Promise<PageRun[]> {
  return withServer(startApp(dataDir, cache === "on"), async (app) => {
    const runs: PageRun[] = [];
    for (const page of PAGES) {
      const recorded = await fetchPage(app.url + page.path);
      log(`cache ${cache}, ${page.name} (${recorded.body.length} bytes): ours and bare, ${repeat} runs each`);
      const compared = await withServer(startBare(recorded, work), (bare) => compare(app, page.path, bare, load));
      log(`  ${Math.round(compared.ours.reqPerSec)} vs ${Math.round(compared.bare.reqPerSec)} req/s`);
      runs.push({ page: page.name, path: page.path, cache, bytes: recorded.body.length, ...compared, ratio: compared.ours.reqPerSec / compared.bare.reqPerSec });
    }
    return runs;
  });
}

/** The uncached story page and listing on a small and a large database. */
async function scaling(small: string, large: string): Promise<ScalingRun[]> {
  const at = (dir: string, p: string) => withServer(startApp(dir, false), (app) => measureMedian(app, p, load));
  const runs: ScalingRun[] = [];
  for (const page of [PAGES[0], PAGES[1]]) {
    log(`cache off, ${page.name}: small then large database`);
    const s = await at(small, page.path);
    const l = await at(large, page.path);
    runs.push({ page: page.name, path: page.path, small: s, large: l, ratio: l.reqPerSec / s.reqPerSec });
  }
  return runs;
}

// --- report ----------------------------------------------------------------------------------

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => n.toFixed(1);
const cpu = (l: Load) => (l.cpuMsPerReq === null ? "–" : l.cpuMsPerReq.toFixed(3));
const share = (n: number | null) => (n === null ? "–" : `${Math.round(n * 100)} %`);
const cores = (n: number | null) => (n === null ? "–" : n.toFixed(2));
const errs = (l: Load) => `${l.errors + l.timeouts}/${l.non2xx}`;
const mark = (ok: boolean) => (ok ? "✅" : "❌");
const clean = (l: Load) => l.errors === 0 && l.non2xx === 0 && l.timeouts === 0;

function checks(pages: PageRun[], scale: ScalingRun[]): Check[] {
  const list: Check[] = [];
  for (const p of pages.filter((x) => x.cache === "on")) {
    list.push({ what: `${p.page}, cache on`, target: `≥ ${TARGET.cachedVsBare} × bare`, value: `${p.ratio.toFixed(2)} × bare`, ok: p.ratio >= TARGET.cachedVsBare });
    list.push({ what: `${p.page}, cache on, p99 at ${load.connections} connections`, target: `< ${TARGET.p99CacheOnMs} ms`, value: `${ms(p.ours.p99Ms)} ms`, ok: p.ours.p99Ms < TARGET.p99CacheOnMs });
  }
  const off = pages.find((p) => p.page === "story" && p.cache === "off");
  if (off) list.push({ what: `story, cache off, ${int(MAIN_EXTRA)} generated stories`, target: `≥ ${int(TARGET.storyCacheOffRps)} req/s`, value: `${int(off.ours.reqPerSec)} req/s (${off.ratio.toFixed(2)} × bare)`, ok: off.ours.reqPerSec >= TARGET.storyCacheOffRps });
  for (const s of scale) {
    list.push({ what: `${s.page}, cache off, ${int(LARGE_EXTRA + 33)} vs ${SMALL_EXTRA + 33} stories`, target: `≥ ${TARGET.scaling} (within 20 %)`, value: s.ratio.toFixed(2), ok: s.ratio >= TARGET.scaling });
  }
  const all = [...pages.flatMap((p) => [p.ours, p.bare]), ...scale.flatMap((s) => [s.small, s.large])];
  list.push({ what: "every run: errors, timeouts, non-2xx", target: "0", value: all.every(clean) ? "0" : "see tables", ok: all.every(clean) });
  const wrkMax = Math.max(...all.map((l) => l.wrkCpuShare ?? 0));
  list.push({ what: "wrk's own CPU, busiest run", target: "< 100 % (not the bottleneck)", value: share(wrkMax), ok: wrkMax < 0.95 });
  return list;
}

function markdown(seedings: Seeding[], pages: PageRun[], scale: ScalingRun[], list: Check[], machine: { before: number; after: number; cpus: number }, total: number): string {
  const named = (n: string) => seedings.find((s) => s.name === n);
  const others = [...pages.flatMap((p) => [p.ours.othersCores, p.bare.othersCores]), ...scale.flatMap((s) => [s.small.othersCores, s.large.othersCores])].filter((x): x is number => x !== null);
  const othersMedian = others.length ? ([...others].sort((a, b) => a - b)[Math.floor(others.length / 2)] as number) : null;
  return [
    "# Entre Pairs benchmark",
    "",
    `${machine.cpus} CPU (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}. \`wrk -t1 -c${load.connections} -d${load.seconds}s\` after a ${load.warmupSeconds} s warm-up, median of ${repeat} runs alternated with the bare server's; every server in its own process on 127.0.0.1.`,
    `Load average (1 min): ${machine.before.toFixed(2)} before measuring, ${machine.after.toFixed(2)} at the end; other processes used ${cores(othersMedian)} cores during the median run${othersMedian !== null && othersMedian > 0.3 ? " — the machine was shared, req/s are pessimistic, ratios and CPU per request hold better" : ""}.`,
    "",
    `## Pages against a bare Node server sending the same bytes (${int(named("main")?.stories ?? 0)} stories)`,
    "",
    "| Page | Cache | Bytes | Ours req/s | Bare req/s | Ours/bare | Ours p99 ms | Bare p99 ms | Ours CPU ms/req | Bare CPU ms/req | wrk CPU (ours, bare) | Others, cores | Errors/non-2xx (ours, bare) | Runs, ours |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|---|---|",
    ...pages.map(
      (p) =>
        `| ${p.page} \`${p.path}\` | ${p.cache} | ${int(p.bytes)} | ${int(p.ours.reqPerSec)} | ${int(p.bare.reqPerSec)} | **${p.ratio.toFixed(2)}** | ${ms(p.ours.p99Ms)} | ${ms(p.bare.p99Ms)} | ${cpu(p.ours)} | ${cpu(p.bare)} | ${share(p.ours.wrkCpuShare)}, ${share(p.bare.wrkCpuShare)} | ${cores(p.ours.othersCores)} | ${errs(p.ours)}, ${errs(p.bare)} | ${p.runs.ours.map(int).join(", ")} |`,
    ),
    "",
    `## Cache off: ${int(named("small")?.stories ?? 0)} vs ${int(named("large")?.stories ?? 0)} stories`,
    "",
    "| Page | Small req/s | Small p99 ms | Small CPU ms/req | Large req/s | Large p99 ms | Large CPU ms/req | Large/small | wrk CPU (small, large) | Errors/non-2xx (small, large) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|---|---|",
    ...scale.map(
      (s) =>
        `| ${s.page} \`${s.path}\` | ${int(s.small.reqPerSec)} | ${ms(s.small.p99Ms)} | ${cpu(s.small)} | ${int(s.large.reqPerSec)} | ${ms(s.large.p99Ms)} | ${cpu(s.large)} | **${s.ratio.toFixed(2)}** | ${share(s.small.wrkCpuShare)}, ${share(s.large.wrkCpuShare)} | ${errs(s.small)}, ${errs(s.large)} |`,
    ),
    "",
    "## Targets",
    "",
    "| Check | Target | Measured | |",
    "|---|---|---|---|",
    ...list.map((c) => `| ${c.what} | ${c.target} | ${c.value} | ${mark(c.ok)} |`),
    "",
    "## Seeding (demo + generated stories, each released through the guards, 250 a transaction)",
    "",
    "| Database | Published stories | Seconds |",
    "|---|--:|--:|",
    ...seedings.map((s) => `| ${s.name} | ${int(s.stories)} | ${s.seconds.toFixed(1)} |`),
    "",
    `Total run time: ${total.toFixed(0)} s.`,
    "",
  ].join("\n");
}

// --- main ------------------------------------------------------------------------------------

try {
  requireWrk();
  await ensureBuild();
  const main = await seedDb("main", MAIN_EXTRA);
  const small = await seedDb("small", SMALL_EXTRA);
  const large = await seedDb("large", LARGE_EXTRA);

  const before = machineLoad();
  if (before.loadAverage > before.cpus / 2 + 0.5) log(`! load average ${before.loadAverage.toFixed(2)} on ${before.cpus} CPUs: other work will skew the figures`);
  const pages = [...(await comparePages(main.dir, "on")), ...(await comparePages(main.dir, "off"))];
  const scale = await scaling(small.dir, large.dir);
  const machine = { before: before.loadAverage, after: machineLoad().loadAverage, cpus: before.cpus };

  const seedings = [main.seeding, small.seeding, large.seeding];
  const list = checks(pages, scale);
  const total = (performance.now() - started) / 1000;
  process.stdout.write(markdown(seedings, pages, scale, list, machine, total));

  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-results-"));
  const file = path.join(resultsDir, "latest.json");
  const json = { date: new Date().toISOString(), node: process.version, machine, load, seeding: seedings, pages, scaling: scale, checks: list, totalSeconds: total };
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`JSON: ${file}\n`);
  if (list.some((c) => !c.ok)) process.exitCode = 1;
} catch (error) {
  // After a signal the handler cleans up and exits; children dying then is no news.
  if (!cleaned) {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
