import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { withLocalCopy } from "../platform/files/local-copy.js";
import type { Viewer } from "../platform/http/access.js";
import { enqueueJob, type JobHandler, latestJobFor, PermanentJobError } from "../platform/jobs/job-queue.js";
import { type ImportFailure, importFailureOf } from "./import-failure.js";
import type { ImportReport } from "./import-report.js";
import { openUploadsZip, type UploadsSource, UploadsError } from "./uploads-source.js";
import * as store from "./wordpress.store.js";
import { type ImportDeps, importWordPress, type WordPressImportOptions } from "./wordpress-import.service.js";
import { isMessageKey, type MessageKey, type Params } from "../platform/i18n/translate.js";
import { MAX_WXR_BYTES } from "./wxr-reader.js";

/**
 * Imports started from the back office: the files are kept privately, a durable job runs the
 * import (a restart picks it up again; the import itself is idempotent) and reports its progress,
 * which the page shows at each reload. The files are deleted when the job ends.
 */

export const WORDPRESS_IMPORT_JOB = "wordpress-import";
/** The import job's failure codes: the files could not be imported (the run says why), or the export is gone. */
const IMPORT_REFUSED = "import.refused";
const IMPORT_FILE_MISSING = "import.file_missing";
/** The largest uploads zip taken from the back office; a larger site is imported with the command line. */
export const MAX_UPLOADS_ZIP_BYTES = 2 * 1024 * 1024 * 1024;

export type ReceivedFile = { path: string; bytes: number; truncated: boolean };

const subjectOf = (runId: number) => `import:${runId}`;

/** Errors are catalogue keys, with their values in `errorValues`. */
export type StartResult = { ok: true; id: number } | { ok: false; errors: Record<string, string>; errorValues?: Record<string, Params> };

/** Checks the files before anything is kept, then queues the import. */
export async function startImportRun(deps: ImportDeps, actor: Viewer, files: { wxr: ReceivedFile | null; zip: ReceivedFile | null }, options: WordPressImportOptions): Promise<StartResult> {
  const errors: Record<string, string> = {};
  const errorValues: Record<string, Params> = {};
  if (!files.wxr) errors.wxr = "admin.import.error.wxrMissing" satisfies MessageKey;
  else if (files.wxr.truncated || files.wxr.bytes > MAX_WXR_BYTES) {
    errors.wxr = "admin.import.error.wxrTooLarge" satisfies MessageKey;
    errorValues.wxr = { megabytes: MAX_WXR_BYTES / (1024 * 1024) };
  } else if (!(await looksLikeXml(files.wxr.path))) errors.wxr = "admin.import.error.notWxr" satisfies MessageKey;
  if (files.zip?.truncated) errors.zip = "admin.import.error.zipTooLarge" satisfies MessageKey;
  else if (files.zip) {
    try {
      await (await openUploadsZip(files.zip.path)).close();
    } catch (error) {
      if (!(error instanceof UploadsError)) throw error;
      errors.zip = error.key;
      errorValues.zip = error.values;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, errorValues };
  const filesKey = `imports/${randomBytes(12).toString("hex")}`;
  await deps.privateFiles.adopt(`${filesKey}/export.xml`, (files.wxr as ReceivedFile).path);
  if (files.zip) await deps.privateFiles.adopt(`${filesKey}/uploads.zip`, files.zip.path);
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (tx) => {
    const runId = await store.insertRun(tx, { options: JSON.stringify(options), filesKey, requestedBy: actor.id, now: now.toISOString() });
    await enqueueJob(tx, { kind: WORDPRESS_IMPORT_JOB, subject: subjectOf(runId), payload: { runId }, maxAttempts: 2 }, now);
    return runId;
  });
  return { ok: true, id };
}

async function looksLikeXml(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return /^(\uFEFF)?\s*<\?xml/.test(buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await handle.close();
  }
}

export function wordpressImportJob(deps: ImportDeps): JobHandler {
  return async (job, ctx) => {
    const run = await store.findRun(deps.db, Number(job.payload.runId));
    if (!run || run.state === "done" || run.state === "failed") return;
    const options = JSON.parse(run.options) as WordPressImportOptions;
    // The zip reader and the XML parser work on local copies, deleted when the run ends.
    const runOn = async (wxrPath: string, zipPath: string | null) => {
      await store.updateRun(deps.db, run.id, { state: "running" });
      let uploads: UploadsSource | null = null;
      try {
        uploads = zipPath ? await openUploadsZip(zipPath) : null;
        const report = await importWordPress(deps, () => fs.createReadStream(wxrPath), uploads, options, (f) => ctx.progress(f));
        await store.updateRun(deps.db, run.id, { state: "done", report: JSON.stringify(report), errorCode: null, errorValues: null, finishedAt: deps.clock.now().toISOString() });
      } catch (error) {
        const failure = importFailureOf(error);
        if (failure) {
          // The run keeps the reason as a key and values; the reader's English description goes to the log only.
          await store.updateRun(deps.db, run.id, { state: "failed", errorCode: failure.key, errorValues: JSON.stringify(failure.values), finishedAt: deps.clock.now().toISOString() });
          throw new PermanentJobError(IMPORT_REFUSED, (error as Error).message);
        }
        throw error;
      } finally {
        await uploads?.close();
      }
    };
    const ran = await withLocalCopy(deps.privateFiles, `${run.filesKey}/export.xml`, deps.workDir, async (wxrPath) => {
      const withZip = await withLocalCopy(deps.privateFiles, `${run.filesKey}/uploads.zip`, deps.workDir, (zipPath) => runOn(wxrPath, zipPath));
      if (!withZip) await runOn(wxrPath, null);
    });
    if (!ran) {
      await store.updateRun(deps.db, run.id, { state: "failed", errorCode: "admin.import.error.filesGone" satisfies MessageKey, errorValues: "{}", finishedAt: deps.clock.now().toISOString() });
      throw new PermanentJobError(IMPORT_FILE_MISSING, "the export file is no longer in the private store");
    }
    await deps.privateFiles.remove(run.filesKey);
  };
}

export type RunView = {
  id: number;
  state: string;
  percent: number;
  createdAt: string;
  finishedAt: string | null;
  dryRun: boolean;
  /** Why it failed, said by the page in its reader's language; null for an unexpected failure or none. */
  failure: ImportFailure | null;
  /** Why a run stored before failures were codes failed: a French sentence. */
  legacyError: string | null;
  report: ImportReport | null;
};

export async function importRunView(deps: Pick<ImportDeps, "db">, id: number): Promise<RunView | null> {
  const run = await store.findRun(deps.db, id);
  if (!run) return null;
  const job = await latestJobFor(deps.db, subjectOf(id));
  const report = run.report ? (JSON.parse(run.report) as ImportReport) : null;
  const dryRun = (JSON.parse(run.options) as WordPressImportOptions).dryRun === true;
  // A job failing unexpectedly is retried; after its last attempt the run is failed too.
  const state = job?.state === "failed" && run.state !== "done" ? "failed" : run.state;
  return {
    id: run.id,
    state,
    percent: run.state === "done" ? 100 : Math.round((job?.progress ?? 0) * 100),
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    dryRun,
    failure: storedFailure(run) ?? (state === "failed" ? importJobFailure(job?.failureCode ?? null) : null),
    legacyError: run.errorCode === null && run.error !== null && !isMessageKey(run.error) ? run.error : null,
    report,
  };
}

/** The run's failure as stored: its key and values, or, from before codes, a bare key in `error`; null for a key the catalogue no longer has. */
function storedFailure(run: store.ImportRun): ImportFailure | null {
  if (run.errorCode !== null) return isMessageKey(run.errorCode) ? { key: run.errorCode, values: storedValues(run.errorValues) } : null;
  return run.error !== null && isMessageKey(run.error) ? { key: run.error, values: {} } : null;
}

function storedValues(json: string | null): Params {
  let parsed: unknown = {};
  try {
    parsed = JSON.parse(json ?? "{}");
  } catch {
    // A damaged row loses its values, not its page.
  }
  const values: Params = {};
  if (parsed && typeof parsed === "object") for (const [k, v] of Object.entries(parsed)) if (typeof v === "string" || typeof v === "number") values[k] = v;
  return values;
}

/** A failed import job's code as the failure the run page shows; null (an unexpected failure, said by the page) for an unknown code and for rows from before codes. */
function importJobFailure(code: string | null): ImportFailure | null {
  return code === IMPORT_FILE_MISSING ? { key: "admin.import.error.filesGone", values: {} } : null;
}

export async function listImportRuns(deps: Pick<ImportDeps, "db">): Promise<RunView[]> {
  const runs = await store.listRuns(deps.db, 10);
  return (await Promise.all(runs.map((r) => importRunView(deps, r.id)))).filter((r): r is RunView => r !== null);
}

/** What needs the editors after an import: stories public before that wait here, and why. */
export async function awaitingImportedStories(deps: Pick<ImportDeps, "db">) {
  return store.listAwaitingStories(deps.db);
}
