import { describe, expect, it } from "vitest";
import { assessCrisisSignal, type CrisisModel, loadModel } from "../../src/safety/crisis-signal.js";
import model from "../../src/safety/crisis-signal.model.json" with { type: "json" };
import network from "../../src/safety/crisis-signal.network.json" with { type: "json" };
import type { NetworkFile } from "../../src/safety/crisis-signal.network.js";
import { type LabelledRow, loadCorpus } from "./corpus.js";
import { chooseThreshold, figures, lowoGroups, lowoThresholdScores, type Prepared, prepare, rowScore, type ThresholdModelScores, thresholdModelsNeeded } from "./detector-training.js";
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

describe("leave-one-writer-out thresholds", () => {
  // Each score names the model that gave it, so the test can see which model scored which row.
  for (const writerCount of [3, 8, 13, 20]) {
    it(`come, for each of ${writerCount} writers, from models that saw neither that writer nor the one scored`, () => {
      const writers = Array.from({ length: writerCount }, (_, i) => `w${String(i).padStart(2, "0")}`);
      const prepared: Prepared[] = writers.flatMap((writer) =>
        ["acute", "none", "none"].map((label) => ({ row: { ...row(`${writer} ${label}`), writer, label: label as "acute" | "none" }, windows: [], words: [], alone: [], aloneWords: [] })),
      );
      const groupOf = lowoGroups(writers);
      const needed = thresholdModelsNeeded(writers);
      const scored: ThresholdModelScores[] = needed.map((without, m) => ({
        without,
        scores: prepared.filter((p) => without.includes(groupOf.get(p.row.writer) as number)).map(() => m),
      }));
      for (const writer of writers) {
        const scores = lowoThresholdScores(prepared, writer, scored);
        expect(scores.map((s) => s.row.text).sort()).toEqual(prepared.filter((p) => p.row.writer !== writer).map((p) => p.row.text).sort());
        for (const s of scores) {
          const without = needed[s.score] as number[];
          expect(without).toContain(groupOf.get(writer));
          expect(without).toContain(groupOf.get(s.row.writer));
          // The fewest writers left out for that: one group when both share it, two otherwise.
          expect(without.length).toBe(groupOf.get(writer) === groupOf.get(s.row.writer) ? 1 : 2);
        }
      }
    });
  }
});
