import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateReceipt, hashReceipt, parseReceipt, RECEIPT_BITS } from "./receipt.js";

const SALT = Buffer.from("0123456789abcdef0123456789abcdef");

describe("receipts", () => {
  it("carries at least 80 bits of randomness, in five groups of four readable characters", () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(80);
    const receipt = generateReceipt();
    expect(receipt).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  });

  it("never repeats itself and uses every character about as often", () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const r = generateReceipt();
      seen.add(r);
      for (const c of r.replace(/-/g, "")) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(seen.size).toBe(5000);
    expect(counts.size).toBe(32);
    // 100,000 characters over 32 symbols: about 3,125 each.
    for (const n of counts.values()) expect(n).toBeGreaterThan(2700);
  });

  it("reads back what a person types or dictates: case, spaces, dashes and look-alike letters", () => {
    fc.assert(
      fc.property(fc.constant(null).map(generateReceipt), fc.constantFrom(" ", "-", "", "  ", " - "), fc.boolean(), (receipt, sep, lower) => {
        let typed = receipt.replace(/-/g, sep);
        if (lower) typed = typed.toLowerCase();
        typed = typed.replace(/0/g, "O").replace(/1/g, "l");
        return parseReceipt(`  ${typed} `) === receipt;
      }),
    );
  });

  it("refuses anything that cannot be a receipt, without throwing", () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = parseReceipt(value);
        return parsed === null || /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/.test(parsed);
      }),
    );
    expect(parseReceipt("ABCD-EFGH")).toBeNull();
    expect(parseReceipt("UUUU-UUUU-UUUU-UUUU-UUUU")).toBeNull();
    expect(parseReceipt("x".repeat(10_000))).toBeNull();
  });

  it("hashes the same receipt to the same stored value, and different receipts apart", async () => {
    const a = generateReceipt();
    const b = generateReceipt();
    const ha = await hashReceipt(a, SALT);
    expect(await hashReceipt(a, SALT)).toBe(ha);
    expect(await hashReceipt(b, SALT)).not.toBe(ha);
    expect(ha).not.toContain(a.replace(/-/g, ""));
    expect(ha.length).toBeGreaterThanOrEqual(40);
  });
});
