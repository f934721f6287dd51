/**
 * How a text's score is made from its windows' scores (crisis-signal.features.ts says what a window
 * is): a soft maximum over the windows, floored, and a short text's pieces read alone as a second
 * opinion. Shared by the runtime (crisis-signal.ts) and training (training/crisis/detector-training.ts),
 * so a text is scored the same way in both.
 */

/**
 * A short text is read whole, and each of its pieces alone as a second opinion: its logit is the
 * higher of the whole's and of its strongest piece's less ALONE_MARGIN. Read whole, one acute
 * sentence among calm ones ("Je veux mourir." beside a line about crime novels) was outweighed by
 * them; read alone, a piece has no context to temper it, hence the margin: the smallest (of 0 to 3
 * logits) at which writers left out of training lose no recall at 5 % false alarms, chosen on the
 * groups of `training/crisis/compare-network.ts` (docs/crisis-signals.md, sixteenth round).
 */
export const ALONE_MARGIN = 2;
/** A text's logit from its windows' pooled logit and its strongest piece read alone (−∞ without). */
export const textLogit = (pooled: number, strongestAlone: number): number => Math.max(pooled, strongestAlone - ALONE_MARGIN);

/**
 * A long text's logit from its windows' logits: the log of the mean of their exponentials (a soft
 * maximum, less the log of the number of windows). The strongest of many noisy scores runs high: a
 * text whose other windows are quiet is lowered by up to the log of its number of windows, one whose
 * other windows agree with its strongest is lowered less. Chosen by leave-one-writer-out over the
 * strongest window less 0.5 · ln(windows, counted up to 16): it cut false alarms on long benign
 * testimonies further (docs/crisis-signals.md).
 *
 * A text is never lowered by more than POOL_FLOOR below its strongest window, so a very long text
 * never buries a signal under its length. It is ALONE_MARGIN, as for a short text's piece read
 * alone: one acute sentence is read the same among a hundred calm ones as among two (with ln 16,
 * "Je veux me pendre." at the end of two megabytes of walks by a river fell under the threshold;
 * on the groups the two floors gave the same figures, docs/crisis-signals.md, eighteenth round).
 */
export const POOL_FLOOR = ALONE_MARGIN;
/** `best`: the strongest window's logit; `sumExp`: the sum over all windows of exp(logit − best), at least 1. */
export const pooledLogit = (best: number, sumExp: number, windows: number): number =>
  best + Math.max(Math.log(sumExp / Math.max(1, windows)), -POOL_FLOOR);
