import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { etagOf } from "./page-cache.js";

// Well-formed text only: a lone surrogate is sent as U+FFFD, so two such texts are the same bytes.
const page = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), fc.constantFrom("", " ", "<!doctype html>", "a".repeat(100_000)));

describe("etagOf", () => {
  it("is a weak tag of 22 URL-safe base64 characters", () => {
    fc.assert(
      fc.property(page, (body) => {
        expect(etagOf(body)).toMatch(/^W\/"[A-Za-z0-9_-]{22}"$/);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same tag for the same page, as text or as bytes", () => {
    fc.assert(
      fc.property(page, (body) => {
        expect(etagOf(body)).toBe(etagOf(body));
        expect(etagOf(Buffer.from(body, "utf8"))).toBe(etagOf(body));
      }),
      { numRuns: 500 },
    );
  });

  it("gives different tags to different pages", () => {
    fc.assert(
      fc.property(fc.uniqueArray(page, { minLength: 2, maxLength: 30 }), (bodies) => {
        expect(new Set(bodies.map(etagOf)).size).toBe(bodies.length);
      }),
      { numRuns: 300 },
    );
  });

  it("changes when a single character of a page changes", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 500 }), fc.nat(), fc.integer({ min: 0x20, max: 0x7e }), (body, at, code) => {
        const i = at % body.length;
        const changed = body.slice(0, i) + String.fromCharCode(code) + body.slice(i + 1);
        fc.pre(changed !== body);
        expect(etagOf(changed)).not.toBe(etagOf(body));
      }),
      { numRuns: 500 },
    );
  });
});
