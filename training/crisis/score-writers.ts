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
import { type Figures, figures } from "./detector-training.js";

const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)} %`);
const line = (name: string, f: Figures) =>
  `| ${name} | ${f.acute} | ${f.benign} | ${pct(f.recall)} (${f.tp}/${f.acute}) | ${pct(f.falseAlarm)} (${f.fp}/${f.benign}) | ${pct(f.precision)} |`;

/** How the detector reads a text: whole as one sentence, whole and sentence by sentence (short), or window by window (long). */
function shapeOf(text: string): string {
  const a = analyse(text);
  return a.windows.length > 1 ? "a long text" : a.pieces.length > 1 ? "a short text of several sentences" : "one sentence";
}

function main(folder: string): void {
  const judged = writerFiles(folder).flatMap(({ writer, file }) =>
    parseWriterFile(writer, fs.readFileSync(file, "utf8")).rows.map((row) => ({ row, flagged: assessCrisisSignal(row.text).level === "acute" })),
  );
  process.stdout.write(`Shipped weights, threshold ${ACUTE_THRESHOLD}.\n\n| writer | acute | benign | recall | false alarms | precision |\n|---|---|---|---|---|---|\n`);
  for (const writer of [...new Set(judged.map((j) => j.row.writer))]) process.stdout.write(`${line(writer, figures(judged.filter((j) => j.row.writer === writer)))}\n`);
  process.stdout.write(`${line("**all writers**", figures(judged))}\n`);
  const shapes = judged.map((j) => shapeOf(j.row.text));
  process.stdout.write("\n| shape | acute | benign | recall | false alarms | precision |\n|---|---|---|---|---|---|\n");
  for (const shape of ["one sentence", "a short text of several sentences", "a long text"]) {
    process.stdout.write(`${line(shape, figures(judged.filter((_, i) => shapes[i] === shape)))}\n`);
  }
}

const folder = process.argv[2];
if (!folder) {
  process.stderr.write("usage: npx tsx training/crisis/score-writers.ts <folder of writer files>\n");
  process.exit(2);
}
main(folder);
