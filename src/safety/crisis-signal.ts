/**
 * Screens free text (a testimony, a message) in French or English for ACUTE suicide or
 * self-harm risk: present intent, plans, named means, timing, farewells, giving things away,
 * self-harm now. It routes a text to people, never away from them: `acute` shows the
 * contributor crisis help at once and puts the contribution first in the editors' triage.
 *
 * How: a logistic regression (weights in crisis-signal.model.json, made by
 * training/crisis/train.ts from labelled sentences by several independent writers) over the
 * features of crisis-signal.features.ts. A text is scored window by window; its score is a soft
 * maximum of its windows' (crisis-signal.features.ts `pooledLogit`), so a signal buried in a long
 * testimony still counts.
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
  pooledLogit,
  STEMPAIR,
  type Window,
  windowNamed,
  wordGrams,
} from "./crisis-signal.features.js";
import { SIGNAL_FAMILIES } from "./crisis-signal.lexicon.js";
import model from "./crisis-signal.model.json" with { type: "json" };

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

/** A model ready to score: one weight per bucket. */
export type LoadedModel = { threshold: number; bias: number; weights: Float64Array };

export function loadModel(m: CrisisModel): LoadedModel {
  if (m.format !== 1 || m.hashBits !== HASH_BITS) throw new Error("crisis-signal model: unknown format");
  const weights = new Float64Array(1 << HASH_BITS);
  let index = 0;
  m.hashed.index.forEach((delta, k) => {
    index += delta;
    weights[index] = (m.hashed.weight[k] as number) / m.hashed.scale;
  });
  for (const [name, w] of Object.entries(m.named)) weights[bucketOf(name)] = w;
  return { threshold: m.threshold, bias: m.bias, weights };
}

const SHIPPED = loadModel(model as CrisisModel);
/** The probability from which a text is `acute`, chosen on training folds only (training/crisis/). */
export const ACUTE_THRESHOLD = SHIPPED.threshold;

// ————————————————————————————————————————————————————————————————— scoring

type Scored = { window: Window; logit: number }; // the window's own logit

/** Per model, per word: the sum of the weights of the word's own n-grams (characters, word, stem), by group. */
const OWN_SUMS = new WeakMap<LoadedModel, Map<string, Float64Array>>();
const OWN_SUMS_SIZE = 50_000;

function ownSums(m: LoadedModel, word: string): Float64Array {
  let byWord = OWN_SUMS.get(m);
  if (!byWord) {
    byWord = new Map();
    OWN_SUMS.set(m, byWord);
  }
  let sums = byWord.get(word);
  if (!sums) {
    sums = new Float64Array(GROUPS.length);
    const { own, ownGroups } = wordGrams(word);
    for (let k = 0; k < own.length; k++) sums[ownGroups[k] as number] = (sums[ownGroups[k] as number] as number) + (m.weights[own[k] as number] as number);
    if (byWord.size >= OWN_SUMS_SIZE) byWord.clear();
    byWord.set(word, sums);
  }
  return sums;
}

/** Per piece and group, the sum of the weights of its n-grams (a word's own n-grams are summed once per word). */
function pieceSums(a: Analysed, m: LoadedModel): Float64Array[] {
  return a.pieces.map((p) => {
    const sums = new Float64Array(GROUPS.length);
    for (const word of p.words) {
      const own = ownSums(m, word);
      for (let g = 0; g < GROUPS.length; g++) sums[g] = (sums[g] as number) + (own[g] as number);
    }
    for (let k = 0; k < p.extra.length; k++) {
      const g = p.extraGroup[k] as number;
      sums[g] = (sums[g] as number) + (m.weights[p.extra[k] as number] as number);
    }
    return sums;
  });
}

function scoreWindows(a: Analysed, m: LoadedModel): Scored[] {
  const sums = pieceSums(a, m);
  // Running totals over pieces, per group: a window's sum and count in constant time.
  const groups = GROUPS.length;
  const sumBefore = new Float64Array((a.pieces.length + 1) * groups);
  const countBefore = new Float64Array((a.pieces.length + 1) * groups);
  a.pieces.forEach((piece, i) => {
    for (let g = 0; g < groups; g++) {
      sumBefore[(i + 1) * groups + g] = (sumBefore[i * groups + g] as number) + ((sums[i] as Float64Array)[g] as number);
      countBefore[(i + 1) * groups + g] = (countBefore[i * groups + g] as number) + (piece.counts[g] as number);
    }
  });
  return a.windows.map((window) => {
    let logit = m.bias;
    for (let g = 0; g < groups; g++) {
      const count = (countBefore[(window.last + 1) * groups + g] as number) - (countBefore[window.first * groups + g] as number);
      const sum = (sumBefore[(window.last + 1) * groups + g] as number) - (sumBefore[window.first * groups + g] as number);
      if (count > 0) logit += sum / Math.sqrt(count);
    }
    for (const b of windowNamed(a, window)) logit += m.weights[b] as number; // a named feature's value is 1
    return { window, logit };
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
    let windows = 0;
    let sumExp = 0; // of every window's logit less the best's so far
    for (let from = 0; from < input.length; ) {
      const to = cutPoint(input, from, CHUNK_CHARS);
      const a = analyse(input.slice(from, to));
      windows += a.windows.length;
      for (const scored of scoreWindows(a, SHIPPED)) {
        if (!best || scored.logit > best.scored.logit) {
          sumExp = best ? sumExp * Math.exp(best.scored.logit - scored.logit) + 1 : 1;
          best = { a, scored };
        } else sumExp += Math.exp(scored.logit - best.scored.logit);
      }
      from = to;
    }
    if (!best) return { level: "none", score: 0, reasons: [] };
    const score = round4(sigmoid(pooledLogit(best.scored.logit, sumExp, windows)));
    if (!Number.isFinite(score)) return { level: "none", score: 0, reasons: ["engine.error"] };
    return { level: score >= SHIPPED.threshold ? "acute" : "none", score, reasons: reasonsOf(best.a, best.scored.window, SHIPPED) };
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
    const scored = scoreWindows(a, m).sort((x, y) => y.logit - x.logit);
    // Each passage is lowered as much as the text's strongest window was: the first scores what the text scores.
    const best = scored[0]?.logit ?? 0;
    let sumExp = 0;
    for (const s of scored) sumExp += Math.exp(s.logit - best);
    const lowered = best - pooledLogit(best, sumExp, scored.length);
    const passages: CrisisPassage[] = [];
    for (const s of scored) {
      if (passages.length === 3) break;
      const start = (a.pieces[s.window.first] as Piece).start;
      const end = (a.pieces[s.window.last] as Piece).end;
      if (passages.some((p) => start < p.end && end > p.start)) continue;
      const score = round4(sigmoid(s.logit - lowered));
      if (score < m.threshold / 2) break;
      passages.push({ start, end, score, cues: cuesOf(text, a, s.window, m) });
    }
    return { ...assessment, passages };
  } catch {
    return { ...assessment, passages: [] };
  }
}
