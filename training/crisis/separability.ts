/**
 * `npx tsx training/crisis/separability.ts ['{"l1":0.1}'] [kinds]`: a quick check for design work
 * (about a minute). Plain leave-one-writer-out without the threshold step: per writer, the AUC and
 * the recall at 5 % false alarms with that writer's own threshold (an oracle, so never a figure to
 * quote: `npm run bench` gives those). The optional JSON overrides training options; `kinds` adds
 * recall and false alarms per kind tag, pooled over writers. Frozen rows take no part.
 */
import { loadCorpus } from "./corpus.js";
import { auc, prepare, rowScore, TRAINING, trainWeights } from "./detector-training.js";
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
  const writerAuc = auc(pos, neg);
  const thr = neg[Math.floor(0.05 * neg.length)] ?? 1;
  const r = pos.filter((p) => p > thr).length / pos.length;
  sumR += r;
  console.log(w.padEnd(14), `AUC ${writerAuc.toFixed(3)} recall@5%FA ${pct(r)} thr ${thr.toFixed(3)}`);
}
console.log(`mean recall@5%FA ${pct(sumR / writers.length)}`);
// Per kind tag, pooled over writers (oracle threshold per writer is not applied here: a global 5 % threshold).
if (process.argv[3] === "kinds") {
  const results: Array<{ kind: string; y: number; s: number }> = [];
  for (const w of writers) {
    const model = trainWeights(prepared.filter((p) => p.row.writer !== w), opts);
    for (const p of prepared.filter((q) => q.row.writer === w)) results.push({ kind: `${p.row.label}:${p.row.kind}`, y: p.row.label === "acute" ? 1 : 0, s: rowScore(model, p) });
  }
  const neg = results.filter((r) => r.y === 0).map((r) => r.s).sort((a, b) => b - a);
  const thr = neg[Math.floor(0.05 * neg.length)] ?? 1;
  const byKind = new Map<string, { n: number; flagged: number }>();
  for (const r of results) {
    const k = byKind.get(r.kind) ?? { n: 0, flagged: 0 };
    k.n++;
    if (r.s > thr) k.flagged++;
    byKind.set(r.kind, k);
  }
  const rowsOut = [...byKind.entries()].filter(([, v]) => v.n >= 8).sort((a, b) => a[0].localeCompare(b[0]));
  for (const [k, v] of rowsOut) console.log(k.padEnd(32), `${v.flagged}/${v.n}`, (v.flagged / v.n).toFixed(2));
}
