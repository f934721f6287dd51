import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";

/** Benchmark helpers: child processes, seeding, the app and bare servers, load runs. */

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CLI = path.join(ROOT, "bin", "entrepairs.js");
const BARE = path.join(ROOT, "bench", "bare-server.mjs");
const BARE_FILE = path.join(ROOT, "bench", "bare-file-server.mjs");
const HOST = "127.0.0.1";

export const log = (line: string) => process.stderr.write(`${line}\n`);

// --- child processes -------------------------------------------------------------------------

const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Ends one child we started: SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c)));
}

/** Keeps the last few KB of a stream, to explain a failure. */
function tail(stream: NodeJS.ReadableStream | null, forward: boolean): () => string {
  let text = "";
  stream?.on("data", (chunk: Buffer) => {
    if (forward) process.stderr.write(chunk);
    text = (text + chunk.toString("utf8")).slice(-4_000);
  });
  return () => text;
}

/** Environment for the app: SQLite in `dataDir`, quiet logs, nothing inherited that would change the database. */
function appEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn", ...extra };
}

/** Runs a command to completion within `timeoutMs`; rejects on a non-zero exit. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number, forward = false): Promise<void> {
  const child = track(spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] }));
  const out = tail(child.stdout, forward);
  const err = tail(child.stderr, true);
  const timer = setTimeout(() => void stopChild(child), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(" ")}: ${signal ?? `code ${code}`}\n${out()}${err()}`));
    });
  });
}

// --- build and seed --------------------------------------------------------------------------

function newestMtime(dir: string, keep: (file: string) => boolean): number {
  if (!fs.existsSync(dir)) return 0;
  let newest = 0;
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (keep(file)) newest = Math.max(newest, fs.statSync(path.join(dir, file)).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` when dist/ is missing or older than the TypeScript sources. */
export async function ensureBuild(): Promise<void> {
  const src = newestMtime(path.join(ROOT, "src"), (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f));
  const dist = newestMtime(path.join(ROOT, "dist"), (f) => f.endsWith(".js"));
  if (dist > 0 && dist >= src) return;
  log(dist === 0 ? "dist/ missing: npm run build" : "dist/ older than src/: npm run build");
  // Under `npm run bench`, npm_execpath is npm's own CLI script.
  const npmCli = process.env.npm_execpath;
  if (npmCli?.endsWith(".js")) await run(process.execPath, [npmCli, "run", "build"], process.env, 300_000, true);
  else await run("npm", ["run", "build"], process.env, 300_000, true);
}

/** Seeds the demo plus `stories` generated stories into `dataDir`; returns the time it took, in seconds. */
export async function seed(dataDir: string, stories: number): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [CLI, "seed-demo", "--stories", String(stories)], appEnv(dataDir), 30 * 60_000, true);
  process.stderr.write("\n");
  return (performance.now() - started) / 1000;
}

/** Published stories in the SQLite database of `dataDir`. */
export function countPublished(dataDir: string): number {
  const db = new SQLite(path.join(dataDir, "entrepairs.sqlite"), { readonly: true });
  try {
    const row = db.prepare("SELECT count(*) AS n FROM stories WHERE status = 'published'").get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Published stories with the theme of this address in the SQLite database of `dataDir`. */
export function countPublishedWithTheme(dataDir: string, themeSlug: string): number {
  const db = new SQLite(path.join(dataDir, "entrepairs.sqlite"), { readonly: true });
  try {
    const row = db
      .prepare("SELECT count(*) AS n FROM published_story_themes JOIN themes ON themes.id = published_story_themes.theme_id WHERE themes.slug = ?")
      .get(themeSlug) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

// --- servers ---------------------------------------------------------------------------------

export type Server = { url: string; pid: number | undefined; stop(): Promise<void> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, HOST, () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

// Opening a 100,000-story database (migrations, start-up checks) can take over 30 s on a shared machine.
const START_TIMEOUT_MS = 120_000;

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs = START_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited:\n${output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stopChild(child);
  throw new Error(`server not answering after ${timeoutMs / 1000} s:\n${output()}`);
}

/** The real app, `node bin/entrepairs.js serve`, in its own process. */
export async function startApp(dataDir: string, pageCache: boolean): Promise<Server> {
  const port = await freePort();
  const env = appEnv(dataDir, { PORT: String(port), HOST, PAGE_CACHE: pageCache ? "on" : "off", SEED_DEMO: "off" });
  // stdout carries the one-time admin setup link: kept for error messages, not printed.
  const child = track(spawn(process.execPath, [CLI, "serve"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] }));
  const out = tail(child.stdout, false);
  const err = tail(child.stderr, true);
  const url = `http://${HOST}:${port}`;
  await waitUntilUp(`${url}/`, child, () => out() + err());
  return { url, pid: child.pid, stop: () => stopChild(child) };
}

export type Page = { body: Buffer; headers: Record<string, string> };

const NOT_REPLAYED = new Set(["date", "connection", "keep-alive", "content-length", "transfer-encoding"]);

/** One GET, keeping the exact bytes and the headers worth replaying. */
export async function fetchPage(url: string): Promise<Page> {
  const res = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(10_000) });
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status}`);
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (!NOT_REPLAYED.has(name)) headers[name] = value;
  });
  return { body, headers };
}

/** A bare Node server replaying `page` (bench/bare-server.mjs), in its own process. */
export async function startBare(page: Page, workDir: string): Promise<Server> {
  const bodyFile = path.join(workDir, "bare-body.bin");
  const headersFile = path.join(workDir, "bare-headers.json");
  fs.writeFileSync(bodyFile, page.body);
  fs.writeFileSync(headersFile, JSON.stringify(page.headers));
  const server = await startBareProcess([BARE, bodyFile, headersFile]);
  const check = await fetchPage(`${server.url}/`);
  if (!check.body.equals(page.body)) throw new Error("bare-server: body differs from the recorded page");
  return server;
}

/** A bare Node server sending one file with byte ranges (bench/bare-file-server.mjs). */
export function startBareFile(file: string): Promise<Server> {
  return startBareProcess([BARE_FILE, file]);
}

async function startBareProcess(args: string[]): Promise<Server> {
  const child = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] }));
  const err = tail(child.stderr, true);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bare-server silent:\n${err()}`)), 10_000);
    let seen = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      const match = /listening (\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", () => reject(new Error(`bare-server exited:\n${err()}`)));
  });
  return { url: `http://${HOST}:${port}`, pid: child.pid, stop: () => stopChild(child) };
}

// --- load ------------------------------------------------------------------------------------

/**
 * Load comes from Debian's `wrk` (C, one thread, epoll), not from a Node client: on a small machine
 * a Node load generator needs a core of its own and holds down the server it measures, the bare
 * one first. The benchmark installs nothing: without wrk it stops and says so.
 */
export function requireWrk(): void {
  try {
    execFileSync("wrk", ["--version"], { stdio: "ignore" });
  } catch (error) {
    // wrk --version exits with 1 after printing its version: only a missing binary is a failure.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new Error("wrk is needed: sudo apt-get install wrk");
  }
}

export type Load = {
  reqPerSec: number;
  p99Ms: number;
  /** Server CPU time (all its threads) per request: unlike req/s, barely moved by other load on the machine. Linux only. */
  cpuMsPerReq: number | null;
  /** wrk's own CPU time over the run's length: well under one core means it was not the bottleneck. */
  wrkCpuShare: number | null;
  /** CPU used by everything else on the machine during the run, in cores (Linux only). */
  othersCores: number | null;
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
};

export type LoadOptions = { connections: number; seconds: number; warmupSeconds: number };

const TICK_MS = 1000 / 100;

/** CPU time used so far by a process, in ms, from /proc (Linux); null elsewhere. */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm) ": state is field 3, utime 14 and stime 15, in ticks of 1/100 s.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return null;
  }
}

/** CPU time of this process's children that have exited and been waited for (cutime + cstime), in ms. */
function reapedChildrenCpuMs(): number | null {
  try {
    const stat = fs.readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
  } catch {
    return null;
  }
}

/** Busy CPU time of the whole machine so far, in ms, from /proc/stat (Linux); null elsewhere. */
function machineBusyMs(): number | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const [, ...values] = line.trim().split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * TICK_MS;
  } catch {
    return null;
  }
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** The figures of wrk's `--latency` report. */
export function parseWrk(out: string): Omit<Load, "cpuMsPerReq" | "wrkCpuShare" | "othersCores"> & { seconds: number } {
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
  const total = /(\d+) requests in ([\d.]+)(us|ms|s|m),/.exec(out);
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(out);
  if (!p99 || !total || !rate) throw new Error(`wrk: unreadable report\n${out}`);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    reqPerSec: Number(rate[1]),
    p99Ms: Number(p99[1]) * (UNIT_MS[p99[2] as string] ?? 1),
    requests: Number(total[1]),
    seconds: (Number(total[2]) * (UNIT_MS[total[3] as string] ?? 1)) / 1000,
    errors: socket ? Number(socket[1]) + Number(socket[2]) + Number(socket[3]) : 0,
    timeouts: socket ? Number(socket[4]) : 0,
    non2xx: non2xx ? Number(non2xx[1]) : 0,
  };
}

function wrk(url: string, opts: { connections: number; seconds: number }, headers: Record<string, string>): Promise<string> {
  const args = ["-t1", `-c${opts.connections}`, `-d${opts.seconds}s`, "--latency", "--timeout", "10s", ...Object.entries(headers).flatMap(([k, v]) => ["-H", `${k}: ${v}`]), url];
  const child = track(spawn("wrk", args, { stdio: ["ignore", "pipe", "pipe"] }));
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
  });
  const err = tail(child.stderr, false);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrk ${args.join(" ")}: code ${code}\n${out}${err()}`))));
  });
}

/** A warm-up run, then one measured wrk run against `path` on `server`. */
export async function measure(server: Server, path: string, opts: LoadOptions, headers: Record<string, string> = {}): Promise<Load> {
  const url = server.url + path;
  const warm = parseWrk(await wrk(url, { connections: opts.connections, seconds: opts.warmupSeconds }, headers));
  if (warm.errors > 0 || warm.non2xx > 0) log(`  ! warm-up ${url}: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
  return measureOnce(server, url, opts, headers);
}

async function measureOnce(server: Server, url: string, opts: LoadOptions, headers: Record<string, string>): Promise<Load> {
  const [cpuBefore, wrkBefore, busyBefore] = [cpuMs(server.pid), reapedChildrenCpuMs(), machineBusyMs()];
  const started = performance.now();
  const report = parseWrk(await wrk(url, opts, headers));
  const wallMs = performance.now() - started;
  const [cpuAfter, wrkAfter, busyAfter] = [cpuMs(server.pid), reapedChildrenCpuMs(), machineBusyMs()];
  const serverMs = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
  const wrkMs = wrkBefore !== null && wrkAfter !== null ? wrkAfter - wrkBefore : null;
  const busyMs = busyBefore !== null && busyAfter !== null ? busyAfter - busyBefore : null;
  const { seconds: _seconds, ...figures } = report;
  return {
    ...figures,
    cpuMsPerReq: serverMs !== null && report.requests > 0 ? serverMs / report.requests : null,
    wrkCpuShare: wrkMs !== null ? wrkMs / wallMs : null,
    othersCores: busyMs !== null && serverMs !== null && wrkMs !== null ? Math.max(0, busyMs - serverMs - wrkMs) / wallMs : null,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

/** The run whose req/s is the median of `runs`. */
function medianRun(runs: Load[]): Load {
  const m = median(runs.map((r) => r.reqPerSec));
  return runs.find((r) => r.reqPerSec === m) as Load;
}

export type Compared = { ours: Load; bare: Load; runs: { ours: number[]; bare: number[] } };

/**
 * Our server and the bare one on the same bytes, one warm-up each, then `repeat` measured runs
 * alternating between them (so a change in the machine's load falls on both), median of each.
 */
export async function compare(ours: Server, oursPath: string, bare: Server, opts: LoadOptions & { repeat: number }): Promise<Compared> {
  const oursUrl = ours.url + oursPath;
  const bareUrl = `${bare.url}/`;
  for (const url of [oursUrl, bareUrl]) await wrk(url, { connections: opts.connections, seconds: opts.warmupSeconds }, {});
  const runs = { ours: [] as Load[], bare: [] as Load[] };
  for (let i = 0; i < opts.repeat; i++) {
    runs.ours.push(await measureOnce(ours, oursUrl, opts, {}));
    runs.bare.push(await measureOnce(bare, bareUrl, opts, {}));
  }
  return { ours: medianRun(runs.ours), bare: medianRun(runs.bare), runs: { ours: runs.ours.map((r) => r.reqPerSec), bare: runs.bare.map((r) => r.reqPerSec) } };
}

/** `repeat` measured runs after one warm-up; the median one. */
export async function measureMedian(server: Server, path: string, opts: LoadOptions & { repeat: number }): Promise<Load & { runs: number[] }> {
  const url = server.url + path;
  await wrk(url, { connections: opts.connections, seconds: opts.warmupSeconds }, {});
  const runs: Load[] = [];
  for (let i = 0; i < opts.repeat; i++) runs.push(await measureOnce(server, url, opts, {}));
  return { ...medianRun(runs), runs: runs.map((r) => r.reqPerSec) };
}

/** The 1-minute load average, and what it means on this machine. */
export function machineLoad(): { loadAverage: number; cpus: number } {
  return { loadAverage: os.loadavg()[0] ?? 0, cpus: os.cpus().length };
}
