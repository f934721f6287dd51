import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type LabelledRow, loadCorpus, writersOf } from "./corpus.js";
import { leaveOneWriterOut, prepare, thresholdModelsNeeded } from "./detector-training.js";
import { leaveOneWriterOutOnCores } from "./lowo-cores.js";

describe("leave-one-writer-out on several cores", () => {
  let training: LabelledRow[];
  let frozen: LabelledRow[];
  let one: ReturnType<typeof leaveOneWriterOut>;
  beforeAll(() => {
    const all = loadCorpus();
    const writers = new Set(writersOf(all).slice(0, 5));
    const rows = all.filter((r) => writers.has(r.writer)).filter((_, i) => i % 8 === 0);
    training = rows.filter((r) => !r.frozen);
    frozen = rows.filter((r) => r.frozen);
    one = leaveOneWriterOut(prepare(training), prepare(frozen));
  }, 120_000);

  // Training is deterministic, so sharing the writers among processes must change nothing, order included.
  it("judges every row as one process does, in the same order", async () => {
    const shared = await leaveOneWriterOutOnCores(training, frozen, 2);
    expect(one.judged.length).toBeGreaterThan(100);
    expect(one.extraJudged.length).toBeGreaterThan(10);
    expect(shared).toEqual(one);
  }, 120_000);

  it("starts again where a stopped run was, and afresh when the rows change", async () => {
    const keepIn = fs.mkdtempSync(path.join(os.tmpdir(), "entrepairs-lowo-"));
    try {
      expect(await leaveOneWriterOutOnCores(training, frozen, 2, keepIn)).toEqual(one);
      const [folder, ...others] = fs.readdirSync(keepIn);
      expect(others).toEqual([]);
      const kept = path.join(keepIn, folder as string);
      const thresholdModels = thresholdModelsNeeded(writersOf(training)).map((without) => `threshold-model-without-${without.join("-")}.json`);
      expect(fs.readdirSync(kept).sort()).toEqual([...writersOf(training).map((w) => `${w}.json`), ...thresholdModels].sort());

      // A stopped run: one writer not judged yet, another's result read back from its file.
      const [first, second] = writersOf(training) as [string, string];
      fs.rmSync(path.join(kept, `${first}.json`));
      const forged = JSON.parse(fs.readFileSync(path.join(kept, `${second}.json`), "utf8"));
      forged.judged[0].score = -1;
      fs.writeFileSync(path.join(kept, `${second}.json`), JSON.stringify(forged));
      const resumed = await leaveOneWriterOutOnCores(training, frozen, 2, keepIn);
      expect(resumed.judged.find((j) => j.row.writer === second)?.score).toBe(-1);
      expect(resumed.judged.filter((j) => j.row.writer === first)).toEqual(one.judged.filter((j) => j.row.writer === first));

      // Other rows: another fingerprint, and the old results go.
      const fewer = training.slice(1);
      expect(await leaveOneWriterOutOnCores(fewer, frozen, 2, keepIn)).toEqual(leaveOneWriterOut(prepare(fewer), prepare(frozen)));
      expect(fs.readdirSync(keepIn)).not.toContain(folder);
    } finally {
      fs.rmSync(keepIn, { recursive: true, force: true });
    }
  }, 240_000);
});
