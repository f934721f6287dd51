/**
 * Two builds of the app compared on the same pages in one process, so the machine's load falls on
 * both alike: `npx tsx bench/page-cpu-ab.ts DATA_DIR BEFORE_DIST AFTER_DIST PATH...`. Keep the
 * build before a change with `cp -r dist .tmp/dist-before && ln -sfn ../assets .tmp/assets` (a
 * build finds assets/ beside its own folder), change, `npm run build`, then compare `.tmp/dist-before`
 * with `dist` on a copy of a seeded database. Each page is first checked to be the same bytes from
 * both builds, then asked in batches through Fastify's `inject` (page cache off), alternating
 * between the builds; prints the median CPU ms per request of each and their ratio. On the shared
 * 2-core machine, runs of one build alone differ by 30 % from one minute to the next; alternating
 * batches bring that to a few per cent. `inject` adds its own cost (and garbage), the same on both
 * sides: compare ratios, not the absolute figures with a served app's. ROUNDS (30) and BATCH (50)
 * set the number and size of the batches.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";

const [dataDir, before, after, ...pages] = process.argv.slice(2);
if (!dataDir || !before || !after || pages.length === 0) throw new Error("usage: tsx bench/page-cpu-ab.ts DATA_DIR BEFORE_DIST AFTER_DIST PATH...");
const rounds = Number(process.env.ROUNDS ?? 30);
const batch = Number(process.env.BATCH ?? 50);
const WARMUP = 300;

async function load(dist: string) {
  const module = (file: string) => import(pathToFileURL(path.resolve(dist, file)).href);
  const { buildApp } = await module("app.js");
  const { createDeps } = await module("deps.js");
  const { loadConfig } = await module("config.js");
  const config = loadConfig({ ...process.env, DATA_DIR: path.resolve(dataDir as string), DATABASE_URL: "", PAGE_CACHE: "off", SEED_DEMO: "off", LOG_LEVEL: "warn" });
  const deps = await createDeps(config);
  const app = await buildApp(config, deps);
  await app.ready();
  return { app, deps };
}

type Built = Awaited<ReturnType<typeof load>>;

async function cpuPerRequest(built: Built, url: string, requests: number): Promise<number> {
  const started = process.cpuUsage();
  for (let i = 0; i < requests; i++) await built.app.inject({ method: "GET", url });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / requests;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const builds = { before: await load(before), after: await load(after) };
try {
  for (const url of pages) {
    const [a, b] = [await builds.before.app.inject({ url }), await builds.after.app.inject({ url })];
    if (a.statusCode !== 200 || b.statusCode !== 200) throw new Error(`GET ${url}: ${a.statusCode} before, ${b.statusCode} after`);
    if (a.body !== b.body) process.stderr.write(`! ${url}: the two builds answer different bytes\n`);
    for (const built of Object.values(builds)) await cpuPerRequest(built, url, WARMUP);
    const runs = { before: [] as number[], after: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      runs.before.push(await cpuPerRequest(builds.before, url, batch));
      runs.after.push(await cpuPerRequest(builds.after, url, batch));
    }
    const [was, is] = [median(runs.before), median(runs.after)];
    process.stdout.write(`${url}: before ${was.toFixed(3)} ms, after ${is.toFixed(3)} ms CPU/request (in process), after/before ${(is / was).toFixed(3)}\n`);
  }
} finally {
  for (const built of Object.values(builds)) {
    await built.app.close();
    await built.deps.close();
  }
}
