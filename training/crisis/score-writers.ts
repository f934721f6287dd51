/**
 * `npx tsx training/crisis/score-writers.ts <folder>`: judges new writers' files (`<writer>.jsonl`)
 * with the shipped weights, before they are imported. Writers the model never saw give the most
 * honest figure there is: run this first, then import-corpus.ts, then retrain.
 * Prints, per writer, over all and by the text's shape (one sentence, a short text of several, a
 * long text read window by window): recall, false alarms, precision (never the rows' words).
 */
import fs from "node:fs";
import { analyse } from "../../src/safety/crisis-signal.features.js";
import { ACUTE_THRESHOLD, assessCrisisSignal } from "../../src/safety/crisis-signal.js";
import { parseWriterFile, writerFiles } from "./corpus.js";
import { auc, type Figures, figures, shapeOf, TEXT_SHAPES } from "./detector-training.js";

const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)} %`);
const line = (name: string, f: Figures) =>
  `| ${name} | ${f.acute} | ${f.benign} | ${pct(f.recall)} (${f.tp}/${f.acute}) | ${pct(f.falseAlarm)} (${f.fp}/${f.benign}) | ${pct(f.precision)} |`;

function main(folder: string): void {
  const judged = writerFiles(folder).flatMap(({ writer, file }) =>
    parseWriterFile(writer, fs.readFileSync(file, "utf8")).rows.map((row) => {
      const { level, score } = assessCrisisSignal(row.text);
      return { row, score, flagged: level === "acute" };
    }),
  );
  process.stdout.write(`Shipped weights, threshold ${ACUTE_THRESHOLD}.\n\n| writer | acute | benign | recall | false alarms | precision |\n|---|---|---|---|---|---|\n`);
  for (const writer of [...new Set(judged.map((j) => j.row.writer))]) process.stdout.write(`${line(writer, figures(judged.filter((j) => j.row.writer === writer)))}\n`);
  process.stdout.write(`${line("**all writers**", figures(judged))}\n`);
  const shapes = judged.map((j) => shapeOf(analyse(j.row.text)));
  process.stdout.write("\n| shape | acute | benign | recall | false alarms | precision |\n|---|---|---|---|---|---|\n");
  for (const shape of TEXT_SHAPES) {
    process.stdout.write(`${line(shape, figures(judged.filter((_, i) => shapes[i] === shape)))}\n`);
  }
  process.stdout.write(`\n${alongTheCurve(judged)}\n`);
}

/**
 * The AUC, and the recall at a few false-alarm rates read off these rows: to tell whether other
 * weights moved the whole curve or only their threshold along it. Never used to choose a threshold.
 */
function alongTheCurve(judged: ReadonlyArray<{ row: { label: "acute" | "none" }; score: number }>): string {
  const acute = judged.filter((j) => j.row.label === "acute").map((j) => j.score);
  const benign = judged.filter((j) => j.row.label === "none").map((j) => j.score).sort((x, y) => y - x);
  if (acute.length === 0 || benign.length === 0) return "";
  const recallAt = (rate: number) => {
    const above = benign[Math.floor(rate * benign.length)] as number; // the highest benign score this rate cannot afford
    return pct(acute.filter((a) => a > above).length / acute.length);
  };
  return `AUC ${auc(acute, benign).toFixed(4)}; recall at 3 % false alarms ${recallAt(0.03)}, at 4 % ${recallAt(0.04)}, at 5 % ${recallAt(0.05)} (read off these rows, to compare weights; never to choose a threshold).`;
}

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: npx tsx training/crisis/score-writers.ts <folder of writer files>\n");
  process.exit(2);
}
main(folder);
