/**
 * Characters that change how text is shown without being seen. Bidi embeddings, overrides and
 * isolates (U+202A–202E, U+2066–2069) reverse or reorder a line, on public pages and in the back
 * office alike; zero-width characters (U+200B–200D, U+2060, U+FEFF) hide words inside others, so a
 * reader, an editor or a search sees different text. A zero-width joiner is kept only between two
 * pictographs (after an optional variation selector or skin tone), where it joins one emoji such
 * as 👩‍⚕️: it changes nothing else there, and removing it would split the emoji in two.
 * Bidi marks (U+200E, U+200F, U+061C) stay: right-to-left writing needs them and they cannot
 * reverse a run.
 */
const INVISIBLE_CONTROLS =
  /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u2060\uFEFF]|(?<!\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;

/**
 * Text as it is kept: invisible controls removed, then Unicode NFC, so "é" typed as one character
 * or as "e" and an accent is the same text everywhere (comparisons, fingerprints, search).
 * Idempotent. Every form field goes through it in `formValues`.
 */
export function normaliseTextInput(text: string): string {
  return text.replace(INVISIBLE_CONTROLS, "").normalize("NFC");
}
