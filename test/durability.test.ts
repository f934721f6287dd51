import { randomBytes } from "node:crypto";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "./support/free-port.js";

// A receipt tells a person their testimony is safe; the promise must hold even if the process
// dies the next instant. So the real server is killed (SIGKILL: no shutdown hook runs) at random
// moments under load, and every contribution that got its receipt must be in the database after.

const MAIN = path.resolve("src/cli/main.ts");
const CLIENTS = 50;
// The kill lands at a random moment after the run's first receipt, not after its start: on a busy
// machine the clients may need over a second to get their forms, and a kill before any write
// proves nothing.
const KILL_AFTER_FIRST_RECEIPT_MS = { min: 0, max: 1200 };
const FIRST_RECEIPT_TIMEOUT_MS = 15_000;
// At least MIN_RUNS kills; more (within the budget) until enough contributions were acknowledged
// before a kill, so that a slow or busy machine cannot make the test pass on nothing.
const MIN_RUNS = 20;
const MAX_RUNS = 60;
const MIN_ACKNOWLEDGED = 200;
const MIN_RUNS_WITH_ACKNOWLEDGED = MIN_RUNS / 2;
const NEW_RUN_BUDGET_MS = 150_000;
const REQUEST_TIMEOUT_MS = 10_000;
const START_TIMEOUT_MS = 30_000;

type Server = { child: ChildProcess; exited: Promise<void>; stderr: () => string };

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

/** Markers of the contributions that got a receipt; answers without one, by status. */
type Outcome = { acknowledged: string[]; refused: Record<string, number>; firstReceipt: { promise: Promise<void>; resolve: () => void } };

function firstReceiptSignal(): Outcome["firstReceipt"] {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function refuse(outcome: Outcome, what: string): void {
  outcome.refused[what] = (outcome.refused[what] ?? 0) + 1;
}

/** One person's browser: fetches the form once, then sends contributions until stopped or refused. */
async function clientLoop(base: string, run: number, client: number, stop: AbortSignal, outcome: Outcome): Promise<void> {
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
    if (!token || !cookie) return refuse(outcome, `form ${form.status}`);
    for (let seq = 0; !stop.aborted; seq++) {
      const marker = `durabilite-run${run}-client${client}-seq${seq}`;
      // Each contribution is a new form: its own one-time token, as a browser gets by loading the form again.
      const formToken = randomBytes(16).toString("base64url");
      const body = new URLSearchParams({ _csrf: token, formToken, title: "", body: bodyOf(marker), creditKind: "anonymous", channels: "site", consent: "1", action: "send" });
      const res = await fetch(`${base}/temoigner`, { method: "POST", headers: { ...headers, cookie }, body, redirect: "manual", signal: signal() });
      await res.arrayBuffer();
      // Acknowledged: the redirect to the receipt, with the sealed receipt, comes only after the commit.
      const sealed = res.headers.getSetCookie().some((c) => c.startsWith("ep_recu="));
      if (res.status !== 303 || res.headers.get("location") !== "/temoigner/recu" || !sealed) return refuse(outcome, String(res.status));
      outcome.acknowledged.push(marker);
      outcome.firstReceipt.resolve();
    }
  } catch {
    // The request was cut by the kill (or the stop that follows it): it was never acknowledged.
  }
}

const bodyOf = (marker: string) => `Témoignage ${marker}.`;
// What an acknowledged contribution must look like: one row, sent, with the consent it was sent with.
const INTACT = "received, given:site";

/** Reads the database file as left by the killed server (read-only: the next start must recover the WAL itself). */
function inspect(file: string): { integrity: string; rowsByBody: Map<string, string[]> } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = String(db.pragma("integrity_check", { simple: true }));
    const rows = db
      .prepare(
        `select s.body_md as body, s.state || ', ' || coalesce((select group_concat(c.event || ':' || c.channels) from consent_events c where c.submission_id = s.id), '') as summary
         from submissions s where s.body_md like '%durabilite-run%'`,
      )
      .all() as { body: string; summary: string }[];
    const rowsByBody = new Map<string, string[]>();
    for (const row of rows) rowsByBody.set(row.body, [...(rowsByBody.get(row.body) ?? []), row.summary]);
    return { integrity, rowsByBody };
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

  it("keeps every receipted contribution and an intact database when the server is SIGKILLed under 50 concurrent clients", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const dbFile = path.join(dataDir, "entrepairs.sqlite");
    const runs: { killAfterMs: number; acknowledged: number; missing: number; refused: Record<string, number>; integrity: string }[] = [];
    const everAcknowledged: string[] = [];
    const lost = new Set<string>();
    const started = Date.now();
    const acknowledged = () => everAcknowledged.length;
    const runsWithAcknowledged = () => runs.filter((r) => r.acknowledged > 0).length;
    const enough = () => runs.length >= MIN_RUNS && acknowledged() > MIN_ACKNOWLEDGED && runsWithAcknowledged() >= MIN_RUNS_WITH_ACKNOWLEDGED;

    // MIN_RUNS always run; the budget only bounds the runs added after them.
    while (!enough() && runs.length < MAX_RUNS && (runs.length < MIN_RUNS || Date.now() - started < NEW_RUN_BUDGET_MS)) {
      const run = runs.length + 1;
      // Each run restarts on the data the previous kill left, so the app's own WAL recovery is exercised.
      current = await startServer(dataDir, port);
      const outcome: Outcome = { acknowledged: [], refused: {}, firstReceipt: firstReceiptSignal() };
      const stop = new AbortController();
      const clients = Array.from({ length: CLIENTS }, (_, c) => clientLoop(base, run, c, stop.signal, outcome));
      const runStarted = Date.now();
      await Promise.race([outcome.firstReceipt.promise, sleep(FIRST_RECEIPT_TIMEOUT_MS)]);
      await sleep(Math.round(KILL_AFTER_FIRST_RECEIPT_MS.min + Math.random() * (KILL_AFTER_FIRST_RECEIPT_MS.max - KILL_AFTER_FIRST_RECEIPT_MS.min)));
      const killAfterMs = Date.now() - runStarted;
      expect(current.child.exitCode, `the server died on its own: ${current.stderr()}`).toBeNull();
      await kill(current);
      current = null;
      stop.abort();
      await Promise.all(clients);

      // Every contribution acknowledged so far, in this run or an earlier one, must still be there.
      everAcknowledged.push(...outcome.acknowledged);
      const { integrity, rowsByBody } = inspect(dbFile);
      const missing = everAcknowledged.filter((m) => rowsByBody.get(bodyOf(m))?.join(" | ") !== INTACT);
      for (const m of missing) lost.add(m);
      runs.push({ killAfterMs, acknowledged: outcome.acknowledged.length, missing: missing.length, refused: outcome.refused, integrity });
    }

    const integrityOk = runs.filter((r) => r.integrity === "ok").length;
    console.log(
      [
        `durability: ${runs.length} runs, ${acknowledged()} acknowledged (in ${runsWithAcknowledged()} runs), ${lost.size} lost, integrity ok in ${integrityOk}/${runs.length} runs, ${((Date.now() - started) / 1000).toFixed(1)} s`,
        ...runs.map(
          (r, i) =>
            `  run ${i + 1}: killed after ${r.killAfterMs} ms, ${r.acknowledged} acknowledged, ${r.missing} of all acknowledged so far missing, refused ${JSON.stringify(r.refused)}, integrity ${r.integrity}`,
        ),
      ].join("\n"),
    );

    expect([...lost]).toEqual([]);
    expect(runs.map((r) => r.integrity)).toEqual(runs.map(() => "ok"));
    // Guards against a vacuous pass: enough kills must land while contributions are being acknowledged.
    expect(runs.length).toBeGreaterThanOrEqual(MIN_RUNS);
    expect(acknowledged()).toBeGreaterThan(MIN_ACKNOWLEDGED);
    expect(runsWithAcknowledged()).toBeGreaterThanOrEqual(MIN_RUNS_WITH_ACKNOWLEDGED);
  }, 420_000);
});
