/**
 * `npx tsx bench/crisis-check.ts`: quality and speed of the crisis-signal detector on its
 * hand-written labelled set (src/submissions/crisis-signal.dataset.ts).
 *
 * Prints precision, recall, false-alarm rate and F1 on the whole set, on the tuning part and on
 * the held-out part (every 5th row), then the time per text. `--errors` lists the misclassified
 * rows of the tuning part only (the held-out rows stay unread while tuning); `--errors=all` lists
 * every misclassified row. The rows are invented test sentences, never user data.
 */
import { performance } from "node:perf_hooks";
import { ACUTE_THRESHOLD, assessCrisisSignal } from "../src/submissions/crisis-signal.js";
import { CRISIS_DATASET, isHeldOut, type LabelledText } from "../src/submissions/crisis-signal.dataset.js";

type Row = LabelledText & { index: number };
type Metrics = { n: number; acute: number; benign: number; precision: number; recall: number; falseAlarm: number; f1: number };

function metrics(rows: Row[]): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const row of rows) {
    const flagged = assessCrisisSignal(row.text).level === "acute";
    if (row.label === "acute") flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const falseAlarm = fp + tn === 0 ? 0 : fp / (fp + tn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: rows.length, acute: tp + fn, benign: fp + tn, precision, recall, falseAlarm, f1 };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

function timePerText(texts: string[], minMs = 400): number {
  for (const t of texts) assessCrisisSignal(t); // warm-up
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of texts) assessCrisisSignal(t);
    runs += texts.length;
    elapsed = performance.now() - start;
  }
  return elapsed / runs;
}

function padTo(text: string, length: number): string {
  let out = text;
  while (out.length < length) out += ` ${text}`;
  return out.slice(0, length);
}

const all: Row[] = CRISIS_DATASET.map((row, index) => ({ ...row, index }));
const heldOut = all.filter((r) => isHeldOut(r.index));
const tuning = all.filter((r) => !isHeldOut(r.index));

const english = all.filter((r) => r.lang === "en").length;
process.stdout.write(
  `Dataset: ${all.length} texts, ${all.filter((r) => r.label === "acute").length} acute / ${all.filter((r) => r.label === "none").length} benign, ${english} in English (${pct(english / all.length)}); threshold ${ACUTE_THRESHOLD}\n\n`,
);
process.stdout.write("| part | texts | acute | benign | precision | recall | false alarms | F1 |\n|---|---|---|---|---|---|---|---|\n");
for (const [name, rows] of [
  ["whole set", all],
  ["tuning part", tuning],
  ["held-out (every 5th)", heldOut],
] as const) {
  const m = metrics(rows);
  process.stdout.write(
    `| ${name} | ${m.n} | ${m.acute} | ${m.benign} | ${pct(m.precision)} | ${pct(m.recall)} | ${pct(m.falseAlarm)} | ${m.f1.toFixed(3)} |\n`,
  );
}

const benignProse = all.filter((r) => r.label === "none").map((r) => r.text).join(" ");
const acuteSentence = "Ce soir c'est fini, j'ai tout préparé.";
const long5000 = padTo(benignProse, 5000);
const long5000Acute = `${padTo(benignProse, 5000 - acuteSentence.length - 1)} ${acuteSentence}`;
const adversarial = [padTo("je ", 5000), padTo("je veux ", 5000), padTo("a", 5000), padTo("« ", 5000), padTo("il y a ", 5000), padTo("😂", 5000)];
const huge = padTo(benignProse, 1_000_000);

process.stdout.write("\n| input | time per text |\n|---|---|\n");
process.stdout.write(`| a dataset text (mean over the set) | ${(timePerText(all.map((r) => r.text)) * 1000).toFixed(1)} µs |\n`);
process.stdout.write(`| 5,000 characters of benign prose | ${timePerText([long5000]).toFixed(3)} ms |\n`);
process.stdout.write(`| 5,000 characters, acute sentence at the end | ${timePerText([long5000Acute]).toFixed(3)} ms |\n`);
process.stdout.write(`| 5,000 characters of repeated words, quotes, emoji (worst of 6) | ${Math.max(...adversarial.map((t) => timePerText([t], 100))).toFixed(3)} ms |\n`);
process.stdout.write(`| 1,000,000 characters (head and tail analysed) | ${timePerText([huge], 300).toFixed(1)} ms |\n`);
process.stdout.write(`\n(5,000-character acute text detected: ${assessCrisisSignal(long5000Acute).level})\n`);

const errorsFlag = process.argv.find((a) => a.startsWith("--errors"));
if (errorsFlag) {
  const pool = errorsFlag === "--errors=all" ? all : tuning;
  process.stdout.write(`\nMisclassified rows (${errorsFlag === "--errors=all" ? "all" : "tuning part only"}):\n`);
  for (const row of pool) {
    const result = assessCrisisSignal(row.text);
    if ((result.level === "acute") !== (row.label === "acute")) {
      process.stdout.write(`#${row.index} ${row.label} got ${result.score.toFixed(2)} [${result.reasons.join(", ")}] ${row.text}\n`);
    }
  }
}
