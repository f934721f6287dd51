import { describe, expect, it } from "vitest";
import { createListenCounter } from "./listen-counter.js";

describe("the listen and read counter", () => {
  it("counts a client once a day, and again from the very millisecond midnight strikes in Paris, summer and winter", () => {
    const counter = createListenCounter<string>();
    // 23:59:59.999 then 00:00:00.000 in Paris: UTC+1 in winter, UTC+2 in summer.
    for (const [before, after] of [
      ["2026-12-03T22:59:59.999Z", "2026-12-03T23:00:00.000Z"],
      ["2026-07-03T21:59:59.999Z", "2026-07-03T22:00:00.000Z"],
    ] as const) {
      expect(counter.record("10.0.0.1", "recit", new Date(before))).toBe(true);
      expect(counter.record("10.0.0.1", "recit", new Date(before))).toBe(false);
      expect(counter.record("10.0.0.1", "recit", new Date(after))).toBe(true);
      expect(counter.record("10.0.0.1", "recit", new Date(after))).toBe(false);
    }
    expect(counter.drain().map((r) => [r.day, r.count])).toEqual([
      ["2026-12-03", 1],
      ["2026-12-04", 1],
      ["2026-07-03", 1],
      ["2026-07-04", 1],
    ]);
  });
});
