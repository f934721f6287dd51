import type { Generated, Selectable } from "kysely";

/** Durable jobs: slow work (audio processing, imports) and mail; see job-queue.ts. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  subject: string;
  payload: Generated<string>;
  /** queued, running, done, failed */
  state: string;
  progress: Generated<number>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  /** 1: the row is deleted once done or given up (its payload names a person, e.g. mail). */
  forget_when_finished: Generated<number>;
  run_after: string;
  claimed_until: string | null;
  /** No longer written or read (2026-12-13-job-failure-codes emptied it); kept so that the previous version, still running on the new schema during a rolling update, can write it. */
  last_error: string | null;
  /** The feature's code for the last failure ("audio.unreadable"); null for an unforeseen one. */
  failure_code: string | null;
  created_at: string;
  updated_at: string;
}

export type JobRow = Selectable<JobsTable>;

export interface JobTables {
  jobs: JobsTable;
}
