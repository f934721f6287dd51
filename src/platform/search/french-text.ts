import snowball from "snowball-stemmers";
import { foldText } from "../db/dialect.js";

/**
 * French text as the search index sees it, the same for a story and for a query and on both
 * databases: folded (lower case, no accents, ligatures split), cut into words, short function
 * words dropped, each word reduced to its Snowball stem. Folding comes before stemming so that
 * "therapie" and "thérapies" reach the same stem whether or not the accents were typed.
 */

const stemmer = snowball.newStemmer("french");

// Words too common to tell stories apart; dropped on both sides, so phrases still line up.
const STOP_WORDS = new Set(
  "au aux avec ce ces dans de des du elle en et eux il ils je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous est sont etre ete cette cet".split(" "),
);

const WORD = /[a-z0-9]+/g;

/** The folded words of a text, in order (stop words and one-letter elisions left out). */
export function foldedWords(text: string): string[] {
  const words = foldText(text).match(WORD) ?? [];
  return words.filter((w) => w.length > 1 && !STOP_WORDS.has(w));
}

// Stemming was most of a search's time (every word of each result's excerpt) and of indexing; a
// language has far fewer words than its texts, so stems are remembered. A plain map read is the
// cheapest lookup there is; past its bound the memo starts over rather than track recency.
const STEMS_REMEMBERED = 100_000;
const stems = new Map<string, string>();

export function stemOf(foldedWord: string): string {
  // Numbers and long runs are kept as they are: the stemmer is for words.
  if (/\d/.test(foldedWord) || foldedWord.length > 40) return foldedWord;
  let stem = stems.get(foldedWord);
  if (stem === undefined) {
    stem = stemmer.stem(foldedWord);
    if (stems.size >= STEMS_REMEMBERED) stems.clear();
    stems.set(foldedWord, stem);
  }
  return stem;
}

/** The stems of a text, space-separated: what the index stores and phrases are matched against. */
export function indexTerms(text: string): string {
  return foldedWords(text).map(stemOf).join(" ");
}

/** Plain text of rendered HTML (markdown-it output: tags and the five entities it escapes). */
export function plainTextOf(html: string): string {
  return html
    .replace(/<\/(p|h\d|li|blockquote)>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/[ \t]+/g, " ")
    .replace(/\n\s*/g, "\n")
    .trim();
}
