/**
 * Training and evaluation of the crisis-signal detector, shared by train.ts (which writes the
 * shipped weights) and bench/crisis-check.ts (which prints the figures).
 *
 * - Two models read each window: a logistic model over every feature, and a network with one hidden
 *   layer over every feature but the character n-grams (network.ts). A window's logit is the mean
 *   of theirs; a text's score pools its windows' logits (src/safety/crisis-signal.features.ts).
 * - Windows: a benign text teaches that each of its windows is benign. An acute text says only that
 *   one window is: a first model, trained without the acute texts of several windows, picks that
 *   window; the final model is trained with it (multiple-instance learning, two rounds, each model
 *   choosing its own windows).
 * - Threshold: chosen on training writers only, from out-of-fold scores (each training writer
 *   scored by a detector that did not see it): the lowest threshold whose out-of-fold false-alarm
 *   rate stays within MAX_FALSE_ALARM, so recall is as high as that budget allows.
 * - Leave-one-writer-out: for each writer, train on all others and test on that writer, at a
 *   threshold chosen by the same rule on out-of-fold scores of the others, from shared models that
 *   never saw it (`lowoThreshold`). Frozen rows are never used here.
 */
import { analyse, featureVector, HASH_BITS } from "../../src/safety/crisis-signal.features.js";
import { pooledLogit, textLogit } from "../../src/safety/crisis-signal.pooling.js";
import { NETWORK_GROUPS } from "../../src/safety/crisis-signal.network.js";
import type { LabelledRow } from "./corpus.js";
import { type Example, type Logistic, type LogisticOptions, trainLogistic } from "./logistic.js";
import { type Network, type NetworkOptions, networkLogit, shippedNetwork, trainNetwork } from "./network.js";

export const MAX_FALSE_ALARM = 0.05;

export const TRAINING: LogisticOptions = { buckets: 1 << HASH_BITS, epochs: 6, alpha: 1, beta: 1, l1: 0.05, l2: 0.1, seed: 20_261_202 };
/** Chosen by training/crisis/compare-network.ts (docs/crisis-signals.md, twelfth round). */
export const NETWORK: NetworkOptions = { hidden: 16, epochs: 4, rate: 0.05, l2: 1e-6, minWindows: 3, seed: 20_261_205 };
/** Out-of-fold scores for the threshold come from this many groups of whole writers. */
export const THRESHOLD_FOLDS = 4;

export type Vector = { index: Int32Array; value: Float64Array };
/**
 * A row's windows as the logistic model sees them (`windows`) and as the network does (`words`:
 * without character n-grams); `alone` and `aloneWords` the same for a short text's pieces read alone
 * (crisis-signal.pooling.ts `textLogit`), which score a text but are never trained on.
 */
export type Prepared = { row: LabelledRow; windows: Vector[]; words: Vector[]; alone: Vector[]; aloneWords: Vector[] };
export type Detector = { logistic: Logistic; network: Network };
export type Model = Detector & { threshold: number };

/** How the detector reads a text: whole as one sentence, whole and sentence by sentence (short), or window by window (long). */
export const TEXT_SHAPES = ["one sentence", "a short text of several sentences", "a long text"] as const;
export type TextShape = (typeof TEXT_SHAPES)[number];
/** The shape of an analysed text, or of a prepared row (which keeps the same windows). */
export function shapeOf(read: { windows: readonly unknown[]; alone: readonly unknown[] }): TextShape {
  return read.windows.length > 1 ? "a long text" : read.alone.length > 0 ? "a short text of several sentences" : "one sentence";
}

/** Analyses every row once (features do not depend on the model). */
export function prepare(rows: readonly LabelledRow[]): Prepared[] {
  return rows.map((row) => {
    const a = analyse(row.text);
    return {
      row,
      windows: a.windows.map((w) => featureVector(a, w)),
      words: a.windows.map((w) => featureVector(a, w, NETWORK_GROUPS)),
      alone: a.alone.map((w) => featureVector(a, w)),
      aloneWords: a.alone.map((w) => featureVector(a, w, NETWORK_GROUPS)),
    };
  });
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Weights as the weight file stores them: what is evaluated is exactly what ships. */
function rounded(l: Logistic): Logistic {
  return { bias: round4(l.bias), weights: l.weights.map(round4) };
}

export function windowLogit(l: Logistic, v: Vector): number {
  let logit = l.bias;
  for (let j = 0; j < v.index.length; j++) logit += (l.weights[v.index[j] as number] as number) * (v.value[j] as number);
  return logit;
}

/** Each window's logit: the mean of the two models'. */
export function windowLogits(d: Detector, p: Prepared): number[] {
  return p.windows.map((v, i) => (windowLogit(d.logistic, v) + networkLogit(d.network, p.words[i] as Vector)) / 2);
}

/** Each piece's logit read alone (a short text of several pieces), the same way. */
export function aloneLogits(d: Detector, p: Prepared): number[] {
  return p.alone.map((v, i) => (windowLogit(d.logistic, v) + networkLogit(d.network, p.aloneWords[i] as Vector)) / 2);
}

/** The probability of a text from its windows' and pieces' logits, as the runtime computes it. */
export function rowScore(d: Detector, p: Prepared): number {
  return round4(pooledProbability(windowLogits(d, p), aloneLogits(d, p)));
}

/**
 * A text's probability from its windows' logits, as the runtime pools them (crisis-signal.pooling.ts
 * `pooledLogit`), and its pieces' read alone (`textLogit`); 0 without windows: no words, nothing to judge.
 */
export function pooledProbability(logits: readonly number[], alone: readonly number[] = []): number {
  if (logits.length === 0) return 0;
  let best = Number.NEGATIVE_INFINITY;
  for (const logit of logits) best = Math.max(best, logit);
  let sumExp = 0;
  for (const logit of logits) sumExp += Math.exp(logit - best);
  return 1 / (1 + Math.exp(-textLogit(pooledLogit(best, sumExp, logits.length), Math.max(Number.NEGATIVE_INFINITY, ...alone))));
}

export function trainLogisticWeights(prepared: readonly Prepared[], options: LogisticOptions = TRAINING): Logistic {
  return rounded(trainOnChosenWindows(prepared, (p) => p.windows, (examples) => trainLogistic(examples, options), windowLogit));
}

export function trainNetworkWeights(prepared: readonly Prepared[], options: NetworkOptions = NETWORK): Network {
  return shippedNetwork(trainOnChosenWindows(prepared, (p) => p.words, (examples) => trainNetwork(examples, options), (net: Network, v) => networkLogit(net, v)));
}

/** Both models, as their weight files give them back: what is evaluated is exactly what ships. */
export function trainWeights(prepared: readonly Prepared[], options: LogisticOptions = TRAINING): Detector {
  return { logistic: trainLogisticWeights(prepared, options), network: trainNetworkWeights(prepared) };
}

/**
 * Multiple-instance training, for any model: every window of a benign text and the one window of a
 * short acute text are certain; a first model, trained on those, picks the acute window of each
 * longer acute text, and the final model is trained with them. `windowsOf` says which vectors of a
 * row the model reads.
 */
export function trainOnChosenWindows<M>(
  prepared: readonly Prepared[],
  windowsOf: (p: Prepared) => readonly Vector[],
  train: (examples: Example[]) => M,
  logit: (model: M, v: Vector) => number,
): M {
  const example = (v: Vector, label: 0 | 1, weight = 1): Example => ({ ...v, label, weight });
  const certain: Example[] = [];
  const open: Array<readonly Vector[]> = [];
  for (const p of prepared) {
    const windows = windowsOf(p);
    if (p.row.label === "none") for (const v of windows) certain.push(example(v, 0, 1 / Math.sqrt(windows.length)));
    else if (windows.length === 1) certain.push(example(windows[0] as Vector, 1));
    else if (windows.length > 1) open.push(windows);
  }
  const first = train(certain);
  if (open.length === 0) return first;
  const chosen = open.map((windows) => example(windows.reduce((x, y) => (logit(first, y) > logit(first, x) ? y : x)), 1));
  return train([...certain, ...chosen]);
}

/**
 * The lowest threshold that keeps false alarms within the budget on these scores, in hundredths
 * (so the two decimals `crisis-check` prints always agree with the level).
 */
export function chooseThreshold(scored: ReadonlyArray<{ score: number; label: "acute" | "none" }>, maxFalseAlarm = MAX_FALSE_ALARM): number {
  const benign = scored.filter((s) => s.label === "none").map((s) => s.score).sort((x, y) => y - x);
  const allowed = Math.floor(maxFalseAlarm * benign.length);
  const mustStayBelow = benign[allowed] ?? 0; // the highest benign score the budget cannot afford
  return Math.min(0.99, (Math.floor(mustStayBelow * 100 + 1e-9) + 1) / 100);
}

const writersOf = (prepared: readonly Prepared[]) => [...new Set(prepared.map((p) => p.row.writer))].sort();

/** Every row scored by a model that did not see its writer (writers dealt into THRESHOLD_FOLDS groups in name order). */
export function outOfFoldScores(prepared: readonly Prepared[], options: LogisticOptions = TRAINING) {
  const writers = writersOf(prepared);
  const foldOf = new Map(writers.map((w, i) => [w, i % THRESHOLD_FOLDS]));
  return Array.from({ length: Math.min(THRESHOLD_FOLDS, writers.length) }, (_, fold) => {
    const model = trainWeights(prepared.filter((p) => foldOf.get(p.row.writer) !== fold), options);
    return prepared.filter((p) => foldOf.get(p.row.writer) === fold).map((p) => ({ row: p.row, score: rowScore(model, p), label: p.row.label }));
  }).flat();
}

/** Weights on every row given, and a threshold from their out-of-fold scores. */
export function trainModel(prepared: readonly Prepared[], options: LogisticOptions = TRAINING): Model {
  const threshold = chooseThreshold(outOfFoldScores(prepared, options));
  return { ...trainWeights(prepared, options), threshold };
}

// ——— figures

export type Counts = { tp: number; fp: number; fn: number; tn: number };
export type Figures = Counts & { acute: number; benign: number; recall: number; falseAlarm: number; precision: number };

export function figures(results: ReadonlyArray<{ row: { label: "acute" | "none" }; flagged: boolean }>): Figures {
  const c: Counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const r of results) {
    if (r.row.label === "acute") r.flagged ? c.tp++ : c.fn++;
    else r.flagged ? c.fp++ : c.tn++;
  }
  const acute = c.tp + c.fn;
  const benign = c.fp + c.tn;
  return {
    ...c,
    acute,
    benign,
    recall: acute === 0 ? Number.NaN : c.tp / acute,
    falseAlarm: benign === 0 ? Number.NaN : c.fp / benign,
    precision: c.tp + c.fp === 0 ? Number.NaN : c.tp / (c.tp + c.fp),
  };
}

/** The chance that an acute text scores above a benign one (ties count half): the AUC, whatever the threshold. */
export function auc(acute: readonly number[], benign: readonly number[]): number {
  let wins = 0;
  for (const a of acute) for (const b of benign) wins += a > b ? 1 : a === b ? 0.5 : 0;
  return wins / (acute.length * benign.length);
}

export type Judged = { row: LabelledRow; score: number; threshold: number; flagged: boolean };

/**
 * Leave-one-writer-out shares its threshold models among writers: the writers are dealt into this
 * many groups in name order, and a writer's threshold comes from models trained without its group.
 */
export const LOWO_GROUPS = 8;

/** A model trained without these groups (one or two), judging their rows: `scores[k]` is the score of the k-th row they hold. */
export type ThresholdModelScores = { without: number[]; scores: number[] };

/** Each writer's group, writers dealt in name order. */
export function lowoGroups(writers: readonly string[]): Map<string, number> {
  const groups = Math.min(LOWO_GROUPS, writers.length);
  return new Map([...writers].sort().map((w, i) => [w, i % groups]));
}

/** The threshold models leave-one-writer-out needs: one without each group, one without each pair of groups. */
export function thresholdModelsNeeded(writers: readonly string[]): number[][] {
  const groups = Math.min(LOWO_GROUPS, writers.length);
  const needed: number[][] = [];
  for (let a = 0; a < groups; a++) {
    needed.push([a]);
    for (let b = a + 1; b < groups; b++) needed.push([a, b]);
  }
  return needed;
}

const rowsOfGroups = (prepared: readonly Prepared[], groupOf: Map<string, number>, groups: readonly number[]) =>
  prepared.filter((p) => groups.includes(groupOf.get(p.row.writer) as number));

/** Trains one threshold model (without these groups) and scores the rows of those groups. */
export function thresholdModelScores(prepared: readonly Prepared[], without: number[], options: LogisticOptions = TRAINING): ThresholdModelScores {
  const groupOf = lowoGroups(writersOf(prepared));
  const model = trainWeights(prepared.filter((p) => !without.includes(groupOf.get(p.row.writer) as number)), options);
  return { without, scores: rowsOfGroups(prepared, groupOf, without).map((p) => rowScore(model, p)) };
}

/**
 * The out-of-fold scores a writer's threshold is chosen on, none given by a model that saw that
 * writer: each other writer of its group scored by the model trained without that group, each
 * writer of another group b by the model trained without both groups. Every writer but this one is
 * scored once, by a model that saw neither it nor the writer judged, trained on six or seven
 * eighths of the writers (the shipped rule's models: three quarters).
 */
export function lowoThresholdScores(prepared: readonly Prepared[], writer: string, thresholdScores: readonly ThresholdModelScores[]) {
  const groupOf = lowoGroups(writersOf(prepared));
  const own = groupOf.get(writer) as number;
  const scored: Array<{ row: LabelledRow; score: number; label: "acute" | "none" }> = [];
  for (const { without, scores } of thresholdScores) {
    if (!without.includes(own)) continue;
    const judgedGroup = without.length === 1 ? own : (without.find((g) => g !== own) as number);
    rowsOfGroups(prepared, groupOf, without).forEach((p, k) => {
      if (groupOf.get(p.row.writer) === judgedGroup && p.row.writer !== writer) scored.push({ row: p.row, score: scores[k] as number, label: p.row.label });
    });
  }
  return scored;
}

/** A writer's threshold, by the shipped rule (the lowest keeping out-of-fold false alarms within MAX_FALSE_ALARM). */
export const lowoThreshold = (prepared: readonly Prepared[], writer: string, thresholdScores: readonly ThresholdModelScores[]) =>
  chooseThreshold(lowoThresholdScores(prepared, writer, thresholdScores));

/** One writer judged: by a model trained on every other writer, at the threshold given. `extra` rows of that writer (its frozen rows) too. */
export function judgeWriter(
  prepared: readonly Prepared[],
  extra: readonly Prepared[],
  writer: string,
  threshold: number,
  options: LogisticOptions = TRAINING,
): { judged: Judged[]; extraJudged: Judged[] } {
  const model = trainWeights(prepared.filter((p) => p.row.writer !== writer), options);
  const judge = (p: Prepared): Judged => {
    const score = rowScore(model, p);
    return { row: p.row, score, threshold, flagged: score >= threshold };
  };
  return { judged: prepared.filter((p) => p.row.writer === writer).map(judge), extraJudged: extra.filter((p) => p.row.writer === writer).map(judge) };
}

/**
 * Leave-one-writer-out on the rows given (frozen rows must not be among them): each writer is
 * judged by a model, threshold included, made without it (`lowoThreshold`). `extra` rows of a
 * writer (its frozen rows, for the bench) are judged by the same model. `writers` judges only those
 * (each still by a model trained on all the others), to share the work among processes. Costs one
 * training per writer judged, and 36 shared threshold models (eight groups, and their pairs).
 */
export function leaveOneWriterOut(
  prepared: readonly Prepared[],
  extra: readonly Prepared[] = [],
  options: LogisticOptions = TRAINING,
  writers: readonly string[] = writersOf(prepared),
): { judged: Judged[]; extraJudged: Judged[] } {
  const thresholdScores = thresholdModelsNeeded(writersOf(prepared)).map((without) => thresholdModelScores(prepared, without, options));
  const judged: Judged[] = [];
  const extraJudged: Judged[] = [];
  for (const writer of writers) {
    const one = judgeWriter(prepared, extra, writer, lowoThreshold(prepared, writer, thresholdScores), options);
    judged.push(...one.judged);
    extraJudged.push(...one.extraJudged);
  }
  return { judged, extraJudged };
}
