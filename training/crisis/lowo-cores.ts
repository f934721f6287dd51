/**
 * Leave-one-writer-out (detector-training.ts) spread over child processes, one per core: it trains
 * five detectors per writer, each a logistic model and a network, about two hours on one core.
 * Writers are dealt to processes by name order; each prepares the rows it is given and judges its
 * writers. Training is deterministic, so the results are those of one process, in the same order.
 * (Processes rather than worker threads: a thread does not inherit the TypeScript loader the
 * scripts run under.)
 *
 * With `keepIn`, each writer's result is written there as soon as it is judged, under a
 * fingerprint of the rows, the training options and the detector's code: a run that is stopped
 * starts again where it was, and a change to any of those starts afresh. Each process reports its
 * progress on stderr.
 */
import { fork } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LabelledRow, writersOf } from "./corpus.js";
import { type Judged, leaveOneWriterOut, prepare, TRAINING } from "./detector-training.js";

type Share = { training: readonly LabelledRow[]; extra: readonly LabelledRow[]; writers: readonly string[]; keptIn: string | null };
type Result = { judged: Judged[]; extraJudged: Judged[] };

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
  const count = Math.max(1, Math.min(cores, writers.length));
  const shares = Array.from({ length: count }, (_, k) => writers.filter((_, i) => i % count === k));
  const keptIn = keepIn === undefined ? null : resultsFolder(keepIn, training, extra);
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<Result>((resolve, reject) => {
          // This file is TypeScript, run from source (training/ is not built), whoever started it.
          const child = fork(fileURLToPath(import.meta.url), [SHARE_FLAG], { execArgv: ["--import", "tsx"], serialization: "advanced" });
          child.once("message", (result) => resolve(result as Result));
          child.once("error", reject);
          child.once("exit", (code) => reject(new Error(`leave-one-writer-out process stopped (${code})`)));
          child.send({ training, extra, writers: share, keptIn } satisfies Share);
        }),
    ),
  );
  // Back in the order one process gives: writer by writer, in name order.
  const inOrder = (pick: (r: Result) => Judged[]) => {
    const byWriter = new Map<string, Judged[]>();
    for (const r of results)
      for (const j of pick(r)) {
        const list = byWriter.get(j.row.writer) ?? [];
        list.push(j);
        byWriter.set(j.row.writer, list);
      }
    return writers.flatMap((w) => byWriter.get(w) ?? []);
  };
  return { judged: inOrder((r) => r.judged), extraJudged: inOrder((r) => r.extraJudged) };
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

function judgeShare(share: Share): Result {
  const prepared = prepare(share.training);
  const preparedExtra = prepare(share.extra);
  const result: Result = { judged: [], extraJudged: [] };
  share.writers.forEach((writer, i) => {
    const file = share.keptIn === null ? null : path.join(share.keptIn, `${writer}.json`);
    let one: Result;
    if (file !== null && fs.existsSync(file)) one = JSON.parse(fs.readFileSync(file, "utf8")) as Result;
    else {
      const started = Date.now();
      one = leaveOneWriterOut(prepared, preparedExtra, TRAINING, [writer]);
      if (file !== null) {
        // Written whole or not at all: a run stopped mid-write leaves no half result behind.
        fs.writeFileSync(`${file}.part`, JSON.stringify(one));
        fs.renameSync(`${file}.part`, file);
        process.stderr.write(`leave-one-writer-out: ${writer} judged (${i + 1}/${share.writers.length} of this process) in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
      }
    }
    result.judged.push(...one.judged);
    result.extraJudged.push(...one.extraJudged);
  });
  return result;
}

if (process.argv.includes(SHARE_FLAG)) {
  process.once("message", (message) => {
    process.send?.(judgeShare(message as Share), () => process.disconnect());
  });
}
