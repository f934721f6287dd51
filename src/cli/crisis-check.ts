import { once } from "node:events";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { assessCrisisSignal } from "../safety/crisis-signal.js";

/** "acute\t0.87": the level, a tab, the score rounded down to two decimals (so it agrees with the level). */
export function crisisCheckLine(text: string): string {
  const { level, score } = assessCrisisSignal(text);
  return `${level}\t${(Math.floor(score * 100 + 1e-9) / 100).toFixed(2)}`;
}

/**
 * `entrepairs crisis-check`: reads standard input line by line and prints, for each input line,
 * `acute` or `none`, a tab and the score (see src/safety/crisis-signal.ts). The text itself
 * is never printed, logged or kept. The streams can be replaced for tests.
 */
export async function crisisCheck(input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
  for await (const line of lines) {
    if (!output.write(`${crisisCheckLine(line)}\n`)) await once(output, "drain");
  }
}
