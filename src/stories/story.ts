import { foldText } from "../platform/db/dialect.js";

/** Domain rules for testimonies, free of I/O. */

export const STORY_KINDS = ["article", "podcast"] as const;
export type StoryKind = (typeof STORY_KINDS)[number];

export const STORY_FORMATS = ["single", "collective"] as const;
export type StoryFormat = (typeof STORY_FORMATS)[number];

export const STORY_STATUSES = ["draft", "review", "scheduled", "published", "unpublished"] as const;
export type StoryStatus = (typeof STORY_STATUSES)[number];

export const CREDIT_KINDS = ["name", "pseudonym", "first_name_age", "anonymous"] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

export const CONTENT_NOTES = [
  "suicide",
  "self_harm",
  "involuntary_care",
  "violence",
  "addiction",
  "eating_disorder",
  "sexual_violence",
  "bereavement",
] as const;
export type ContentNote = (typeof CONTENT_NOTES)[number];

/** Who made a revision: an editor's account, the contributor, an import, or the platform itself (a version sent for approval, the scheduler). */
export type RevisionOrigin = "editor" | "contributor" | "import" | "system" | "scheduler";

export type Credit = { kind: CreditKind; name: string; age: number | null };

/** How the back office names a contributor acting from /suivi (message, anonymisation, withdrawal): never "a deleted account". */
export const CONTRIBUTOR_LABEL = "La personne qui témoigne";

/**
 * How a credit reads on a public page. Only what the contributor chose to show is used:
 * an anonymous credit never carries a name, whatever is stored beside it.
 */
export function creditLabel(credit: Credit, words: { anonymous: string; age: (name: string, age: number) => string }): string {
  const name = credit.name.trim();
  switch (credit.kind) {
    case "anonymous":
      return words.anonymous;
    case "first_name_age":
      return credit.age !== null && name ? words.age(name, credit.age) : name || words.anonymous;
    default:
      return name || words.anonymous;
  }
}

const MAX_SLUG = 80;

/** French-aware slug: accents folded, œ → oe, anything else becomes single hyphens. */
export function slugify(text: string): string {
  const slug = foldText(text)
    .replace(/ß/g, "ss")
    .replace(/['’]/g, "-")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, "");
  return slug || "sans-titre";
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isValidSlug(value: string): boolean {
  return value.length <= MAX_SLUG && SLUG_PATTERN.test(value);
}

/** A free variant of a slug, given a check for slugs already taken. */
export async function uniqueSlug(base: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  if (!(await isTaken(base))) return base;
  for (let n = 2; n < 1000; n++) {
    const candidate = `${base.slice(0, MAX_SLUG - String(n).length - 1).replace(/-+$/, "")}-${n}`;
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new Error("Aucun identifiant libre pour ce titre.");
}

/**
 * A part's title without its own numbering ("Travailler 1/2 – annoncer ou se taire" → "Travailler –
 * annoncer ou se taire"), for lists that number the parts already; no dash is left dangling.
 * `number` is the part's "position/total", so other fractions in a title ("24/7") stay.
 */
export function withoutPartNumber(title: string, number: string): string {
  const [position, total] = number.split("/");
  if (!position || !total) return title;
  const stripped = title
    .replace(new RegExp(`(^|\\s)\\(?${position}\\s?/\\s?${total}\\)?(?=\\s|$|[,.:;–—-])`, "gu"), "$1")
    .replace(/\s+/gu, " ")
    .replace(/\s*([–—-])(?:\s*[–—-])+/gu, " $1")
    .replace(/^[\s–—-]+|[\s–—,:;-]+$/gu, "")
    .trim();
  return stripped || title;
}

// About 200 words a minute: a comfortable pace for reading on a screen in French.
const WORDS_PER_MINUTE = 200;

export function countWords(text: string): number {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return words ? words.length : 0;
}

export function minutesForWords(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

export function readingMinutes(text: string): number {
  return minutesForWords(countWords(text));
}

export function parseContentNotes(stored: string): ContentNote[] {
  return stored
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is ContentNote => (CONTENT_NOTES as readonly string[]).includes(s));
}

export function isPubliclyVisible(status: string): boolean {
  return status === "published";
}

/** Reads "pseudonym | Mistral", "first_name_age | Jeanne | 58" or "anonymous". */
export function parseCreditSpec(spec: string): Credit | null {
  const [kind = "", name = "", age = ""] = spec.split("|").map((s) => s.trim());
  if (!(CREDIT_KINDS as readonly string[]).includes(kind)) return null;
  const parsedAge = /^\d{1,3}$/.test(age) ? Number(age) : null;
  if (kind === "anonymous") return { kind, name: "", age: null };
  if (!name) return null;
  if (kind === "first_name_age" && parsedAge === null) return null;
  return { kind: kind as CreditKind, name, age: kind === "first_name_age" ? parsedAge : null };
}

export function creditSpec(credit: Credit): string {
  if (credit.kind === "anonymous") return "anonymous";
  if (credit.kind === "first_name_age") return `first_name_age | ${credit.name} | ${credit.age ?? ""}`;
  return `${credit.kind} | ${credit.name}`;
}

export type VoiceDraft = { credit: Credit; bodyMd: string };

const VOICE_LINE = /^@voix\s+(.+)$/;

/**
 * A collective story is written in one text: an introduction, then each voice after a line
 * "@voix <credit>". Returns the pieces, or the line numbers whose credit cannot be read.
 */
export function splitVoices(body: string): { intro: string; voices: VoiceDraft[]; badLines: number[] } {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const intro: string[] = [];
  const voices: Array<{ credit: Credit; lines: string[] }> = [];
  const badLines: number[] = [];
  lines.forEach((line, i) => {
    const m = VOICE_LINE.exec(line.trim());
    if (m) {
      const credit = parseCreditSpec(m[1] as string);
      if (credit) voices.push({ credit, lines: [] });
      else badLines.push(i + 1);
      return;
    }
    const current = voices[voices.length - 1];
    (current ? current.lines : intro).push(line);
  });
  return {
    intro: intro.join("\n").trim(),
    voices: voices.map((v) => ({ credit: v.credit, bodyMd: v.lines.join("\n").trim() })),
    badLines,
  };
}

export function joinVoices(intro: string, voices: VoiceDraft[]): string {
  return [intro.trim(), ...voices.map((v) => `@voix ${creditSpec(v.credit)}\n\n${v.bodyMd.trim()}`)].filter(Boolean).join("\n\n");
}

/** How a body is stored: a collective story keeps its introduction and its voices apart; words exclude voice lines. */
export function bodyParts(format: StoryFormat, body: string): { intro: string; voices: VoiceDraft[]; words: number } {
  if (format !== "collective") return { intro: body, voices: [], words: countWords(body) };
  const split = splitVoices(body);
  return { intro: split.intro, voices: split.voices, words: countWords(body.replace(/^@voix.*$/gm, "")) };
}
