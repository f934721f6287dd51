/**
 * Normalisation and tokenizing for the crisis-signal rules: Unicode folding, apostrophes and
 * elisions, texting spellings, sentences, clauses and quotations.
 */

// ————————————————————————————————————————————————————————————————— normalisation

const SPECIAL_LETTERS = new Map<string, string>([
  ["œ", "oe"],
  ["æ", "ae"],
  ["ß", "ss"],
  ["ø", "o"],
  ["ł", "l"],
  ["đ", "d"],
  ["ð", "d"],
  ["þ", "th"],
  ["ı", "i"],
  ["ŀ", "l"],
]);
const SPECIAL_RE = /[œæßøłđðþıŀ]/g;
const APOSTROPHE_RE = /[\u2019\u2018\u201b\u02bc\u02bb\u02b9\u0060\u00b4\u2032\uff07]/g;
// Combining marks left by NFKD on Latin text; other scripts fall back to the (slower) \p{M}.
const LATIN_MARKS_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;
const ANY_MARK_RE = /\p{M}+/gu;
const BEYOND_LATIN_RE = /[\u0300-\u1fff\u2070-\uffff]/; // beyond Latin letters and general punctuation
const NON_ASCII_RE = /[\u0080-\uffff]/;
const STRAY_APOSTROPHE_RE = /[\u2019\u2018\u201b\u02bc\u02bb\u02b9\u0060\u00b4\u2032\uff07]/;

function foldOnce(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII_RE.test(lower)) return lower.includes("`") ? lower.replace(APOSTROPHE_RE, "'") : lower;
  let out = lower.replace(APOSTROPHE_RE, "'").normalize("NFKD").replace(LATIN_MARKS_RE, "");
  if (BEYOND_LATIN_RE.test(out)) out = out.replace(ANY_MARK_RE, "");
  return out.replace(SPECIAL_RE, (c) => SPECIAL_LETTERS.get(c) ?? c);
}

/** Lower case, NFKD, no combining mark, œ → oe…; repeated while it still changes (NFKD can reveal capitals: "Ⓐ" → "A"). */
function fold(text: string): string {
  let out = foldOnce(text);
  for (let i = 0; i < 4 && (out.toLowerCase() !== out || STRAY_APOSTROPHE_RE.test(out)); i++) out = foldOnce(out);
  return out;
}

// English contractions ("don't", "I'm", "it's") and "s'il" are joined across the apostrophe by
// the scanner; any other apostrophe only separates words, and the one-letter French elisions are
// expanded like texting spellings ("j" → "je", "qu" → "que").
const CONTRACTION_PARTS = new Map([
  ["ll", "will"],
  ["ve", "have"],
  ["re", "are"],
  ["d", "would"],
  ["s", "is"],
]);
const IRREGULAR_NOT = new Map([
  ["can", "can"],
  ["won", "will"],
  ["shan", "shall"],
  ["ain", "is"],
]);

/** The words of `before'after` when it is a contraction, else null. */
function contraction(before: string, after: string): readonly string[] | null {
  if (after === "t" && before.length > 1 && before.endsWith("n")) return [IRREGULAR_NOT.get(before) ?? before.slice(0, -1), "not"];
  if (after === "m" && before === "i") return ["i", "am"];
  const part = CONTRACTION_PARTS.get(after);
  if (part && (before.length > 1 || before === "i")) return [before, part];
  if (before === "s" && (after === "il" || after === "ils")) return ["si", after];
  return null;
}

/** One token becomes several: French elisions, texting spellings, English contractions typed without apostrophe. */
const EXPANSIONS = new Map<string, readonly string[]>(
  Object.entries({
    j: ["je"],
    m: ["me"],
    t: ["te"],
    s: ["se"],
    n: ["ne"],
    l: ["le"],
    d: ["de"],
    c: ["ce"],
    qu: ["que"],
    jai: ["je", "ai"],
    jsuis: ["je", "suis"],
    chui: ["je", "suis"],
    chuis: ["je", "suis"],
    jveux: ["je", "veux"],
    jvais: ["je", "vais"],
    jpeux: ["je", "peux"],
    jsais: ["je", "sais"],
    jme: ["je", "me"],
    jen: ["je", "en"],
    jpense: ["je", "pense"],
    cest: ["ce", "est"],
    ya: ["il", "y", "a"],
    mtn: ["maintenant"],
    im: ["i", "am"],
    ive: ["i", "have"],
    dont: ["do", "not"],
    cant: ["can", "not"],
    cannot: ["can", "not"],
    wont: ["will", "not"],
    didnt: ["did", "not"],
    doesnt: ["does", "not"],
    isnt: ["is", "not"],
    wanna: ["want", "to"],
    gonna: ["going", "to"],
    tmrw: ["tomorrow"],
  }),
);

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
  [0x2c, CLAUSE], // ,
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

export type Scanned = {
  words: string[];
  sentenceOf: number[]; // per word
  clauseOf: number[]; // per word, counted over the whole text
  quoted: boolean[]; // per word
};

function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/**
 * Words, sentences, clauses and quotations, in one pass over the folded text. Sentences end at
 * . ! ? ; and line breaks; clauses at , ( ) [ ] and dashes (":" usually introduces a quotation,
 * so it does not cut). Quotation marks are paired within a paragraph; an unpaired one is ignored.
 */
export function scan(text: string): Scanned {
  const source = fold(text);
  const words: string[] = [];
  const sentenceOf: number[] = [];
  const clauseOf: number[] = [];
  const quoteOpenAt: number[] = []; // word positions where a quotation opened (a stack)
  const quoteKinds: number[] = [];
  const ranges: Array<[number, number]> = [];
  let sentence = 0;
  let clause = 0;
  let sentenceHasWords = false;
  const pushWord = (piece: string) => {
    const expanded = piece.length <= 6 ? EXPANSIONS.get(piece) : undefined;
    for (const word of expanded ?? [piece]) {
      words.push(word);
      sentenceOf.push(sentence);
      clauseOf.push(clause);
    }
    sentenceHasWords = true;
  };
  const isWordAt = (at: number): boolean => {
    const code = source.charCodeAt(at);
    if (code < 128) return isAsciiWordChar(code);
    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    return classOf(source.slice(at, at + width)) === WORD;
  };
  let pending: string | null = null; // a word followed by an apostrophe and another word
  const endWord = (start: number, end: number) => {
    const piece = source.slice(start, end);
    if (pending !== null) {
      const joined = contraction(pending, piece);
      const before = pending;
      pending = null;
      if (joined) {
        for (const word of joined) pushWord(word);
        return;
      }
      pushWord(before);
    }
    if (source.charCodeAt(end) === 0x27 && end + 1 < source.length && isWordAt(end + 1)) pending = piece;
    else pushWord(piece);
  };
  let wordStart = -1;
  let i = 0;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    let width = 1;
    let isWord: boolean;
    let ch = "";
    if (code < 128) isWord = isAsciiWordChar(code);
    else {
      width = code >= 0xd800 && code <= 0xdbff && i + 1 < source.length ? 2 : 1;
      ch = source.slice(i, i + width);
      isWord = classOf(ch) === WORD;
    }
    if (isWord) {
      if (wordStart < 0) wordStart = i;
      i += width;
      continue;
    }
    if (wordStart >= 0) {
      endWord(wordStart, i);
      wordStart = -1;
    }
    const role = code < 128 ? ASCII_PUNCTUATION[code] : PUNCTUATION.get(code);
    if (role === SENTENCE) {
      if (sentenceHasWords) {
        sentence += 1;
        clause += 1;
        sentenceHasWords = false;
      }
      if (code === 0x0a) {
        // a paragraph ends: unclosed quotations are forgotten
        quoteOpenAt.length = 0;
        quoteKinds.length = 0;
      }
    } else if (role === CLAUSE) {
      clause += 1;
    } else if (role === QUOTE) {
      const closes = CLOSING_QUOTES.has(code) || (code === 0x22 && quoteKinds[quoteKinds.length - 1] === 0x22);
      if (closes) {
        const openedAt = quoteOpenAt.pop();
        quoteKinds.pop();
        if (openedAt !== undefined && openedAt < words.length) ranges.push([openedAt, words.length]);
      } else {
        quoteOpenAt.push(words.length);
        quoteKinds.push(code);
      }
    } else if (code >= 128 && classOf(ch) === PICTOGRAPH) {
      pushWord(ch);
    }
    i += width;
  }
  if (wordStart >= 0) endWord(wordStart, source.length);
  if (pending !== null) pushWord(pending);
  const quoted = new Array<boolean>(words.length).fill(false);
  if (ranges.length > 0) {
    const delta = new Int32Array(words.length + 1);
    for (const [from, to] of ranges) {
      delta[from] = (delta[from] ?? 0) + 1;
      delta[to] = (delta[to] ?? 0) - 1;
    }
    let depth = 0;
    for (let w = 0; w < words.length; w++) {
      depth += delta[w] ?? 0;
      quoted[w] = depth > 0;
    }
  }
  return { words, sentenceOf, clauseOf, quoted };
}

/**
 * The words of a text, normalised as the detector sees them: NFKD, no accents, lower case,
 * elisions and contractions expanded ("J’ai" → "je", "ai"; "don't" → "do", "not"), hyphens and
 * punctuation dropped, each emoji a token of its own. Idempotent on its own output joined by spaces.
 */
export function tokenize(text: string): string[] {
  try {
    return scan(typeof text === "string" ? text : "").words;
  } catch {
    return [];
  }
}
