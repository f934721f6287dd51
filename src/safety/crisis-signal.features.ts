/**
 * What the crisis-signal model sees of a text. A text is cut into sentences (long ones into
 * pieces of at most PIECE_WORDS words); the model scores *windows* of consecutive pieces (the
 * whole text when it is short) and the text takes a soft maximum of them, or a short
 * text's strongest piece read alone less a margin, if higher (crisis-signal.pooling.ts). A window's features:
 * - hashed n-grams: characters (3 to 5, inside each word, so typos and texting spellings still
 *   share most of them), words, word pairs, stems, stem pairs, and words under a negation; each
 *   group counts as one unit (values 1/√n), so a long window does not outweigh a short one;
 * - named features from the lexicon (crisis-signal.lexicon.ts, found by crisis-signal.matcher.ts):
 *   each family present, with its modifiers (negated, quoted, conditional), its context in the
 *   same sentence (first person,
 *   past, recovery, someone else, reported speech, prevention, fiction, idiom, care, helper),
 *   pairs of signal families, and how many families.
 * The same code builds training vectors (featureVector) and scores texts (crisis-signal.ts), so
 * they cannot drift apart. Feature names never hold words of the text.
 */

import { CONTEXT_FAMILIES, SIGNAL_FAMILIES } from "./crisis-signal.lexicon.js";
import { lexiconMatches, type Match } from "./crisis-signal.matcher.js";
import { stem } from "./crisis-signal.stem.js";
import { type Sentence, scanSentences } from "./crisis-signal.tokenize.js";

/** 2^20 buckets: 2^18 let more n-grams share a weight, and did worse on the groups (docs/crisis-signals.md, twentieth round). */
export const HASH_BITS = 20;
const MASK = (1 << HASH_BITS) - 1;
/** Sentences longer than this are cut into pieces: a window never holds an unbounded run-on. */
export const PIECE_WORDS = 30;
/**
 * A text of at most this many words is one window; a longer one is scored piece by piece and by
 * runs of pieces that fit in it. Twice PIECE_WORDS, so any two neighbouring pieces are read
 * together: 30 left a signal cut across two long sentences unread as a whole, and the network
 * reads a situation better with its context (docs/crisis-signals.md, fourteenth round).
 */
export const WINDOW_WORDS = 2 * PIECE_WORDS;

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
export const [CHAR, WORD, PAIR, STEM, STEMPAIR, NEGATED] = [0, 1, 2, 3, 4, 5];

// ————————————————————————————————————————————————————————————————— negation and conditions

const NEGATORS = new Set(["pas", "jamais", "not", "never", "no", "aucun", "aucune", "rien", "nothing", "personne", "nobody"]);
const CONDITIONALS = new Set(["si", "if", "unless"]);


// ————————————————————————————————————————————————————————————————— named features

const SIGNALS: readonly string[] = SIGNAL_FAMILIES;
const SENTENCE_CONTEXTS = CONTEXT_FAMILIES.filter((c) => c !== "negation" && c !== "conditional");

/** Every named feature the model can use, in a fixed order (the weight file lists them by name). */
export const NAMED_FEATURES: readonly string[] = [
  ...[...SIGNAL_FAMILIES, ...CONTEXT_FAMILIES].map((f) => `k:${f}`),
  ...SIGNAL_FAMILIES.flatMap((f) => [`k:${f}^negated`, `k:${f}^quoted`, `k:${f}^conditional`]),
  ...SIGNAL_FAMILIES.flatMap((f) => SENTENCE_CONTEXTS.map((c) => `k:${f}&${c}`)),
  ...SIGNAL_FAMILIES.map((f) => `k:${f}&plain`),
  ...SIGNAL_FAMILIES.flatMap((f, i) => SIGNAL_FAMILIES.slice(i + 1).map((g) => `k:${f}+${g}`)),
  "k:signals=1",
  "k:signals=2",
  "k:signals>=3",
];
const NAMED_BUCKET = new Map(NAMED_FEATURES.map((name) => [name, bucketOf(name)]));
const named = (name: string) => NAMED_BUCKET.get(name) as number;

// ————————————————————————————————————————————————————————————————— pieces and windows

/** A piece of a sentence, with its hashed n-grams and its named features, computed once. */
export type Piece = {
  start: number; // offsets in the original text
  end: number;
  words: string[];
  offsets: number[]; // per word, or -1
  own: WordGrams[]; // per word, its own n-grams
  extra: number[]; // buckets of the pairs and negated stems
  extraGroup: number[];
  extraWord: number[]; // the word each belongs to (a pair: its second word)
  counts: Int32Array; // n-grams per group
  matches: Match[];
  named: Int32Array; // buckets of the named features of this piece alone (families, modifiers, same-sentence contexts)
  signals: number; // bit i: SIGNAL_FAMILIES[i] is present
};

/** What a word contributes on its own, computed once per distinct word (texts repeat their words). */
export type WordGrams = {
  own: Int32Array; // buckets of the word's own n-grams: its characters, itself, its stem
  ownGroups: Uint8Array;
  wordBucket: number; // of the word itself and of its stem (also in `own`): all the network half reads of a word alone
  stemBucket: number;
  ownCounts: Int32Array; // per group
  stem: string;
  negated: number; // its bucket when under a negation
  hash: number; // of the word and of its stem, to build pairs with the word before
  stemHash: number;
  /** Left to the scorer (crisis-signal.ts): what a model makes of the word alone, worked out once per word. */
  scored: { by: unknown; sums: Float64Array } | null;
};
const WORD_CACHE = new Map<string, WordGrams>();
const WORD_CACHE_SIZE = 50_000;

export function wordGrams(word: string): WordGrams {
  const cached = WORD_CACHE.get(word);
  if (cached) return cached;
  const own: number[] = [];
  const ownGroups: number[] = [];
  // character 3- to 5-grams of ^word$, hashed as they are read
  const bounded = `^${word}$`;
  for (let s = 0; s + 3 <= bounded.length; s++) {
    let h = SEEDS[CHAR] as number;
    for (let n = 0; n < 5 && s + n < bounded.length; n++) {
      h = step(h, bounded.charCodeAt(s + n));
      if (n >= 2) {
        own.push((h >>> 0) & MASK);
        ownGroups.push(CHAR);
      }
    }
  }
  const st = stem(word);
  const wordBucket = (fnv(SEEDS[WORD] as number, word) >>> 0) & MASK;
  const stemBucket = (fnv(SEEDS[STEM] as number, st) >>> 0) & MASK;
  own.push(wordBucket, stemBucket);
  ownGroups.push(WORD, STEM);
  const ownCounts = new Int32Array(GROUPS.length);
  for (const g of ownGroups) ownCounts[g] = (ownCounts[g] as number) + 1;
  const grams: WordGrams = {
    own: Int32Array.from(own),
    ownGroups: Uint8Array.from(ownGroups),
    wordBucket,
    stemBucket,
    ownCounts,
    stem: st,
    negated: (fnv(SEEDS[NEGATED] as number, st) >>> 0) & MASK,
    hash: fnv(FNV_OFFSET, word),
    stemHash: fnv(FNV_OFFSET, st),
    scored: null,
  };
  if (WORD_CACHE.size >= WORD_CACHE_SIZE) WORD_CACHE.clear();
  WORD_CACHE.set(word, grams);
  return grams;
}

/** The bucket of a pair from the hashes of its two words (a few multiply-xor rounds mix them). */
function pairBucket(seed: number, first: number, second: number): number {
  let h = Math.imul(seed ^ first, 0x01000193);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h = Math.imul(h ^ second, 0x01000193);
  h = Math.imul(h ^ (h >>> 13), 0x297a2d39);
  return ((h ^ (h >>> 16)) >>> 0) & MASK;
}

/** A piece's n-grams: each word's own (shared, cached), then the pairs and negated stems it adds. */
function pieceGrams(words: readonly string[], clauseOf: readonly number[]) {
  const own = words.map(wordGrams);
  const extra: number[] = []; // plain arrays: a typed array costs more to make than to fill for a few words
  const extraGroup: number[] = [];
  const extraWord: number[] = [];
  const counts = new Int32Array(GROUPS.length);
  let negatedUntil = -1;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const g = own[i] as WordGrams;
    for (let group = 0; group < GROUPS.length; group++) counts[group] = (counts[group] as number) + (g.ownCounts[group] as number);
    if (i > 0 && clauseOf[i - 1] === clauseOf[i]) {
      const previous = own[i - 1] as WordGrams;
      extra.push(pairBucket(SEEDS[PAIR] as number, previous.hash, g.hash), pairBucket(SEEDS[STEMPAIR] as number, previous.stemHash, g.stemHash));
      extraGroup.push(PAIR, STEMPAIR);
      extraWord.push(i, i);
    }
    if (SUBJECTS.has(word)) negatedUntil = -1;
    if (i <= negatedUntil && clauseOf[i] === clauseOf[negatedUntil]) {
      extra.push(g.negated);
      extraGroup.push(NEGATED);
      extraWord.push(i);
    }
    if (NEGATORS.has(word)) negatedUntil = i + 3;
  }
  for (const group of extraGroup) counts[group] = (counts[group] as number) + 1;
  return { own, extra, extraGroup, extraWord, counts };
}

/** Calls `visit` with every n-gram of a piece: its bucket, its group and the word it belongs to (a pair: its second word). */
export function eachGram(piece: Piece, visit: (bucket: number, group: number, word: number) => void): void {
  piece.own.forEach((g, word) => {
    for (let k = 0; k < g.own.length; k++) visit(g.own[k] as number, g.ownGroups[k] as number, word);
  });
  for (let k = 0; k < piece.extra.length; k++) visit(piece.extra[k] as number, piece.extraGroup[k] as number, piece.extraWord[k] as number);
}

const NO_BUCKETS = new Int32Array(0);

/** Pronouns that open a new statement: a negation before one of them ("maintenant ou jamais je vais…") does not reach past it. */
const SUBJECTS = new Set(["je", "i", "tu", "you", "il", "elle", "he", "she", "on", "we", "nous", "they"]);

/** Whether a word of `set` sits in the three words before a match, in its clause (for a negation: with no subject pronoun between them). */
function precededBy(set: Set<string>, words: readonly string[], clauseOf: readonly number[], m: Match): boolean {
  for (let i = m.first - 1; i >= Math.max(0, m.first - 3); i--) {
    if (clauseOf[i] !== clauseOf[m.first]) return false;
    if (set.has(words[i] as string)) return true;
    if (set === NEGATORS && SUBJECTS.has(words[i] as string)) return false;
  }
  return false;
}

// Buckets of every per-piece named feature, by family index (FAMILIES order), computed once.
const FAMILIES: readonly string[] = [...SIGNAL_FAMILIES, ...CONTEXT_FAMILIES];
const FAMILY_INDEX = new Map(FAMILIES.map((f, i) => [f, i]));
const FAMILY_BUCKETS = FAMILIES.map((f) => named(`k:${f}`));
const MODIFIER_BUCKETS = SIGNALS.map((f) => ({ negated: named(`k:${f}^negated`), conditional: named(`k:${f}^conditional`), quoted: named(`k:${f}^quoted`) }));
const CONTEXT_CROSSES = SENTENCE_CONTEXTS.map((c) => FAMILY_INDEX.get(c) as number);
const CROSS_BUCKETS = SIGNALS.map((f) => SENTENCE_CONTEXTS.map((c) => named(`k:${f}&${c}`)));
const PLAIN_BUCKETS = SIGNALS.map((f) => named(`k:${f}&plain`));
// A signal said plainly: in the first person, with none of these around it in its piece.
const DAMPENERS = ["past", "recovery", "third", "reported", "prevention", "fiction", "idiom", "conditional", "helper", "care"].map((c) => FAMILY_INDEX.get(c) as number);
const FIRST = FAMILY_INDEX.get("first") as number;

function pieceNamed(words: readonly string[], clauseOf: readonly number[], quoted: readonly boolean[], matches: readonly Match[]) {
  if (matches.length === 0) return { named: NO_BUCKETS, signals: 0 };
  const buckets = new Set<number>();
  const present = new Uint8Array(FAMILIES.length);
  let signals = 0;
  let modified = 0; // signals negated, conditional or quoted
  for (const m of matches) {
    const f = FAMILY_INDEX.get(m.family) as number;
    present[f] = 1;
    buckets.add(FAMILY_BUCKETS[f] as number);
    if (f >= SIGNALS.length) continue;
    signals |= 1 << f;
    const modifiers = MODIFIER_BUCKETS[f] as { negated: number; conditional: number; quoted: number };
    let quotedWords = 0;
    for (let i = m.first; i <= m.last; i++) if (quoted[i]) quotedWords++;
    const isNegated = precededBy(NEGATORS, words, clauseOf, m);
    const isConditional = precededBy(CONDITIONALS, words, clauseOf, m);
    const isQuoted = quotedWords * 2 >= m.last - m.first + 1;
    if (isNegated) buckets.add(modifiers.negated);
    if (isConditional) buckets.add(modifiers.conditional);
    if (isQuoted) buckets.add(modifiers.quoted);
    if (isNegated || isConditional || isQuoted) modified |= 1 << f;
  }
  if (signals !== 0) {
    for (let f = 0; f < SIGNALS.length; f++) {
      if (!(signals & (1 << f))) continue;
      CONTEXT_CROSSES.forEach((c, k) => {
        if (present[c]) buckets.add((CROSS_BUCKETS[f] as number[])[k] as number);
      });
      if (present[FIRST] && !(modified & (1 << f)) && DAMPENERS.every((c) => !present[c])) buckets.add(PLAIN_BUCKETS[f] as number);
    }
  }
  return { named: Int32Array.from(buckets), signals };
}

function piecesOf(sentence: Sentence): Piece[] {
  const pieces: Piece[] = [];
  for (let from = 0; from < sentence.words.length; from += PIECE_WORDS) {
    const to = Math.min(sentence.words.length, from + PIECE_WORDS);
    const whole = from === 0 && to === sentence.words.length; // most sentences: no copy
    const words = whole ? sentence.words : sentence.words.slice(from, to);
    const clauseOf = whole ? sentence.clauseOf : sentence.clauseOf.slice(from, to);
    const quoted = whole ? sentence.quoted : sentence.quoted.slice(from, to);
    const offsets = whole ? sentence.offsets : sentence.offsets.slice(from, to);
    const matches = lexiconMatches(words);
    const { named: namedBuckets, signals } = pieceNamed(words, clauseOf, quoted, matches);
    const start = from === 0 ? sentence.start : (offsets[0] ?? -1) >= 0 ? (offsets[0] as number) : sentence.start;
    const next = sentence.offsets[to] ?? -1;
    const end = to === sentence.words.length || next < 0 ? sentence.end : next;
    const grams = pieceGrams(words, clauseOf);
    pieces.push({
      start,
      end,
      words,
      offsets,
      own: grams.own,
      extra: grams.extra,
      extraGroup: grams.extraGroup,
      extraWord: grams.extraWord,
      counts: grams.counts,
      matches,
      named: namedBuckets,
      signals,
    });
  }
  return pieces;
}

/** A window: pieces `first` to `last` (inclusive) of an analysed text. */
export type Window = { first: number; last: number };
/** `alone`: a short text's pieces, each read alone (empty for a long text, whose windows already hold them, or a text of one piece). */
export type Analysed = { pieces: Piece[]; windows: Window[]; alone: Window[] };

/** Cuts a text into pieces and windows: the whole text when it is short, else pieces alone and runs of pieces. */
export function analyse(text: string): Analysed {
  const pieces = scanSentences(text).flatMap(piecesOf);
  const windows: Window[] = [];
  const alone: Window[] = [];
  const total = pieces.reduce((n, p) => n + p.words.length, 0);
  if (pieces.length > 0 && total <= WINDOW_WORDS) {
    windows.push({ first: 0, last: pieces.length - 1 });
    if (pieces.length > 1) for (let i = 0; i < pieces.length; i++) alone.push({ first: i, last: i });
  } else {
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
  return { pieces, windows, alone };
}

// Buckets of the window-level features: each pair of signal families, and how many families.
const PAIR_BUCKETS = SIGNALS.map((f, i) => SIGNALS.map((g, j) => (j > i ? named(`k:${f}+${g}`) : -1)));
const COUNT_BUCKETS = [-1, named("k:signals=1"), named("k:signals=2"), named("k:signals>=3")];

// Stamps per bucket: merging the named features of several pieces without a Set per window.
const SEEN = new Uint32Array(1 << HASH_BITS);
let stamp = 0;

/** The named features of a window, as buckets. */
export function windowNamed(a: Analysed, w: Window): number[] {
  let buckets: number[];
  let signals = 0;
  if (w.first === w.last) {
    const piece = a.pieces[w.first] as Piece;
    buckets = Array.from(piece.named);
    signals = piece.signals;
  } else {
    if (++stamp === 0xffffffff) {
      SEEN.fill(0);
      stamp = 1;
    }
    buckets = [];
    for (let i = w.first; i <= w.last; i++) {
      const piece = a.pieces[i] as Piece;
      for (const b of piece.named) {
        if (SEEN[b] === stamp) continue;
        SEEN[b] = stamp;
        buckets.push(b);
      }
      signals |= piece.signals;
    }
  }
  if (signals === 0) return buckets;
  let count = 0;
  for (let i = 0; i < SIGNALS.length; i++) {
    if (!(signals & (1 << i))) continue;
    count++;
    for (let j = i + 1; j < SIGNALS.length; j++) if (signals & (1 << j)) buckets.push((PAIR_BUCKETS[i] as number[])[j] as number);
  }
  buckets.push(COUNT_BUCKETS[Math.min(3, count)] as number);
  return buckets;
}

const ALL_GROUPS: readonly number[] = GROUPS.map((_, g) => g);

/**
 * The sparse vector of a window, for training: buckets and values (duplicates summed). `groups`,
 * the n-gram groups it holds (all by default; the network reads fewer: crisis-signal.network.ts).
 */
export function featureVector(a: Analysed, w: Window, groups: readonly number[] = ALL_GROUPS): { index: Int32Array; value: Float64Array } {
  const counts = new Float64Array(GROUPS.length);
  for (let i = w.first; i <= w.last; i++) {
    const piece = a.pieces[i] as Piece;
    for (let g = 0; g < GROUPS.length; g++) counts[g] = (counts[g] as number) + (piece.counts[g] as number);
  }
  const scale = Array.from(counts, (n) => (n > 0 ? 1 / Math.sqrt(n) : 0));
  const vector = new Map<number, number>();
  for (let i = w.first; i <= w.last; i++) {
    const piece = a.pieces[i] as Piece;
    eachGram(piece, (b, group) => {
      if (groups.includes(group)) vector.set(b, (vector.get(b) ?? 0) + (scale[group] as number));
    });
  }
  for (const b of windowNamed(a, w)) vector.set(b, (vector.get(b) ?? 0) + 1);
  const index = Int32Array.from([...vector.keys()].sort((x, y) => x - y));
  return { index, value: Float64Array.from(index, (b) => vector.get(b) as number) };
}
