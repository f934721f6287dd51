/**
 * The labelled corpus of the crisis-signal detector: one JSON Lines file per writer in
 * training/crisis/corpus/ (`{"label":"acute"|"none","lang":"fr"|"en","kind":"…","text":"…"}`),
 * each writer with a different brief and none seeing the detector. "team-1" and "team-late" are
 * the sentences the project's team wrote for the old rules (the first set, then four late rounds).
 *
 * The frozen split: a row is frozen when a hash of its normalised text says so (about 20 %). Frozen
 * rows are never used to train, to choose a threshold or to compare designs; `npm run bench`
 * evaluates the shipped model on them once.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { tokenize } from "../../src/safety/crisis-signal.tokenize.js";

export const CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "corpus");
/**
 * Whole writers kept apart: never trained on, never used to choose a feature or a threshold, only
 * judged with the shipped weights (`score-writers.ts`, `npm run bench`), so the project keeps a
 * figure on writers no model has seen. Checked like the corpus, and holding none of its sentences.
 */
export const UNSEEN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "unseen");

/**
 * Writers judged by the shipped weights but not learnt yet: the next round's corpus, kept here so
 * the figure given for them can be reproduced. Nothing reads it but that judgement and its checks.
 * A round that retrains imports them into the corpus (`import-corpus.ts`) and removes them from
 * here; the folder may then be absent.
 */
export const INCOMING_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "incoming");

export const rowSchema = z.object({
  label: z.enum(["acute", "none"]),
  lang: z.enum(["fr", "en"]),
  kind: z.string().min(1).max(60),
  text: z.string().min(1).max(20_000),
});
export type LabelledRow = z.infer<typeof rowSchema> & { writer: string; frozen: boolean };

/** The text as the detector sees it, for finding duplicates across writers. */
export const normalised = (text: string) => tokenize(text).join(" ");

/** About one row in five, chosen by its words only (not by writer or order). */
export function isFrozen(text: string): boolean {
  const digest = createHash("sha256").update(`frozen-split:${normalised(text)}`).digest();
  return digest.readUInt32BE(0) % 100 < 20;
}

// ——— rows that must not be kept: they would help someone harm themselves

// A number (not "un", "une", "one": naming one box names a means) a few words before a unit of a
// means; and instruction-like wording. Naming a means, or saying someone searched for one, stays.
const NUMBER_WORDS =
  "deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|" +
  "two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred|dozen|dozens|douzaine|dizaine|dizaines";
const UNITS =
  "mg|g|gr|grammes?|grams?|ml|comprimes?|cachets?|pilules?|gelules?|boites?|plaquettes?|doses?|pills?|tablets?|" +
  "capsules?|boxes|packs?|bottles?|flacons?|etages?|floors?|stories|storeys";
const QUANTITY = new RegExp(`(?:^| )(?:\\d+(?:[.,]\\d+)?|${NUMBER_WORDS})(?: \\w+){0,2} (?:${UNITS})(?= |$)`);
const HOW_TO = new RegExp(
  [
    "(?:facon|maniere|moyen|methode|technique) (?:la |le )?plus (?:rapide|efficace|sure|sur|douce|indolore|radicale)",
    "(?:painless|quickest|fastest|surest|easiest|most effective|best) (?:way|method) to (?:die|kill|end)",
    "(?:combien|how many|how much) (?:de |of )?\\w+ (?:il faut|faut il|faut|suffit|suffisent|to take|does it take|would it take|is enough|are enough)",
    "dose (?:letale|mortelle) (?:de|du|des|est|c est|serait)",
    "lethal dose (?:of|is|would be)",
    "(?:il suffit de|suffit de|you just need to|all you need is|all you have to do is) (?:\\w+ ){0,3}(?:prendre|avaler|sauter|pendre|couper|take|swallow|jump|hang|cut)",
  ].join("|"),
);

/** Why a row must be dropped, or null: a quantity of a means, or a how-to. */
export function harmfulDetail(text: string): "quantity" | "how-to" | null {
  const words = normalised(text);
  if (QUANTITY.test(words)) return "quantity";
  if (HOW_TO.test(words)) return "how-to";
  return null;
}

// ——— loading

export type CorpusProblem = { writer: string; line: number; problem: string };

/** Parses one writer's file; rows that fail the schema are reported, never kept. */
export function parseWriterFile(writer: string, content: string): { rows: LabelledRow[]; problems: CorpusProblem[] } {
  const rows: LabelledRow[] = [];
  const problems: CorpusProblem[] = [];
  content.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ writer, line: i + 1, problem: "not JSON" });
      return;
    }
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) problems.push({ writer, line: i + 1, problem: `schema: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}` });
    else rows.push({ ...parsed.data, text: parsed.data.text.trim(), writer, frozen: isFrozen(parsed.data.text) });
  });
  return { rows, problems };
}

/** Every writer file of a folder, writers in name order. */
export function writerFiles(dir: string = CORPUS_DIR): Array<{ writer: string; file: string }> {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .map((f) => ({ writer: f.slice(0, -".jsonl".length), file: path.join(dir, f) }));
}

/** The committed corpus, every writer, in a fixed order. */
export function loadCorpus(dir: string = CORPUS_DIR): LabelledRow[] {
  return writerFiles(dir).flatMap(({ writer, file }) => parseWriterFile(writer, fs.readFileSync(file, "utf8")).rows);
}

export const writersOf = (rows: readonly LabelledRow[]) => [...new Set(rows.map((r) => r.writer))].sort();
