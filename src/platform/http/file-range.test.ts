import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRange, startsAtZero } from "./file-range.js";

describe("byte ranges", () => {
  it.each([
    [undefined, 100, { kind: "whole" }],
    ["bytes=0-9", 100, { kind: "partial", start: 0, end: 9 }],
    ["bytes=90-", 100, { kind: "partial", start: 90, end: 99 }],
    ["bytes=-10", 100, { kind: "partial", start: 90, end: 99 }],
    ["bytes=-500", 100, { kind: "partial", start: 0, end: 99 }],
    ["bytes=50-5000", 100, { kind: "partial", start: 50, end: 99 }],
    ["bytes=100-", 100, { kind: "unsatisfiable" }],
    ["bytes=100-200", 100, { kind: "unsatisfiable" }],
    ["bytes=-0", 100, { kind: "unsatisfiable" }],
    ["bytes=9-3", 100, { kind: "whole" }],
    ["bytes=0-1,5-6", 100, { kind: "whole" }],
    ["octets=0-1", 100, { kind: "whole" }],
    ["bytes=-", 100, { kind: "whole" }],
  ])("%s on %i bytes → %j", (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it("counts a start from byte 0 only", () => {
    expect(startsAtZero(undefined)).toBe(true);
    expect(startsAtZero("bytes=0-")).toBe(true);
    expect(startsAtZero("bytes=0-1")).toBe(true);
    expect(startsAtZero("bytes=1-")).toBe(false);
    expect(startsAtZero("bytes=-100")).toBe(false);
  });

  it("always answers inside the file for a satisfiable range", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.nat(), fc.nat(), (size, a, b) => {
        const r = parseRange(`bytes=${a % size}-${(a % size) + b}`, size);
        expect(r.kind).toBe("partial");
        if (r.kind === "partial") {
          expect(r.start).toBe(a % size);
          expect(r.end).toBe(Math.min(size - 1, (a % size) + b));
        }
      }),
    );
  });
});
