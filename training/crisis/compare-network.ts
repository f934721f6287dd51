/**
 * `npx tsx training/crisis/compare-network.ts ['{"hidden":32}'] [--groups N]`: does a hidden-layer network
 * (network.ts), alone or beside the logistic model, read writers it never saw better than the
 * logistic model alone? For design work: the shipped detector is both together.
 *
 * 1. Writers dealt into 8 groups by name (`--groups 78`: one writer per group, leave-one-writer-out
 *    with one pooled threshold, as `lowo.ts --fast`); each group judged by models trained on the others
 *    (the logistic model as shipped, the network over words, pairs, stems and named features, and
 *    the two together: the mean of their window logits, pooled as the detector pools). One
 *    threshold per design, at 5 % false alarms over all groups' scores; recall and AUC.
 * 2. The writers kept apart (training/crisis/unseen/), judged by each design trained on every
 *    writer, at the threshold step 1 chose for it: no choice is made on them.
 * 3. For the two together, one threshold per length of text (one sentence, a short text, a long
 *    one), each at 5 % false alarms on the groups: whether spending the budget class by class
 *    catches more than one threshold for all (it did not: docs/crisis-signals.md, 24th round).
 * Frozen rows take no part. Prints figures only, never a row's words. Several minutes.
 */
import { loadCorpus, UNSEEN_DIR, writersOf } from "./corpus.js";
import {
  auc,
  chooseThreshold,
  figures,
  NETWORK,
  type Prepared,
  pooledProbability,
  prepare,
  shapeOf,
  TEXT_SHAPES,
  type TextShape,
  trainLogisticWeights,
  trainNetworkWeights,
  windowLogit,
} from "./detector-training.js";
import { type NetworkOptions, networkLogit } from "./network.js";

const groupsAt = process.argv.indexOf("--groups");
const GROUPS = groupsAt >= 0 ? Number(process.argv[groupsAt + 1]) : 8;

type Scored = { score: number; label: "acute" | "none" };
type Design = "logistic" | "network" | "both";
const DESIGNS: Design[] = ["logistic", "network", "both"];

const options: NetworkOptions = { ...NETWORK, ...JSON.parse(process.argv.slice(2).find((a) => a.startsWith("{")) ?? "{}") };

function trainBoth(rows: readonly Prepared[]) {
  const logistic = trainLogisticWeights(rows);
  const network = trainNetworkWeights(rows, options);
  return (p: Prepared): Record<Design, number> => {
    const a = p.windows.map((v) => windowLogit(logistic, v));
    const b = p.words.map((v) => networkLogit(network, v));
    const aloneA = p.alone.map((v) => windowLogit(logistic, v));
    const aloneB = p.aloneWords.map((v) => networkLogit(network, v));
    const mean = (x: readonly number[], y: readonly number[]) => x.map((v, i) => (v + (y[i] as number)) / 2);
    return { logistic: pooledProbability(a, aloneA), network: pooledProbability(b, aloneB), both: pooledProbability(mean(a, b), mean(aloneA, aloneB)) };
  };
}

const aucOf = (scored: readonly Scored[]): number =>
  auc(
    scored.filter((s) => s.label === "acute").map((s) => s.score),
    scored.filter((s) => s.label === "none").map((s) => s.score),
  );

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
function line(name: string, scored: readonly Scored[], threshold: number): string {
  const f = figures(scored.map((s) => ({ row: { label: s.label }, flagged: s.score >= threshold })));
  return `| ${name} | ${threshold.toFixed(2)} | ${pct(f.recall)} (${f.tp}/${f.acute}) | ${pct(f.falseAlarm)} (${f.fp}/${f.benign}) |`;
}

const started = Date.now();
const prepared = prepare(loadCorpus().filter((r) => !r.frozen));
const writers = writersOf(prepared.map((p) => p.row));
const foldOf = new Map(writers.map((w, i) => [w, i % GROUPS]));
const byDesign: Record<Design, Scored[]> = { logistic: [], network: [], both: [] };
const shapes: TextShape[] = []; // of the rows in byDesign's order
for (let fold = 0; fold < GROUPS; fold++) {
  const score = trainBoth(prepared.filter((p) => foldOf.get(p.row.writer) !== fold));
  for (const p of prepared.filter((q) => foldOf.get(q.row.writer) === fold)) {
    const s = score(p);
    for (const d of DESIGNS) byDesign[d].push({ score: s[d], label: p.row.label });
    shapes.push(shapeOf(p));
  }
}
const thresholds = Object.fromEntries(DESIGNS.map((d) => [d, chooseThreshold(byDesign[d])])) as Record<Design, number>;
process.stdout.write(`Network ${JSON.stringify(options)}; ${writers.length} writers in ${GROUPS} groups.\n\n`);
process.stdout.write("| design | threshold | recall | false alarms | AUC |\n|---|---|---|---|---|\n");
for (const d of DESIGNS) process.stdout.write(`${line(d, byDesign[d], thresholds[d])} ${aucOf(byDesign[d]).toFixed(4)} |\n`);

const byShape = Object.fromEntries(TEXT_SHAPES.map((t) => [t, chooseThreshold(byDesign.both.filter((_, i) => shapes[i] === t))])) as Record<TextShape, number>;
const perShape = figures(byDesign.both.map((s, i) => ({ row: { label: s.label }, flagged: s.score >= byShape[shapes[i] as TextShape] })));
process.stdout.write(
  `\nBoth, one threshold per length (${TEXT_SHAPES.map((t) => `${t} ${byShape[t].toFixed(2)}`).join(", ")}): ${pct(perShape.recall)} (${perShape.tp}/${perShape.acute}) at ${pct(perShape.falseAlarm)} (${perShape.fp}/${perShape.benign}).\n`,
);

const unseen = prepare(loadCorpus(UNSEEN_DIR));
const score = trainBoth(prepared);
const judged: Record<Design, Scored[]> = { logistic: [], network: [], both: [] };
for (const p of unseen) {
  const s = score(p);
  for (const d of DESIGNS) judged[d].push({ score: s[d], label: p.row.label });
}
process.stdout.write(`\nWriters kept apart (${writersOf(unseen.map((p) => p.row)).length}), at the thresholds above.\n\n`);
process.stdout.write("| design | threshold | recall | false alarms |\n|---|---|---|---|\n");
for (const d of DESIGNS) process.stdout.write(`${line(d, judged[d], thresholds[d])}\n`);
process.stdout.write(`\n${Math.round((Date.now() - started) / 1000)} s\n`);
