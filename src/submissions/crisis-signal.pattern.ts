/**
 * The crisis-signal prefilter: each rule pattern is compiled to matchers that carry the words a
 * match must contain, and matchers are indexed by those words so a text only wakes up its own.
 * Split from crisis-signal.ts, which assesses texts with these matchers.
 */

// ————————————————————————————————————————————————————————————————— prefilter
// Running ~110 patterns over a long text costs more than a millisecond, so each alternative of
// each pattern gets, derived from its own source, up to three word sets such that every match
// holds a word of each ("mourir", "crever", "suicider"…). It runs only when the text holds them,
// and only on the sentences holding the rarest. Derivation is conservative: when in doubt it
// requires nothing, and a test checks that results are the same with the prefilter off.

type Node = { t: "lit"; c: string } | { t: "any" } | { t: "look" } | { t: "group"; alts: Node[][]; min: number };

function parsePattern(src: string): Node[][] {
  let pos = 0;
  const quantifier = (): number | null => {
    const c = src[pos];
    let min: number | null = null;
    if (c === "?" || c === "*") {
      min = 0;
      pos++;
    } else if (c === "+") {
      min = 1;
      pos++;
    } else if (c === "{") {
      const close = src.indexOf("}", pos);
      const m = /^\{(\d+)(?:,\d*)?\}$/.exec(src.slice(pos, close + 1));
      if (m) {
        min = Number(m[1]);
        pos = close + 1;
      }
    }
    if (min !== null && src[pos] === "?") pos++; // lazy
    return min;
  };
  const parseAlts = (): Node[][] => {
    const alts: Node[][] = [[]];
    while (pos < src.length) {
      const c = src[pos] as string;
      let node: Node;
      if (c === ")") {
        pos++;
        return alts;
      }
      if (c === "|") {
        alts.push([]);
        pos++;
        continue;
      }
      if (c === "(") {
        let look = false;
        if (src.startsWith("(?:", pos)) pos += 3;
        else if (src.startsWith("(?=", pos) || src.startsWith("(?!", pos)) {
          pos += 3;
          look = true;
        } else if (src.startsWith("(?<=", pos) || src.startsWith("(?<!", pos)) {
          pos += 4;
          look = true;
        } else pos += 1;
        const inner = parseAlts();
        node = look ? { t: "look" } : { t: "group", alts: inner, min: 1 };
      } else if (c === "[") {
        pos++;
        while (pos < src.length && src[pos] !== "]") pos += src[pos] === "\\" ? 2 : 1;
        pos++;
        node = { t: "any" };
      } else if (c === "\\") {
        const e = src[pos + 1] ?? "";
        pos += 2;
        node = /[a-zA-Z0-9]/.test(e) ? (e === "b" || e === "B" ? { t: "look" } : { t: "any" }) : { t: "lit", c: e };
      } else if (c === ".") {
        pos++;
        node = { t: "any" };
      } else {
        pos++;
        node = { t: "lit", c };
      }
      const min = node.t === "look" ? null : quantifier();
      (alts[alts.length - 1] as Node[]).push(min === null ? node : { t: "group", alts: [[node]], min });
    }
    return alts;
  };
  return parseAlts();
}

const COMMON_WORDS = new Set(
  "je me te se ne le la les de des du un une a au aux en et est ce ca il elle on que qui pas plus tout tous pour mais mon ma mes ai suis vous nous y i am to the my and is it of you be have not do will in for that this".split(
    " ",
  ),
);
/** Lower is more selective: a common word makes a set useless, short words are frequent. */
const cost = (set: ReadonlySet<string>) => {
  let sum = 0;
  for (const w of set) sum += COMMON_WORDS.has(w) ? 1000 : w.length <= 4 ? 3 : 1;
  return sum;
};
const solid = (alt: Node[]) => alt.filter((n) => n.t !== "look"); // lookarounds consume nothing

/** Does every way through this node begin (end) with a space? */
function edgeIsSpace(node: Node, end: boolean): boolean {
  if (node.t === "lit") return node.c === " ";
  if (node.t !== "group") return false;
  return node.alts.every((alt) => {
    const items = solid(alt);
    const edge = end ? items[items.length - 1] : items[0];
    return edge !== undefined && (edge.t !== "group" || edge.min >= 1) && edgeIsSpace(edge, end);
  });
}

function spaceBefore(items: Node[], i: number, left: boolean): boolean {
  if (i === 0) return left;
  const previous = items[i - 1] as Node;
  if (previous.t === "lit") return previous.c === " ";
  if (previous.t !== "group" || !edgeIsSpace(previous, true)) return false;
  return previous.min >= 1 || spaceBefore(items, i - 1, left);
}

function spaceAfter(items: Node[], i: number, right: boolean): boolean {
  if (i === items.length - 1) return right;
  const next = items[i + 1] as Node;
  if (next.t === "lit") return next.c === " ";
  if (next.t !== "group" || !edgeIsSpace(next, false)) return false;
  return next.min >= 1 || spaceAfter(items, i + 1, right);
}

/** Word sets such that every match holds a word of each set (a conjunction of disjunctions). */
function needsOfSequence(sequence: Node[], left: boolean, right: boolean): Set<string>[] {
  const items = solid(sequence);
  const candidates: Set<string>[] = [];
  let i = 0;
  while (i < items.length) {
    const item = items[i] as Node;
    if (item.t === "lit") {
      const start = i;
      let run = "";
      for (let next = items[i]; next?.t === "lit"; next = items[i]) {
        run += next.c;
        i++;
      }
      const pieces = run.split(" ");
      const leftEdge = spaceBefore(items, start, left);
      const rightEdge = spaceAfter(items, i - 1, right);
      pieces.forEach((piece, k) => {
        const complete = (k > 0 || leftEdge) && (k < pieces.length - 1 || rightEdge);
        if (complete && piece !== "" && !/[|,]/.test(piece)) candidates.push(new Set([piece]));
      });
      continue;
    }
    if (item.t === "group" && item.min >= 1) {
      const union = unionOfAlternatives(item.alts, spaceBefore(items, i, left), spaceAfter(items, i, right));
      if (union) candidates.push(union);
    }
    i++;
  }
  return candidates.filter((c) => cost(c) < 1000).sort((x, y) => cost(x) - cost(y));
}

function unionOfAlternatives(alts: Node[][], left: boolean, right: boolean): Set<string> | null {
  const union = new Set<string>();
  for (const alt of alts) {
    const best = needsOfSequence(alt, left, right)[0];
    if (!best) return null;
    for (const w of best) union.add(w);
  }
  return union;
}

/** Splits a pattern on its top-level "|". */
function topLevelAlternatives(pattern: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") i++;
    else if (inClass) inClass = c !== "]";
    else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(pattern.slice(start, i));
      start = i + 1;
    }
  }
  out.push(pattern.slice(start));
  return out;
}

export type Matcher = { re: RegExp; needs: ReadonlyArray<readonly string[]> | null; sentenceStart: boolean };

/**
 * One matcher per top-level alternative, each with the words it needs (up to three sets, all of
 * which must meet the text). Matches must start on a word: the character before is checked in
 * code, as a lookbehind would cost on every position of the text.
 */
export function matchers(pattern: string): Matcher[] {
  return topLevelAlternatives(pattern).map((written) => {
    // A leading "^" means: at the start of a sentence or clause (checked in code, like the word start).
    const sentenceStart = written.startsWith("^");
    const alternative = sentenceStart ? written.slice(1) : written;
    const top = parsePattern(alternative);
    const sets = top.length === 1 ? needsOfSequence(top[0] as Node[], true, true) : [];
    const needs = sets.slice(0, 3).map((set) => [...set]);
    return { re: new RegExp(`(?:${alternative})(?= )`, "g"), needs: needs.length > 0 ? needs : null, sentenceStart };
  });
}

/** Matchers indexed by the words of their most selective set, so a text only wakes up its own. */
export type MatcherIndex = { size: number; always: number[]; byWord: Map<string, number[]> };

export function indexMatchers(list: readonly Matcher[]): MatcherIndex {
  const always: number[] = [];
  const byWord = new Map<string, number[]>();
  list.forEach((m, i) => {
    if (!m.needs) always.push(i);
    else {
      for (const word of m.needs[0] ?? []) {
        const ids = byWord.get(word);
        if (ids) ids.push(i);
        else byWord.set(word, [i]);
      }
    }
  });
  return { size: list.length, always, byWord };
}
