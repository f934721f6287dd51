import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../db/connection.js";
import type { AnyDb } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrator.js";
import { migrations } from "../../schema/migrations.js";
import { claimJob, runDueJobs } from "../jobs/job-queue.js";
import { createLogger } from "../logger.js";
import { createMailer, type Mailer } from "./mailer.js";
import { enqueueMail, forgetMailTo, MAIL_JOB, mailJob } from "./outbox.js";

/** A real SMTP server that keeps what it accepts, and refuses everything while `refusing` is set. */
async function smtpServer(): Promise<{ url: string; received: string[]; refusing: boolean; close(): Promise<void> }> {
  const state = { received: [] as string[], refusing: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        if (state.refusing) return callback(Object.assign(new Error("essayez plus tard"), { responseCode: 451 }));
        state.received.push(...session.envelope.rcptTo.map((r) => r.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return Object.assign(state, { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

describe.each(DIALECTS)("mail as durable jobs on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: AnyDb;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  let mailer: Mailer;
  let now = new Date("2026-12-01T10:00:00.000Z");
  const log = createLogger("fatal");
  const deliver = () => runDueJobs({ db, log, now: () => now }, { [MAIL_JOB]: mailJob({ mailer, log }) }, 1000);
  const rowsTo = async (to: string) => (await db.selectFrom("jobs").select("payload").where("kind", "=", MAIL_JOB).execute()).filter((r) => (r.payload as string).includes(to));

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as AnyDb;
    await migrateToLatest(handle.db as never, migrations);
    smtp = await smtpServer();
    mailer = createMailer({ smtpUrl: smtp.url, from: "site@exemple.fr", log });
  });
  afterAll(async () => {
    mailer.close();
    await smtp.close();
    await handle.close();
  });

  it("queues mail only with the change that causes it: a transaction rolled back sends nothing", async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await enqueueMail(tx, { to: "annule@exemple.fr", subject: "S", text: "T" }, now);
        throw new Error("la modification échoue");
      }),
    ).rejects.toThrow("la modification échoue");
    await deliver();
    expect(smtp.received).not.toContain("annule@exemple.fr");
    expect(await rowsTo("annule@exemple.fr")).toEqual([]);
  });

  it("delivers queued mail once and keeps no row with the address", async () => {
    await db.transaction().execute((tx) => enqueueMail(tx, { to: "remis@exemple.fr", subject: "S", text: "T", headers: { "List-Unsubscribe": "<https://exemple.fr/x>" } }, now));
    expect(await rowsTo("remis@exemple.fr")).toHaveLength(1);
    expect(await deliver()).toBe(1);
    expect(await deliver()).toBe(0);
    expect(smtp.received.filter((to) => to === "remis@exemple.fr")).toHaveLength(1);
    expect(await rowsTo("remis@exemple.fr")).toEqual([]);
  });

  it("retries refused mail with growing delays, then gives it up and deletes it", async () => {
    smtp.refusing = true;
    await enqueueMail(db, { to: "refuse@exemple.fr", subject: "S", text: "T" }, now);
    const attempts: string[] = [];
    for (const minutes of [0, 1, 5, 30, 120, 720]) {
      now = new Date(now.getTime() + minutes * 60_000 - 1_000);
      // Not due a second before its delay has passed.
      if (minutes > 0) expect(await deliver()).toBe(0);
      now = new Date(now.getTime() + 1_000);
      expect(await deliver()).toBe(1);
      attempts.push(now.toISOString());
      if (minutes < 720) expect(await rowsTo("refuse@exemple.fr")).toHaveLength(1);
    }
    expect(attempts).toHaveLength(6);
    expect(await rowsTo("refuse@exemple.fr")).toEqual([]);
    smtp.refusing = false;
    expect(smtp.received).not.toContain("refuse@exemple.fr");
  });

  it("never sends again an at-most-once mail whose sending a crash interrupted, and deletes it", async () => {
    await enqueueMail(db, { to: "lettre@exemple.fr", subject: "S", text: "T" }, now, { atMostOnce: true });
    await enqueueMail(db, { to: "ordinaire@exemple.fr", subject: "S", text: "T" }, now);
    // Both claimed by a process that then dies mid-send.
    expect(await claimJob(db, [MAIL_JOB], now, 60_000)).not.toBeNull();
    expect(await claimJob(db, [MAIL_JOB], now, 60_000)).not.toBeNull();
    now = new Date(now.getTime() + 61_000);
    expect(await deliver()).toBe(2);
    expect(smtp.received).not.toContain("lettre@exemple.fr");
    expect(smtp.received).toContain("ordinaire@exemple.fr");
    expect(await rowsTo("@exemple.fr")).toEqual([]);
  });

  it("forgets every queued mail to an erased address, and only those", async () => {
    await enqueueMail(db, { to: "efface@exemple.fr", subject: "S", text: "T" }, now);
    await enqueueMail(db, { to: "efface@exemple.fr", subject: "S2", text: "T2" }, now);
    await enqueueMail(db, { to: "reste@exemple.fr", subject: "S", text: "T" }, now);
    await forgetMailTo(db, "efface@exemple.fr");
    expect(await rowsTo("efface@exemple.fr")).toEqual([]);
    await deliver();
    expect(smtp.received).toContain("reste@exemple.fr");
    expect(smtp.received).not.toContain("efface@exemple.fr");
  });
});
