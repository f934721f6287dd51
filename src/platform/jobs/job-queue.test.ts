import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresDatabase, DIALECTS } from "../../../test/support/databases.js";
import { type DatabaseHandle, openPostgres, openSqlite } from "../db/connection.js";
import type { AnyDb } from "../db/dialect.js";
import { migrateToLatest } from "../db/migrator.js";
import { migrations } from "../../schema/migrations.js";
import { createLogger } from "../logger.js";
import { claimJob, enqueueJob, type JobHandler, latestJobFor, PermanentJobError, retryJob, runDueJobs } from "./job-queue.js";

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

  it("retries a failing job after a delay, then gives up and keeps the error for the editors", async () => {
    await enqueueJob(db, { kind: "test-fail", subject: "story:2", maxAttempts: 2 }, now);
    const failing: JobHandler = async () => {
      throw new Error("ffmpeg a échoué");
    };
    expect(await runDueJobs(deps(), { "test-fail": failing })).toBe(1);
    expect(await latestJobFor(db, "story:2")).toMatchObject({ state: "queued", attempts: 1, lastError: "ffmpeg a échoué" });
    // Not due yet: the retry waits.
    expect(await runDueJobs(deps(), { "test-fail": failing })).toBe(0);
    now = new Date(now.getTime() + 2 * 60_000);
    expect(await runDueJobs(deps(), { "test-fail": failing })).toBe(1);
    const failed = await latestJobFor(db, "story:2");
    expect(failed).toMatchObject({ state: "failed", attempts: 2 });
    // An editor asks for another try.
    expect(await retryJob(db, (failed as { id: number }).id, now)).toBe(true);
    expect(await runDueJobs(deps(), { "test-fail": async () => {} })).toBe(1);
    expect(await latestJobFor(db, "story:2")).toMatchObject({ state: "done" });
  });

  it("does not retry a permanent failure", async () => {
    await enqueueJob(db, { kind: "test-gone", subject: "story:3" }, now);
    await runDueJobs(deps(), {
      "test-gone": async () => {
        throw new PermanentJobError("le fichier a disparu");
      },
    });
    expect(await latestJobFor(db, "story:3")).toMatchObject({ state: "failed", attempts: 1 });
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
