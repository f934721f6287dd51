/**
 * How the crisis-signal detector normalises what people type before it reads words: Unicode
 * folding (accents, ligatures, apostrophes), English contractions and French elisions, letters
 * typed again and again, and texting spellings ("jpp" → "je peux plus"). Linear in the text.
 */

const SPECIAL_LETTERS = new Map<string, string>([
  ["œ", "oe"],
  ["æ", "ae"],
  ["ß", "ss"],
  ["ø", "o"],
  ["ł", "l"],
  ["đ", "d"],
  ["ð", "d"],
  ["þ", "th"],
  ["ı", "i"],
  ["ŀ", "l"],
]);
const SPECIAL_RE = /[œæßøłđðþıŀ]/g;
const APOSTROPHE_RE = /[\u2019\u2018\u201b\u02bc\u02bb\u02b9\u0060\u00b4\u2032\uff07]/g;
// Combining marks left by NFKD on Latin text; other scripts fall back to the (slower) \p{M}.
const LATIN_MARKS_RE = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+/g;
const ANY_MARK_RE = /\p{M}+/gu;
const BEYOND_LATIN_RE = /[\u0300-\u1fff\u2070-\uffff]/; // beyond Latin letters and general punctuation
const NON_ASCII_RE = /[\u0080-\uffff]/;
const STRAY_APOSTROPHE_RE = /[\u2019\u2018\u201b\u02bc\u02bb\u02b9\u0060\u00b4\u2032\uff07]/;

function foldOnce(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII_RE.test(lower)) return lower.includes("`") ? lower.replace(APOSTROPHE_RE, "'") : lower;
  let out = lower.replace(APOSTROPHE_RE, "'").normalize("NFKD").replace(LATIN_MARKS_RE, "");
  if (BEYOND_LATIN_RE.test(out)) out = out.replace(ANY_MARK_RE, "");
  return out.replace(SPECIAL_RE, (c) => SPECIAL_LETTERS.get(c) ?? c);
}

/** Lower case, NFKD, no combining mark, œ → oe…; repeated while it still changes (NFKD can reveal capitals: "Ⓐ" → "A"). */
export function foldWhole(text: string): string {
  let out = foldOnce(text);
  for (let i = 0; i < 4 && (out.toLowerCase() !== out || STRAY_APOSTROPHE_RE.test(out)); i++) out = foldOnce(out);
  return out;
}

// Below Greek, and in general punctuation, a character folds the same whatever its neighbours (the
// text is still lower-cased whole, and the combining marks NFKD might reorder are all removed): such
// a text is folded character by character, each character folded once by `foldWhole` and
// remembered. That skips NFKD over the whole text, the costliest step for French prose.
const NOT_CHARACTERWISE_RE = /[\u0370-\u1fff\u2070-\uffff]/;
const FOLDS_ALONE_RE = /[\u0060\u0080-\u036f\u2000-\u206f]/g;
const folded = new Map<string, string>();
const foldCharacter = (ch: string): string => {
  let out = folded.get(ch);
  if (out === undefined) {
    out = foldWhole(ch);
    folded.set(ch, out); // bounded: at most the 0x370 + 0x70 characters the pattern lets through
  }
  return out;
};

/** As `foldWhole`, faster on texts in Latin script (the equivalence is a property test). */
export function fold(text: string): string {
  if (!NON_ASCII_RE.test(text) || NOT_CHARACTERWISE_RE.test(text)) return foldWhole(text);
  return text.toLowerCase().replace(FOLDS_ALONE_RE, foldCharacter);
}

// English contractions ("don't", "I'm", "it's") and "s'il" are joined across the apostrophe by
// the scanner; any other apostrophe only separates words, and the one-letter French elisions are
// expanded like texting spellings ("j" → "je", "qu" → "que").
const CONTRACTION_PARTS = new Map([
  ["ll", "will"],
  ["ve", "have"],
  ["re", "are"],
  ["d", "would"],
  ["s", "is"],
]);
const IRREGULAR_NOT = new Map([
  ["can", "can"],
  ["won", "will"],
  ["shan", "shall"],
  ["ain", "is"],
]);

/** The words of `before'after` when it is a contraction, else null. */
export function contraction(before: string, after: string): readonly string[] | null {
  if (after === "t" && before.length > 1 && before.endsWith("n")) return [IRREGULAR_NOT.get(before) ?? before.slice(0, -1), "not"];
  if (after === "m" && before === "i") return ["i", "am"];
  const part = CONTRACTION_PARTS.get(after);
  if (part && (before.length > 1 || before === "i")) return [before, part];
  if (before === "s" && (after === "il" || after === "ils")) return ["si", after];
  return null;
}

/** One token becomes several: French elisions, texting spellings, English contractions typed without apostrophe. */
export const EXPANSIONS = new Map<string, readonly string[]>(
  Object.entries({
    j: ["je"],
    m: ["me"],
    t: ["te"],
    s: ["se"],
    n: ["ne"],
    l: ["le"],
    d: ["de"],
    c: ["ce"],
    qu: ["que"],
    jai: ["je", "ai"],
    jsuis: ["je", "suis"],
    chui: ["je", "suis"],
    chuis: ["je", "suis"],
    jveux: ["je", "veux"],
    jvais: ["je", "vais"],
    jpeux: ["je", "peux"],
    jsais: ["je", "sais"],
    jme: ["je", "me"],
    jen: ["je", "en"],
    jpense: ["je", "pense"],
    cest: ["ce", "est"],
    ya: ["il", "y", "a"],
    mtn: ["maintenant"],
    im: ["i", "am"],
    ive: ["i", "have"],
    dont: ["do", "not"],
    cant: ["can", "not"],
    cannot: ["can", "not"],
    wont: ["will", "not"],
    didnt: ["did", "not"],
    doesnt: ["does", "not"],
    isnt: ["is", "not"],
    wanna: ["want", "to"],
    gonna: ["going", "to"],
    tmrw: ["tomorrow"],
    // Common texting spellings, French then English.
    jpp: ["je", "peux", "plus"],
    jpeu: ["je", "peux"],
    jveu: ["je", "veux"],
    jvai: ["je", "vais"],
    jsp: ["je", "sais", "pas"],
    jss: ["je", "suis"],
    jsui: ["je", "suis"],
    jte: ["je", "te"],
    jvous: ["je", "vous"],
    jlai: ["je", "le", "ai"],
    jle: ["je", "le"],
    jfais: ["je", "fais"],
    jcrois: ["je", "crois"],
    jarrive: ["je", "arrive"],
    jaimerais: ["je", "aimerais"],
    jirai: ["je", "irai"],
    cetait: ["ce", "etait"],
    ct: ["ce", "etait"],
    pk: ["pourquoi"],
    pq: ["pourquoi"],
    bcp: ["beaucoup"],
    tjrs: ["toujours"],
    tjs: ["toujours"],
    ptet: ["peut", "etre"],
    ptetre: ["peut", "etre"],
    tkt: ["te", "inquiete"],
    auj: ["aujourd", "hui"],
    ajd: ["aujourd", "hui"],
    ajrd: ["aujourd", "hui"],
    dem1: ["demain"],
    qd: ["quand"],
    kan: ["quand"],
    koi: ["quoi"],
    ki: ["qui"],
    ke: ["que"],
    pr: ["pour"],
    ds: ["dans"],
    slt: ["salut"],
    rn: ["right", "now"],
    tn: ["tonight"],
    tonite: ["tonight"],
    "2nite": ["tonight"],
    imma: ["i", "am", "going", "to"],
    ima: ["i", "am", "going", "to"],
    kms: ["kill", "myself"],
    u: ["you"],
    ur: ["your"],
    idk: ["i", "do", "not", "know"],
    cuz: ["because"],
    coz: ["because"],
    bc: ["because"],
  }),
);

/** "nooonnn", "mourrrir" → "non", "mourir": a letter typed three times or more counts once. */
export function withoutRepeats(word: string): string {
  let run = 1;
  let found = false;
  for (let i = 1; i < word.length && !found; i++) {
    run = word.charCodeAt(i) === word.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 3) found = true;
  }
  return found ? word.replace(/(.)\1{2,}/gu, "$1") : word;
}
