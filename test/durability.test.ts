import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// A receipt tells a person their testimony is safe; the promise must hold even if the process
// dies the next instant. So the real server is killed (SIGKILL: no shutdown hook runs) at random
// moments under load, and every contribution that got its receipt must be in the database after.

const MAIN = path.resolve("src/cli/main.ts");
const RUNS = 20;
const CLIENTS = 50;
const KILL_AFTER_MS = { min: 300, max: 1500 };
const REQUEST_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 30_000;
const RECEIPT = /<strong>[0-9A-Z]{4}(-[0-9A-Z]{4}){4}<\/strong>/;
const MARKER = /durabilite-run\d+-client\d+-seq\d+/g;

type Server = { child: ChildProcess; exited: Promise<void>; stderr: () => string };

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Starts `entrepairs serve` in a child process and waits until it answers. */
async function startServer(dataDir: string, port: number): Promise<Server> {
  // Vite sets BASE_URL="/" in the test process; a real shell would not.
  const { BASE_URL: _vite, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "off", LOG_LEVEL: "warn", TRUST_PROXY: "on" };
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, "serve"], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr = (stderr + d).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const server = { child, exited, stderr: () => stderr };
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null && child.signalCode === null) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/temoigner`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok) return server;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  await kill(server);
  throw new Error(`the server did not start: ${stderr}`);
}

async function kill(server: Server): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
  await server.exited;
}

/** One person's browser: fetches the form once, then sends contributions until stopped or refused. */
async function clientLoop(base: string, run: number, client: number, stop: AbortSignal, acknowledged: string[]): Promise<void> {
  // The app rate-limits contributions per address; behind the (trusted) proxy this header is that address.
  const headers = { "x-forwarded-for": `10.77.${run}.${client}` };
  const signal = () => AbortSignal.any([stop, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
  try {
    const form = await fetch(`${base}/temoigner`, { headers, signal: signal() });
    const html = await form.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    const cookie = form.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .find((c) => c?.startsWith("ep_form="));
    if (!token || !cookie) return;
    for (let seq = 0; !stop.aborted; seq++) {
      const marker = `durabilite-run${run}-client${client}-seq${seq}`;
      const body = new URLSearchParams({ _csrf: token, title: "", body: `Témoignage ${marker}.`, creditKind: "anonymous", channels: "site", consent: "1", action: "send" });
      const res = await fetch(`${base}/temoigner`, { method: "POST", headers: { ...headers, cookie }, body, signal: signal() });
      const page = await res.text();
      if (res.status !== 200 || !RECEIPT.test(page)) return;
      acknowledged.push(marker);
    }
  } catch {
    // The server was killed mid-request, or the loop was stopped: that contribution was never acknowledged.
  }
}

/** Reads the database file as left by the killed server, without checkpointing it away. */
function inspect(file: string): { integrity: string; found: Map<string, number> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma("integrity_check", { simple: true }));
    const found = new Map<string, number>();
    const rows = db.prepare("select body_md from submissions where body_md like '%durabilite-run%'").all() as { body_md: string }[];
    for (const row of rows) for (const m of row.body_md.match(MARKER) ?? []) found.set(m, (found.get(m) ?? 0) + 1);
    return { integrity, found };
  } finally {
    db.close();
  }
}

describe("durability of acknowledged contributions", () => {
  let dataDir: string;
  let current: Server | null = null;

  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-durability-"));
  });
  afterAll(async () => {
    if (current) await kill(current);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every receipted contribution and an intact database through ${RUNS} SIGKILLs under ${CLIENTS} concurrent clients`, async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const dbFile = path.join(dataDir, "entrepairs.sqlite");
    const perRun: { run: number; killAfterMs: number; acknowledged: number; lost: number; integrity: string }[] = [];
    const lostMarkers: string[] = [];
    const started = Date.now();

    for (let run = 1; run <= RUNS; run++) {
      // Each run restarts on the data the previous kill left, so the app's own WAL recovery is exercised.
      current = await startServer(dataDir, port);
      const acknowledged: string[] = [];
      const stop = new AbortController();
      const clients = Array.from({ length: CLIENTS }, (_, c) => clientLoop(base, run, c, stop.signal, acknowledged));
      const killAfterMs = Math.round(KILL_AFTER_MS.min + Math.random() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
      await sleep(killAfterMs);
      await kill(current);
      current = null;
      stop.abort();
      await Promise.all(clients);

      const { integrity, found } = inspect(dbFile);
      const lost = acknowledged.filter((m) => found.get(m) !== 1);
      lostMarkers.push(...lost);
      perRun.push({ run, killAfterMs, acknowledged: acknowledged.length, lost: lost.length, integrity });
    }

    const total = perRun.reduce((n, r) => n + r.acknowledged, 0);
    const integrityOk = perRun.filter((r) => r.integrity === "ok").length;
    console.log(
      [
        `durability: ${perRun.length} runs, ${total} acknowledged, ${lostMarkers.length} lost, integrity ok in ${integrityOk}/${perRun.length} runs, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...perRun.map((r) => `  run ${r.run}: killed after ${r.killAfterMs} ms, ${r.acknowledged} acknowledged, ${r.lost} lost, integrity ${r.integrity}`),
      ].join("\n"),
    );

    expect(perRun.map((r) => r.integrity)).toEqual(perRun.map(() => "ok"));
    expect(lostMarkers).toEqual([]);
    // Guards against a vacuous pass: the kills must land while contributions are being acknowledged.
    expect(perRun.filter((r) => r.acknowledged > 0).length).toBeGreaterThanOrEqual(RUNS * 0.75);
    expect(total).toBeGreaterThan(200);
  }, 240_000);
});
