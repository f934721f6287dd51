import { sql } from "kysely";
import type { AnyDb } from "../db/dialect.js";
import type { Logger } from "../logger.js";
import type { JobRow } from "./job.tables.js";

/**
 * Durable jobs: slow work (audio processing, imports) and mail, in one table. A job is enqueued in
 * the same transaction as the change that causes it, and claimed with a lease before it runs; if
 * the process dies, the lease runs out and another run (here or on another instance) takes it
 * again. Handlers must be idempotent and write their results atomically (temp file, fsync,
 * rename, then the row), so a restart never leaves half a result behind. A job whose payload is
 * personal (mail: an address) is enqueued with `forgetWhenFinished`: its row is deleted once it is
 * done or given up, so nothing about it is kept.
 *
 * A failure is kept as a code the feature chose ("audio.unreadable"), translated by its pages; the
 * handler's raw text (ffmpeg's stderr, a Node error) goes to the log only, with addresses and file
 * paths masked: editors never see a stack, and the table keeps nothing a person could be found by.
 */
export type JobState = "queued" | "running" | "done" | "failed";
export type Job = {
  id: number;
  kind: string;
  subject: string;
  payload: Record<string, unknown>;
  attempt: number;
  /** Taken again after its lease ran out: an earlier run was cut short by a crash, its outcome unknown. */
  interrupted: boolean;
};
/** `failureCode`: the code of the last failure; null after a success, for a failure nobody foresaw, and for rows failed before codes. */
export type JobView = { id: number; kind: string; state: JobState; progress: number; attempts: number; maxAttempts: number; failureCode: string | null; updatedAt: string };
export type JobContext = { progress(fraction: number): Promise<void> };
export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

// Minutes before another attempt after each failure (the last delay repeats): an SMTP server away
// for half a day loses no mail.
const RETRY_MINUTES = [1, 5, 30, 120, 720];
export const LEASE_MS = 10 * 60_000;

export type NewJob = { kind: string; subject: string; payload?: Record<string, unknown>; maxAttempts?: number; forgetWhenFinished?: boolean };

export async function enqueueJob(db: AnyDb, job: NewJob, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto("jobs")
    .values({
      kind: job.kind,
      subject: job.subject,
      payload: JSON.stringify(job.payload ?? {}),
      state: "queued",
      max_attempts: job.maxAttempts ?? 3,
      forget_when_finished: job.forgetWhenFinished ? 1 : 0,
      run_after: at,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Takes the oldest due job of these kinds, or one whose lease expired. Safe with several instances. */
export async function claimJob(db: AnyDb, kinds: string[], now: Date, leaseMs = LEASE_MS): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const at = now.toISOString();
  for (let tries = 0; tries < 5; tries++) {
    const candidate = (await db
      .selectFrom("jobs")
      .selectAll()
      .where("kind", "in", kinds)
      .where((eb) => eb.or([eb.and([eb("state", "=", "queued"), eb("run_after", "<=", at)]), eb.and([eb("state", "=", "running"), eb("claimed_until", "<", at)])]))
      .orderBy("run_after")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst()) as JobRow | undefined;
    if (!candidate) return null;
    // Compare and set: only the instance that changes the row from what it read owns the job.
    const claimed = await db
      .updateTable("jobs")
      .set({ state: "running", attempts: sql`attempts + 1`, claimed_until: new Date(now.getTime() + leaseMs).toISOString(), updated_at: at })
      .where("id", "=", candidate.id)
      .where("state", "=", candidate.state)
      .where("attempts", "=", candidate.attempts)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 1) {
      return {
        id: Number(candidate.id),
        kind: candidate.kind,
        subject: candidate.subject,
        payload: JSON.parse(candidate.payload) as Record<string, unknown>,
        attempt: Number(candidate.attempts) + 1,
        interrupted: candidate.state === "running",
      };
    }
  }
  return null;
}

export async function reportProgress(db: AnyDb, id: number, fraction: number, now: Date, leaseMs = LEASE_MS): Promise<void> {
  await db
    .updateTable("jobs")
    .set({ progress: Math.max(0, Math.min(1, fraction)), claimed_until: new Date(now.getTime() + leaseMs).toISOString(), updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("state", "=", "running")
    .execute();
}

export async function completeJob(db: AnyDb, id: number, now: Date): Promise<void> {
  await db.deleteFrom("jobs").where("id", "=", id).where("forget_when_finished", "=", 1).execute();
  await db.updateTable("jobs").set({ state: "done", progress: 1, claimed_until: null, failure_code: null, updated_at: now.toISOString() }).where("id", "=", id).execute();
}

/**
 * Records a failure: queued again after a delay, or failed for good after the last attempt.
 * `failureCode` is the feature's code (see JobError), null for an error nobody foresaw.
 */
export async function failJob(db: AnyDb, id: number, failureCode: string | null, now: Date, opts: { final?: boolean } = {}): Promise<JobState> {
  const row = await db.selectFrom("jobs").select(["attempts", "max_attempts", "forget_when_finished"]).where("id", "=", id).executeTakeFirst();
  if (!row) return "failed";
  const final = opts.final || Number(row.attempts) >= Number(row.max_attempts);
  if (final && Number(row.forget_when_finished) === 1) {
    // Given up: nobody can act on it, and its payload names a person.
    await db.deleteFrom("jobs").where("id", "=", id).execute();
    return "failed";
  }
  const delay = RETRY_MINUTES[Math.min(Number(row.attempts) - 1, RETRY_MINUTES.length - 1)] ?? 1;
  await db
    .updateTable("jobs")
    .set({
      state: final ? "failed" : "queued",
      claimed_until: null,
      failure_code: failureCode === null ? null : failureCode.slice(0, 100),
      run_after: new Date(now.getTime() + delay * 60_000).toISOString(),
      updated_at: now.toISOString(),
    })
    .where("id", "=", id)
    .execute();
  return final ? "failed" : "queued";
}

/** Why a retry did not happen: no such job (or not one the caller handles), or a job that has not failed (queued, running or done). */
export type RetryRefusal = "not_found" | "not_failed";
export type RetryResult = { ok: true; job: JobView } | { ok: false; reason: RetryRefusal };

/** Queues a failed job again, at once, with its attempts counted afresh (an editor's "retry"). */
export async function retryJob(db: AnyDb, id: number, now: Date): Promise<RetryResult> {
  const result = await db
    .updateTable("jobs")
    .set({ state: "queued", attempts: 0, progress: 0, failure_code: null, run_after: now.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", id)
    .where("state", "=", "failed")
    .executeTakeFirst();
  const row = (await db.selectFrom("jobs").selectAll().where("id", "=", id).executeTakeFirst()) as JobRow | undefined;
  if (!row) return { ok: false, reason: "not_found" };
  // Another editor's retry (or a second click) found it queued already: said, not repeated.
  if (Number(result.numUpdatedRows) !== 1) return { ok: false, reason: "not_failed" };
  return { ok: true, job: toView(row) };
}

function toView(row: JobRow): JobView {
  return {
    id: Number(row.id),
    kind: row.kind,
    state: row.state as JobState,
    progress: Number(row.progress),
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    failureCode: row.failure_code,
    updatedAt: row.updated_at,
  };
}

/** The latest job about a subject ("story:12"), to show its progress. */
export async function latestJobFor(db: AnyDb, subject: string): Promise<JobView | null> {
  const row = (await db.selectFrom("jobs").selectAll().where("subject", "=", subject).orderBy("id", "desc").limit(1).executeTakeFirst()) as JobRow | undefined;
  return row ? toView(row) : null;
}

export async function jobsInState(db: AnyDb, state: JobState): Promise<Array<JobView & { subject: string }>> {
  const rows = (await db.selectFrom("jobs").selectAll().where("state", "=", state).orderBy("id", "desc").limit(100).execute()) as JobRow[];
  return rows.map((r) => ({ ...toView(r), subject: r.subject }));
}

/** Forgets every job about a subject that no longer exists (an erased contribution). */
export async function forgetJobsFor(db: AnyDb, subject: string): Promise<void> {
  await db.deleteFrom("jobs").where("subject", "=", subject).execute();
}

/** Forgets finished jobs after a while; failed ones stay until an editor deals with them. */
export async function purgeDoneJobs(db: AnyDb, now: Date, keepDays = 7): Promise<void> {
  await db.deleteFrom("jobs").where("state", "=", "done").where("updated_at", "<", new Date(now.getTime() - keepDays * 86_400_000).toISOString()).execute();
}

/** `leaseMs`: how long a claim holds without progress (JOB_LEASE_SECONDS); LEASE_MS when left out. */
export type JobRunnerDeps = { db: AnyDb; log: Logger; now: () => Date; leaseMs?: number };

/**
 * Runs due jobs of the kinds handled, one after another, until none is left or `limit` ran; the
 * scheduler calls it every few seconds.
 */
export async function runDueJobs(deps: JobRunnerDeps, handlers: Record<string, JobHandler>, limit = 10): Promise<number> {
  let ran = 0;
  while (ran < limit) {
    const job = await claimJob(deps.db, Object.keys(handlers), deps.now(), deps.leaseMs);
    if (!job) break;
    ran++;
    const handler = handlers[job.kind] as JobHandler;
    let lastWrite = 0;
    const ctx: JobContext = {
      async progress(fraction) {
        // A few writes per job, not one per ffmpeg progress line.
        if (fraction < 1 && Date.now() - lastWrite < 500) return;
        lastWrite = Date.now();
        await reportProgress(deps.db, job.id, fraction, deps.now(), deps.leaseMs);
      },
    };
    try {
      await handler(job, ctx);
      await completeJob(deps.db, job.id, deps.now());
    } catch (err) {
      const final = err instanceof PermanentJobError;
      const code = err instanceof JobError ? err.code : null;
      const state = await failJob(deps.db, job.id, code, deps.now(), { final });
      deps.log.warn({ job: job.id, kind: job.kind, attempt: job.attempt, state, code, err: maskForLog(err instanceof Error ? err.message : String(err)) }, "tâche en échec");
    }
  }
  return ran;
}

/** "<feature>.<reason>": a code, never a sentence. */
export type JobFailureCode = `${string}.${string}`;

/**
 * A failure a feature foresaw, named by a code of its own ("audio.too_long", "import.file_missing")
 * that its pages translate; the message is technical, for the log. Another attempt may fix it.
 */
export class JobError extends Error {
  constructor(
    readonly code: JobFailureCode,
    message: string = code,
  ) {
    super(message);
  }
}

/** A failure that another attempt cannot fix (e.g. the file it works on is gone). */
export class PermanentJobError extends JobError {}

const ADDRESS = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g;
const FILE_PATH = /(?:[A-Za-z]:)?(?:[\\/][^\s\\/<>"'(),;:]+){2,}/g;

/** A handler's raw text as the log may keep it: addresses and file paths masked, 500 characters at most. */
export function maskForLog(text: string): string {
  return text.replace(ADDRESS, "[adresse]").replace(FILE_PATH, "[fichier]").slice(0, 500);
}
