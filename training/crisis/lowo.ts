/**
 * `npx tsx training/crisis/lowo.ts ['{"l2":1}'] [--fast] [--rows file.json]`: leave-one-writer-out
 * with the shipped threshold rule (the figure `npm run bench` quotes), without the frozen split and
 * the timing, for design work. Prints overall recall and false alarms, then per writer, language
 * and kind tag; `--rows` writes every judged row (score, threshold, writer, kind) for reading
 * misses. `--fast` skips the per-writer threshold (and the 36 threshold models it shares among
 * writers): one pooled threshold at 5 % false alarms over all writers' scores, and the AUC, to
 * compare designs only. `--only a,b`
 * judges only those writers (still trained on all the others), to share a run among processes;
 * `--merge x.json y.json` prints the figures of such parts together. `--windows w.json` (with
 * `--fast`) writes every judged row's window logits, to compare ways of pooling them without
 * retraining (`npx tsx training/crisis/pooling.ts w.json`). Frozen rows take no part.
 */
import fs from "node:fs";
import { loadCorpus, writersOf } from "./corpus.js";
import { auc, chooseThreshold, figures, type Judged, leaveOneWriterOut, prepare, rowScore, TRAINING, trainWeights, windowLogits } from "./detector-training.js";

const args = process.argv.slice(2);
const rowsAt = args.indexOf("--rows");
const dumpTo = rowsAt >= 0 ? args[rowsAt + 1] : undefined;
const windowsAt = args.indexOf("--windows");
const windowsTo = windowsAt >= 0 ? args[windowsAt + 1] : undefined;
// Options as JSON, not a file name: an absent flag's index is -1, so the option's place is checked only when the flag is given.
const json = args.find((a, i) => a.startsWith("{") && (rowsAt < 0 || i !== rowsAt + 1) && (windowsAt < 0 || i !== windowsAt + 1));
const options = { ...TRAINING, ...JSON.parse(json ?? "{}") };
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? (args[onlyAt + 1] as string).split(",") : undefined;
const mergeAt = args.indexOf("--merge");

const started = Date.now();
const corpus = mergeAt >= 0 ? [] : loadCorpus();
const prepared = prepare(corpus.filter((r) => !r.frozen));
const frozen = only ? prepare(corpus.filter((r) => r.frozen)) : [];
const all = mergeAt >= 0 ? merged() : args.includes("--fast") ? pooled() : only ? some(only) : leaveOneWriterOut(prepared, [], options).judged;

/** Rows written by `--rows`, read back from several parts. */
function merged(): Judged[] {
  return args.slice(mergeAt + 1).flatMap((file) =>
    (JSON.parse(fs.readFileSync(file, "utf8")) as Array<Judged["row"] & { score: number; threshold: number; flagged: boolean }>).map(({ score, threshold, flagged, ...row }) => ({ row, score, threshold, flagged })),
  );
}

/** Leave-one-writer-out for these writers only, with the shipped threshold rule; their frozen rows are judged too (and set apart). */
function some(writers: readonly string[]): Judged[] {
  const { judged, extraJudged } = leaveOneWriterOut(prepared, frozen, options, writers);
  return [...judged, ...extraJudged];
}

/** Each writer scored by a model trained without it; one threshold for all, at 5 % false alarms. */
function pooled(): Judged[] {
  const logitsOfRows: Array<{ writer: string; label: string; lang: string; kind: string; logits: number[] }> = [];
  const scored = writersOf(prepared.map((p) => p.row)).flatMap((writer) => {
    const model = trainWeights(prepared.filter((p) => p.row.writer !== writer), options);
    return prepared.filter((p) => p.row.writer === writer).map((p) => {
      if (windowsTo) logitsOfRows.push({ writer, label: p.row.label, lang: p.row.lang, kind: p.row.kind, logits: windowLogits(model, p).map((x) => Math.round(x * 1e4) / 1e4) });
      return { row: p.row, score: rowScore(model, p), label: p.row.label };
    });
  });
  if (windowsTo) fs.writeFileSync(windowsTo, JSON.stringify(logitsOfRows));
  const threshold = chooseThreshold(scored);
  const acute = scored.filter((s) => s.label === "acute");
  const benign = scored.filter((s) => s.label === "none");
  console.log(`AUC ${auc(acute.map((s) => s.score), benign.map((s) => s.score)).toFixed(4)}, pooled threshold ${threshold}`);
  return scored.map((s) => ({ row: s.row, score: s.score, threshold, flagged: s.score >= threshold }));
}
const pct = (x: number) => (Number.isNaN(x) ? "  —  " : `${(x * 100).toFixed(1).padStart(5)} %`);
const line = (name: string, group: readonly Judged[]) => {
  const f = figures(group);
  console.log(`${name.padEnd(34)} recall ${pct(f.recall)} (${f.tp}/${f.acute})  false alarms ${pct(f.falseAlarm)} (${f.fp}/${f.benign})`);
};
const by = (key: (j: Judged) => string) => {
  const groups = new Map<string, Judged[]>();
  for (const j of judged) groups.set(key(j), [...(groups.get(key(j)) ?? []), j]);
  for (const [name, group] of [...groups.entries()].sort((x, y) => x[0].localeCompare(y[0]))) if (group.length >= 8) line(name, group);
  console.log();
};
const judged = all.filter((j) => !j.row.frozen);
const frozenJudged = all.filter((j) => j.row.frozen);
line("ALL", judged);
if (frozenJudged.length > 0) line("FROZEN SPLIT, writer unseen", frozenJudged);
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
by((j) => `${j.row.writer} (threshold ${j.threshold})`);
by((j) => j.row.lang);
by((j) => `${j.row.label}:${j.row.kind}`);
if (dumpTo) fs.writeFileSync(dumpTo, JSON.stringify(all.map((j) => ({ ...j.row, score: j.score, threshold: j.threshold, flagged: j.flagged })), null, 0));
