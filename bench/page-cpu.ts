/**
 * One page's server CPU per request inside one process, without sockets or a load generator:
 * `npx tsx bench/page-cpu.ts DATA_DIR [PATH] [REQUESTS]` (give a copy of a seeded database: the app
 * migrates it). Builds the app from dist/ with the page cache off, asks PATH (a story page by
 * default) through Fastify's `inject` after a warm-up, and prints CPU ms per request (all threads,
 * garbage collection included) beside the same for /robots.txt, the floor of a request through
 * every hook. Run it under `node --cpu-prof` (`npx tsx --cpu-prof …`) to see where the time goes:
 * unlike a profile of the served app, nothing there waits on the network.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ensureBuild, ROOT } from "./lib.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: tsx bench/page-cpu.ts DATA_DIR [PATH] [REQUESTS]");
const page = process.argv[3] ?? "/temoignages/devenir-mediatrice-de-sante-pair";
const requests = Number(process.argv[4] ?? 1_000);
const WARMUP = 300;

await ensureBuild();
const dist = (file: string) => import(pathToFileURL(path.join(ROOT, "dist", file)).href);
const { buildApp } = await dist("app.js");
const { createDeps } = await dist("deps.js");
const { loadConfig } = await dist("config.js");
const config = loadConfig({ ...process.env, DATA_DIR: path.resolve(dataDir), DATABASE_URL: "", PAGE_CACHE: "off", SEED_DEMO: "off", LOG_LEVEL: "warn" });
const deps = await createDeps(config);
const app = await buildApp(config, deps);
await app.ready();

async function cpuPerRequest(url: string): Promise<number> {
  for (let i = 0; i < WARMUP; i++) {
    const res = await app.inject({ method: "GET", url });
    if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode}`);
  }
  const started = process.cpuUsage();
  for (let i = 0; i < requests; i++) await app.inject({ method: "GET", url });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / requests;
}

try {
  for (const url of [page, "/robots.txt"]) process.stdout.write(`${url}: ${(await cpuPerRequest(url)).toFixed(3)} ms CPU/request (in process, page cache off)\n`);
} finally {
  await app.close();
  await deps.close();
}
