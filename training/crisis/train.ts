/**
 * `npx tsx training/crisis/train.ts`: trains the crisis-signal detector on every writer of
 * training/crisis/corpus/ except the frozen rows, chooses its threshold on out-of-fold scores,
 * and writes src/safety/crisis-signal.model.json. The result is the same, byte for byte, on every
 * run (fixed seed, fixed order): `--check` retrains and fails if the committed file differs.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bucketOf, HASH_BITS, NAMED_FEATURES } from "../../src/safety/crisis-signal.features.js";
import type { CrisisModel } from "../../src/safety/crisis-signal.js";
import { loadCorpus, writersOf } from "./corpus.js";
import { type Model, prepare, trainModel } from "./detector-training.js";

/** Hashed weights are stored as integers in ten-thousandths (they are rounded to that anyway). */
const WEIGHT_SCALE = 10_000;

export const MODEL_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../src/safety/crisis-signal.model.json");

/** The weight file: named features by name (readable), hashed n-grams as ascending buckets, delta-coded. */
export function modelFile(model: Model, about: Record<string, unknown>): string {
  const named: Record<string, number> = {};
  const namedBuckets = new Set<number>();
  for (const name of NAMED_FEATURES) {
    const bucket = bucketOf(name);
    namedBuckets.add(bucket);
    const w = model.weights[bucket] as number;
    if (w !== 0) named[name] = w;
  }
  const index: number[] = [];
  const weight: number[] = [];
  let previous = 0;
  model.weights.forEach((w, bucket) => {
    if (w === 0 || namedBuckets.has(bucket)) return;
    index.push(bucket - previous);
    weight.push(Math.round(w * WEIGHT_SCALE));
    previous = bucket;
  });
  const file: CrisisModel & { about: Record<string, unknown> } = {
    format: 1,
    about,
    threshold: model.threshold,
    bias: model.bias,
    hashBits: HASH_BITS,
    named,
    hashed: { scale: WEIGHT_SCALE, index: [], weight: [] },
  };
  // One line per array of numbers keeps the file small; the rest is indented to be read.
  const text = JSON.stringify(file, null, 1)
    .replace('"index": []', `"index": [${index.join(",")}]`)
    .replace('"weight": []', `"weight": [${weight.join(",")}]`);
  return `${text}\n`;
}

/** The weight file that the committed corpus produces. */
export function trainedModelFile(): string {
  const rows = loadCorpus();
  const training = rows.filter((r) => !r.frozen);
  const model = trainModel(prepare(training));
  const about = {
    trainedBy: "training/crisis/train.ts",
    writers: writersOf(training),
    rows: training.length,
    frozenRowsLeftOut: rows.length - training.length,
    threshold: "lowest keeping out-of-fold false alarms within 5 %",
  };
  return modelFile(model, about);
}

function main(): void {
  const text = trainedModelFile();
  const threshold = (JSON.parse(text) as CrisisModel).threshold;
  if (process.argv.includes("--check")) {
    const same = fs.existsSync(MODEL_FILE) && fs.readFileSync(MODEL_FILE, "utf8") === text;
    process.stdout.write(same ? "The committed weights are what this script produces.\n" : "The committed weights differ from what this script produces.\n");
    process.exit(same ? 0 : 1);
  }
  fs.writeFileSync(MODEL_FILE, text);
  process.stdout.write(`Wrote ${path.relative(process.cwd(), MODEL_FILE)}: threshold ${threshold}, ${text.length} bytes.\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
