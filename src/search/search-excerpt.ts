import { foldText } from "../platform/db/dialect.js";
import { matcherOf, type SearchQuery } from "../platform/search/search-query.js";

/** A piece of an excerpt: matched words are marked (the view wraps them in <mark>). */
export type ExcerptPart = { text: string; match: boolean };

const EXCERPT_WORDS = 32;
const WORDS_BEFORE_MATCH = 8;
const WORD = /[\p{L}\p{N}]+/gu;

const collapse = (s: string) => s.replace(/\s+/g, " ");

// Words as written, folded: remembered across excerpts like stems are (see french-text.ts).
const FOLDED_REMEMBERED = 100_000;
const folded = new Map<string, string>();
function foldedOf(word: string): string {
  let f = folded.get(word);
  if (f === undefined) {
    f = foldText(word);
    if (folded.size >= FOLDED_REMEMBERED) folded.clear();
    folded.set(word, f);
  }
  return f;
}

/**
 * About thirty words of the text around its first match, the matching words marked; plain text
 * only. Words are read one at a time and reading stops at the excerpt's end, and a word that comes
 * back is matched once: a result page reads twelve whole stories otherwise.
 */
export function excerptOf(text: string, query: SearchQuery): ExcerptPart[] {
  const matcher = matcherOf(query);
  const seen = new Map<string, boolean>();
  const isMatch = (word: string) => {
    let found = seen.get(word);
    if (found === undefined) {
      found = matcher(foldedOf(word));
      seen.set(word, found);
    }
    return found;
  };
  const re = new RegExp(WORD);
  // The last few words before the first match; without a match, the text's beginning.
  let window: RegExpExecArray[] = [];
  let matched = false;
  for (let w = re.exec(text); w; w = re.exec(text)) {
    window.push(w);
    if (isMatch(w[0])) {
      matched = true;
      window = window.slice(-(WORDS_BEFORE_MATCH + 1));
      break;
    }
    if (window.length > WORDS_BEFORE_MATCH + EXCERPT_WORDS) window = window.slice(-(WORDS_BEFORE_MATCH + 1));
  }
  if (!matched) {
    re.lastIndex = 0;
    window = [];
  }
  for (let w = window.length < EXCERPT_WORDS ? re.exec(text) : null; w; w = window.length < EXCERPT_WORDS ? re.exec(text) : null) window.push(w);
  const words = window.slice(0, EXCERPT_WORDS);
  const from = words[0]?.index ?? 0;
  const last = words[words.length - 1];
  const to = last ? last.index + last[0].length : text.length;

  const parts: ExcerptPart[] = [];
  if (from > 0) parts.push({ text: "… ", match: false });
  let at = from;
  for (const w of words) {
    if (!isMatch(w[0])) continue;
    if (w.index > at) parts.push({ text: collapse(text.slice(at, w.index)), match: false });
    parts.push({ text: w[0], match: true });
    at = w.index + w[0].length;
  }
  if (to > at) parts.push({ text: collapse(text.slice(at, to)), match: false });
  if (to < text.length) parts.push({ text: " …", match: false });
  return parts;
}
