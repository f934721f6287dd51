import { describe, expect, it } from "vitest";
import { loadCorpus, writersOf } from "./corpus.js";
import { leaveOneWriterOut, prepare } from "./detector-training.js";
import { leaveOneWriterOutOnCores } from "./lowo-cores.js";

describe("leave-one-writer-out on several cores", () => {
  // Training is deterministic, so sharing the writers among processes must change nothing, order included.
  it("judges every row as one process does, in the same order", async () => {
    const all = loadCorpus();
    const writers = new Set(writersOf(all).slice(0, 5));
    const rows = all.filter((r) => writers.has(r.writer)).filter((_, i) => i % 8 === 0);
    const training = rows.filter((r) => !r.frozen);
    const frozen = rows.filter((r) => r.frozen);
    const one = leaveOneWriterOut(prepare(training), prepare(frozen));
    const shared = await leaveOneWriterOutOnCores(training, frozen, 2);
    expect(one.judged.length).toBeGreaterThan(100);
    expect(one.extraJudged.length).toBeGreaterThan(10);
    expect(shared).toEqual(one);
  }, 120_000);
});
