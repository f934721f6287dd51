/**
 * `npm run bench`: throughput of the real server (a child process) against a bare Node server
 * replaying the same bytes, with the page cache on and off, and the listing at ~100 vs ~100k
 * stories. Prints a Markdown table on stdout (progress goes to stderr) and writes JSON to a
 * temporary folder. Never part of `npm test`. BENCH_SECONDS changes the measured duration.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  countPublished,
  ensureBuild,
  fetchPage,
  type Load,
  type LoadOptions,
  log,
  measure,
  type Server,
  seed,
  startApp,
  startBare,
  stopAllChildren,
} from "./lib.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
if (!Number.isFinite(seconds) || seconds < 1 || seconds > 600) throw new Error("BENCH_SECONDS: expected 1 to 600");
const load: LoadOptions = { connections: 50, seconds, warmupSeconds: 2 };

const STORY = "/temoignages/devenir-mediatrice-de-sante-pair";
const PAGES = [
  { name: "home", path: "/" },
  { name: "listing", path: "/temoignages" },
  { name: "story", path: STORY },
] as const;

// Generated stories on top of the demo (30 hand-written stories).
const MAIN_EXTRA = 10_000;
const SMALL_EXTRA = 70;
const LARGE_EXTRA = 100_000;

const TARGET = { storyVsBare: 0.6, storyCacheOffRps: 2_500, listingScaling: 0.8 };

type Seeding = { name: string; stories: number; seconds: number };
type PageRun = { page: string; path: string; cache: "on" | "off"; bytes: number; ours: Load; bare: Load; ratio: number };
type Listing = Load & { bytes: number };
type ScalingRun = { cache: "on" | "off"; small: Listing; large: Listing; ratio: number };
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

async function seedDb(name: string, extra: number): Promise<{ dir: string; seeding: Seeding }> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  log(`seeding ${name}: demo + ${extra} generated stories`);
  const took = await seed(dir, extra);
  const seeding = { name, stories: countPublished(dir), seconds: took };
  log(`  ${seeding.stories} published stories in ${took.toFixed(1)} s`);
  return { dir, seeding };
}

/** Each page, ours then bare, with one server run per cache mode. */
async function comparePages(dataDir: string, cache: "on" | "off"): Promise<PageRun[]> {
  return withServer(startApp(dataDir, cache === "on"), async (app) => {
    const runs: PageRun[] = [];
    for (const page of PAGES) {
      const recorded = await fetchPage(app.url + page.path);
      log(`cache ${cache}, ${page.name} (${recorded.body.length} bytes): ours`);
      const ours = await measure(app, page.path, load);
      log("  bare");
      const bare = await withServer(startBare(recorded, work), (b) => measure(b, "/", load));
      runs.push({ page: page.name, path: page.path, cache, bytes: recorded.body.length, ours, bare, ratio: ours.reqPerSec / bare.reqPerSec });
    }
    return runs;
  });
}

async function listingAt(dataDir: string, cache: "on" | "off", label: string): Promise<Listing> {
  return withServer(startApp(dataDir, cache === "on"), async (app) => {
    const page = await fetchPage(`${app.url}/temoignages`);
    log(`cache ${cache}, listing at ${label}`);
    return { ...(await measure(app, "/temoignages", load)), bytes: page.body.length };
  });
}

// Seeding leaves a tail in the 1-minute average; more than half a core of other work is noticeable.
let loadBefore = 0;
const busy = (load: number) => load > os.cpus().length / 2 + 0.5;

// --- report ----------------------------------------------------------------------------------

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const ms = (n: number) => n.toFixed(1);
const errs = (l: Load) => `${l.errors}/${l.non2xx}`;
const cpu = (l: Load) => (l.cpuMsPerReq === null ? "–" : l.cpuMsPerReq.toFixed(2));
const mark = (ok: boolean) => (ok ? "✅" : "❌");

function checks(pages: PageRun[], scaling: ScalingRun[]): Check[] {
  const story = (cache: string) => pages.find((p) => p.page === "story" && p.cache === cache);
  const on = story("on");
  const off = story("off");
  const list: Check[] = [];
  if (on) list.push({ what: "story page, cache on", target: `≥ ${TARGET.storyVsBare} × bare`, value: `${on.ratio.toFixed(2)} × bare`, ok: on.ratio >= TARGET.storyVsBare });
  if (off) list.push({ what: "story page, cache off", target: `≥ ${int(TARGET.storyCacheOffRps)} req/s`, value: `${int(off.ours.reqPerSec)} req/s`, ok: off.ours.reqPerSec >= TARGET.storyCacheOffRps });
  for (const s of scaling) {
    list.push({ what: `listing 100k vs 100, cache ${s.cache}`, target: `≥ ${TARGET.listingScaling} (within 20 %)`, value: s.ratio.toFixed(2), ok: s.ratio >= TARGET.listingScaling });
  }
  const clean = [...pages.flatMap((p) => [p.ours, p.bare]), ...scaling.flatMap((s) => [s.small, s.large])].every((l) => l.errors === 0 && l.non2xx === 0 && l.timeouts === 0);
  list.push({ what: "every run: errors, timeouts, non-2xx", target: "0", value: clean ? "0" : "see tables", ok: clean });
  return list;
}

function markdown(seedings: Seeding[], pages: PageRun[], scaling: ScalingRun[], list: Check[], total: number): string {
  const [small, large] = [seedings.find((s) => s.name === "small"), seedings.find((s) => s.name === "large")];
  const main = seedings.find((s) => s.name === "main");
  return [
    `# Entre Pairs benchmark`,
    "",
    `${os.cpus().length} CPU (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; autocannon ${load.connections} connections, ${load.warmupSeconds} s warm-up then ${load.seconds} s; server and bare server in their own processes on 127.0.0.1.`,
    `Load average (1 min) before measuring: ${loadBefore.toFixed(2)}, at the end: ${os.loadavg()[0]?.toFixed(2)}${busy(loadBefore) ? " — the machine was busy, figures are pessimistic" : ""}.`,
    "",
    `## Pages against a bare Node server (${int(main?.stories ?? 0)} stories)`,
    "",
    "| Page | Cache | Bytes | Ours req/s | Ours p99 ms | Ours CPU ms/req | Bare req/s | Bare p99 ms | Bare CPU ms/req | Ours/bare | Errors/non-2xx (ours, bare) |",
    "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ...pages.map(
      (p) =>
        `| ${p.page} \`${p.path}\` | ${p.cache} | ${int(p.bytes)} | ${int(p.ours.reqPerSec)} | ${ms(p.ours.p99Ms)} | ${cpu(p.ours)} | ${int(p.bare.reqPerSec)} | ${ms(p.bare.p99Ms)} | ${cpu(p.bare)} | ${p.ratio.toFixed(2)} | ${errs(p.ours)}, ${errs(p.bare)} |`,
    ),
    "",
    `## Listing \`/temoignages\`: ${int(small?.stories ?? 0)} vs ${int(large?.stories ?? 0)} stories (page 1: ${scaling.map((s) => `${int(s.small.bytes)} vs ${int(s.large.bytes)} bytes`)[0] ?? "?"})`,
    "",
    "| Cache | ~100 req/s | ~100 p99 ms | ~100 CPU ms/req | ~100k req/s | ~100k p99 ms | ~100k CPU ms/req | 100k/100 | Errors/non-2xx (100, 100k) |",
    "|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ...scaling.map(
      (s) =>
        `| ${s.cache} | ${int(s.small.reqPerSec)} | ${ms(s.small.p99Ms)} | ${cpu(s.small)} | ${int(s.large.reqPerSec)} | ${ms(s.large.p99Ms)} | ${cpu(s.large)} | ${s.ratio.toFixed(2)} | ${errs(s.small)}, ${errs(s.large)} |`,
    ),
    "",
    "## Targets",
    "",
    "| Check | Target | Measured | |",
    "|---|---|---|---|",
    ...list.map((c) => `| ${c.what} | ${c.target} | ${c.value} | ${mark(c.ok)} |`),
    "",
    "## Seeding",
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
  await ensureBuild();
  const main = await seedDb("main", MAIN_EXTRA);
  const small = await seedDb("small", SMALL_EXTRA);
  const large = await seedDb("large", LARGE_EXTRA);

  loadBefore = os.loadavg()[0] ?? 0;
  if (busy(loadBefore)) log(`! load average ${loadBefore.toFixed(2)} on ${os.cpus().length} CPUs: other work will skew the figures`);
  const pages = [...(await comparePages(main.dir, "on")), ...(await comparePages(main.dir, "off"))];

  const scaling: ScalingRun[] = [];
  for (const cache of ["off", "on"] as const) {
    const s = await listingAt(small.dir, cache, `${small.seeding.stories} stories`);
    const l = await listingAt(large.dir, cache, `${large.seeding.stories} stories`);
    scaling.push({ cache, small: s, large: l, ratio: l.reqPerSec / s.reqPerSec });
  }

  const seedings = [main.seeding, small.seeding, large.seeding];
  const list = checks(pages, scaling);
  const total = (performance.now() - started) / 1000;
  process.stdout.write(markdown(seedings, pages, scaling, list, total));

  const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-results-"));
  const file = path.join(resultsDir, "latest.json");
  const json = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, loadAverage: { before: loadBefore, after: os.loadavg()[0] }, load, seeding: seedings, pages, scaling, checks: list, totalSeconds: total };
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  process.stdout.write(`JSON: ${file}\n`);
} catch (error) {
  // After a signal the handler cleans up and exits; children dying then is no news.
  if (!cleaned) {
    log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
} finally {
  await cleanup();
}
