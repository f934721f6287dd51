/**
 * Finds the lexicon's phrases (crisis-signal.lexicon.ts) in a run of normalised words: the lexicon
 * is compiled once into a trie over words, with prefixes ("scarif*"), alternatives ("a|b") and
 * gaps ("~": up to two words), so matching from a word costs what the text actually matches.
 */

import { type Family, LEXICON } from "./crisis-signal.lexicon.js";
import { tokenize } from "./crisis-signal.tokenize.js";

// The lexicon as a trie over words: matching from a word costs what the text actually matches,
// not the number of phrases that start like it.
type Node = { words: Map<string, Node>; prefixes: Array<[string, Node]>; gap: Node | null; families: Family[] };
const newNode = (): Node => ({ words: new Map(), prefixes: [], gap: null, families: [] });
const ROOT = newNode();
// Root prefixes ("scarif*", "medicament*"…), indexed by their first three letters.
const ROOT_PREFIXES = new Map<string, Array<[string, Node]>>();

function childFor(node: Node, token: string, atRoot: boolean): Node[] {
  if (token === "~") {
    node.gap ??= newNode();
    return [node.gap];
  }
  if (token.includes("*") || token.includes("|")) {
    return token.split("|").map((alt) => {
      if (!alt.endsWith("*")) return childFor(node, alt, atRoot)[0] as Node;
      const prefix = alt.slice(0, -1);
      const list = atRoot ? (ROOT_PREFIXES.get(prefix.slice(0, 3)) ?? []) : node.prefixes;
      let found = list.find(([p]) => p === prefix)?.[1];
      if (!found) {
        found = newNode();
        list.push([prefix, found]);
        if (atRoot) ROOT_PREFIXES.set(prefix.slice(0, 3), list);
      }
      return found;
    });
  }
  let current = [node];
  for (const word of tokenize(token)) {
    // "l epoque" → "le", "epoque", like the text
    current = current.map((n) => {
      let child = n.words.get(word);
      if (!child) {
        child = newNode();
        n.words.set(word, child);
      }
      return child;
    });
  }
  return current;
}

for (const [family, phrases] of Object.entries(LEXICON) as Array<[Family, readonly string[]]>) {
  for (const phrase of phrases) {
    let nodes = [ROOT];
    phrase.split(" ").forEach((token, i) => {
      nodes = nodes.flatMap((n) => childFor(n, token, i === 0 && n === ROOT));
    });
    for (const n of nodes) if (!n.families.includes(family)) n.families.push(family);
  }
}

export type Match = { family: Family; first: number; last: number };

/** Follows the trie from `node` at word `at`; a gap lets up to two words pass. */
function walk(words: readonly string[], at: number, node: Node, first: number, found: Match[]): void {
  for (const family of node.families) found.push({ family, first, last: at - 1 });
  if (node.gap) for (let skip = 0; skip <= 2 && at + skip < words.length; skip++) advance(words, at + skip, node.gap, first, found);
  advance(words, at, node, first, found);
}

function advance(words: readonly string[], at: number, node: Node, first: number, found: Match[]): void {
  if (at >= words.length) return;
  const word = words[at] as string;
  const child = node.words.get(word);
  if (child) walk(words, at + 1, child, first, found);
  for (const [prefix, next] of node.prefixes) if (word.startsWith(prefix)) walk(words, at + 1, next, first, found);
}

/** Every lexicon match in a run of words (a piece), by start position. */
export function lexiconMatches(words: readonly string[]): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const child = ROOT.words.get(word);
    if (child) walk(words, i + 1, child, i, found);
    if (word.length >= 3) {
      const prefixes = ROOT_PREFIXES.get(word.slice(0, 3));
      if (prefixes) for (const [prefix, next] of prefixes) if (word.startsWith(prefix)) walk(words, i + 1, next, i, found);
    }
  }
  return found;
}
