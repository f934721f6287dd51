import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
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

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
async function waitUntilUp(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
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

export type Load = {
  reqPerSec: number;
  p99Ms: number;
  /** Server CPU time (all its threads) per request: unlike req/s, barely moved by other load on the machine. Linux only. */
  cpuMsPerReq: number | null;
  requests: number;
  bytesPerReq: number;
  errors: number;
  timeouts: number;
  non2xx: number;
};

export type LoadOptions = { connections: number; seconds: number; warmupSeconds: number };

/** CPU time used so far by a process, in ms, from /proc (Linux); null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm) ": state is field 3, utime 14 and stime 15, in ticks of 1/100 s.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** A warm-up run, then the measured autocannon run against `path` on `server`. */
export async function measure(server: Server, path: string, opts: LoadOptions, headers: Record<string, string> = {}): Promise<Load> {
  const url = server.url + path;
  const warm = await autocannon({ url, headers, connections: opts.connections, duration: opts.warmupSeconds, timeout: 10 });
  if (warm.errors > 0 || warm.non2xx > 0) log(`  ! warm-up ${url}: ${warm.errors} errors, ${warm.non2xx} non-2xx`);
  const cpuBefore = cpuMs(server.pid);
  const r = await autocannon({ url, headers, connections: opts.connections, duration: opts.seconds, timeout: 10 });
  const cpuAfter = cpuMs(server.pid);
  const requests = r.requests.total;
  return {
    // Completed requests over the measured time: the average rate, robust to short runs.
    reqPerSec: r.duration > 0 ? requests / r.duration : 0,
    p99Ms: r.latency.p99,
    cpuMsPerReq: cpuBefore !== null && cpuAfter !== null && requests > 0 ? (cpuAfter - cpuBefore) / requests : null,
    requests,
    bytesPerReq: requests > 0 ? Math.round(r.throughput.total / requests) : 0,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
  };
}
