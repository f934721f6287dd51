/**
 * `npx tsx bench/crisis-check.ts` (part of `npm run bench`): how well, and how fast, the
 * crisis-signal detector (src/safety/crisis-signal.ts) does on words its author did not write.
 *
 * 1. Leave-one-writer-out: for each writer of training/crisis/corpus/, a detector (its logistic
 *    model and its network) is trained on all the other writers and judged on that writer, at a
 *    threshold chosen by the shipped rule on out-of-fold scores from models that never saw it
 *    (36 of them, shared among writers: detector-training.ts `lowoThreshold`). Frozen rows take
 *    no part. The trainings are shared among the machine's cores (training/crisis/lowo-cores.ts).
 *    Each result is kept in .tmp/crisis-lowo/ as soon as it is known, so a run that is stopped
 *    starts again where it was (progress on stderr).
 * 2. The frozen split (about one row in five, chosen by a hash of its words, never used to train,
 *    to choose a threshold or to compare designs): judged once by the shipped weights, and by the
 *    leave-one-writer-out model of its writer (words and writer both unseen).
 * 3. The writers kept apart (training/crisis/unseen/), whom no shipped model has trained on: judged
 *    by the shipped weights.
 * 4. The examples of issue 10, and the time per text (median and fastest of several batches: a
 *    busy machine moves the median, not the fastest). The goal is at most 2 ms per 5,000 characters.
 *    Timed on the compiled detector (dist/, built first if older than src/), the code the server
 *    runs: the on-the-fly transform that runs this script makes the same code about 40 % slower.
 * The rows are invented sentences written for this purpose, never user data.
 * `npx tsx bench/crisis-check.ts --speed` prints only 4 (no retraining).
 */
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { ACUTE_THRESHOLD, assessCrisisSignal } from "../src/safety/crisis-signal.js";
import { CORPUS_DIR, type LabelledRow, loadCorpus, UNSEEN_DIR, writersOf } from "../training/crisis/corpus.js";
import { type Figures, figures, type Judged, MAX_FALSE_ALARM } from "../training/crisis/detector-training.js";
import { leaveOneWriterOutOnCores } from "../training/crisis/lowo-cores.js";
import { ensureBuild, ROOT } from "./lib.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const pct = (x: number) => (Number.isNaN(x) ? "—" : `${(x * 100).toFixed(1)} %`);

function table(title: string, judged: readonly Judged[]): Figures {
  out(`\n${title}\n`);
  out("| writer | acute | benign | recall | false alarms | precision |");
  out("|---|---|---|---|---|---|");
  const line = (name: string, f: Figures) =>
    out(`| ${name} | ${f.acute} | ${f.benign} | ${pct(f.recall)} (${f.tp}/${f.acute}) | ${pct(f.falseAlarm)} (${f.fp}/${f.benign}) | ${pct(f.precision)} |`);
  for (const writer of writersOf(judged.map((j) => j.row))) line(writer, figures(judged.filter((j) => j.row.writer === writer)));
  const all = figures(judged);
  line("**all writers**", all);
  return all;
}

// ——— corpus

const rows = loadCorpus();
const training = rows.filter((r) => !r.frozen);
const frozen = rows.filter((r) => r.frozen);
const english = rows.filter((r) => r.lang === "en").length;
const validation = JSON.parse(fs.readFileSync(`${CORPUS_DIR}/../corpus-validation.json`, "utf8")) as Record<string, Record<string, number>>;
const dropped = (key: string) => Object.values(validation).reduce((n, c) => n + (c[key] ?? 0), 0);
out("# Crisis-signal detector");
out(
  `\nCorpus: ${rows.length} rows by ${writersOf(rows).length} writers (${rows.filter((r) => r.label === "acute").length} acute, ` +
    `${rows.filter((r) => r.label === "none").length} benign, ${pct(english / rows.length)} English); ${frozen.length} frozen. ` +
    `Dropped at import: ${dropped("schema")} malformed, ${dropped("quantity")} quantity, ${dropped("howTo")} how-to, ` +
    `${dropped("duplicate")} duplicates, ${dropped("conflict")} conflicting labels.`,
);
out(`Threshold rule: the lowest that keeps out-of-fold false alarms within ${pct(MAX_FALSE_ALARM)} on the training writers. Shipped threshold: ${ACUTE_THRESHOLD}.`);

// ——— speed, measured first: after the quality part's hundreds of trainings, the heap they leave
// made a million characters half again slower (2.1 against 1.2 ms per 5,000), which the server never pays

await ensureBuild();
const compiled = (await import(pathToFileURL(path.join(ROOT, "dist", "safety", "crisis-signal.js")).href)) as typeof import("../src/safety/crisis-signal.js");

/** Milliseconds per text: median and fastest of 15 batches, each at least ~5 ms long. */
function timePerText(texts: string[]): { median: number; fastest: number } {
  const runBatch = (repeat: number) => {
    const start = performance.now();
    for (let r = 0; r < repeat; r++) for (const t of texts) compiled.assessCrisisSignal(t);
    return (performance.now() - start) / (repeat * texts.length);
  };
  runBatch(3); // warm-up
  const repeat = Math.max(1, Math.ceil(5 / Math.max(runBatch(1) * texts.length, 0.001)));
  const batches = Array.from({ length: 15 }, () => runBatch(repeat)).sort((x, y) => x - y);
  return { median: batches[7] as number, fastest: batches[0] as number };
}

function padTo(text: string, length: number): string {
  let padded = text;
  while (padded.length < length) padded += ` ${text}`;
  return padded.slice(0, length);
}

const benignProse = rows.filter((r) => r.label === "none" && r.lang === "fr").map((r) => r.text).join(" ");
const acuteSentence = "Ce soir je prends toutes mes pilules.";
const long5000 = padTo(benignProse, 5000);
const long5000Acute = `${padTo(benignProse, 5000 - acuteSentence.length - 1)} ${acuteSentence}`;
const ms = (t: { median: number; fastest: number }) => `${t.median.toFixed(3)} ms (fastest ${t.fastest.toFixed(3)} ms)`;

const timing: string[] = ["\n## Time per text\n", "| input | median (fastest) |\n|---|---|"];
const perRow = timePerText(rows.slice(0, 500).map((r) => r.text));
timing.push(`| a corpus row (${Math.round(rows.reduce((n, r) => n + r.text.length, 0) / rows.length)} characters on average) | ${(perRow.median * 1000).toFixed(1)} µs (fastest ${(perRow.fastest * 1000).toFixed(1)} µs) |`);
const prose = timePerText([long5000]);
timing.push(`| 5,000 characters of benign prose (benign rows glued together) | ${ms(prose)} |`);
timing.push(`| 5,000 characters, acute sentence at the end | ${ms(timePerText([long5000Acute]))} |`);
for (const unit of ["je ", "je veux ", "il y a ", "« ", "😂", "adieu. ", "me tuer "]) timing.push(`| 5,000 characters of ${JSON.stringify(unit)} repeated | ${ms(timePerText([padTo(unit, 5000)]))} |`);
const million = timePerText([padTo(benignProse, 1_000_000)]);
timing.push(`| 1,000,000 characters of prose | ${ms(million)} (${(million.median / 200).toFixed(3)} ms per 5,000 characters) |`);
timing.push(`\nGoal ≤ 2 ms per 5,000 characters: ${prose.median <= 2 && million.median / 200 <= 2 ? "met" : "NOT met"} (median).`);
timing.push(`(5,000 characters with the acute sentence at the end: ${compiled.assessCrisisSignal(long5000Acute).level}.)`);

// ——— quality (`--speed` skips it: only the examples and the time per text)

function judgedByShippedWeights(judgedRows: readonly LabelledRow[]): Judged[] {
  return judgedRows.map((row) => {
    const { score, level } = assessCrisisSignal(row.text);
    return { row, score, threshold: ACUTE_THRESHOLD, flagged: level === "acute" };
  });
}

if (!process.argv.includes("--speed")) {

  const started = performance.now();
  const { judged, extraJudged } = await leaveOneWriterOutOnCores(training, frozen, undefined, path.join(ROOT, ".tmp", "crisis-lowo"));
  const lowo = table("## Leave-one-writer-out (each writer judged by a model that never saw it; frozen rows excluded)", judged);
  const frozenShipped = table("## Frozen split, shipped weights (rows unseen; their writers seen on other rows)", judgedByShippedWeights(frozen));
  const frozenUnseen = table("## Frozen split, leave-one-writer-out models (rows and writer unseen)", extraJudged);
  const keptApart = table("## Writers kept apart, shipped weights (never trained on: training/crisis/unseen/)", judgedByShippedWeights(loadCorpus(UNSEEN_DIR)));
  out(`\n(${((performance.now() - started) / 1000).toFixed(0)} s of training and judging.)`);
  const verdict = (f: Figures) => (f.recall >= 0.95 && f.falseAlarm <= 0.05 ? "goal met" : "goal NOT met");
  out(`\nGoal (recall ≥ 95 %, false alarms ≤ 5 % on writers not trained on):`);
  out(`- leave-one-writer-out: recall ${pct(lowo.recall)}, false alarms ${pct(lowo.falseAlarm)}, precision ${pct(lowo.precision)}: ${verdict(lowo)}`);
  out(`- frozen split, writer unseen: recall ${pct(frozenUnseen.recall)}, false alarms ${pct(frozenUnseen.falseAlarm)}: ${verdict(frozenUnseen)}`);
  out(`- frozen split, shipped weights: recall ${pct(frozenShipped.recall)}, false alarms ${pct(frozenShipped.falseAlarm)}`);
  out(`- writers kept apart, shipped weights: recall ${pct(keptApart.recall)}, false alarms ${pct(keptApart.falseAlarm)}: ${verdict(keptApart)}`);
}

// ——— the examples

out("\n## Examples of issue 10\n");
const examples: Array<[string, "acute" | "none"]> = [
  ["Je vais me jeter sous un train", "acute"],
  ["Je veux me pendre", "acute"],
  ["Ce soir je prends toutes mes pilules", "acute"],
  ["I'm going to overdose tonight", "acute"],
  ["J'ai acheté des médicaments pour en finir", "acute"],
  ["je me suis scarifiée hier soir et je recommence ce soir", "acute"],
  ["I want to die my hair blue", "none"],
  ["Ce soir c'est fini, les vacances sont terminées", "none"],
];
for (const [text, expected] of examples) {
  const { level, score } = assessCrisisSignal(text);
  out(`- ${level === expected ? "right" : "WRONG"}: ${level} ${score.toFixed(2)} (expected ${expected}): ${text}`);
}


for (const line of timing) out(line);
