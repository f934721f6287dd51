/**
 * The second half of the crisis-signal detector: a network with one hidden layer over a window's
 * words, word pairs, stems, stem pairs, negated stems and named features (not its character
 * n-grams). Each feature's bucket has a row of `hidden` numbers; a window's hidden units are the
 * sum of its features' rows (times the feature's value), then a ReLU, then one output logit.
 * Unlike the logistic half, it can weigh words together. Trained by training/crisis/network.ts.
 *
 * The weight file (crisis-signal.network.json) keeps about 100,000 rows small: each row is one
 * byte of scale (a power of 2^(1/8)) and `hidden` signed bytes. Training judges the network as
 * decoded from this file, so what is measured is what ships (to float rounding).
 */

import { HASH_BITS, NEGATED, PAIR, STEM, STEMPAIR, WORD, type WordGrams } from "./crisis-signal.features.js";

/** The network as the detector runs it: rows by bucket, in signed bytes (16 MB at 2^20 buckets; one memory access per n-gram, where rows found through an index took two). */
export type WordNetwork = {
  hidden: number;
  /** Per bucket, the scale of its row (rowStep), or NO_ROW: a bucket without a row counts for nothing. */
  scaleOf: Int8Array;
  /** Per bucket, `hidden` weights in units of its row's step. */
  weights: Int8Array;
  hiddenBias: Float64Array;
  output: Float64Array;
  outputBias: number;
};

export const NO_ROW = -128;

/** The n-gram groups the network reads (with the named features): not the character n-grams. */
export const NETWORK_GROUPS: readonly number[] = [WORD, PAIR, STEM, STEMPAIR, NEGATED];

/** The weight file: `buckets`, the buckets that have a row, ascending, delta-coded as LEB128, in base64; `rows`, per row a scale byte and `hidden` weights, in base64. */
export type NetworkFile = {
  format: 1;
  hashBits: number;
  hidden: number;
  hiddenBias: number[];
  output: number[];
  outputBias: number;
  buckets: string;
  rows: string;
};

/** The unit of a row's bytes: 2^(-scale/8) / 127, so the largest weight of a row uses at least 117 of the 127 steps. */
export const rowStep = (scale: number): number => 2 ** (-scale / 8) / 127;
const STEPS = Float64Array.from({ length: 256 }, (_, i) => rowStep(i + NO_ROW));

export function decodeNetwork(file: NetworkFile): WordNetwork {
  if (file.format !== 1 || file.hashBits !== HASH_BITS) throw new Error("crisis-signal network: unknown format");
  const H = file.hidden;
  const buckets = Buffer.from(file.buckets, "base64");
  const rows = new Int8Array(Buffer.from(file.rows, "base64"));
  const scaleOf = new Int8Array(1 << HASH_BITS).fill(NO_ROW);
  const weights = new Int8Array((1 << HASH_BITS) * H);
  let bucket = 0;
  let at = 0;
  for (let row = 0; row < rows.length / (H + 1); row++) {
    let delta = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = buckets[at++] as number;
      delta += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) break;
    }
    bucket += delta;
    scaleOf[bucket] = rows[row * (H + 1)] as number;
    weights.set(rows.subarray(row * (H + 1) + 1, (row + 1) * (H + 1)), bucket * H);
  }
  return { hidden: H, scaleOf, weights, hiddenBias: Float64Array.from(file.hiddenBias), output: Float64Array.from(file.output), outputBias: file.outputBias };
}

/**
 * Where a piece's n-gram rows are summed: words and stems share a slot, as do word pairs and stem
 * pairs. Each word brings one word and one stem n-gram, each pair of words one pair and one stem
 * pair, so within any window the two groups of a slot have the same count, hence the same scale.
 */
export const SLOTS = 3;
/** Per n-gram group (GROUPS order), its slot; the character n-grams have none. */
export const SLOT_OF_GROUP: readonly number[] = [-1, 0, 1, 0, 1, 2];
/** Per slot, the group whose count scales it. */
const COUNTED_GROUP: readonly number[] = [WORD, PAIR, NEGATED];

/** Adds a bucket's row to `units` at `at` (a feature's value is 1 until its slot is scaled). */
export function addRow(net: WordNetwork, bucket: number, units: Float64Array, at: number): void {
  const scale = net.scaleOf[bucket] as number;
  if (scale === NO_ROW) return;
  const step = STEPS[scale - NO_ROW] as number;
  const H = net.hidden;
  const from = bucket * H;
  const weights = net.weights;
  for (let k = 0; k < H; k++) units[at + k] = (units[at + k] as number) + (weights[from + k] as number) * step;
}

/** Adds the rows of a word alone (itself and its stem) to `units` at `at`. */
export function addWordRows(net: WordNetwork, word: WordGrams, units: Float64Array, at: number): void {
  addRow(net, word.wordBucket, units, at);
  addRow(net, word.stemBucket, units, at);
}

const scratch = { units: new Float64Array(0) };

/**
 * A window's logit. `before` holds running totals of each piece's rows by slot (piece `i`'s
 * totals, before it, from `i` × SLOTS × hidden), so pieces `first` to `last` sum to a difference;
 * `counts`, the window's n-grams by group (a slot counts as one unit: values 1/√n, as the logistic
 * half reads them); `named`, its named features (value 1 each).
 */
export function windowNetworkLogit(net: WordNetwork, before: Float64Array, first: number, last: number, counts: Float64Array, named: readonly number[]): number {
  const H = net.hidden;
  if (scratch.units.length !== H) scratch.units = new Float64Array(H);
  const units = scratch.units;
  for (let k = 0; k < H; k++) units[k] = net.hiddenBias[k] as number;
  const width = SLOTS * H;
  for (let slot = 0; slot < SLOTS; slot++) {
    const count = counts[COUNTED_GROUP[slot] as number] as number;
    if (count === 0) continue;
    const scale = 1 / Math.sqrt(count);
    const to = (last + 1) * width + slot * H;
    const from = first * width + slot * H;
    for (let k = 0; k < H; k++) units[k] = (units[k] as number) + ((before[to + k] as number) - (before[from + k] as number)) * scale;
  }
  for (const b of named) addRow(net, b, units, 0);
  let logit = net.outputBias;
  for (let k = 0; k < H; k++) if ((units[k] as number) > 0) logit += (units[k] as number) * (net.output[k] as number);
  return logit;
}
