import { randomBytes } from "node:crypto";
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import type net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import { afterAll, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createDeps } from "../src/deps.js";
import { sendIssue } from "../src/newsletter/issue.service.js";
import { createVersionedMemo } from "../src/platform/cache/versioned-memo.js";
import { freePort } from "./support/free-port.js";

// An issue goes to thousands at the SMTP server's pace; the server may die mid-send. Killed with
// SIGKILL (no shutdown hook runs) while mail is flowing, then restarted: nobody may get the issue
// twice, and everybody but the one mail in flight at the kill gets it.

const MAIN = path.resolve("src/cli/main.ts");
const SUBSCRIBERS = 300;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-newsletter-kill-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** A real SMTP server that takes a few milliseconds per message, as a real one does. */
async function slowSmtp(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        setTimeout(() => {
          received.push(...session.envelope.rcptTo.map((r) => r.address));
          callback();
        }, 8);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function serve(port: number, smtpUrl: string): { child: ChildProcess; exited: Promise<void> } {
  const { BASE_URL: _vite, ...inherited } = process.env;
  const env = { ...inherited, DATA_DIR: dataDir, PORT: String(port), HOST: "127.0.0.1", SEED_DEMO: "off", LOG_LEVEL: "warn", SMTP_URL: smtpUrl };
  const child = spawn(process.execPath, ["--import", "tsx", MAIN, "serve"], { env, stdio: ["ignore", "ignore", "inherit"] });
  return { child, exited: new Promise<void>((resolve) => child.once("exit", () => resolve())) };
}

it("sends an issue once to each subscriber when the server is killed mid-send and restarted", async () => {
  // The issue and its subscribers, written through the app's own service before the server starts.
  const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: "", PORT: "0", BASE_URL: "http://127.0.0.1:3000", LOG_LEVEL: "warn" });
  const deps = await createDeps(config);
  const now = new Date().toISOString();
  for (let i = 0; i < SUBSCRIBERS; i++) {
    await deps.db.insertInto("newsletter_subscribers").values({ email: `lecteur-${i}@exemple.fr`, token: randomBytes(32).toString("base64url"), confirmed_at: now, requested_at: now }).execute();
  }
  const issue = await deps.db.insertInto("newsletter_issues").values({ subject: "Lettre", intro: "Bonjour.", story_ids: "", state: "draft", created_at: now, sent_at: null }).returning("id").executeTakeFirstOrThrow();
  expect(await sendIssue({ db: deps.db, clock: deps.clock, memo: createVersionedMemo(deps.contentVersion), baseUrl: config.baseUrl }, issue.id)).toBe(true);
  await deps.close();

  const smtp = await slowSmtp();
  try {
    const first = serve(await freePort(), smtp.url);
    // Killed once mail is flowing, well before the end.
    for (const deadline = Date.now() + 120_000; smtp.received.length < SUBSCRIBERS / 3; await sleep(5)) {
      if (Date.now() > deadline) throw new Error("aucun courriel n'est parti");
    }
    first.child.kill("SIGKILL");
    await first.exited;
    const atKill = smtp.received.length;
    expect(atKill).toBeLessThan(SUBSCRIBERS);

    const second = serve(await freePort(), smtp.url);
    const db = new Database(path.join(dataDir, "entrepairs.sqlite"), { readonly: true });
    try {
      // Mail is a job: queued until sent, then deleted; the one in flight at the kill stays claimed ("running").
      const waiting = () => (db.prepare("SELECT count(*) AS n FROM jobs WHERE kind = 'mail' AND state = 'queued'").get() as { n: number }).n;
      for (const deadline = Date.now() + 120_000; waiting() > 0 || smtp.received.length === atKill; await sleep(100)) {
        if (Date.now() > deadline) throw new Error(`l'envoi ne reprend pas (${smtp.received.length} reçus)`);
      }
      await sleep(500);
      const interrupted = (db.prepare("SELECT payload FROM jobs WHERE kind = 'mail' AND state = 'running'").all() as Array<{ payload: string }>).map((r) => (JSON.parse(r.payload) as { to: string }).to);
      const counts = new Map<string, number>();
      for (const to of smtp.received) counts.set(to, (counts.get(to) ?? 0) + 1);
      expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
      // Only the mail in flight at the kill may be missing (it may even have arrived): never sent again.
      expect(interrupted.length).toBeLessThanOrEqual(1);
      expect(counts.size + interrupted.filter((to) => !counts.has(to)).length).toBe(SUBSCRIBERS);
      const recorded = (db.prepare("SELECT count(*) AS n FROM newsletter_deliveries WHERE issue_id = ?").get(issue.id) as { n: number }).n;
      expect(recorded).toBe(SUBSCRIBERS);
    } finally {
      db.close();
      second.child.kill("SIGKILL");
      await second.exited;
    }
  } finally {
    await smtp.close();
  }
}, 300_000);
