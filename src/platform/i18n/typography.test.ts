import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frenchTypography, NBSP, NNBSP } from "./typography.js";

// Spacing the function may add, remove or swap: ordinary space, tab, no-break and narrow no-break.
const SPACING = /[ \t\u00a0\u202f]/g;
const withoutSpacing = (s: string) => s.replace(SPACING, "");

// Characters that exercise every rule, so collisions between rules are found quickly.
const typographyText = fc.string({
  unit: fc.constantFrom("a", "é", "Z", "1", " ", " ", NBSP, NNBSP, "\t", "\n", "!", "?", ";", ":", "«", "»", "(", ")", "/", ".", "-"),
  maxLength: 40,
});

// Any text: full Unicode, plus UTF-16 code units on their own (lone surrogates included).
const anyText = fc.oneof(
  typographyText,
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
);

const word = fc.string({ unit: fc.constantFrom(..."abcdeéèçàXYZ0123456789"), minLength: 1, maxLength: 12 });

describe("frenchTypography", () => {
  it("puts a narrow no-break space before ; ! ? and inside guillemets", () => {
    expect(frenchTypography("Bonjour!")).toBe(`Bonjour${NNBSP}!`);
    expect(frenchTypography("Vraiment ?")).toBe(`Vraiment${NNBSP}?`);
    expect(frenchTypography("Quoi?!")).toBe(`Quoi${NNBSP}?!`);
    expect(frenchTypography("un; deux")).toBe(`un${NNBSP}; deux`);
    expect(frenchTypography("«bonjour»")).toBe(`«${NNBSP}bonjour${NNBSP}»`);
    expect(frenchTypography("«  bonjour  »")).toBe(`«${NNBSP}bonjour${NNBSP}»`);
    expect(frenchTypography("Elle a dit : oui")).toBe(`Elle a dit${NNBSP}: oui`);
  });

  it("leaves times, URLs and emoticons without spaces alone", () => {
    for (const text of ["10:30", "Rendez-vous à 10:30 ce soir", "https://exemple.fr", "Voir https://exemple.fr/page?x=1#haut demain", ";-)", ":)"]) {
      expect(frenchTypography(text)).toBe(text);
    }
  });

  it("is idempotent: applying it twice gives the same text as applying it once", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = frenchTypography(text);
        expect(frenchTypography(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it("changes only spacing: without spaces, tabs and no-break spaces, input and output are the same", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(withoutSpacing(frenchTypography(text))).toBe(withoutSpacing(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("leaves a text with none of ; ! ? : « » unchanged", () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        const text = raw.replace(/[;!?:«»]/g, "");
        expect(frenchTypography(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("puts a narrow no-break space between a word and a following ; ! or ? that ends a sentence", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 10 }),
        word,
        fc.constantFrom(";", "!", "?", "?!", "!!!"),
        fc.constantFrom("", " ", "", NBSP, "\t"),
        fc.option(fc.tuple(fc.constantFrom(" ", "\n"), fc.string({ maxLength: 10 }))),
        (before, w, mark, typedSpace, after) => {
          const text = `${before} ${w}${typedSpace}${mark}${after ? after.join("") : ""}`;
          expect(frenchTypography(text)).toContain(`${w}${NNBSP}${mark}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("never leaves a ; ! or ? that ends a sentence glued to a word, nor an ordinary space before ; ! ? :", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = frenchTypography(text);
        expect(out).not.toMatch(/[\p{L}\p{N})»][;!?]+(?=\s|$)/u);
        expect(out).not.toMatch(/[ \t\u00a0][;!?:]/);
      }),
      { numRuns: 1000 },
    );
  });

  it("always has a narrow no-break space just inside « and »", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = frenchTypography(text);
        for (let i = 0; i < out.length; i++) {
          if (out[i] === "«") expect(out[i + 1]).toBe(NNBSP);
          if (out[i] === "»") expect(out[i - 1]).toBe(NNBSP);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("never changes a time written hh:mm, alone or inside a sentence", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const time = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
        expect(frenchTypography(time)).toBe(time);
        expect(frenchTypography(`Rendez-vous à ${time} devant la gare`)).toBe(`Rendez-vous à ${time} devant la gare`);
      }),
      { numRuns: 300 },
    );
  });

  it("never changes a web address that does not end with a punctuation mark", () => {
    // A final ; ! ? : cannot be told apart from the sentence's own punctuation, and is spaced as such.
    const url = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((u) => !/[;!?:]$/.test(u));
    fc.assert(
      fc.property(url, (u) => {
        expect(frenchTypography(u)).toBe(u);
        expect(frenchTypography(`Voir ${u} pour en savoir plus`)).toBe(`Voir ${u} pour en savoir plus`);
      }),
      { numRuns: 500 },
    );
  });

  it("treats a ! right after a web address as the sentence's punctuation", () => {
    expect(frenchTypography("Allez sur https://exemple.fr!")).toBe(`Allez sur https://exemple.fr${NNBSP}!`);
  });

  it("never throws on arbitrary Unicode text and always returns a string", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(typeof frenchTypography(text)).toBe("string");
      }),
      { numRuns: 1000 },
    );
  });
});
