/**
 * French typography for running text: a narrow no-break space (U+202F) before ; ! ? and
 * before : when it ends a clause, and inside « ». Only spacing changes: the visible characters
 * stay the same, and applying it twice gives the same text. Times (10:30), URLs (https://)
 * and emoticons without spaces are left alone.
 */
export const NNBSP = "\u202f";
export const NBSP = "\u00a0";

const SPACES = "[ \\u00a0\\u202f\\t]";
// Compiled once: this runs on every text node of every page.
const OPENING_QUOTE = new RegExp(`«${SPACES}*`, "g");
const CLOSING_QUOTE = new RegExp(`${SPACES}*»`, "g");
const SPACE_BEFORE_MARK = new RegExp(`${SPACES}+([;!?:])`, "g");
const NEEDS_WORK = /[«»;!?:]/;

// The same short texts (titles, standfirsts, interface strings) come back on every page: each is
// worked out once. Long texts (a story's paragraphs, rendered once at release) are not kept.
const done = new Map<string, string>();
const KEEP_UP_TO = 600;
const KEEP_AT_MOST = 20_000;

export function frenchTypography(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  if (text.length > KEEP_UP_TO) return withFrenchSpacing(text);
  let result = done.get(text);
  if (result === undefined) {
    result = withFrenchSpacing(text);
    if (done.size >= KEEP_AT_MOST) done.clear();
    done.set(text, result);
  }
  return result;
}

function withFrenchSpacing(text: string): string {
  return (
    text
      // « inside »: whatever spacing was typed becomes one narrow no-break space.
      .replace(OPENING_QUOTE, `«${NNBSP}`)
      .replace(CLOSING_QUOTE, `${NNBSP}»`)
      // Existing space before ; ! ? : becomes a narrow no-break space.
      .replace(SPACE_BEFORE_MARK, `${NNBSP}$1`)
      // No space typed after a word: add one before ; ! ? when followed by a space or the end.
      .replace(/([\p{L}\p{N})»])([;!?]+)(?=\s|$)/gu, `$1${NNBSP}$2`)
      // Colon directly after a word and followed by a space (not 10:30, not https://).
      .replace(/([\p{L})»])(:)(?=[ \u00a0\n]|$)/gu, `$1${NNBSP}$2`)
  );
}
