/**
 * Tokenizing for the crisis-signal detector: sentences (with their place in the original text),
 * clauses and quotations, and the words of each, normalised by crisis-signal.normalise.ts.
 * Everything here is linear in the length of the text.
 */

import { contraction, EXPANSIONS, fold, withoutRepeats } from "./crisis-signal.normalise.js";

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const PICTOGRAPH_RE = /\p{Extended_Pictographic}/u;
const WORD = 1;
const PICTOGRAPH = 2;
const OTHER = 3;
const classCache = new Map<string, number>(); // non-ASCII character → WORD, PICTOGRAPH or OTHER

function classOf(ch: string): number {
  let found = classCache.get(ch);
  if (found === undefined) {
    found = WORD_CHAR_RE.test(ch) ? WORD : PICTOGRAPH_RE.test(ch) ? PICTOGRAPH : OTHER;
    if (classCache.size < 10_000) classCache.set(ch, found);
  }
  return found;
}

// What a non-word character does: end a sentence, cut a clause, open or close a quotation.
const SENTENCE = 1;
const CLAUSE = 2;
const QUOTE = 3;
const PUNCTUATION = new Map<number, number>([
  [0x2e, SENTENCE], // .
  [0x21, SENTENCE], // !
  [0x3f, SENTENCE], // ?
  [0x3b, SENTENCE], // ;
  [0x0a, SENTENCE], // line feed
  [0x0d, SENTENCE], // carriage return
  [0x2026, SENTENCE], // …
  [0xff01, SENTENCE], // full-width !
  [0xff1f, SENTENCE], // full-width ?
  [0x3002, SENTENCE], // ideographic full stop
  [0x2c, CLAUSE], // ,
  [0x3a, CLAUSE], // :
  [0x28, CLAUSE], // (
  [0x29, CLAUSE], // )
  [0x5b, CLAUSE], // [
  [0x5d, CLAUSE], // ]
  [0x2013, CLAUSE], // en dash
  [0x2014, CLAUSE], // em dash
  [0x22, QUOTE], // "
  [0xab, QUOTE], // «
  [0xbb, QUOTE], // »
  [0x201c, QUOTE], // “
  [0x201d, QUOTE], // ”
  [0x201e, QUOTE], // „
]);
const CLOSING_QUOTES = new Set([0xbb, 0x201d]);
const ASCII_PUNCTUATION = new Uint8Array(128);
for (const [code, role] of PUNCTUATION) if (code < 128) ASCII_PUNCTUATION[code] = role;

/** One sentence: where it sits in the original text, and its normalised words. */
export type Sentence = {
  start: number;
  end: number;
  words: string[];
  clauseOf: number[]; // per word, counted within the sentence
  quoted: boolean[]; // per word: inside quotation marks (which may open in an earlier sentence)
  /** Per word, its offset in the original text, or -1 when folding changed the sentence's length. */
  offsets: number[];
};

function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

function isSentenceEnd(code: number): boolean {
  return code < 128 ? ASCII_PUNCTUATION[code] === SENTENCE : code === 0x2026 || code === 0xff01 || code === 0xff1f || code === 0x3002;
}

type OpenQuote = { code: number; sentence: number; word: number };

/** A quotation longer than this many sentences is taken for a stray mark: it marks nothing (and costs nothing). */
const LONGEST_QUOTATION = 20;

/** The scanner's state over a whole text: sentences so far, and the sentence being read. */
type Scan = {
  sentences: Sentence[];
  openQuotes: OpenQuote[]; // innermost last
  source: string; // the folded text being read (the whole text, or one sentence of it)
  mapsOffsets: boolean; // source[i] stands for text[base + i]
  base: number;
  start: number; // the current sentence, in the original text
  words: string[];
  clauseOf: number[];
  quoted: boolean[];
  offsets: number[];
  clause: number;
  pending: string | null; // a word followed by an apostrophe and another word
  pendingAt: number;
};

function startSentence(scan: Scan, start: number): void {
  scan.start = start;
  scan.words = [];
  scan.clauseOf = [];
  scan.quoted = [];
  scan.offsets = [];
  scan.clause = 0;
}

function endSentence(scan: Scan, end: number): void {
  if (scan.words.length > 0) {
    scan.sentences.push({ start: scan.start, end, words: scan.words, clauseOf: scan.clauseOf, quoted: scan.quoted, offsets: scan.offsets });
  }
}

function pushWord(scan: Scan, raw: string, at: number): void {
  const piece = withoutRepeats(raw);
  const expanded = piece.length <= 6 ? EXPANSIONS.get(piece) : undefined;
  for (const word of expanded ?? [piece]) {
    scan.words.push(word);
    scan.clauseOf.push(scan.clause);
    scan.quoted.push(false);
    scan.offsets.push(scan.mapsOffsets ? scan.base + at : -1);
  }
}

function isWordAt(source: string, at: number): boolean {
  const code = source.charCodeAt(at);
  if (code < 128) return isAsciiWordChar(code);
  const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
  return classOf(source.slice(at, at + width)) === WORD;
}

function endWord(scan: Scan, from: number, to: number): void {
  const { source } = scan;
  const piece = source.slice(from, to);
  if (scan.pending !== null) {
    const joined = contraction(scan.pending, piece);
    const before = scan.pending;
    scan.pending = null;
    if (joined) {
      for (const word of joined) pushWord(scan, word, scan.pendingAt);
      return;
    }
    pushWord(scan, before, scan.pendingAt);
  }
  if (source.charCodeAt(to) === 0x27 && to + 1 < source.length && isWordAt(source, to + 1)) {
    scan.pending = piece;
    scan.pendingAt = from;
  } else pushWord(scan, piece, from);
}

function flushPending(scan: Scan): void {
  if (scan.pending !== null) pushWord(scan, scan.pending, scan.pendingAt);
  scan.pending = null;
}

/** Marks as quoted the words from an opening mark to the current word of the current sentence. */
function closeQuote(scan: Scan, open: OpenQuote): void {
  const current = scan.sentences.length;
  if (current - open.sentence > LONGEST_QUOTATION) return;
  for (let s = open.sentence; s < current; s++) {
    const quoted = (scan.sentences[s] as Sentence).quoted;
    for (let w = s === open.sentence ? open.word : 0; w < quoted.length; w++) quoted[w] = true;
  }
  for (let w = open.sentence === current ? open.word : 0; w < scan.quoted.length; w++) scan.quoted[w] = true;
}

/**
 * Reads `scan.source` from `from` to `to`: words, clauses and quotation marks. With `splits`,
 * sentence ends start new sentences (at their place in the original text); without, they only
 * cut a clause (folding can reveal a full stop inside a sentence: "․" → ".").
 */
function read(scan: Scan, from: number, to: number, splits: boolean): void {
  const { source } = scan;
  let wordStart = -1;
  let i = from;
  while (i < to) {
    const code = source.charCodeAt(i);
    let width = 1;
    let isWord: boolean;
    let ch = "";
    if (code < 128) isWord = isAsciiWordChar(code);
    else {
      width = code >= 0xd800 && code <= 0xdbff && i + 1 < to ? 2 : 1;
      ch = source.slice(i, i + width);
      isWord = classOf(ch) === WORD;
    }
    if (isWord) {
      if (wordStart < 0) wordStart = i;
      i += width;
      continue;
    }
    if (wordStart >= 0) {
      endWord(scan, wordStart, i);
      wordStart = -1;
    }
    const role = code < 128 ? ASCII_PUNCTUATION[code] : PUNCTUATION.get(code);
    if (role === SENTENCE && splits) {
      flushPending(scan);
      endSentence(scan, scan.base + i);
      startSentence(scan, scan.base + i + 1);
      if (code === 0x0a || code === 0x0d) scan.openQuotes.length = 0; // a paragraph ends: unclosed quotations are forgotten
    } else if (role === CLAUSE || role === SENTENCE) {
      scan.clause += 1;
    } else if (role === QUOTE) {
      const closes = CLOSING_QUOTES.has(code) || (code === 0x22 && scan.openQuotes[scan.openQuotes.length - 1]?.code === 0x22);
      if (closes) {
        const open = scan.openQuotes.pop();
        if (open) closeQuote(scan, open);
      } else if (scan.openQuotes.length < 16) scan.openQuotes.push({ code, sentence: scan.sentences.length, word: scan.words.length });
    } else if (code >= 128 && classOf(ch) === PICTOGRAPH) {
      pushWord(scan, ch, i);
    }
    i += width;
  }
  if (wordStart >= 0) endWord(scan, wordStart, to);
  flushPending(scan);
}

/**
 * The sentences of a text, in one pass. Sentences end at . ! ? ; … and line breaks; clauses at
 * , : ( ) [ ] and dashes. Quotation marks are paired within a paragraph (an unpaired one is
 * ignored), so a quotation may span several sentences.
 */
export function scanSentences(text: string): Sentence[] {
  const folded = fold(text);
  const scan: Scan = {
    sentences: [],
    openQuotes: [],
    source: folded,
    mapsOffsets: folded.length === text.length,
    base: 0,
    start: 0,
    words: [],
    clauseOf: [],
    quoted: [],
    offsets: [],
    clause: 0,
    pending: null,
    pendingAt: 0,
  };
  if (scan.mapsOffsets) {
    // Usual case: folding kept every character in place, so the folded text is read in one go.
    read(scan, 0, folded.length, true);
    endSentence(scan, text.length);
    return scan.sentences;
  }
  // Folding moved characters ("œ" → "oe", "…" → "..."): cut the original into sentences, fold each.
  let from = 0;
  while (from < text.length) {
    let to = from;
    while (to < text.length && !isSentenceEnd(text.charCodeAt(to))) to++;
    const original = text.slice(from, to);
    scan.source = fold(original);
    scan.mapsOffsets = scan.source.length === original.length;
    scan.base = from;
    startSentence(scan, from);
    read(scan, 0, scan.source.length, false);
    endSentence(scan, to);
    const code = text.charCodeAt(to);
    if (code === 0x0a || code === 0x0d) scan.openQuotes.length = 0;
    from = to + 1;
  }
  return scan.sentences;
}

/**
 * The words of a text, normalised as the detector sees them: NFKD, no accents, lower case,
 * elisions and contractions expanded ("J’ai" → "je", "ai"; "don't" → "do", "not"), texting
 * spellings expanded ("jpp" → "je", "peux", "plus"), hyphens and punctuation dropped, each emoji
 * a token of its own. Idempotent on its own output joined by spaces.
 */
export function tokenize(text: string): string[] {
  try {
    return scanSentences(typeof text === "string" ? text : "").flatMap((s) => s.words);
  } catch {
    return [];
  }
}
