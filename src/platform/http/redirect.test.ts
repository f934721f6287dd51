import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect.js";

const BASE = "http://entrepairs.invalid";

describe("redirect targets", () => {
  it.each([
    ["/temoignages", "/temoignages"],
    ["/temoignages?page=2", "/temoignages?page=2"],
    ["/%E2%82%AC", "/%E2%82%AC"],
    ["/€", "/"],
    ["/a b", "/"],
    ["/\u0000", "/"],
    ["/\u007f", "/"],
    ["//ailleurs.example", "/"],
    ["/\\ailleurs.example", "/"],
    ["https://ailleurs.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/\ud800", "/"],
    ["", "/"],
  ])("%j → %j", (input, expected) => {
    expect(safeRedirectPath(input, "/")).toBe(expected);
  });

  it("keeps a return address inside the part of the site it is for", () => {
    expect(safeRedirectPath("/admin/temoignages", "/admin", "/admin")).toBe("/admin/temoignages");
    expect(safeRedirectPath("/admin?x=1", "/admin", "/admin")).toBe("/admin?x=1");
    expect(safeRedirectPath("/administrateurs", "/admin", "/admin")).toBe("/admin");
    expect(safeRedirectPath("/temoignages", "/admin", "/admin")).toBe("/admin");
  });

  it("always gives a same-site path that a Location header can carry, whatever it is given", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }).map((s) => `/${s}`), fc.webPath()), (input) => {
        const out = safeRedirectPath(input, "/");
        expect(out).toMatch(/^\/(?![/\\])[\x21-\x7E]*$/);
        expect(out).not.toContain("\\");
        expect(new URL(out, BASE).origin).toBe(BASE);
        // What Node accepts in a header.
        expect(() => new Headers({ location: out })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
