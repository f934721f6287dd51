import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createLruCache } from "./lru-cache.js";

type Op = { kind: "get"; key: string } | { kind: "set"; key: string; size: number } | { kind: "delete"; key: string };

const key = fc.constantFrom("a", "b", "c", "d", "e", "f", "g");
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("get" as const), key }),
  fc.record({ kind: fc.constant("set" as const), key, size: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant("delete" as const), key }),
);

describe("createLruCache", () => {
  it("behaves like a list ordered by last use, trimmed from its oldest end past its limits", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 100 }), (ops, maxEntries, maxBytes) => {
        const cache = createLruCache<number>({ maxEntries, maxBytes, sizeOf: (size) => size });
        // The model: [key, size] from least to most recently used.
        let model: Array<[string, number]> = [];
        for (const o of ops) {
          const found = model.find(([k]) => k === o.key);
          if (o.kind === "get") {
            expect(cache.get(o.key)).toBe(found?.[1]);
            if (found) model = [...model.filter(([k]) => k !== o.key), found];
          } else if (o.kind === "delete") {
            cache.delete(o.key);
            model = model.filter(([k]) => k !== o.key);
          } else {
            cache.set(o.key, o.size);
            model = model.filter(([k]) => k !== o.key);
            if (o.size <= maxBytes) model.push([o.key, o.size]);
            while (model.length > maxEntries || model.reduce((sum, [, size]) => sum + size, 0) > maxBytes) model.shift();
          }
        }
        // Reading changes the order, so every key is read only once the operations are done.
        for (const k of ["a", "b", "c", "d", "e", "f", "g"]) expect(cache.get(k)).toBe(model.find(([m]) => m === k)?.[1]);
      }),
      { numRuns: 1_000 },
    );
  });
});
