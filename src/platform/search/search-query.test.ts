import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { indexTerms } from "./french-text.js";
import { MAX_TERMS, parseSearchQuery, toFts5Match, toTsQuery } from "./search-query.js";

const hostile = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('"', "«", "»", "*", "-", "(", ")", ":", "^", "'", "NEAR", "AND", "OR", "NOT", "é", "Œ", " ", "\u0000", "\\", ";", "<", "&", "|", "!"), maxLength: 200 }),
);

describe("the search query parser", () => {
  it("stems and folds words the way the index does, so hopitaux meets hôpital and therapie meets thérapies", () => {
    expect(parseSearchQuery("hopitaux").terms).toEqual([{ type: "word", stem: indexTerms("hôpital") }]);
    expect(parseSearchQuery("therapie").terms).toEqual([{ type: "word", stem: indexTerms("thérapies") }]);
  });

  it("reads text in double or French quotes as a phrase, an unclosed quote running to the end", () => {
    expect(parseSearchQuery('"long chemin" travail').terms).toEqual([
      { type: "phrase", stems: indexTerms("long chemin").split(" ") },
      { type: "word", stem: indexTerms("travail") },
    ]);
    expect(parseSearchQuery("« entendre des voix").terms).toEqual([{ type: "phrase", stems: indexTerms("entendre voix").split(" ") }]);
  });

  it("keeps a starred word as a folded prefix, and a too-short one as a word", () => {
    expect(parseSearchQuery("Thérap*").terms).toEqual([{ type: "prefix", prefix: "therap" }]);
    expect(parseSearchQuery("ab*").terms).toEqual([{ type: "word", stem: "ab" }]);
  });

  it("drops words too common to search and keeps nothing from punctuation alone", () => {
    expect(parseSearchQuery("le la les de").terms).toEqual([]);
    expect(parseSearchQuery('"" * ** -- ()').terms).toEqual([]);
  });

  it("never throws on any input, and gives both databases a query made of plain words only", () => {
    fc.assert(
      fc.property(hostile, (input) => {
        const query = parseSearchQuery(input);
        expect(query.terms.length).toBeLessThanOrEqual(MAX_TERMS);
        // Only our own syntax around [a-z0-9] words: nothing typed reaches FTS5 or to_tsquery as syntax.
        expect(toFts5Match(query)).toMatch(/^("[a-z0-9]+( [a-z0-9]+)*"\*?( |$))*$/);
        expect(toTsQuery(query)).toMatch(/^(([a-z0-9]+(:\*)?|\([a-z0-9]+( <-> [a-z0-9]+)+\))( & |$))*$/);
      }),
      { numRuns: 2000 },
    );
  });
});
