import { describe, expect, it } from "vitest";
import { assessCrisisSignal, type CrisisModel, loadModel } from "../../src/safety/crisis-signal.js";
import model from "../../src/safety/crisis-signal.model.json" with { type: "json" };
import network from "../../src/safety/crisis-signal.network.json" with { type: "json" };
import type { NetworkFile } from "../../src/safety/crisis-signal.network.js";
import { type LabelledRow, loadCorpus } from "./corpus.js";
import { chooseThreshold, figures, prepare, rowScore } from "./detector-training.js";
import { fromDetector } from "./network.js";

const loaded = loadModel(model as unknown as CrisisModel, network as NetworkFile);
const shipped = { logistic: { bias: loaded.bias, weights: loaded.weights }, network: fromDetector(loaded.network) };
const row = (text: string): LabelledRow => ({ label: "none", lang: "fr", kind: "test", text, writer: "test", frozen: false });

describe("training and runtime", () => {
  it("score a text the same way (the training vectors are the runtime's features)", () => {
    const texts = [
      ...loadCorpus().filter((_, i) => i % 50 === 0).map((r) => r.text),
      "Il a plu. « Je veux me pendre », dit le personnage. Le chat dort.",
      `${"Nous avons marché longtemps au bord de la rivière. ".repeat(30)}Ce soir je prends toutes mes pilules.`,
      "",
    ];
    for (const [i, p] of prepare(texts.map(row)).entries()) {
      expect(Math.abs(rowScore(shipped, p) - assessCrisisSignal(texts[i] as string).score), texts[i]).toBeLessThanOrEqual(0.0002);
    }
  });
});

describe("choosing a threshold", () => {
  const scored = (benign: number[], acute: number[]) => [
    ...benign.map((score) => ({ score, label: "none" as const })),
    ...acute.map((score) => ({ score, label: "acute" as const })),
  ];

  it("takes the lowest threshold, in hundredths, that keeps false alarms within the budget", () => {
    const benign = Array.from({ length: 100 }, (_, i) => i / 100); // 0.00 … 0.99
    const threshold = chooseThreshold(scored(benign, [0.5, 0.97]), 0.05);
    expect(threshold).toBe(0.95);
    expect(benign.filter((s) => s >= threshold).length).toBeLessThanOrEqual(5);
  });

  it("never lets the budget be exceeded on the scores it was chosen on", () => {
    for (let seed = 1; seed < 30; seed++) {
      const benign = Array.from({ length: 40 + seed }, (_, i) => ((i * 7919 * seed) % 1000) / 1000);
      const threshold = chooseThreshold(scored(benign, []), 0.05);
      const flagged = benign.filter((s) => s >= threshold).length;
      expect(flagged / benign.length).toBeLessThanOrEqual(0.05);
    }
  });
});

describe("figures", () => {
  it("count recall, false alarms and precision from judged rows", () => {
    const judged = [
      { row: { label: "acute" as const }, flagged: true },
      { row: { label: "acute" as const }, flagged: false },
      { row: { label: "none" as const }, flagged: true },
      { row: { label: "none" as const }, flagged: false },
      { row: { label: "none" as const }, flagged: false },
      { row: { label: "none" as const }, flagged: false },
    ];
    expect(figures(judged)).toMatchObject({ acute: 2, benign: 4, recall: 0.5, falseAlarm: 0.25, precision: 0.5 });
  });
});
