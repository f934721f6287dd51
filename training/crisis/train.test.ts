import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const TRAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "train.ts");

describe("the shipped weights", () => {
  // Trains the model once (tens of seconds), in a child process: training is synchronous, and in
  // the test worker it would block the worker's event loop long enough for Vitest to give up on
  // it on a busy machine. Weights that no longer match the corpus, or a training that stopped
  // being deterministic, fail here rather than in production.
  it("are exactly what training/crisis/train.ts makes from the committed corpus", async () => {
    const { stdout } = await run(process.execPath, ["--import", "tsx", TRAIN, "--check"], { maxBuffer: 1 << 20 }).catch((error: { stdout?: string }) => ({
      stdout: error.stdout ?? "",
    }));
    expect(stdout).toBe("The committed weights are what this script produces.\n");
  }, 600_000);
});
