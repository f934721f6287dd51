import { CONTENT_NOTES, CREDIT_KINDS } from "../../src/stories/story.js";
import { CONSENT_CHANNELS, CONSENT_EVENTS, SUBMISSION_STATES } from "../../src/submissions/submission.js";

// Codes that are French words too ("sur le site", "le podcast", "prévention du suicide" in every
// footer): a page may say them; tests check their labels instead.
const FRENCH_WORDS = new Set(["site", "podcast", "suicide", "violence", "addiction"]);

/**
 * The codes stored beside contributions that must never reach a page as they are: states,
 * content notes, consent events and channels, credit kinds.
 */
export const RAW_CODES = [...new Set([...SUBMISSION_STATES, ...CONTENT_NOTES, ...CONSENT_EVENTS, ...CONSENT_CHANNELS, ...CREDIT_KINDS])].filter((code) => !FRENCH_WORDS.has(code));

/** What a reader sees of a page: its text, without markup, scripts or attribute values. */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** The raw codes (and JSON) a page shows, as whole words: empty when every one is a label. */
export function rawCodesShown(html: string): string[] {
  const text = visibleText(html);
  const found: string[] = RAW_CODES.filter((code) => new RegExp(`(^|[^\\p{L}\\p{N}_])${code}($|[^\\p{L}\\p{N}_])`, "u").test(text));
  if (/[{[]\s*"/.test(text)) found.push("JSON");
  return found;
}
