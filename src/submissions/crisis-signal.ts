/**
 * Transparent, rule-based detector of ACUTE suicide and self-harm risk signals in French and
 * English free text (a testimony or a message sent by a contributor).
 *
 * What it flags: present intent, plans, means, timing ("ce soir c'est fini", "I won't be here
 * tomorrow"), farewells and goodbye letters, giving possessions away, self-harm happening now.
 * What it tries not to flag: a past attempt told as a recovery story, idioms ("mourir de rire",
 * "ça me tue", "en finir avec les idées reçues"), prevention information, grief about someone
 * else, fiction and quotation, questions about how to help someone.
 *
 * How (every step is readable below, nothing is learnt):
 * 1. Normalise: Unicode NFKD, accents and case folded, typographic apostrophes unified, English
 *    contractions and French elisions expanded ("j'ai" → "je ai", "don't" → "do not").
 * 2. Cut into sentences and clauses, remember which words sit inside quotation marks.
 * 3. Run weighted patterns (RULES) over the words; each pattern has an id and a weight in ]0, 1[.
 * 4. Dampen each hit by its context (CONTEXT_FACTORS): past-tense markers in the same sentence
 *    ("il y a trois ans", "à l'époque"), a recovery statement after it ("aujourd'hui je vais
 *    mieux"), quotation marks, reported speech, fiction, jokes, prevention wording, "si"/"if"
 *    just before, "pas que" just before, an ordinary reason for an absence (moving, holidays).
 * 5. Combine the strongest hit of each rule as independent evidence: score = 1 − Π(1 − wᵢ).
 *    A time anchor ("ce soir", "tonight") adds a little when something else already fired.
 * 6. `acute` when score ≥ ACUTE_THRESHOLD.
 *
 * Privacy: the text is never stored, logged or returned; `reasons` holds rule and context ids
 * only. Cost: linear in the text (patterns are literal alternations with bounded gaps, no nested
 * unbounded quantifier; each pattern only searches the sentences holding a word it needs; long
 * texts are analysed in pieces), about half a millisecond for 5,000 characters; texts longer
 * than MAX_ANALYSED_CHARS are analysed on their head and tail. It never throws.
 *
 * Limits: it is a screening aid that routes a text to a human, not a clinical assessment. It
 * only knows the phrasings its rules spell out: on sentences written after the rules were frozen
 * it caught 40 % of the acute ones (5 % false alarms); see the late rounds in
 * crisis-signal.late-rounds.ts and `npx tsx bench/crisis-check.ts`. Never treat `none` as "safe".
 */

import { RULE_SPECS } from "./crisis-signal.rules.js";
import { CONTEXT_FACTORS, CONTEXT_SPECS, type ContextKind } from "./crisis-signal.contexts.js";
import { indexMatchers, type Matcher, type MatcherIndex, matchers } from "./crisis-signal.pattern.js";
import { type Scanned, scan } from "./crisis-signal.tokenize.js";

export type CrisisLevel = "acute" | "none";
export type CrisisAssessment = { level: CrisisLevel; score: number; reasons: string[] };

export const ACUTE_THRESHOLD = 0.5;
/** Longer texts are analysed on their first and last halves of this budget (about 50 ms of work). */
export const MAX_ANALYSED_CHARS = 1_000_000;
/** Texts are analysed in pieces of about this size, cut at paragraph or sentence ends. */
const CHUNK_CHARS = 16_000;

type Rule = Matcher & { id: string; weight: number; family: string };

const RULES: readonly Rule[] = RULE_SPECS.flatMap(([id, weight, pattern]) =>
  matchers(pattern).map((m) => ({ ...m, id, weight, family: id.slice(0, id.indexOf(".")) })),
);

const RULE_INDEX = indexMatchers(RULES);

// Context patterns and factors live in crisis-signal.contexts.ts.
export { CONTEXT_FACTORS };
const CONTEXTS = CONTEXT_SPECS.flatMap(([kind, pattern]) => matchers(pattern).map((m) => ({ ...m, kind })));
const CONTEXT_INDEX = indexMatchers(CONTEXTS);

/** Ids of the rules, for documentation and tests. */
export const RULE_IDS: readonly string[] = RULE_SPECS.map(([id]) => id);

// ————————————————————————————————————————————————————————————————— analysis

type Span = { kind: ContextKind; sentence: number; first: number; last: number };

type Line = {
  text: string; // "| w w , w | w … |": "|" between sentences, "," between clauses
  starts: Int32Array; // offset of each word in text
  sentenceBounds: Int32Array; // per sentence: offset of the "|" before it, and after it
  sentenceTexts: Array<string | undefined>; // "| w w … |", sliced on demand
  occurrences: Map<string, number[]>; // word → its positions, for the prefilter
  scanned: Scanned;
};

function buildLine(scanned: Scanned): Line {
  const { words, sentenceOf, clauseOf } = scanned;
  const starts = new Int32Array(words.length);
  const sentences = words.length === 0 ? 0 : (sentenceOf[words.length - 1] as number) + 1;
  const sentenceBounds = new Int32Array(sentences * 2 + 2);
  const occurrences = new Map<string, number[]>();
  let text = "|";
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (i > 0 && sentenceOf[i] !== sentenceOf[i - 1]) {
      text += " |";
      sentenceBounds[2 * (sentenceOf[i - 1] as number) + 1] = text.length - 1;
      sentenceBounds[2 * (sentenceOf[i] as number)] = text.length - 1;
    } else if (i > 0 && clauseOf[i] !== clauseOf[i - 1]) text += " ,";
    text += " ";
    starts[i] = text.length;
    text += word;
    const list = occurrences.get(word);
    if (list) list.push(i);
    else occurrences.set(word, [i]);
  }
  text += " |";
  if (sentences > 0) sentenceBounds[2 * (sentences - 1) + 1] = text.length - 1;
  return { text, starts, sentenceBounds, sentenceTexts: new Array(sentences), occurrences, scanned };
}

function sentenceText(line: Line, sentence: number): string {
  let text = line.sentenceTexts[sentence];
  if (text === undefined) {
    text = line.text.slice(line.sentenceBounds[2 * sentence], (line.sentenceBounds[2 * sentence + 1] as number) + 1);
    line.sentenceTexts[sentence] = text;
  }
  return text;
}

/**
 * Calls `found` with the word range of every match of `m` that starts on a word. With a
 * prefilter, only the sentences holding one of the rarest needed words are searched (patterns
 * never cross a sentence, and each sentence is searched with its "|" borders).
 */
let prefilter = true; // switched off only by assessWithoutPrefilter, to test the prefilter

/** Which matchers of an index may match this line (all of them with the prefilter off), in order. */
function awake(index: MatcherIndex, line: Line): Uint8Array {
  const mark = new Uint8Array(index.size);
  if (!prefilter) return mark.fill(1);
  for (const i of index.always) mark[i] = 1;
  for (const word of line.occurrences.keys()) {
    const ids = index.byWord.get(word);
    if (ids) for (const i of ids) mark[i] = 1;
  }
  return mark;
}

function eachMatch(line: Line, m: Matcher, found: (first: number, last: number) => void): void {
  if (!m.needs || !prefilter) {
    matchIn(line.text, 0, line, m, found);
    return;
  }
  let rarest: number[][] = [];
  let rarestCount = Number.POSITIVE_INFINITY;
  for (const set of m.needs) {
    const lists: number[][] = [];
    let count = 0;
    for (const w of set) {
      const list = line.occurrences.get(w);
      if (list) {
        lists.push(list);
        count += list.length;
      }
    }
    if (count === 0) return;
    if (count < rarestCount) {
      rarest = lists;
      rarestCount = count;
    }
  }
  const sentences = new Set<number>();
  for (const list of rarest) for (const position of list) sentences.add(line.scanned.sentenceOf[position] as number);
  if (sentences.size > 8 && sentences.size * 4 > line.sentenceTexts.length) {
    matchIn(line.text, 0, line, m, found); // most sentences qualify: one search costs less
    return;
  }
  for (const sentence of [...sentences].sort((x, y) => x - y)) {
    matchIn(sentenceText(line, sentence), line.sentenceBounds[2 * sentence] as number, line, m, found);
  }
}

function matchIn(text: string, offset: number, line: Line, m: Matcher, found: (first: number, last: number) => void): void {
  const { re } = m;
  re.lastIndex = 0;
  for (;;) {
    const match = re.exec(text);
    if (match === null) return;
    const wordStart = text.charCodeAt(match.index - 1) === 32;
    const before = text.charCodeAt(match.index - 2);
    if (!wordStart || (m.sentenceStart && before !== 124 && before !== 44)) {
      re.lastIndex = match.index + 1; // started inside a word, or not where required: look further
      continue;
    }
    if (match[0].length === 0) re.lastIndex = match.index + 1;
    const [first, last] = wordRange(line, offset + match.index, match[0].length);
    found(first, last);
  }
}

/** Index of the word at or before a text offset. */
function wordAt(line: Line, offset: number): number {
  let lo = 0;
  let hi = line.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((line.starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function wordRange(line: Line, index: number, length: number): [number, number] {
  const first = wordAt(line, index);
  return [first, Math.max(first, wordAt(line, index + length - 1))];
}

const AUXILIARIES = new Set(["a", "ont", "avait", "avaient", "ai", "avais", "me", "te", "lui", "leur", "nous", "vous", "ne", "se", "le", "la", "les", "have", "has", "had"]);

/** "je dis", "j'ai écrit", "I said": the speaker reports their own words, not someone else's. */
function selfReported(scanned: Scanned, verb: number): boolean {
  for (let i = verb - 1; i >= 0 && scanned.sentenceOf[i] === scanned.sentenceOf[verb]; i--) {
    const word = scanned.words[i] as string;
    if (word === "je" || word === "i") return true;
    if (!AUXILIARIES.has(word)) return false;
  }
  return false;
}

function findSpans(line: Line): Map<number, Span[]> {
  const bySentence = new Map<number, Span[]>();
  const mark = awake(CONTEXT_INDEX, line);
  for (let i = 0; i < CONTEXTS.length; i++) {
    if (!mark[i]) continue;
    const context = CONTEXTS[i] as (typeof CONTEXTS)[number];
    const { kind } = context;
    eachMatch(line, context, (first, last) => {
      if (kind === "reported" && selfReported(line.scanned, first)) return;
      const sentence = line.scanned.sentenceOf[first] ?? 0;
      const list = bySentence.get(sentence);
      const span = { kind, sentence, first, last };
      if (list) list.push(span);
      else bySentence.set(sentence, [span]);
    });
  }
  return bySentence;
}

type Hit = { id: string; weight: number; contexts: string[] };

const CONDITIONAL_WORDS = new Set(["si", "if", "unless"]);
const ABSENCE_FAMILIES = new Set(["timing", "giving", "farewell"]);

function contextFactors(
  line: Line,
  spans: Map<number, Span[]>,
  laterSentenceSpans: { recovery: number; helper: number },
  family: string,
  first: number,
  last: number,
): string[] {
  const { sentenceOf, clauseOf, quoted, words } = line.scanned;
  const sentence = sentenceOf[first] ?? 0;
  const inSentence = spans.get(sentence) ?? [];
  const outside = (s: Span) => s.last < first || s.first > last;
  const applied: string[] = [];

  let quotedWords = 0;
  for (let i = first; i <= last; i++) if (quoted[i]) quotedWords++;
  if (quotedWords * 2 >= last - first + 1) applied.push("context.quoted");

  const nowSpans = inSentence.filter((s) => s.kind === "now");
  const anchors = inSentence.filter((s) => s.kind === "now" || s.kind === "today");
  const anchoredNow = nowSpans.length > 0;
  const pastApplies = inSentence.some((s) => {
    if (s.kind !== "past" || !outside(s)) return false;
    // A present anchor between the past marker and the hit (or inside the hit) resets the tense.
    const lo = Math.min(s.last, first);
    const hi = Math.max(s.first, last);
    return !anchors.some((a) => (a.first > lo && a.last < hi) || (a.first >= first && a.last <= last));
  });
  if (pastApplies) applied.push("context.past");

  const reported = inSentence.some(
    (s) =>
      (s.kind === "reported" && s.last < first && clauseOf[s.last] === clauseOf[first]) ||
      (s.kind === "reported_after" && outside(s) && s.first > last),
  );
  if (reported) applied.push("context.reported");
  if (inSentence.some((s) => s.kind === "fiction" && outside(s))) applied.push("context.fiction");
  if (inSentence.some((s) => s.kind === "joke")) applied.push("context.joke");
  if (inSentence.some((s) => s.kind === "prevention" && outside(s))) applied.push("context.prevention");
  if (ABSENCE_FAMILIES.has(family) && inSentence.some((s) => s.kind === "ordinary_absence" && outside(s))) {
    applied.push("context.ordinary_absence");
  }
  if (inSentence.some((s) => s.kind === "negated" && s.last < first && s.last >= first - 2 && clauseOf[s.last] === clauseOf[first])) {
    applied.push("context.negated");
  }
  for (let i = first - 1; i >= Math.max(0, first - 2); i--) {
    if (sentenceOf[i] !== sentence || clauseOf[i] !== clauseOf[first]) break;
    if (CONDITIONAL_WORDS.has(words[i] as string)) {
      applied.push("context.conditional");
      break;
    }
  }
  // Text-level contexts: a recovery statement or a "how do I help" question in the same or a
  // later sentence. A hit anchored in the immediate present ("ce soir") is never dampened by them.
  if (!anchoredNow) {
    if (laterSentenceSpans.recovery >= sentence && !inSentence.some((s) => s.kind === "recovery" && !outside(s))) {
      applied.push("context.recovery");
    }
    if (laterSentenceSpans.helper >= sentence) applied.push("context.helper");
  }
  return applied;
}

const NOW_BOOST = 0.2;
const NOW_BOOST_NEEDS = 0.25;

/** The strongest hit of each rule in one piece of text, and whether it has a time anchor. */
function collectHits(text: string, best: Map<string, Hit>): boolean {
  const scanned = scan(text);
  if (scanned.words.length === 0) return false;
  const line = buildLine(scanned);
  const spans = findSpans(line);
  // Last sentence holding a recovery statement / a helper question (−1 when none).
  const later = { recovery: -1, helper: -1 };
  let hasNow = false;
  for (const list of spans.values()) {
    for (const s of list) {
      if (s.kind === "recovery") later.recovery = Math.max(later.recovery, s.sentence);
      if (s.kind === "helper") later.helper = Math.max(later.helper, s.sentence);
      if (s.kind === "now") hasNow = true;
    }
  }
  const mark = awake(RULE_INDEX, line);
  for (let i = 0; i < RULES.length; i++) {
    if (!mark[i]) continue;
    const rule = RULES[i] as Rule;
    eachMatch(line, rule, (first, last) => {
      const contexts = contextFactors(line, spans, later, rule.family, first, last);
      let weight = rule.weight;
      for (const c of contexts) weight *= CONTEXT_FACTORS[c] ?? 1;
      const previous = best.get(rule.id);
      if (!previous || weight > previous.weight) best.set(rule.id, { id: rule.id, weight, contexts });
    });
  }
  return hasNow;
}

/**
 * Where to cut a long text: at a paragraph, else a sentence end, else a space, near `limit`.
 * Pieces stay small so the work stays linear (big arrays cost V8 far more than many small ones).
 */
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

function assess(text: string): { score: number; hits: Hit[] } {
  let input = text;
  if (input.length > MAX_ANALYSED_CHARS) {
    const half = MAX_ANALYSED_CHARS / 2;
    input = `${input.slice(0, half)}\n${input.slice(input.length - half)}`;
  }
  const best = new Map<string, Hit>();
  let hasNow = false;
  for (let from = 0; from < input.length; ) {
    const to = cutPoint(input, from, CHUNK_CHARS);
    if (collectHits(input.slice(from, to), best)) hasNow = true;
    from = to;
  }
  const hits = [...best.values()];
  const strongest = hits.reduce((max, h) => Math.max(max, h.weight), 0);
  if (hasNow && strongest >= NOW_BOOST_NEEDS) hits.push({ id: "timing.now", weight: NOW_BOOST, contexts: [] });
  let keep = 1;
  for (const h of hits) keep *= 1 - Math.min(Math.max(h.weight, 0), 0.999);
  return { score: 1 - keep, hits };
}

/**
 * Screens a text for acute suicide or self-harm risk signals. Returns the level, a score in
 * [0, 1] and the ids of the rules and contexts that weighed in (never an excerpt of the text).
 * Never throws: on an unexpected internal error it answers `none` with reason `engine.error`.
 */
export function assessCrisisSignal(text: string): CrisisAssessment {
  try {
    const { score: raw, hits } = assess(typeof text === "string" ? text : "");
    const score = Number.isFinite(raw) ? Math.min(1, Math.max(0, Math.round(raw * 10_000) / 10_000)) : 0;
    const reasons: string[] = [];
    for (const h of hits.filter((h) => h.weight >= 0.05).sort((a, b) => b.weight - a.weight)) {
      if (!reasons.includes(h.id)) reasons.push(h.id);
      for (const c of h.contexts) if (!reasons.includes(c)) reasons.push(c);
    }
    return { level: score >= ACUTE_THRESHOLD ? "acute" : "none", score, reasons };
  } catch {
    return { level: "none", score: 0, reasons: ["engine.error"] };
  }
}

/** For tests only: the same assessment with every pattern searched over the whole text. */
export function assessWithoutPrefilter(text: string): CrisisAssessment {
  prefilter = false;
  try {
    return assessCrisisSignal(text);
  } finally {
    prefilter = true;
  }
}
