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
import { type Example, seededRandom } from "./logistic.js";

export type NetworkOptions = { hidden: number; epochs: number; rate: number; l2: number; minWindows: number; seed: number };

export type Network = {
  hidden: number;
  /** Bucket → its row in `embedding`. */
  rowOf: Map<number, number>;
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
    const row = rows ? (rows[j] as number) : (net.rowOf.get(v.index[j] as number) ?? -1);
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
  const rowOf = new Map<number, number>();
  for (const [bucket, windows] of [...seen].sort((x, y) => x[0] - y[0])) if (windows >= o.minWindows) rowOf.set(bucket, rowOf.size);
  const H = o.hidden;
  const random = seededRandom(o.seed);
  const net: Network = {
    hidden: H,
    rowOf,
    embedding: Float32Array.from({ length: rowOf.size * H }, () => (random() - 0.5) * 0.2),
    hiddenBias: new Float32Array(H).fill(0.01),
    output: Float32Array.from({ length: H }, () => (random() - 0.5) * 0.2),
    outputBias: 0,
  };
  // AdaGrad's sums of squared gradients, started just above zero.
  const rowSum = new Float64Array(rowOf.size).fill(1e-6);
  const hiddenBiasSum = new Float64Array(H).fill(1e-6);
  const outputSum = new Float64Array(H).fill(1e-6);
  let outputBiasSum = 1e-6;
  const rows = examples.map((e) => e.index.map((b) => rowOf.get(b) ?? -1));
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
