/**
 * `npx tsx training/crisis/buried-check.ts`: how the shipped detector reads one acute sentence set
 * among calm ones in a short text. From the writers kept apart (training/crisis/unseen/, never
 * trained on): 400 texts of 31 to 60 words, each an acute row of at most 20 words between two
 * benign rows, and 400 texts of three benign rows, drawn with a fixed seed. Prints how many are
 * flagged, and how many of the acute rows are flagged alone (never a row's words).
 */
import { assessCrisisSignal } from "../../src/safety/crisis-signal.js";
import { loadCorpus, UNSEEN_DIR } from "./corpus.js";
import { seededRandom } from "./logistic.js";

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const oneLine = (text: string) => !text.includes("\n");
const rows = loadCorpus(UNSEEN_DIR);
const acute = rows.filter((r) => r.label === "acute" && words(r.text) <= 20 && oneLine(r.text));
const benign = rows.filter((r) => r.label === "none" && words(r.text) <= 25 && oneLine(r.text));

const random = seededRandom(20261205);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const sentence = (text: string) => (/[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);
const flagged = (text: string) => assessCrisisSignal(text).level === "acute";

/** Draws `count` texts of 31 to 60 words: how many are flagged, and how many of their acute rows alone. */
function drawn(count: number, draw: () => { text: string; alone?: string }): { buried: number; alone: number } {
  let made = 0;
  let buried = 0;
  let alone = 0;
  while (made < count) {
    const { text, alone: row } = draw();
    if (words(text) <= 30 || words(text) > 60) continue;
    made++;
    if (flagged(text)) buried++;
    if (row !== undefined && flagged(row)) alone++;
  }
  return { buried, alone };
}

const withAcute = drawn(400, () => {
  const row = pick(acute).text;
  return { text: `${sentence(pick(benign).text)} ${sentence(row)} ${sentence(pick(benign).text)}`, alone: row };
});
const calm = drawn(400, () => ({ text: [pick(benign), pick(benign), pick(benign)].map((r) => sentence(r.text)).join(" ") }));
process.stdout.write(
  `Acute row alone flagged: ${withAcute.alone}/400\nAcute row between two benign rows, flagged: ${withAcute.buried}/400\nThree benign rows, flagged: ${calm.buried}/400\n`,
);
