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

/**
 * Buckets renumbered densely, most frequent first: the coordinates the examples touch most share
 * cache lines, which makes training several times faster than indexing 2^20 buckets at random.
 */
function compact(examples: readonly Example[], buckets: number): { local: Int32Array[]; bucketOf: Int32Array } {
  const frequency = new Int32Array(buckets);
  for (const e of examples) for (const i of e.index) frequency[i] = (frequency[i] as number) + 1;
  const used: number[] = [];
  for (let i = 0; i < buckets; i++) if ((frequency[i] as number) > 0) used.push(i);
  used.sort((x, y) => (frequency[y] as number) - (frequency[x] as number) || x - y);
  const localOf = new Int32Array(buckets).fill(-1);
  used.forEach((bucket, k) => {
    localOf[bucket] = k;
  });
  return { local: examples.map((e) => e.index.map((i) => localOf[i] as number)), bucketOf: Int32Array.from(used) };
}

export function trainLogistic(examples: readonly Example[], o: LogisticOptions): Logistic {
  const { local, bucketOf } = compact(examples, o.buckets);
  const size = bucketOf.length;
  const { l1, l2, alpha, beta } = o;
  const z = new Float64Array(size);
  const n = new Float64Array(size);
  const root = new Float64Array(size); // √n, kept so each update takes one square root
  const weightOf = (i: number): number => {
    const zi = z[i] as number;
    if (zi <= l1 && zi >= -l1) return 0;
    return -(zi > 0 ? zi - l1 : zi + l1) / ((beta + (root[i] as number)) / alpha + l2);
  };
  let zBias = 0;
  let nBias = 0;
  const biasOf = () => -zBias / ((beta + Math.sqrt(nBias)) / alpha);
  const random = seededRandom(o.seed);
  const w = new Float64Array(local.reduce((m, index) => Math.max(m, index.length), 0));
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (const k of shuffled(examples.length, random)) {
      const value = (examples[k] as Example).value;
      const index = local[k] as Int32Array;
      const count = index.length;
      let logit = biasOf();
      for (let j = 0; j < count; j++) {
        const wj = weightOf(index[j] as number);
        w[j] = wj;
        logit += wj * (value[j] as number);
      }
      const g = (sigmoid(logit) - (examples[k] as Example).label) * (examples[k] as Example).weight;
      for (let j = 0; j < count; j++) {
        const i = index[j] as number;
        const gi = g * (value[j] as number);
        const ni = (n[i] as number) + gi * gi;
        const r = Math.sqrt(ni);
        z[i] = (z[i] as number) + gi - ((r - (root[i] as number)) / alpha) * (w[j] as number);
        n[i] = ni;
        root[i] = r;
      }
      const b = biasOf();
      const sigmaBias = (Math.sqrt(nBias + g * g) - Math.sqrt(nBias)) / alpha;
      zBias += g - sigmaBias * b;
      nBias += g * g;
    }
  }
  const weights = new Float64Array(o.buckets);
  for (let k = 0; k < size; k++) weights[bucketOf[k] as number] = weightOf(k);
  return { bias: biasOf(), weights };
}
