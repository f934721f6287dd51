/**
 * What the crisis-signal model sees of a text. A text is cut into sentences (long ones into
 * pieces of at most PIECE_WORDS words); the model scores *windows* of consecutive pieces (the
 * whole text when it is short) and the text takes its strongest window. A window's features:
 * - hashed n-grams: characters (3 to 5, inside each word, so typos and texting spellings still
 *   share most of them), words, word pairs, stems, stem pairs, and words under a negation; each
 *   group counts as one unit (values 1/√n), so a long window does not outweigh a short one;
 * - named features from the lexicon (crisis-signal.lexicon.ts): each family present, with its
 *   modifiers (negated, quoted, conditional), its context in the same sentence (first person,
 *   past, recovery, someone else, reported speech, prevention, fiction, idiom, care, helper),
 *   pairs of signal families, and how many families.
 * The same code builds training vectors (featureVector) and scores texts (crisis-signal.ts), so
 * they cannot drift apart. Feature names never hold words of the text.
 */

import { CONTEXT_FAMILIES, type Family, LEXICON, SIGNAL_FAMILIES } from "./crisis-signal.lexicon.js";
import { type Sentence, scanSentences, tokenize } from "./crisis-signal.tokenize.js";

export const HASH_BITS = 18;
const MASK = (1 << HASH_BITS) - 1;
/** Sentences longer than this are cut into pieces: a window never holds an unbounded run-on. */
export const PIECE_WORDS = 30;
/** A text of at most this many words is one window; a longer one is scored piece by piece and by runs of pieces that fit in it. */
export const WINDOW_WORDS = 30;

// ————————————————————————————————————————————————————————————————— hashing

const FNV_OFFSET = 0x811c9dc5;
function fnv(state: number, text: string): number {
  let h = state;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
const step = (h: number, code: number) => Math.imul(h ^ code, 0x01000193);
/** The bucket of a feature name ("k:intent", "w:mourir"…). */
export const bucketOf = (name: string): number => (fnv(FNV_OFFSET, name) >>> 0) & MASK;

// n-gram groups: each is normalised on its own
export const GROUPS = ["char", "word", "pair", "stem", "stempair", "negated"] as const;
const SEEDS = GROUPS.map((g) => fnv(FNV_OFFSET, `${g}:`));
const [CHAR, WORD, PAIR, STEM, STEMPAIR, NEGATED] = [0, 1, 2, 3, 4, 5];

// ————————————————————————————————————————————————————————————————— stems

const LEMMAS = new Map<string, string>(
  Object.entries({
    vais: "aller", vas: "aller", va: "aller", allons: "aller", allez: "aller", vont: "aller", irai: "aller", iras: "aller", ira: "aller",
    irais: "aller", irait: "aller", veux: "vouloir", veut: "vouloir", voulons: "vouloir", veulent: "vouloir", voulais: "vouloir",
    voulait: "vouloir", voudrais: "vouloir", voudrait: "vouloir", voulu: "vouloir", suis: "etre", es: "etre", est: "etre", sommes: "etre",
    sont: "etre", etais: "etre", etait: "etre", serai: "etre", serais: "etre", serait: "etre", ete: "etre", ai: "avoir", as: "avoir",
    a: "avoir", avons: "avoir", ont: "avoir", avais: "avoir", avait: "avoir", aurai: "avoir", aurais: "avoir", eu: "avoir", peux: "pouvoir",
    peut: "pouvoir", pouvais: "pouvoir", pourrai: "pouvoir", pourrais: "pouvoir", pu: "pouvoir", fais: "faire", fait: "faire",
    ferai: "faire", meurs: "mourir", meurt: "mourir", mourrai: "mourir", mort: "mourir", morte: "mourir", prends: "prendre",
    prend: "prendre", pris: "prendre", prise: "prendre", am: "be", is: "be", are: "be", was: "be", were: "be", been: "be", will: "will",
    going: "go", went: "go", gone: "go", died: "die", dying: "die", dies: "die", took: "take", taken: "take", bought: "buy", cut: "cut",
  }),
);
const SUFFIXES = [
  "issements", "issement", "ements", "ement", "ations", "ation", "ances", "ance", "ences", "ence", "ables", "able", "euses", "euse",
  "ismes", "isme", "aient", "ions", "ons", "ait", "ais", "ant", "ent", "ees", "ee", "er", "ez", "es", "ing", "ed", "ly", "e", "s",
];

/** A light French and English stem: irregular forms of a few verbs, else the word less a common ending. */
export function stem(word: string): string {
  const lemma = LEMMAS.get(word);
  if (lemma) return lemma;
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

// ————————————————————————————————————————————————————————————————— lexicon matching

type Token = { words: Set<string>; prefixes: string[] } | "gap";
type Entry = { family: Family; tokens: Token[] };

const NEGATORS = new Set(["pas", "jamais", "not", "never", "no", "aucun", "aucune", "rien", "nothing", "personne", "nobody"]);
const CONDITIONALS = new Set(["si", "if", "unless"]);

function compileToken(raw: string): Token[] {
  if (raw === "~") return ["gap"];
  if (raw.includes("*") || raw.includes("|")) {
    const words = new Set<string>();
    const prefixes: string[] = [];
    for (const alt of raw.split("|")) (alt.endsWith("*") ? prefixes.push(alt.slice(0, -1)) : words.add(alt));
    return [{ words, prefixes }];
  }
  return tokenize(raw).map((w) => ({ words: new Set([w]), prefixes: [] })); // "l epoque" → "le", "epoque", like the text
}

const ENTRIES: Entry[] = (Object.entries(LEXICON) as Array<[Family, readonly string[]]>).flatMap(([family, phrases]) =>
  phrases.map((phrase) => ({ family, tokens: phrase.split(" ").flatMap(compileToken) })),
);
// Entries indexed by their first word, or by the first three letters of their first prefix.
const BY_WORD = new Map<string, Entry[]>();
const BY_PREFIX = new Map<string, Entry[]>();
for (const entry of ENTRIES) {
  const first = entry.tokens[0];
  if (!first || first === "gap") continue;
  for (const w of first.words) BY_WORD.set(w, [...(BY_WORD.get(w) ?? []), entry]);
  for (const p of first.prefixes) BY_PREFIX.set(p.slice(0, 3), [...(BY_PREFIX.get(p.slice(0, 3)) ?? []), entry]);
}

const tokenMatches = (token: Exclude<Token, "gap">, word: string) => token.words.has(word) || token.prefixes.some((p) => word.startsWith(p));

/** The last word index of a match of `tokens` starting at `at`, or -1. */
function matchAt(words: readonly string[], tokens: readonly Token[], at: number): number {
  let position = at;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token;
    if (token === "gap") {
      const next = tokens[t + 1];
      if (!next || next === "gap") continue;
      let found = -1;
      for (let skip = 0; skip <= 2 && position + skip < words.length; skip++) {
        if (tokenMatches(next, words[position + skip] as string)) {
          found = position + skip;
          break;
        }
      }
      if (found < 0) return -1;
      position = found + 1;
      t++;
      continue;
    }
    if (position >= words.length || !tokenMatches(token, words[position] as string)) return -1;
    position++;
  }
  return position - 1;
}

export type Match = { family: Family; first: number; last: number };

/** Every lexicon match in a run of words (a piece), by start position. */
export function lexiconMatches(words: readonly string[]): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const candidates = [...(BY_WORD.get(word) ?? []), ...(word.length >= 3 ? (BY_PREFIX.get(word.slice(0, 3)) ?? []) : [])];
    for (const entry of candidates) {
      const last = matchAt(words, entry.tokens, i);
      if (last >= 0) found.push({ family: entry.family, first: i, last });
    }
  }
  return found;
}

// ————————————————————————————————————————————————————————————————— named features

const SIGNALS: readonly string[] = SIGNAL_FAMILIES;
const SENTENCE_CONTEXTS = CONTEXT_FAMILIES.filter((c) => c !== "negation" && c !== "conditional");

/** Every named feature the model can use, in a fixed order (the weight file lists them by name). */
export const NAMED_FEATURES: readonly string[] = [
  ...[...SIGNAL_FAMILIES, ...CONTEXT_FAMILIES].map((f) => `k:${f}`),
  ...SIGNAL_FAMILIES.flatMap((f) => [`k:${f}^negated`, `k:${f}^quoted`, `k:${f}^conditional`]),
  ...SIGNAL_FAMILIES.flatMap((f) => SENTENCE_CONTEXTS.map((c) => `k:${f}&${c}`)),
  ...SIGNAL_FAMILIES.flatMap((f, i) => SIGNAL_FAMILIES.slice(i + 1).map((g) => `k:${f}+${g}`)),
  "k:signals=1",
  "k:signals=2",
  "k:signals>=3",
];
const NAMED_BUCKET = new Map(NAMED_FEATURES.map((name) => [name, bucketOf(name)]));
const named = (name: string) => NAMED_BUCKET.get(name) as number;
/** The value of a named feature in a window: larger than an n-gram's, so the learner moves lexicon weights faster. */
export const NAMED_VALUE = 1;

// ————————————————————————————————————————————————————————————————— pieces and windows

/** A piece of a sentence, with its hashed n-grams and its named features, computed once. */
export type Piece = {
  start: number; // offsets in the original text
  end: number;
  words: string[];
  offsets: number[]; // per word, or -1
  grams: Int32Array; // bucket of each n-gram
  groupOf: Uint8Array; // its group
  wordOf: Int32Array; // the word it belongs to (a pair: its second word)
  counts: Int32Array; // n-grams per group
  matches: Match[];
  named: string[]; // named features of this piece alone (families, modifiers, same-sentence contexts)
  signals: Set<string>;
};

function pieceGrams(words: readonly string[], clauseOf: readonly number[]) {
  const grams: number[] = [];
  const groups: number[] = [];
  const owners: number[] = [];
  const counts = new Int32Array(GROUPS.length);
  let i = 0;
  const push = (h: number, group: number) => {
    grams.push((h >>> 0) & MASK);
    groups.push(group);
    owners.push(i);
    counts[group] = (counts[group] as number) + 1;
  };
  let negatedUntil = -1;
  for (i = 0; i < words.length; i++) {
    const word = words[i] as string;
    // character 3- to 5-grams of ^word$, hashed as they are read
    const bounded = `^${word}$`;
    for (let s = 0; s + 3 <= bounded.length; s++) {
      let h = SEEDS[CHAR] as number;
      for (let n = 0; n < 5 && s + n < bounded.length; n++) {
        h = step(h, bounded.charCodeAt(s + n));
        if (n >= 2) push(h, CHAR);
      }
    }
    push(fnv(SEEDS[WORD] as number, word), WORD);
    const st = stem(word);
    push(fnv(SEEDS[STEM] as number, st), STEM);
    if (i > 0 && clauseOf[i - 1] === clauseOf[i]) {
      const previous = words[i - 1] as string;
      push(fnv(step(fnv(SEEDS[PAIR] as number, previous), 32), word), PAIR);
      push(fnv(step(fnv(SEEDS[STEMPAIR] as number, stem(previous)), 32), st), STEMPAIR);
    }
    if (i <= negatedUntil && clauseOf[i] === clauseOf[negatedUntil]) push(fnv(SEEDS[NEGATED] as number, st), NEGATED);
    if (NEGATORS.has(word)) negatedUntil = i + 3;
  }
  return { grams: Int32Array.from(grams), groupOf: Uint8Array.from(groups), wordOf: Int32Array.from(owners), counts };
}

function pieceNamed(words: readonly string[], clauseOf: readonly number[], quoted: readonly boolean[], matches: readonly Match[]) {
  const names = new Set<string>();
  const signals = new Set<string>();
  const contexts = new Set<string>();
  for (const m of matches) {
    names.add(`k:${m.family}`);
    if (!SIGNALS.includes(m.family)) {
      contexts.add(m.family);
      continue;
    }
    signals.add(m.family);
    const before = (set: Set<string>) => {
      for (let i = m.first - 1; i >= Math.max(0, m.first - 3); i--) if (clauseOf[i] === clauseOf[m.first] && set.has(words[i] as string)) return true;
      return false;
    };
    if (before(NEGATORS)) names.add(`k:${m.family}^negated`);
    if (before(CONDITIONALS)) names.add(`k:${m.family}^conditional`);
    let quotedWords = 0;
    for (let i = m.first; i <= m.last; i++) if (quoted[i]) quotedWords++;
    if (quotedWords * 2 >= m.last - m.first + 1) names.add(`k:${m.family}^quoted`);
  }
  for (const f of signals) for (const c of SENTENCE_CONTEXTS) if (contexts.has(c)) names.add(`k:${f}&${c}`);
  return { names: [...names], signals, contexts };
}

function piecesOf(sentence: Sentence): Piece[] {
  const pieces: Piece[] = [];
  for (let from = 0; from < sentence.words.length; from += PIECE_WORDS) {
    const to = Math.min(sentence.words.length, from + PIECE_WORDS);
    const words = sentence.words.slice(from, to);
    const clauseOf = sentence.clauseOf.slice(from, to);
    const quoted = sentence.quoted.slice(from, to);
    const offsets = sentence.offsets.slice(from, to);
    const matches = lexiconMatches(words);
    const { names, signals } = pieceNamed(words, clauseOf, quoted, matches);
    const start = from === 0 ? sentence.start : (offsets[0] ?? -1) >= 0 ? (offsets[0] as number) : sentence.start;
    const next = sentence.offsets[to] ?? -1;
    const end = to === sentence.words.length || next < 0 ? sentence.end : next;
    pieces.push({ start, end, words, offsets, ...pieceGrams(words, clauseOf), matches, named: names, signals });
  }
  return pieces;
}

/** A window: pieces `first` to `last` (inclusive) of an analysed text. */
export type Window = { first: number; last: number };
export type Analysed = { pieces: Piece[]; windows: Window[] };

/** Cuts a text into pieces and windows: the whole text when it is short, else pieces alone and runs of pieces. */
export function analyse(text: string): Analysed {
  const pieces = scanSentences(text).flatMap(piecesOf);
  const windows: Window[] = [];
  const total = pieces.reduce((n, p) => n + p.words.length, 0);
  if (pieces.length > 0 && total <= WINDOW_WORDS) windows.push({ first: 0, last: pieces.length - 1 });
  else {
    // A long text: each piece alone (a signal buried in it is not diluted by its neighbours),
    // and runs of consecutive pieces (a signal spread over a few sentences).
    for (let i = 0; i < pieces.length; i++) windows.push({ first: i, last: i });
    for (let first = 0; first < pieces.length; first++) {
      let last = first;
      let size = (pieces[first] as Piece).words.length;
      while (last + 1 < pieces.length && size + (pieces[last + 1] as Piece).words.length <= WINDOW_WORDS) size += (pieces[++last] as Piece).words.length;
      if (last > first) windows.push({ first, last });
      if (last === pieces.length - 1) break; // later runs would only be parts of this one
    }
  }
  return { pieces, windows };
}

/** The named features of a window, as buckets. */
export function windowNamed(a: Analysed, w: Window): number[] {
  const names = new Set<string>();
  const signals = new Set<string>();
  for (let i = w.first; i <= w.last; i++) {
    const piece = a.pieces[i] as Piece;
    for (const n of piece.named) names.add(n);
    for (const s of piece.signals) signals.add(s);
  }
  const present = SIGNAL_FAMILIES.filter((f) => signals.has(f));
  for (let i = 0; i < present.length; i++) for (let j = i + 1; j < present.length; j++) names.add(`k:${present[i]}+${present[j]}`);
  if (present.length > 0) names.add(present.length === 1 ? "k:signals=1" : present.length === 2 ? "k:signals=2" : "k:signals>=3");
  return [...names].map(named);
}

/** The sparse vector of a window, for training: buckets and values (duplicates summed). */
export function featureVector(a: Analysed, w: Window): { index: Int32Array; value: Float64Array } {
  const counts = new Float64Array(GROUPS.length);
  for (let i = w.first; i <= w.last; i++) {
    const piece = a.pieces[i] as Piece;
    for (let g = 0; g < GROUPS.length; g++) counts[g] = (counts[g] as number) + (piece.counts[g] as number);
  }
  const scale = Array.from(counts, (n) => (n > 0 ? 1 / Math.sqrt(n) : 0));
  const vector = new Map<number, number>();
  for (let i = w.first; i <= w.last; i++) {
    const piece = a.pieces[i] as Piece;
    for (let k = 0; k < piece.grams.length; k++) {
      const b = piece.grams[k] as number;
      vector.set(b, (vector.get(b) ?? 0) + (scale[piece.groupOf[k] as number] as number));
    }
  }
  for (const b of windowNamed(a, w)) vector.set(b, (vector.get(b) ?? 0) + NAMED_VALUE);
  const index = Int32Array.from([...vector.keys()].sort((x, y) => x - y));
  return { index, value: Float64Array.from(index, (b) => vector.get(b) as number) };
}
