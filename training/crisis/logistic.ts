/**
 * Logistic regression over sparse hashed features, trained with FTRL-proximal (McMahan et al.,
 * 2013): per-feature adaptive steps, and an L1 term that leaves most buckets at exactly zero, so
 * the weight file stays small. Deterministic: examples are visited in an order drawn from a
 * seeded generator, and every operation runs in the same order on every run.
 */

export type Example = { index: Int32Array; value: Float64Array; label: 0 | 1; weight: number };
export type LogisticOptions = { buckets: number; epochs: number; alpha: number; beta: number; l1: number; l2: number; seed: number };
export type Logistic = { bias: number; weights: Float64Array };

/** mulberry32: a small seeded generator, enough to shuffle reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffled(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, x))));

export function trainLogistic(examples: readonly Example[], o: LogisticOptions): Logistic {
  const z = new Float64Array(o.buckets);
  const n = new Float64Array(o.buckets);
  let zBias = 0;
  let nBias = 0;
  const weightOf = (i: number): number => {
    const zi = z[i] as number;
    if (Math.abs(zi) <= o.l1) return 0;
    return -(zi - Math.sign(zi) * o.l1) / ((o.beta + Math.sqrt(n[i] as number)) / o.alpha + o.l2);
  };
  const biasOf = () => -zBias / ((o.beta + Math.sqrt(nBias)) / o.alpha);
  const random = seededRandom(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const k of shuffled(examples.length, random)) {
      const e = examples[k] as Example;
      const w = new Float64Array(e.index.length);
      let logit = biasOf();
      for (let j = 0; j < e.index.length; j++) {
        w[j] = weightOf(e.index[j] as number);
        logit += (w[j] as number) * (e.value[j] as number);
      }
      const g = (sigmoid(logit) - e.label) * e.weight;
      for (let j = 0; j < e.index.length; j++) {
        const i = e.index[j] as number;
        const gi = g * (e.value[j] as number);
        const sigma = (Math.sqrt((n[i] as number) + gi * gi) - Math.sqrt(n[i] as number)) / o.alpha;
        z[i] = (z[i] as number) + gi - sigma * (w[j] as number);
        n[i] = (n[i] as number) + gi * gi;
      }
      const b = biasOf();
      const sigmaBias = (Math.sqrt(nBias + g * g) - Math.sqrt(nBias)) / o.alpha;
      zBias += g - sigmaBias * b;
      nBias += g * g;
    }
  }
  const weights = new Float64Array(o.buckets);
  for (let i = 0; i < o.buckets; i++) weights[i] = weightOf(i);
  return { bias: biasOf(), weights };
}
