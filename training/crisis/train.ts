/**
 * `npx tsx training/crisis/train.ts`: trains the crisis-signal detector (its logistic model and
 * its network) on every writer of training/crisis/corpus/ except the frozen rows, chooses its
 * threshold on out-of-fold scores, and writes src/safety/crisis-signal.model.json (the logistic
 * model and the threshold) and src/safety/crisis-signal.network.json. The result is the same,
 * byte for byte, on every run (fixed seeds, fixed order): `--check` retrains and fails if either
 * committed file differs.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { bucketOf, HASH_BITS, NAMED_FEATURES } from "../../src/safety/crisis-signal.features.js";
import type { CrisisModel } from "../../src/safety/crisis-signal.js";
import { loadCorpus, writersOf } from "./corpus.js";
import { type Model, prepare, trainModel } from "./detector-training.js";
import { encodeNetwork } from "./network.js";

/** Hashed weights are stored as integers in ten-thousandths (they are rounded to that anyway). */
const WEIGHT_SCALE = 10_000;

const SAFETY = path.join(path.dirname(fileURLToPath(import.meta.url)), "../../src/safety");
const MODEL_FILE = path.join(SAFETY, "crisis-signal.model.json");
const NETWORK_FILE = path.join(SAFETY, "crisis-signal.network.json");

/** The logistic model's weight file: named features by name (readable), hashed n-grams as ascending buckets, delta-coded. */
export function modelFile(model: Model, about: Record<string, unknown>): string {
  const named: Record<string, number> = {};
  const namedBuckets = new Set<number>();
  for (const name of NAMED_FEATURES) {
    const bucket = bucketOf(name);
    namedBuckets.add(bucket);
    const w = model.logistic.weights[bucket] as number;
    if (w !== 0) named[name] = w;
  }
  const index: number[] = [];
  const weight: number[] = [];
  let previous = 0;
  model.logistic.weights.forEach((w, bucket) => {
    if (w === 0 || namedBuckets.has(bucket)) return;
    index.push(bucket - previous);
    weight.push(Math.round(w * WEIGHT_SCALE));
    previous = bucket;
  });
  const file: CrisisModel & { about: Record<string, unknown> } = {
    format: 1,
    about,
    threshold: model.threshold,
    bias: model.logistic.bias,
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

/** The weight files that the committed corpus produces: the logistic model's, and the network's. */
export function trainedModelFiles(): { model: string; network: string } {
  const rows = loadCorpus();
  const training = rows.filter((r) => !r.frozen);
  const model = trainModel(prepare(training));
  const about = {
    trainedBy: "training/crisis/train.ts",
    writers: writersOf(training),
    rows: training.length,
    frozenRowsLeftOut: rows.length - training.length,
    threshold: "lowest keeping out-of-fold false alarms within 5 %, for the mean of this model's and crisis-signal.network.json's window logits",
  };
  return { model: modelFile(model, about), network: `${JSON.stringify(encodeNetwork(model.network), null, 1)}\n` };
}

function main(): void {
  const files = trainedModelFiles();
  const threshold = (JSON.parse(files.model) as CrisisModel).threshold;
  const written: Array<[string, string]> = [
    [MODEL_FILE, files.model],
    [NETWORK_FILE, files.network],
  ];
  if (process.argv.includes("--check")) {
    const same = written.every(([file, text]) => fs.existsSync(file) && fs.readFileSync(file, "utf8") === text);
    process.stdout.write(same ? "The committed weights are what this script produces.\n" : "The committed weights differ from what this script produces.\n");
    process.exit(same ? 0 : 1);
  }
  for (const [file, text] of written) fs.writeFileSync(file, text);
  process.stdout.write(`Wrote ${written.map(([file, text]) => `${path.relative(process.cwd(), file)} (${text.length} bytes)`).join(" and ")}: threshold ${threshold}.\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
