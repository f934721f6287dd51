import { foldedWords, stemOf } from "./french-text.js";

/**
 * What a reader typed in the search box, understood once: words (stemmed), prefixes ("thérap*",
 * folded but not stemmed: a prefix is not a word) and phrases in double quotes (stemmed words that
 * must follow each other). Anything else is a separator, so no input can break the query language
 * of either database: every term is made of [a-z0-9] only. Terms are all required (AND).
 */
export type SearchTerm = { type: "word"; stem: string } | { type: "prefix"; prefix: string } | { type: "phrase"; stems: string[] };

export type SearchQuery = { terms: SearchTerm[] };

/** Past these, a query is cut: longer ones cost the database more and help nobody. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_TERMS = 8;
const MIN_PREFIX = 3;

export function parseSearchQuery(input: string): SearchQuery {
  const text = input.slice(0, MAX_QUERY_LENGTH);
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  const add = (term: SearchTerm) => {
    const key = JSON.stringify(term);
    if (terms.length < MAX_TERMS && !seen.has(key)) {
      seen.add(key);
      terms.push(term);
    }
  };
  // Quoted parts first (an unclosed quote runs to the end), then what lies between them.
  const pieces = text.split(/["«»“”]/);
  pieces.forEach((piece, i) => {
    if (i % 2 === 1) {
      const stems = foldedWords(piece).map(stemOf);
      if (stems.length === 1) add({ type: "word", stem: stems[0] as string });
      else if (stems.length > 1) add({ type: "phrase", stems: stems.slice(0, 12) });
      return;
    }
    for (const chunk of piece.split(/\s+/)) {
      const isPrefix = /\*$/.test(chunk);
      const words = foldedWords(chunk);
      words.forEach((word, j) => {
        if (isPrefix && j === words.length - 1) {
          if (word.length >= MIN_PREFIX) add({ type: "prefix", prefix: word });
          else add({ type: "word", stem: stemOf(word) });
        } else add({ type: "word", stem: stemOf(word) });
      });
    }
  });
  return { terms };
}

/** FTS5's query syntax: each term in double quotes (our terms hold no quote), prefixes starred. */
export function toFts5Match(query: SearchQuery): string {
  return query.terms
    .map((t) => (t.type === "word" ? `"${t.stem}"` : t.type === "prefix" ? `"${t.prefix}"*` : `"${t.stems.join(" ")}"`))
    .join(" ");
}

/** PostgreSQL's to_tsquery syntax, over the same stems (read with the 'simple' configuration). */
export function toTsQuery(query: SearchQuery): string {
  return query.terms
    .map((t) => (t.type === "word" ? t.stem : t.type === "prefix" ? `${t.prefix}:*` : `(${t.stems.join(" <-> ")})`))
    .join(" & ");
}

/** Whether a folded word of a text is one the query looks for (to highlight it). */
export function matcherOf(query: SearchQuery): (foldedWord: string) => boolean {
  const stems = new Set<string>();
  const prefixes: string[] = [];
  for (const t of query.terms) {
    if (t.type === "word") stems.add(t.stem);
    else if (t.type === "phrase") for (const s of t.stems) stems.add(s);
    else prefixes.push(t.prefix);
  }
  return (word) => stems.has(stemOf(word)) || prefixes.some((p) => word.startsWith(p) || stemOf(word).startsWith(p));
}
