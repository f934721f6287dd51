/**
 * `npx tsx training/crisis/pooling.ts w.json`: ways of turning a text's window logits into its
 * score, compared on the window logits that `npx tsx training/crisis/lowo.ts --fast --windows
 * w.json` writes (each writer's windows scored by the model trained without it). The models are
 * the same for every line, only the pooling differs: recall at the pooled threshold (5 % false
 * alarms, in hundredths, as lowo.ts), recall at exactly 5 % false alarms, and the AUC. These
 * lines are chosen after seeing the scores: a gain under a point is noise.
 */
import fs from "node:fs";
import { auc, chooseThreshold } from "./detector-training.js";

type Row = { writer: string; label: "acute" | "none"; logits: number[] };
const rows = JSON.parse(fs.readFileSync(process.argv[2] as string, "utf8")) as Row[];

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const max = (l: readonly number[]) => l.reduce((m, x) => Math.max(m, x), Number.NEGATIVE_INFINITY);
/** T · ln Σ exp(l / T) − a · ln n: a soft maximum; T = 1, a = 1 is the log of the mean of exp(l). */
const softMax = (l: readonly number[], t: number, a: number) => {
  const top = max(l);
  return top + t * Math.log(l.reduce((s, x) => s + Math.exp((x - top) / t), 0)) - a * Math.log(l.length);
};

const POOLINGS: Array<[string, (l: readonly number[]) => number]> = [
  ["strongest window − 0.5 · ln(min(n, 16)) (before)", (l) => max(l) - 0.5 * Math.log(Math.min(16, l.length))],
  ...[0, 0.25, 0.75, 1].map((a): [string, (l: readonly number[]) => number] => [`strongest window − ${a} · ln(min(n, 16))`, (l) => max(l) - a * Math.log(Math.min(16, l.length))]),
  ...[0.5, 1, 2].flatMap((t) => [0.75, 1].map((a): [string, (l: readonly number[]) => number] => [`${t} · ln Σ exp(l / ${t}) − ${a} · ln n`, (l) => softMax(l, t, a)])),
  ["strongest + 0.2 · (second − strongest) − 0.5 · ln(min(n, 16))", (l) => {
    const [first = 0, second = first] = [...l].sort((x, y) => y - x);
    return first + 0.2 * (second - first) - 0.5 * Math.log(Math.min(16, l.length));
  }],
  ["ln mean exp(l), at most ln 16 below the strongest (before)", (l) => Math.max(softMax(l, 1, 1), max(l) - Math.log(16))],
  ["ln mean exp(l), at most 2 below the strongest (kept)", (l) => Math.max(softMax(l, 1, 1), max(l) - 2)],
];

for (const [name, pool] of POOLINGS) {
  const scored = rows.map((r) => ({ label: r.label, score: r.logits.length === 0 ? 0 : round4(sigmoid(pool(r.logits))) }));
  const threshold = chooseThreshold(scored);
  const acute = scored.filter((s) => s.label === "acute").map((s) => s.score);
  const benign = scored.filter((s) => s.label === "none").map((s) => s.score).sort((x, y) => y - x);
  const recall = acute.filter((s) => s >= threshold).length / acute.length;
  const falseAlarm = benign.filter((s) => s >= threshold).length / benign.length;
  const cut = benign[Math.floor(0.05 * benign.length)] ?? 0;
  const exact = acute.filter((s) => s > cut).length / acute.length;
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  console.log(`${name.padEnd(66)} recall ${pct(recall)} at ${pct(falseAlarm)} (threshold ${threshold}), at exactly 5 %: ${pct(exact)}, AUC ${auc(acute, benign).toFixed(4)}`);
}
