import { loadCorpus } from "./corpus.js";
import { figures, leaveOneWriterOut, prepare, TRAINING } from "./detector-training.js";
const t0 = performance.now();
const rows = loadCorpus().filter((r) => !r.frozen);
const prepared = prepare(rows);
const t1 = performance.now();
const opts = { ...TRAINING, ...JSON.parse(process.argv[2] ?? "{}") };
const { judged } = leaveOneWriterOut(prepared, [], opts);
const t2 = performance.now();
const pct = (x: number) => (x * 100).toFixed(1).padStart(5);
for (const w of [...new Set(judged.map((j) => j.row.writer))]) {
  const f = figures(judged.filter((j) => j.row.writer === w));
  console.log(w.padEnd(14), `recall ${pct(f.recall)} FA ${pct(f.falseAlarm)} prec ${pct(f.precision)} n=${f.acute}/${f.benign} thr=${judged.find((j) => j.row.writer === w)?.threshold}`);
}
const f = figures(judged);
console.log("ALL".padEnd(14), `recall ${pct(f.recall)} FA ${pct(f.falseAlarm)} prec ${pct(f.precision)} n=${f.acute}/${f.benign}`);
console.log(`prepare ${(t1 - t0).toFixed(0)} ms, lowo ${(t2 - t1).toFixed(0)} ms`);
