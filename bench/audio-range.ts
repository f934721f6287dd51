/**
 * Serving an episode: req/s for a `Range` request of a demo episode's MP3 from the real server,
 * next to a bare Node static file server sending the same file in the same run. Each request asks
 * for 64 KiB somewhere in the file, as a player seeking does. Run by `npm run bench`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuild, type Load, log, measure, requireWrk, seed, startApp, startBareFile, stopAllChildren } from "./lib.js";

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const load = { connections: 50, seconds, warmupSeconds: 2 };
const work = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-bench-range-"));
const RANGE = { range: "bytes=131072-196607" };

async function main() {
  requireWrk();
  await ensureBuild();
  const dataDir = path.join(work, "data");
  fs.mkdirSync(dataDir);
  log("seeding the demo (podcasts with audio)");
  await seed(dataDir, 0);
  const app = await startApp(dataDir, true);
  let ours: Load;
  let bare: Load;
  let audioPath: string;
  try {
    const feed = await (await fetch(`${app.url}/podcast.xml`)).text();
    audioPath = /\/media\/audio\/[a-f0-9]{24}\.mp3/.exec(feed)?.[0] ?? "";
    if (!audioPath) throw new Error("no episode with audio in /podcast.xml: is espeak-ng installed?");
    const probe = await fetch(app.url + audioPath, { headers: RANGE });
    if (probe.status !== 206) throw new Error(`Range request answered ${probe.status}`);
    log(`measuring ${audioPath} with ${RANGE.range}`);
    ours = await measure(app, audioPath, load, RANGE);
  } finally {
    await app.stop();
  }
  const file = path.join(dataDir, "media", audioPath.replace("/media/", ""));
  const baseline = await startBareFile(file);
  try {
    bare = await measure(baseline, "/", load, RANGE);
  } finally {
    await baseline.stop();
  }
  const row = (name: string, l: Load) =>
    `| ${name} | ${Math.round(l.reqPerSec)} | ${l.p99Ms} ms | ${l.cpuMsPerReq?.toFixed(3) ?? "?"} ms | ${l.errors}, ${l.timeouts}, ${l.non2xx} |`;
  process.stdout.write(
    `\n### Episode audio, Range requests of 64 KiB (${fs.statSync(file).size} bytes file, ${load.connections} connections, ${seconds} s)\n\n` +
      "| server | req/s | p99 | CPU per request | errors, timeouts, non-2xx |\n| --- | --- | --- | --- | --- |\n" +
      `${row("Entre Pairs", ours)}\n${row("bare Node file server", bare)}\n\n` +
      `Ratio: ${(ours.reqPerSec / bare.reqPerSec).toFixed(2)} × bare.\n`,
  );
}

main()
  .catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAllChildren();
    fs.rmSync(work, { recursive: true, force: true });
  });
