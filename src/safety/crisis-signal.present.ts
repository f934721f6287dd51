import type { Locale } from "../platform/i18n/locale.js";
import { explainCrisisSignal } from "./crisis-signal.js";

/** A passage for the editors: its words in order, the ones that weighed marked. */
export type CrisisPassageView = { source: string; score: string; parts: Array<{ text: string; cue: boolean }> };

/**
 * What weighed in a text that an editor is about to read anyway (the contribution, a message):
 * its strongest passages, at most three, with the words that pushed them up. Built at render
 * time from the text on the page; nothing is stored.
 */
export function presentCrisisPassages(locale: Locale, text: string, source: string): CrisisPassageView[] {
  const { level, passages } = explainCrisisSignal(text);
  if (level !== "acute") return [];
  return passages.map((p) => {
    const parts: CrisisPassageView["parts"] = [];
    let at = p.start;
    for (const cue of p.cues) {
      if (cue.start > at) parts.push({ text: text.slice(at, cue.start), cue: false });
      parts.push({ text: text.slice(cue.start, cue.end), cue: true });
      at = cue.end;
    }
    if (at < p.end) parts.push({ text: text.slice(at, p.end), cue: false });
    return { source, score: locale === "fr" ? p.score.toFixed(2).replace(".", ",") : p.score.toFixed(2), parts };
  });
}
