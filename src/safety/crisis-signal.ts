/**
 * Screens free text (a testimony, a message) in French or English for ACUTE suicide or
 * self-harm risk: present intent, plans, named means, timing, farewells, giving things away,
 * self-harm now. It routes a text to people, never away from them: `acute` shows the
 * contributor crisis help at once and puts the contribution first in the editors' triage.
 *
 * How: two models read the features of crisis-signal.features.ts, both made by
 * training/crisis/train.ts from labelled sentences by several independent writers: a logistic
 * regression (crisis-signal.model.json, which also holds the threshold) and a network with one
 * hidden layer that weighs words together (crisis-signal.network.ts and .json). A text is scored
 * window by window, a window's logit being the mean of the two models'; the text's score is a soft
 * maximum of its windows' (crisis-signal.pooling.ts `pooledLogit`), so a signal buried in a long
 * testimony still counts, and a short text's pieces are also read alone (`textLogit`), so one
 * acute sentence among calm ones is not outweighed by them. The reasons and the words shown to editors come from the logistic model,
 * whose weights can be read feature by feature.
 *
 * Privacy: the text is never stored, logged or returned by `assessCrisisSignal`; its reasons are
 * feature families only. `explainCrisisSignal` returns places in the text (offsets), for the
 * editors' page that already shows that text. Cost: linear in the text (long texts are read in
 * chunks; a word's n-grams and their weights are worked out once per distinct word); `npm run
 * bench` measures the time per 5,000 and 1,000,000 characters. It never throws.
 *
 * Limits: a screening aid, not a clinical assessment. Measured on writers it did not learn from,
 * it misses some acute texts and flags some benign ones (docs/crisis-signals.md): `none` never
 * means "safe", and every contribution is read by a person.
 */

import {
  analyse,
  type Analysed,
  bucketOf,
  eachGram,
  GROUPS,
  HASH_BITS,
  NAMED_FEATURES,
  PAIR,
  type Piece,
  STEMPAIR,
  type Window,
  windowNamed,
  type WordGrams,
} from "./crisis-signal.features.js";
import { SIGNAL_FAMILIES } from "./crisis-signal.lexicon.js";
import { pooledLogit, textLogit } from "./crisis-signal.pooling.js";
import model from "./crisis-signal.model.json" with { type: "json" };
import { addRow, addWordRows, decodeNetwork, type NetworkFile, SLOT_OF_GROUP, SLOTS, type WordNetwork, windowNetworkLogit } from "./crisis-signal.network.js";
import network from "./crisis-signal.network.json" with { type: "json" };

export type CrisisLevel = "acute" | "none";
export type CrisisAssessment = { level: CrisisLevel; score: number; reasons: string[] };

/** The weight file written by training/crisis/train.ts. */
export type CrisisModel = {
  format: 1;
  threshold: number;
  bias: number;
  hashBits: number;
  named: Record<string, number>;
  hashed: { scale: number; index: number[]; weight: number[] }; // index delta-coded, ascending; weight × scale
};

/** A detector ready to score: the logistic model's weight per bucket, and the network. */
export type LoadedModel = { threshold: number; bias: number; weights: Float64Array; network: WordNetwork };

export function loadModel(m: CrisisModel, net: NetworkFile): LoadedModel {
  if (m.format !== 1 || m.hashBits !== HASH_BITS) throw new Error("crisis-signal model: unknown format");
  const weights = new Float64Array(1 << HASH_BITS);
  let index = 0;
  m.hashed.index.forEach((delta, k) => {
    index += delta;
    weights[index] = (m.hashed.weight[k] as number) / m.hashed.scale;
  });
  for (const [name, w] of Object.entries(m.named)) weights[bucketOf(name)] = w;
  return { threshold: m.threshold, bias: m.bias, weights, network: decodeNetwork(net) };
}

const SHIPPED = loadModel(model as CrisisModel, network as NetworkFile);
/** The probability from which a text is `acute`, chosen on training folds only (training/crisis/). */
export const ACUTE_THRESHOLD = SHIPPED.threshold;

// ————————————————————————————————————————————————————————————————— scoring

type Scored = { window: Window; logit: number }; // the window's own logit: the mean of the two models'

/**
 * What a model makes of a word alone: the weights of its own n-grams (characters, word, stem)
 * summed by group, then its network rows (GROUPS.length + hidden numbers). Kept on the word's
 * n-grams, which crisis-signal.features.ts caches per word: texts repeat their words.
 */
function wordScore(m: LoadedModel, word: WordGrams): Float64Array {
  if (word.scored?.by === m) return word.scored.sums;
  const sums = new Float64Array(GROUPS.length + m.network.hidden);
  for (let k = 0; k < word.own.length; k++) {
    const g = word.ownGroups[k] as number;
    sums[g] = (sums[g] as number) + (m.weights[word.own[k] as number] as number);
  }
  addWordRows(m.network, word, sums, GROUPS.length);
  word.scored = { by: m, sums };
  return sums;
}

/** The network's running totals (SLOTS × hidden numbers per piece), reused from chunk to chunk of a long text. */
const UNITS_REUSED = 1 << 19; // numbers: a chunk of CHUNK_CHARS holds at most a few thousand pieces
let unitsScratch = new Float64Array(0);

/** The logits of `windows` (the text's windows by default) of an analysed text. */
function scoreWindows(a: Analysed, m: LoadedModel, windows: readonly Window[] = a.windows): Scored[] {
  // Running totals over pieces, per group, of the logistic weights, of the n-gram counts and of the
  // network's rows: a window's sums are a difference (a word's own n-grams are summed once per word).
  const groups = GROUPS.length;
  const H = m.network.hidden;
  const width = SLOTS * H;
  const sumBefore = new Float64Array((a.pieces.length + 1) * groups);
  const countBefore = new Float64Array((a.pieces.length + 1) * groups);
  const needed = (a.pieces.length + 1) * width;
  if (needed > unitsScratch.length && needed <= UNITS_REUSED) unitsScratch = new Float64Array(Math.min(UNITS_REUSED, Math.max(needed, 2 * unitsScratch.length)));
  const unitsBefore = needed <= unitsScratch.length ? unitsScratch : new Float64Array(needed);
  unitsBefore.fill(0, 0, width);
  a.pieces.forEach((piece, i) => {
    const at = (i + 1) * groups;
    for (let g = 0; g < groups; g++) {
      sumBefore[at + g] = sumBefore[i * groups + g] as number;
      countBefore[at + g] = (countBefore[i * groups + g] as number) + (piece.counts[g] as number);
    }
    const units = (i + 1) * width;
    unitsBefore.copyWithin(units, i * width, units);
    for (const word of piece.own) {
      const own = wordScore(m, word);
      for (let g = 0; g < groups; g++) sumBefore[at + g] = (sumBefore[at + g] as number) + (own[g] as number);
      for (let k = 0; k < H; k++) unitsBefore[units + k] = (unitsBefore[units + k] as number) + (own[groups + k] as number); // the words' slot
    }
    for (let k = 0; k < piece.extra.length; k++) {
      const bucket = piece.extra[k] as number;
      const g = piece.extraGroup[k] as number;
      sumBefore[at + g] = (sumBefore[at + g] as number) + (m.weights[bucket] as number);
      addRow(m.network, bucket, unitsBefore, units + (SLOT_OF_GROUP[g] as number) * H);
    }
  });
  const counts = new Float64Array(groups);
  return windows.map((window) => {
    let logistic = m.bias;
    for (let g = 0; g < groups; g++) {
      const count = (countBefore[(window.last + 1) * groups + g] as number) - (countBefore[window.first * groups + g] as number);
      const sum = (sumBefore[(window.last + 1) * groups + g] as number) - (sumBefore[window.first * groups + g] as number);
      counts[g] = count;
      if (count > 0) logistic += sum / Math.sqrt(count);
    }
    const named = windowNamed(a, window);
    for (const b of named) logistic += m.weights[b] as number; // a named feature's value is 1
    return { window, logit: (logistic + windowNetworkLogit(m.network, unitsBefore, window.first, window.last, counts, named)) / 2 };
  });
}

/** Texts longer than this are read in chunks cut at a paragraph or sentence end, so memory stays small and time linear. */
const CHUNK_CHARS = 20_000;

/** Where to cut a long text: at a line break, else a sentence end, else a space, near `limit`. */
function cutPoint(text: string, from: number, limit: number): number {
  const end = Math.min(text.length, from + limit);
  if (end === text.length) return end;
  const floor = from + Math.floor(limit / 2);
  for (const separator of ["\n", ". ", " "]) {
    const at = text.lastIndexOf(separator, end - separator.length);
    if (at >= floor) return at + separator.length;
  }
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end; // never split a surrogate pair
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

const NAME_OF_BUCKET = new Map(NAMED_FEATURES.map((n) => [bucketOf(n), n]));
const CONTEXT_REASONS = ["negated", "quoted", "conditional", "past", "recovery", "third", "reported", "prevention", "fiction", "idiom", "helper", "care"];

/** Families behind the strongest window: signals that pushed it up, contexts that pulled it down. */
function reasonsOf(a: Analysed, window: Window, m: LoadedModel): string[] {
  const up = new Map<string, number>();
  const down = new Map<string, number>();
  for (const b of windowNamed(a, window)) {
    const name = NAME_OF_BUCKET.get(b);
    const w = m.weights[b] as number;
    if (!name) continue;
    for (const family of SIGNAL_FAMILIES) if (name.includes(family) && w > 0) up.set(family, (up.get(family) ?? 0) + w);
    for (const c of CONTEXT_REASONS) if (name.includes(c) && w < 0) down.set(c, (down.get(c) ?? 0) - w);
  }
  const ranked = (map: Map<string, number>, prefix: string) =>
    [...map.entries()].filter(([, w]) => w >= 0.05).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([f]) => `${prefix}.${f}`);
  return [...ranked(up, "signal"), ...ranked(down, "context")];
}

/**
 * Screens a text for acute suicide or self-harm risk signals. Returns the level, a probability
 * in [0, 1] rounded to 4 decimals, and the feature families that weighed (never words of the
 * text). Never throws: on an unexpected internal error it answers `none` with `engine.error`.
 */
export function assessCrisisSignal(text: string): CrisisAssessment {
  try {
    const input = typeof text === "string" ? text : "";
    let best: { a: Analysed; scored: Scored } | null = null;
    let strongestAlone: { a: Analysed; scored: Scored } | null = null; // a short text's strongest piece read alone
    let windows = 0;
    let sumExp = 0; // of every window's logit less the best's so far
    for (let from = 0; from < input.length; ) {
      const to = cutPoint(input, from, CHUNK_CHARS);
      const a = analyse(input.slice(from, to));
      windows += a.windows.length;
      const scored = scoreWindows(a, SHIPPED, a.alone.length > 0 ? [...a.windows, ...a.alone] : a.windows);
      for (let i = 0; i < scored.length; i++) {
        const s = scored[i] as Scored;
        if (i >= a.windows.length) {
          if (!strongestAlone || s.logit > strongestAlone.scored.logit) strongestAlone = { a, scored: s };
        } else if (!best || s.logit > best.scored.logit) {
          sumExp = best ? sumExp * Math.exp(best.scored.logit - s.logit) + 1 : 1;
          best = { a, scored: s };
        } else sumExp += Math.exp(s.logit - best.scored.logit);
      }
      from = to;
    }
    if (!best) return { level: "none", score: 0, reasons: [] };
    const pooled = pooledLogit(best.scored.logit, sumExp, windows);
    const logit = textLogit(pooled, strongestAlone?.scored.logit ?? Number.NEGATIVE_INFINITY);
    const score = round4(sigmoid(logit));
    if (!Number.isFinite(score)) return { level: "none", score: 0, reasons: ["engine.error"] };
    const weighed = strongestAlone && logit > pooled ? strongestAlone : best; // the window the score comes from
    return { level: score >= SHIPPED.threshold ? "acute" : "none", score, reasons: reasonsOf(weighed.a, weighed.scored.window, SHIPPED) };
  } catch {
    return { level: "none", score: 0, reasons: ["engine.error"] };
  }
}

// ————————————————————————————————————————————————————————————————— explanation for editors

export type CrisisPassage = { start: number; end: number; score: number; cues: Array<{ start: number; end: number }> };
export type CrisisExplanation = CrisisAssessment & { passages: CrisisPassage[] };

const WORD_CHAR = /[\p{L}\p{N}\p{M}'’-]/u;

/** Where the word starting at `at` ends in the original text. */
function wordEnd(text: string, at: number): number {
  let end = at;
  while (end < text.length && WORD_CHAR.test(text[end] as string)) end++;
  return Math.max(end, at + 1);
}

/** The words of a window that pushed it up most: through their own n-grams, and the signal families they belong to. */
function cuesOf(text: string, a: Analysed, window: Window, m: LoadedModel): Array<{ start: number; end: number }> {
  const counts = new Float64Array(GROUPS.length);
  for (let i = window.first; i <= window.last; i++) for (let g = 0; g < GROUPS.length; g++) counts[g] = (counts[g] as number) + ((a.pieces[i] as Piece).counts[g] as number);
  const byStart = new Map<number, number>();
  for (let i = window.first; i <= window.last; i++) {
    const piece = a.pieces[i] as Piece;
    const weight = new Array<number>(piece.words.length).fill(0);
    const add = (k: number, w: number) => {
      weight[k] = (weight[k] as number) + w;
    };
    eachGram(piece, (bucket, g, owner) => {
      const isPair = g === PAIR || g === STEMPAIR;
      const share = ((m.weights[bucket] as number) / Math.sqrt(counts[g] as number)) * (isPair ? 0.5 : 1);
      add(owner, share);
      if (isPair && owner > 0) add(owner - 1, share);
    });
    for (const match of piece.matches) {
      const w = m.weights[bucketOf(`k:${match.family}`)] as number;
      if (w > 0 && (SIGNAL_FAMILIES as readonly string[]).includes(match.family)) for (let k = match.first; k <= match.last; k++) add(k, w);
    }
    piece.offsets.forEach((at, k) => {
      if (at >= 0) byStart.set(at, (byStart.get(at) ?? 0) + (weight[k] as number));
    });
  }
  return [...byStart.entries()]
    .filter(([, w]) => w >= CUE_WEIGHT)
    .sort((x, y) => y[1] - x[1] || x[0] - y[0])
    .slice(0, 6)
    .map(([start]) => ({ start, end: wordEnd(text, start) }))
    .sort((x, y) => x.start - y.start);
}

/**
 * The part of a window an editor is shown: from the piece holding its first cue to the piece holding
 * its last (a window of 60 words may hold sentences that did not weigh), the whole window without cues.
 */
export function spanOfCues(a: Analysed, window: Window, cues: ReadonlyArray<{ start: number }>): { start: number; end: number } {
  let first = window.first;
  let last = window.last;
  if (cues.length > 0) {
    const from = (cues[0] as { start: number }).start;
    const to = (cues[cues.length - 1] as { start: number }).start;
    while (first < last && (a.pieces[first] as Piece).end <= from) first++;
    while (last > first && (a.pieces[last] as Piece).start > to) last--;
  }
  return { start: (a.pieces[first] as Piece).start, end: (a.pieces[last] as Piece).end };
}

/** A word is shown as a cue when it adds at least this much to its window's logit. */
const CUE_WEIGHT = 0.15;

/**
 * For the editors' page: the assessment, and the passages that weighed most (at most three,
 * strongest first, each with the words that pushed it up). Offsets point into `text`; nothing
 * is kept. Never throws.
 */
export function explainCrisisSignal(text: string, m: LoadedModel = SHIPPED): CrisisExplanation {
  const assessment = assessCrisisSignal(text);
  if (typeof text !== "string") return { ...assessment, passages: [] };
  try {
    const a = analyse(text);
    const scored = scoreWindows(a, m);
    // Each passage is lowered as much as the text's strongest window was, and a piece read alone by
    // ALONE_MARGIN: the first scores what the text scores.
    const best = scored.reduce((top, s) => Math.max(top, s.logit), Number.NEGATIVE_INFINITY);
    let sumExp = 0;
    for (const s of scored) sumExp += Math.exp(s.logit - best);
    const lowered = scored.length > 0 ? best - pooledLogit(best, sumExp, scored.length) : 0;
    const shown = [
      ...scored.map((s) => ({ window: s.window, logit: s.logit - lowered })),
      ...scoreWindows(a, m, a.alone).map((s) => ({ window: s.window, logit: textLogit(Number.NEGATIVE_INFINITY, s.logit) })),
    ].sort((x, y) => y.logit - x.logit);
    const passages: CrisisPassage[] = [];
    for (const s of shown) {
      if (passages.length === 3) break;
      const score = round4(sigmoid(s.logit));
      if (score < m.threshold / 2) break;
      const cues = cuesOf(text, a, s.window, m);
      const { start, end } = spanOfCues(a, s.window, cues);
      if (passages.some((p) => start < p.end && end > p.start)) continue;
      passages.push({ start, end, score, cues });
    }
    return { ...assessment, passages };
  } catch {
    return { ...assessment, passages: [] };
  }
}
