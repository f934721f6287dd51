import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldText } from "../platform/db/dialect.js";
import { type ExcerptPart, excerptOf } from "./search-excerpt.js";
import { matcherOf, parseSearchQuery, type SearchQuery } from "../platform/search/search-query.js";

/** The excerpt read the plain way: every word of the whole text, then the thirty-two around the first match. */
function referenceExcerpt(text: string, query: SearchQuery): ExcerptPart[] {
  const isMatch = matcherOf(query);
  const flat = text.replace(/\s+/g, " ");
  const words = [...flat.matchAll(/[\p{L}\p{N}]+/gu)];
  const first = words.findIndex((w) => isMatch(foldText(w[0])));
  const startWord = Math.max(0, Math.max(first, 0) - 8);
  const from = words[startWord]?.index ?? 0;
  const lastWord = words[Math.min(words.length - 1, startWord + 31)];
  const to = lastWord ? (lastWord.index ?? 0) + lastWord[0].length : flat.length;
  const parts: ExcerptPart[] = [];
  if (from > 0) parts.push({ text: "… ", match: false });
  let at = from;
  for (const w of words.slice(startWord, startWord + 32)) {
    const i = w.index ?? 0;
    if (!isMatch(foldText(w[0]))) continue;
    if (i > at) parts.push({ text: flat.slice(at, i), match: false });
    parts.push({ text: w[0], match: true });
    at = i + w[0].length;
  }
  if (to > at) parts.push({ text: flat.slice(at, to), match: false });
  if (to < flat.length) parts.push({ text: " …", match: false });
  return parts;
}

const vocabulary = ["hôpital", "hopitaux", "thérapie", "soin", "soins", "Œuvre", "la", "de", "voix", "entendre", "2024", "l'équipe", "aujourd’hui"];
const text = fc
  .array(fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 12 }), fc.constantFrom(" ", "\n\n", ". ", " , ", "\t", "…")), { maxLength: 160 })
  .map((parts) => parts.join(" "));
const query = fc.oneof(fc.constantFrom("hôpital", "therapie", "soin*", '"entendre des voix"', "voix 2024", "œuvre", "absent"), fc.string({ maxLength: 20 })).map(parseSearchQuery);

describe("search result excerpts", () => {
  it("are the thirty-two words around the first match, matches marked, the same as reading the whole text", () => {
    fc.assert(
      fc.property(text, query, (t, q) => {
        expect(excerptOf(t, q)).toEqual(referenceExcerpt(t, q));
      }),
      { numRuns: 500 },
    );
  });

  it("start a few words before a match deep in a long text, with ellipses on both sides", () => {
    const long = `${"Un début sans rapport. ".repeat(400)}Puis l'hôpital de jour m'a aidée. ${"Une suite. ".repeat(400)}`;
    const parts = excerptOf(long, parseSearchQuery("hopitaux"));
    expect(parts[0]).toEqual({ text: "… ", match: false });
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(["hôpital"]);
    expect(parts[parts.length - 1]).toEqual({ text: " …", match: false });
    const words = parts.map((p) => p.text).join("").match(/[\p{L}]+/gu) ?? [];
    expect(words.length).toBe(32);
  });
});
