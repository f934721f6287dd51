import { describe, expect, it } from "vitest";
import { type Example, trainLogistic } from "./logistic.js";
import { encodeNetwork, type NetworkOptions, networkLogit, shippedNetwork, trainNetwork } from "./network.js";

// Training is deterministic: this seed is one of the starts from which the toy problem below is learnt.
const options: NetworkOptions = { hidden: 16, epochs: 40, rate: 0.1, l2: 0, minWindows: 1, seed: 7 };

const vector = (buckets: number[]) => ({ index: Int32Array.from(buckets), value: new Float64Array(buckets.length).fill(1) });
const example = (buckets: number[], label: 0 | 1): Example => ({ ...vector(buckets), label, weight: 1 });

// Either word alone is a signal; both together are not (as "mourir" is, and "mourir de rire" is not).
const PATTERNS: Array<[number[], 0 | 1]> = [
  [[0], 0],
  [[0, 1], 1],
  [[0, 2], 1],
  [[0, 1, 2], 0],
];
const examples = Array.from({ length: 100 }, () => PATTERNS.map(([b, label]) => example(b, label))).flat();

describe("the hidden-layer network", () => {
  it("weighs words together, where a linear model cannot", () => {
    const net = trainNetwork(examples, options);
    for (const [buckets, label] of PATTERNS) expect(networkLogit(net, vector(buckets)) > 0, `${buckets}`).toBe(label === 1);
    // The same data defeats the logistic model: the test tells the two apart.
    const linear = trainLogistic(examples, { buckets: 4, epochs: 40, alpha: 0.5, beta: 1, l1: 0, l2: 0, seed: 7 });
    const linearLogit = (b: number[]) => b.reduce((sum, i) => sum + (linear.weights[i] as number), linear.bias);
    expect(PATTERNS.every(([b, label]) => linearLogit(b) > 0 === (label === 1))).toBe(false);
  });

  it("is the same network for the same seed, and another for another", () => {
    const a = trainNetwork(examples, options);
    const b = trainNetwork(examples, options);
    const c = trainNetwork(examples, { ...options, seed: 8 });
    expect(Array.from(b.embedding)).toEqual(Array.from(a.embedding));
    expect(b.outputBias).toBe(a.outputBias);
    expect(Array.from(c.embedding)).not.toEqual(Array.from(a.embedding));
  });

  it("gives no row to a bucket seen in fewer windows than asked, so it counts for nothing", () => {
    const rare = [...examples, example([0, 9], 1)];
    const net = trainNetwork(rare, { ...options, minWindows: 2 });
    expect(net.rowOf[9]).toBe(-1);
    expect(networkLogit(net, vector([0, 1, 9]))).toBe(networkLogit(net, vector([0, 1])));
    expect(trainNetwork(rare, options).rowOf[9]).toBeGreaterThanOrEqual(0);
  });

  it("comes back from its weight file with the same rows, each weight within half a step of its row's scale", () => {
    const net = trainNetwork([...examples, example([3, 70_000, 200_000], 1)], options);
    const back = shippedNetwork(net);
    expect(Array.from(back.rowOf)).toEqual(Array.from(net.rowOf));
    const H = net.hidden;
    for (let row = 0; row < net.embedding.length / H; row++) {
      const weights = Array.from(net.embedding.subarray(row * H, (row + 1) * H));
      const largest = Math.max(...weights.map(Math.abs));
      for (const [k, w] of weights.entries()) expect(Math.abs((back.embedding[row * H + k] as number) - w)).toBeLessThanOrEqual((largest * 1.1) / 254 + 1e-7);
    }
    for (const [buckets, label] of PATTERNS) expect(networkLogit(back, vector(buckets)) > 0, `${buckets}`).toBe(label === 1);
    // Written twice, the same file.
    expect(encodeNetwork(back)).toEqual(encodeNetwork(shippedNetwork(back)));
  });
});
