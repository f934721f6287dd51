/**
 * A small network over a window's sparse features: each bucket's row of `hidden` numbers is summed
 * (times the feature's value), a ReLU, then one logit. Unlike the logistic model, it can weigh
 * words together ("le pont" with "ce soir" and "dernière fois") rather than each on its own.
 *
 * Trained with AdaGrad, one step size per bucket row (a square root per bucket rather than per
 * number: most of the cost of training is in those rows). Deterministic: the order of examples
 * and the starting weights come from a seeded generator, and every operation runs in the same
 * order on every run. Buckets seen in fewer than `minWindows` training windows get no row: they
 * count for nothing, as a bucket never seen does.
 */
import { HASH_BITS } from "../../src/safety/crisis-signal.features.js";
import { decodeNetwork, NO_ROW, type NetworkFile, rowStep, type WordNetwork } from "../../src/safety/crisis-signal.network.js";
import { type Example, seededRandom } from "./logistic.js";

export type NetworkOptions = { hidden: number; epochs: number; rate: number; l2: number; minWindows: number; seed: number };

/** The network as training holds it: rows only for the buckets kept (the detector keeps them by bucket). */
export type Network = {
  hidden: number;
  /** Bucket → its row in `embedding`, or -1. */
  rowOf: Int32Array;
  /** One row of `hidden` numbers per bucket kept, row after row. */
  embedding: Float32Array;
  hiddenBias: Float32Array;
  output: Float32Array;
  outputBias: number;
};

type Sparse = { index: Int32Array; value: Float64Array };

/** The window's logit; `units` (length `hidden`) receives the hidden units, for training. */
export function networkLogit(net: Network, v: Sparse, units = new Float32Array(net.hidden), rows?: Int32Array): number {
  const { hidden, embedding } = net;
  units.set(net.hiddenBias);
  for (let j = 0; j < v.index.length; j++) {
    const row = rows ? (rows[j] as number) : (net.rowOf[v.index[j] as number] ?? -1);
    if (row < 0) continue;
    const x = v.value[j] as number;
    const at = row * hidden;
    for (let k = 0; k < hidden; k++) units[k] = (units[k] as number) + (embedding[at + k] as number) * x;
  }
  let logit = net.outputBias;
  for (let k = 0; k < hidden; k++) {
    const u = units[k] as number;
    if (u > 0) logit += u * (net.output[k] as number);
    else units[k] = 0;
  }
  return logit;
}

export function trainNetwork(examples: readonly Example[], o: NetworkOptions): Network {
  const seen = new Map<number, number>();
  for (const e of examples) for (const b of e.index) seen.set(b, (seen.get(b) ?? 0) + 1);
  const rowOf = new Int32Array(1 << HASH_BITS).fill(-1);
  let kept = 0;
  for (const [bucket, windows] of [...seen].sort((x, y) => x[0] - y[0])) if (windows >= o.minWindows) rowOf[bucket] = kept++;
  const H = o.hidden;
  const random = seededRandom(o.seed);
  const net: Network = {
    hidden: H,
    rowOf,
    embedding: Float32Array.from({ length: kept * H }, () => (random() - 0.5) * 0.2),
    hiddenBias: new Float32Array(H).fill(0.01),
    output: Float32Array.from({ length: H }, () => (random() - 0.5) * 0.2),
    outputBias: 0,
  };
  // AdaGrad's sums of squared gradients, started just above zero.
  const rowSum = new Float64Array(kept).fill(1e-6);
  const hiddenBiasSum = new Float64Array(H).fill(1e-6);
  const outputSum = new Float64Array(H).fill(1e-6);
  let outputBiasSum = 1e-6;
  const rows = examples.map((e) => e.index.map((b) => rowOf[b] ?? -1));
  const units = new Float32Array(H);
  const back = new Float32Array(H);
  const order = Int32Array.from({ length: examples.length }, (_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const t = order[i] as number;
      order[i] = order[j] as number;
      order[j] = t;
    }
    for (const k of order) {
      const e = examples[k] as Example;
      const eRows = rows[k] as Int32Array;
      const logit = networkLogit(net, e, units, eRows);
      const g = (1 / (1 + Math.exp(-Math.max(-35, Math.min(35, logit)))) - e.label) * e.weight;
      outputBiasSum += g * g;
      net.outputBias -= (o.rate * g) / Math.sqrt(outputBiasSum);
      for (let q = 0; q < H; q++) {
        const u = units[q] as number;
        const gu = u > 0 ? g * (net.output[q] as number) : 0;
        back[q] = gu;
        if (u > 0) {
          const gw = g * u + o.l2 * (net.output[q] as number);
          outputSum[q] = (outputSum[q] as number) + gw * gw;
          net.output[q] = (net.output[q] as number) - (o.rate * gw) / Math.sqrt(outputSum[q] as number);
        }
        hiddenBiasSum[q] = (hiddenBiasSum[q] as number) + gu * gu;
        net.hiddenBias[q] = (net.hiddenBias[q] as number) - (o.rate * gu) / Math.sqrt(hiddenBiasSum[q] as number);
      }
      for (let j = 0; j < eRows.length; j++) {
        const row = eRows[j] as number;
        if (row < 0) continue;
        const x = e.value[j] as number;
        let squares = 0;
        for (let q = 0; q < H; q++) {
          const gq = (back[q] as number) * x;
          squares += gq * gq;
        }
        rowSum[row] = (rowSum[row] as number) + squares / H;
        const step = o.rate / Math.sqrt(rowSum[row] as number);
        const at = row * H;
        for (let q = 0; q < H; q++) net.embedding[at + q] = (net.embedding[at + q] as number) * (1 - o.l2) - step * (back[q] as number) * x;
      }
    }
  }
  return net;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * The weight file of a network (src/safety/crisis-signal.network.ts): each row scaled by a power of
 * 2^(1/8) just above its largest weight, its weights rounded to signed bytes; biases and output
 * weights to four decimals.
 */
export function encodeNetwork(net: Network): NetworkFile {
  const H = net.hidden;
  const buckets: number[] = [];
  const rows: number[] = [];
  let previous = 0;
  net.rowOf.forEach((row, bucket) => {
    if (row < 0) return;
    for (let delta = bucket - previous; ; delta >>>= 7) {
      buckets.push(delta < 0x80 ? delta : (delta & 0x7f) | 0x80);
      if (delta < 0x80) break;
    }
    previous = bucket;
    let largest = 0;
    for (let k = 0; k < H; k++) largest = Math.max(largest, Math.abs(net.embedding[row * H + k] as number));
    const scale = largest === 0 ? 127 : Math.max(-127, Math.min(127, Math.floor(-8 * Math.log2(largest))));
    const step = rowStep(scale);
    rows.push(scale);
    for (let k = 0; k < H; k++) rows.push(Math.max(-127, Math.min(127, Math.round((net.embedding[row * H + k] as number) / step))));
  });
  return {
    format: 1,
    hashBits: HASH_BITS,
    hidden: H,
    hiddenBias: Array.from(net.hiddenBias, round4),
    output: Array.from(net.output, round4),
    outputBias: round4(net.outputBias),
    buckets: Buffer.from(buckets).toString("base64"),
    rows: Buffer.from(Int8Array.from(rows).buffer).toString("base64"),
  };
}

/** The network as its weight file gives it back to the detector: what ships. */
export const shippedNetwork = (net: Network): Network => fromDetector(decodeNetwork(encodeNetwork(net)));

/** The detector's network, held as training holds one. */
export function fromDetector(shipped: WordNetwork): Network {
  const H = shipped.hidden;
  const rowOf = new Int32Array(shipped.scaleOf.length).fill(-1);
  const embedding: number[] = [];
  shipped.scaleOf.forEach((scale, bucket) => {
    if (scale === NO_ROW) return;
    rowOf[bucket] = embedding.length / H;
    for (let k = 0; k < H; k++) embedding.push((shipped.weights[bucket * H + k] as number) * rowStep(scale));
  });
  return {
    hidden: H,
    rowOf,
    embedding: Float32Array.from(embedding),
    hiddenBias: Float32Array.from(shipped.hiddenBias),
    output: Float32Array.from(shipped.output),
    outputBias: shipped.outputBias,
  };
}
