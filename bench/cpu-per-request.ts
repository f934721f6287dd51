/**
 * Server CPU per request, quickly, on a database seeded once: `npx tsx bench/cpu-per-request.ts
 * DATA_DIR` (seed it with `DATA_DIR=… npx entrepairs seed-demo --stories 10000`). For each page (the
 * story, the listing in each of its forms, the home),
 * with the page cache on and off, and for a bare Node server sending the same bytes, one short
 * `wrk` run after a warm-up; prints the server's CPU milliseconds per request (from /proc) beside
 * req/s. A second argument, `on` or `off`, measures one cache mode only. On a shared machine req/s move with the neighbours' load, CPU per request much less:
 * this is the figure to compare before and after a change. BENCH_SECONDS sets a run's length (5).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PAGE_SIZE } from "../src/stories/story.service.js";
import { countPublished, countPublishedWithTheme, ensureBuild, fetchPage, log, measure, startApp, startBare } from "./lib.js";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: tsx bench/cpu-per-request.ts DATA_DIR");
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const load = { connections: 50, seconds, warmupSeconds: 1 };
// The listing in each of its forms (filters, and the last page, which is the deepest an OFFSET can walk): none may grow with the number of stories.
const pagesOfStories = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));
const lastPage = pagesOfStories(countPublished(dataDir));
const lastThemePage = pagesOfStories(countPublishedWithTheme(dataDir, "droits"));
const PAGES = [
  { name: "story", path: "/temoignages/devenir-mediatrice-de-sante-pair" },
  { name: "listing", path: "/temoignages" },
  { name: "listing, format", path: "/temoignages?format=podcast" },
  { name: "listing, theme", path: "/temoignages?theme=droits" },
  { name: "listing, series", path: "/temoignages?serie=travailler-avec-un-trouble-bipolaire" },
  { name: "home", path: "/" },
  // Last: a page that costs too much leaves a queue of requests that would fall on the next page's run.
  { name: `listing, last page (${lastPage})`, path: `/temoignages?page=${lastPage}` },
  { name: `listing, theme, last page (${lastThemePage})`, path: `/temoignages?theme=droits&page=${lastThemePage}` },
];

await ensureBuild();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-cpu-"));
const rows: string[] = [];
const modes = process.argv[3] === "on" ? [true] : process.argv[3] === "off" ? [false] : [true, false];
for (const cache of modes) {
  const app = await startApp(path.resolve(dataDir), cache);
  try {
    // The first seconds after start carry the start's own work (tasks, compilation): not measured.
    for (const page of PAGES) await measure(app, page.path, { ...load, seconds: 2 });
    for (const page of PAGES) {
      const ours = await measure(app, page.path, load);
      let bare = "";
      if (cache) {
        const server = await startBare(await fetchPage(app.url + page.path), work);
        try {
          const b = await measure(server, "/", load);
          bare = ` | bare ${b.cpuMsPerReq?.toFixed(4)} ms, ${Math.round(b.reqPerSec)} req/s`;
        } finally {
          await server.stop();
        }
      }
      const line = `${page.name}, cache ${cache ? "on" : "off"}: ${ours.cpuMsPerReq?.toFixed(4)} ms CPU/req, ${Math.round(ours.reqPerSec)} req/s, p99 ${ours.p99Ms} ms, non-2xx ${ours.non2xx}${bare}`;
      log(line);
      rows.push(line);
    }
  } finally {
    await app.stop();
  }
}
fs.rmSync(work, { recursive: true, force: true });
process.stdout.write(`${rows.join("\n")}\n`);
