// Quick separability check for design work: plain leave-one-writer-out, AUC and recall at 5 % false alarms with the
// held-out writer's own threshold (an oracle: never a reported figure).
import { loadCorpus } from "./corpus.js";
import { prepare, rowScore, TRAINING, trainWeights } from "./detector-training.js";
const rows = loadCorpus().filter((r) => !r.frozen);
const prepared = prepare(rows);
const opts = { ...TRAINING, ...JSON.parse(process.argv[2] ?? "{}") };
const writers = [...new Set(rows.map((r) => r.writer))].sort();
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
let sumR = 0;
const all: Array<{ s: number; y: number }> = [];
for (const w of writers) {
  const model = trainWeights(prepared.filter((p) => p.row.writer !== w), opts);
  const test = prepared.filter((p) => p.row.writer === w).map((p) => ({ s: rowScore(model, p), y: p.row.label === "acute" ? 1 : 0 }));
  all.push(...test);
  const pos = test.filter((t) => t.y === 1).map((t) => t.s);
  const neg = test.filter((t) => t.y === 0).map((t) => t.s).sort((a, b) => b - a);
  let auc = 0;
  for (const p of pos) for (const n of neg) auc += p > n ? 1 : p === n ? 0.5 : 0;
  auc /= pos.length * neg.length;
  const thr = neg[Math.floor(0.05 * neg.length)] ?? 1;
  const r = pos.filter((p) => p > thr).length / pos.length;
  sumR += r;
  console.log(w.padEnd(14), `AUC ${auc.toFixed(3)} recall@5%FA ${pct(r)} thr ${thr.toFixed(3)}`);
}
console.log(`mean recall@5%FA ${pct(sumR / writers.length)}`);
