/**
 * Leave-one-writer-out (detector-training.ts) spread over child processes, one per core: it trains
 * five detectors per writer, each a logistic model and a network, about two hours on one core. Writers are dealt to processes by name
 * order; each prepares the rows it is given and judges its writers. Training is deterministic, so
 * the results are those of one process, in the same order. (Processes rather than worker threads:
 * a thread does not inherit the TypeScript loader the scripts run under.)
 */
import { fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { type LabelledRow, writersOf } from "./corpus.js";
import { type Judged, leaveOneWriterOut, prepare, TRAINING } from "./detector-training.js";

type Share = { training: readonly LabelledRow[]; extra: readonly LabelledRow[]; writers: readonly string[] };
type Result = { judged: Judged[]; extraJudged: Judged[] };

const SHARE_FLAG = "--leave-one-writer-out-share";

export async function leaveOneWriterOutOnCores(training: readonly LabelledRow[], extra: readonly LabelledRow[], cores = availableParallelism()): Promise<Result> {
  const writers = writersOf(training);
  const count = Math.max(1, Math.min(cores, writers.length));
  const shares = Array.from({ length: count }, (_, k) => writers.filter((_, i) => i % count === k));
  const results = await Promise.all(
    shares.map(
      (share) =>
        new Promise<Result>((resolve, reject) => {
          // This file is TypeScript, run from source (training/ is not built), whoever started it.
          const child = fork(fileURLToPath(import.meta.url), [SHARE_FLAG], { execArgv: ["--import", "tsx"], serialization: "advanced" });
          child.once("message", (result) => resolve(result as Result));
          child.once("error", reject);
          child.once("exit", (code) => reject(new Error(`leave-one-writer-out process stopped (${code})`)));
          child.send({ training, extra, writers: share } satisfies Share);
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

if (process.argv.includes(SHARE_FLAG)) {
  process.once("message", (message) => {
    const share = message as Share;
    const result: Result = leaveOneWriterOut(prepare(share.training), prepare(share.extra), TRAINING, share.writers);
    process.send?.(result, () => process.disconnect());
  });
}
