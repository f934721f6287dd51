import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../db/connection.js";
import type { AnyDb } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrator.js";
import { migrations } from "../../schema/migrations.js";
import { createLogger } from "../logger.js";
import { claimJob, enqueueJob, JobError, type JobHandler, latestJobFor, maskForLog, PermanentJobError, retryJob, runDueJobs } from "./job-queue.js";

describe.each(DIALECTS)("durable jobs on %s", (dialect) => {
  let handle: DatabaseHandle<Record<string, never>>;
  let db: AnyDb;
  let now = new Date("2026-12-01T10:00:00.000Z");
  const log = createLogger("fatal");
  const deps = () => ({ db, log, now: () => now });

  beforeAll(async () => {
    handle = dialect === "postgres" ? openPostgres(await createPostgresDatabase()) : openSqlite(":memory:");
    db = handle.db as unknown as AnyDb;
    await migrateToLatest(handle.db as never, migrations);
  });
  afterAll(() => handle.close());

  it("runs a job once, with its progress recorded", async () => {
    const id = await enqueueJob(db, { kind: "test-ok", subject: "story:1", payload: { n: 7 } }, now);
    const seen: number[] = [];
    const handler: JobHandler = async (job, ctx) => {
      seen.push(job.payload.n as number);
      await ctx.progress(1);
    };
    expect(await runDueJobs(deps(), { "test-ok": handler })).toBe(1);
    expect(await runDueJobs(deps(), { "test-ok": handler })).toBe(0);
    expect(seen).toEqual([7]);
    expect(await latestJobFor(db, "story:1")).toMatchObject({ id, state: "done", progress: 1, attempts: 1 });
  });

  it("retries a failing job after a delay, then gives up and keeps its code for the editors", async () => {
    await enqueueJob(db, { kind: "test-fail", subject: "story:2", maxAttempts: 2 }, now);
    const failing: JobHandler = async () => {
      throw new JobError("test.flaky", "ffmpeg a échoué");
    };
    expect(await runDueJobs(deps(), { "test-fail": failing })).toBe(1);
    expect(await latestJobFor(db, "story:2")).toMatchObject({ state: "queued", attempts: 1, failureCode: "test.flaky" });
    // Not due yet: the retry waits.
    expect(await runDueJobs(deps(), { "test-fail": failing })).toBe(0);
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await runDueJobs(deps(), { "test-fail": failing })).toBe(1);
    const failed = await latestJobFor(db, "story:2");
    expect(failed).toMatchObject({ state: "failed", attempts: 2, failureCode: "test.flaky" });
    // An editor asks for another try.
    const retried = await retryJob(db, (failed as { id: number }).id, now);
    expect(retried).toMatchObject({ ok: true, job: { id: (failed as { id: number }).id, state: "queued", attempts: 0, failureCode: null } });
    expect(await runDueJobs(deps(), { "test-fail": async () => {} })).toBe(1);
    expect(await latestJobFor(db, "story:2")).toMatchObject({ state: "done", failureCode: null });
  });

  it("stores the feature's code, never the raw text, and logs that text with addresses and paths masked", async () => {
    const lines: string[] = [];
    const captured = createLogger("warn", { write: (line: string) => void lines.push(line) });
    await enqueueJob(db, { kind: "test-raw", subject: "story:20", maxAttempts: 1 }, now);
    await enqueueJob(db, { kind: "test-unforeseen", subject: "story:21", maxAttempts: 1 }, now);
    const raw = "ffmpeg: /srv/entrepairs/private/work/voix-de-camille.upload: Invalid data; mail camille@example.org";
    await runDueJobs({ db, log: captured, now: () => now }, {
      "test-raw": async () => {
        throw new PermanentJobError("audio.unreadable", raw);
      },
      "test-unforeseen": async () => {
        throw new TypeError(raw);
      },
    });
    expect(await latestJobFor(db, "story:20")).toMatchObject({ state: "failed", failureCode: "audio.unreadable" });
    // An error nobody foresaw has no code: its pages say "unexpected failure".
    expect(await latestJobFor(db, "story:21")).toMatchObject({ state: "failed", failureCode: null });
    const rows = await db.selectFrom("jobs").selectAll().where("subject", "in", ["story:20", "story:21"]).execute();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const stored = JSON.stringify(row);
      for (const part of ["ffmpeg", "Invalid data", "camille", "/srv/"]) expect(stored).not.toContain(part);
    }
    const logged = lines.join("");
    expect(logged).toContain("Invalid data");
    expect(logged).toContain('"code":"audio.unreadable"');
    expect(logged).not.toContain("camille");
    expect(logged).not.toContain("/srv/");
  });

  it("says why a retry did not happen: a job that does not exist, or one that has not failed", async () => {
    expect(await retryJob(db, 987_654, now)).toEqual({ ok: false, reason: "not_found" });
    const id = await enqueueJob(db, { kind: "test-waiting", subject: "story:22" }, now);
    expect(await retryJob(db, id, now)).toEqual({ ok: false, reason: "not_failed" });
    await runDueJobs(deps(), { "test-waiting": async () => {} });
    expect(await retryJob(db, id, now)).toEqual({ ok: false, reason: "not_failed" });
    expect(await latestJobFor(db, "story:22")).toMatchObject({ state: "done", attempts: 1 });
  });

  it("does not retry a permanent failure", async () => {
    await enqueueJob(db, { kind: "test-gone", subject: "story:3" }, now);
    await runDueJobs(deps(), {
      "test-gone": async () => {
        throw new PermanentJobError("test.gone", "le fichier a disparu");
      },
    });
    expect(await latestJobFor(db, "story:3")).toMatchObject({ state: "failed", attempts: 1, failureCode: "test.gone" });
  });

  it("takes a job again when the process that held it died (lease expired), never twice at once", async () => {
    await enqueueJob(db, { kind: "test-crash", subject: "story:4" }, now);
    const first = await claimJob(db, ["test-crash"], now, 60_000);
    expect(first).not.toBeNull();
    // While the lease holds, nobody else can take it.
    expect(await claimJob(db, ["test-crash"], new Date(now.getTime() + 30_000), 60_000)).toBeNull();
    // The holder "died": after the lease, the job runs again, as attempt 2.
    now = new Date(now.getTime() + 61_000);
    let attempt = 0;
    await runDueJobs(deps(), {
      "test-crash": async (job) => {
        attempt = job.attempt;
      },
    });
    expect(attempt).toBe(2);
    expect(await latestJobFor(db, "story:4")).toMatchObject({ state: "done" });
  });

  it("lets only one of many concurrent claimers have a job", async () => {
    await enqueueJob(db, { kind: "test-race", subject: "story:5" }, now);
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimJob(db, ["test-race"], now)));
    expect(claims.filter((c) => c !== null)).toHaveLength(1);
  });
});

describe("the text of a failure as the log keeps it", () => {
  it("masks addresses and file paths, and keeps the rest", () => {
    expect(maskForLog("550 5.1.1 <lea.martin@exemple.fr>: Recipient address rejected")).toBe("550 5.1.1 <[adresse]>: Recipient address rejected");
    expect(maskForLog("ENOENT: no such file or directory, open '/var/lib/entrepairs/private/submissions/ab12/source.mka'")).toBe("ENOENT: no such file or directory, open '[fichier]'");
    expect(maskForLog("x".repeat(900))).toHaveLength(500);
  });
});
