/**
 * Leave-one-writer-out (detector-training.ts) spread over child processes, one per core, in two
 * steps: the 36 shared threshold models (eight groups of writers, and their pairs), then one
 * model per writer, each at its threshold. Tasks are dealt to processes in turn; each process
 * prepares the rows it is given and runs its tasks. Training is deterministic, so the results are
 * those of one process, in the same order. (Processes rather than worker threads: a thread does
 * not inherit the TypeScript loader the scripts run under.)
 *
 * With `keepIn`, each task's result is written there as soon as it is known, under a fingerprint
 * of the rows, the training options and the detector's code: a run that is stopped starts again
 * where it was, and a change to any of those starts afresh. Each process reports its progress on
 * stderr.
 */
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LabelledRow, writersOf } from "./corpus.js";
import {
  type Judged,
  judgeWriter,
  lowoThreshold,
  prepare,
  TRAINING,
  type ThresholdModelScores,
  thresholdModelScores,
  thresholdModelsNeeded,
} from "./detector-training.js";

type Task = { thresholdModel: number[] } | { writer: string; threshold: number };
type Share = { training: readonly LabelledRow[]; extra: readonly LabelledRow[]; tasks: readonly Task[]; keptIn: string | null };
type Result = { judged: Judged[]; extraJudged: Judged[] };
type TaskResult = ThresholdModelScores | Result;

const SHARE_FLAG = "--leave-one-writer-out-share";
const HERE = path.dirname(fileURLToPath(import.meta.url));
const DETECTOR_CODE = [HERE, path.join(HERE, "..", "..", "src", "safety")];

export async function leaveOneWriterOutOnCores(
  training: readonly LabelledRow[],
  extra: readonly LabelledRow[],
  cores = availableParallelism(),
  keepIn?: string,
): Promise<Result> {
  const writers = writersOf(training);
  const keptIn = keepIn === undefined ? null : resultsFolder(keepIn, training, extra);
  const onCores = async (tasks: Task[]): Promise<TaskResult[]> => {
    const count = Math.max(1, Math.min(cores, tasks.length));
    const shares = Array.from({ length: count }, (_, k) => tasks.filter((_, i) => i % count === k));
    const results = await Promise.all(shares.map((share) => runShare({ training, extra, tasks: share, keptIn })));
    return tasks.map((_, i) => results[i % count]?.[Math.floor(i / count)] as TaskResult);
  };
  const thresholdScores = (await onCores(thresholdModelsNeeded(writers).map((thresholdModel) => ({ thresholdModel })))) as ThresholdModelScores[];
  // Thresholds need only each row's writer and label, not its features.
  const labelsOnly = prepareLabelsOnly(training);
  const results = (await onCores(writers.map((writer) => ({ writer, threshold: lowoThreshold(labelsOnly, writer, thresholdScores) })))) as Result[];
  return { judged: results.flatMap((r) => r.judged), extraJudged: results.flatMap((r) => r.extraJudged) };
}

const prepareLabelsOnly = (rows: readonly LabelledRow[]) => rows.map((row) => ({ row, windows: [], words: [], alone: [], aloneWords: [] }));

function runShare(share: Share): Promise<TaskResult[]> {
  return new Promise((resolve, reject) => {
    // This file is TypeScript, run from source (training/ is not built), whoever started it.
    const child = fork(fileURLToPath(import.meta.url), [SHARE_FLAG], { execArgv: ["--import", "tsx"], serialization: "advanced" });
    child.once("message", (result) => resolve(result as TaskResult[]));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`leave-one-writer-out process stopped (${code})`)));
    child.send(share);
  });
}

/** `keepIn/<fingerprint>`, emptied of the results of any other fingerprint. */
function resultsFolder(keepIn: string, training: readonly LabelledRow[], extra: readonly LabelledRow[]): string {
  const hash = createHash("sha256").update(JSON.stringify({ training, extra, TRAINING }));
  for (const dir of DETECTOR_CODE)
    for (const name of fs.readdirSync(dir).sort())
      if (/\.(ts|json)$/.test(name) && !name.endsWith(".test.ts")) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
  const fingerprint = hash.digest("hex").slice(0, 16);
  fs.mkdirSync(keepIn, { recursive: true });
  for (const old of fs.readdirSync(keepIn)) if (old !== fingerprint) fs.rmSync(path.join(keepIn, old), { recursive: true, force: true });
  const folder = path.join(keepIn, fingerprint);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

const taskName = (task: Task) => ("writer" in task ? task.writer : `threshold-model-without-${task.thresholdModel.join("-")}`);

function runTasks(share: Share): TaskResult[] {
  const prepared = prepare(share.training);
  const preparedExtra = prepare(share.extra);
  return share.tasks.map((task, i) => {
    const file = share.keptIn === null ? null : path.join(share.keptIn, `${taskName(task)}.json`);
    if (file !== null && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as TaskResult;
    const started = Date.now();
    const result =
      "writer" in task
        ? judgeWriter(prepared, preparedExtra, task.writer, task.threshold, TRAINING)
        : thresholdModelScores(prepared, task.thresholdModel, TRAINING);
    if (file !== null) {
      // Written whole or not at all: a run stopped mid-write leaves no half result behind.
      fs.writeFileSync(`${file}.part`, JSON.stringify(result));
      fs.renameSync(`${file}.part`, file);
      process.stderr.write(`leave-one-writer-out: ${taskName(task)} done (${i + 1}/${share.tasks.length} of this process) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    }
    return result;
  });
}

if (process.argv.includes(SHARE_FLAG)) {
  process.once("message", (message) => {
    process.send?.(runTasks(message as Share), () => process.disconnect());
  });
}
