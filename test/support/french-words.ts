// Word-boundary matches of common French words, and letters English never uses: what an English
// page or mail must not contain (test/admin-english.test.ts, the mails' language tests).
const FRENCH_WORDS = ["le", "la", "les", "des", "du", "une", "un", "pour", "avec", "sans", "est", "vous", "votre", "aucun", "aucune", "et", "ou", "dans", "sur", "pas", "au", "aux", "ce", "cette", "qui", "que"];
const FRENCH_WORD = new RegExp(`(^|[^\\p{L}\\p{N}_'’-])(${FRENCH_WORDS.join("|")})(?=$|[^\\p{L}\\p{N}_'’-])`, "iu");
const FRENCH_LETTER = /[àâäçéèêëîïôöùûüœæ]/i;
const FRENCH_ELISION = /(^|[^\p{L}])(l|d|qu|n|j|s)['’]\p{L}/iu;

/** Whether a text shows a French word, elision or letter. */
export function looksFrench(text: string): boolean {
  return FRENCH_LETTER.test(text) || FRENCH_WORD.test(text) || FRENCH_ELISION.test(text);
}

/** The lines of a text that look French, for a failure message that names them. */
export function frenchLines(text: string): string[] {
  return text.split("\n").filter(looksFrench);
}
