import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { manualClock } from "../../test/support/clock.js";
import { generateReceipt } from "./receipt.js";
import { openReceiptFlash, RECEIPT_FLASH_MINUTES, RecentReceipts, type ReceiptFlash, sealReceiptFlash } from "./receipt-flash.js";
import { isFormToken, newFormToken } from "./submission.js";

const SECRET = "secret-de-cette-instance-0123456789abcdef";
const NOW = new Date("2026-12-04T09:00:00.000Z");

const flashes = fc.record<ReceiptFlash>({
  receipt: fc.constant(null).map(() => generateReceipt()),
  sent: fc.boolean(),
  hasCrisisSignal: fc.boolean(),
  audio: fc.option(fc.record({ mustListen: fc.boolean() }), { nil: null }),
  formToken: fc.constant(null).map(() => newFormToken()),
});

describe("the sealed receipt on its way to the page that shows it", () => {
  it("opens as it was sealed, with the same secret, before it expires", () => {
    fc.assert(
      fc.property(flashes, (flash) => {
        const sealed = sealReceiptFlash(SECRET, flash, NOW);
        expect(openReceiptFlash(SECRET, sealed, new Date(NOW.getTime() + (RECEIPT_FLASH_MINUTES * 60_000 - 1)))).toEqual(flash);
        // Ciphertext only: the receipt is nowhere in the cookie, in any spelling.
        expect(sealed).not.toContain(flash.receipt);
        expect(sealed).not.toContain(flash.receipt.replace(/-/g, ""));
      }),
      { numRuns: 100 },
    );
  });

  it("opens to nothing once expired, under another instance's secret, or altered in any character", () => {
    fc.assert(
      fc.property(flashes, fc.nat(), fc.integer({ min: 0, max: 63 }), (flash, at, bit) => {
        const sealed = sealReceiptFlash(SECRET, flash, NOW);
        expect(openReceiptFlash(SECRET, sealed, new Date(NOW.getTime() + RECEIPT_FLASH_MINUTES * 60_000 + 1))).toBeNull();
        expect(openReceiptFlash(`${SECRET}-autre`, sealed, NOW)).toBeNull();
        const i = at % sealed.length;
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        const swapped = alphabet[bit] === sealed[i] ? alphabet[(bit + 1) % 64] : alphabet[bit];
        const altered = `${sealed.slice(0, i)}${swapped}${sealed.slice(i + 1)}`;
        // The last character may carry unused bits of base64url: changing them changes no byte.
        if (Buffer.from(altered, "base64url").equals(Buffer.from(sealed, "base64url"))) return;
        expect(openReceiptFlash(SECRET, altered, NOW)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it("never throws on whatever a cookie may hold, and opens none of it", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 3000 }), fc.base64String({ maxLength: 400 }), fc.constant(undefined)), (value) => {
        expect(openReceiptFlash(SECRET, value, NOW)).toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

describe("receipts made in the last minutes", () => {
  it("gives a form's sealed receipt back until it is shown or expires", () => {
    const clock = manualClock(NOW.toISOString());
    const recent = new RecentReceipts(clock);
    recent.remember("jeton-a", "scelle-a", 1);
    recent.remember("jeton-b", "scelle-b", 2);
    expect(recent.find("jeton-a")).toEqual({ sealed: "scelle-a", submissionId: 1 });
    recent.forget("jeton-a");
    expect(recent.find("jeton-a")).toBeNull();
    clock.advance(RECEIPT_FLASH_MINUTES + 1);
    expect(recent.find("jeton-b")).toBeNull();
  });

  it("stays bounded however many forms are sent", () => {
    const recent = new RecentReceipts(manualClock(NOW.toISOString()));
    for (let i = 0; i < 6_000; i++) recent.remember(`jeton-${i}`, "scelle", i);
    expect(recent.find("jeton-0")).toBeNull();
    expect(recent.find("jeton-5999")).toEqual({ sealed: "scelle", submissionId: 5999 });
  });
});

describe("the one-time token of a contribution form", () => {
  it("is 128 random bits, and only its own shape is accepted", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => newFormToken()));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(isFormToken(token)).toBe(true);
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (value) => {
        expect(isFormToken(value)).toBe(/^[A-Za-z0-9_-]{22}$/.test(value));
      }),
    );
  });
});
