import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { MODEL_FILE, trainedModelFile } from "./train.js";

describe("the shipped weights", () => {
  // Trains the model once (several seconds): weights that no longer match the corpus, or a
  // training that stopped being deterministic, fail here rather than in production.
  it("are exactly what training/crisis/train.ts makes from the committed corpus", () => {
    expect(trainedModelFile() === fs.readFileSync(MODEL_FILE, "utf8")).toBe(true);
  }, 600_000);
});
