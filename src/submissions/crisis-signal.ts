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
 * crisis-signal.dataset.ts and `npx tsx bench/crisis-check.ts`. Never treat `none` as "safe".
 */

export type CrisisLevel = "acute" | "none";
export type CrisisAssessment = { level: CrisisLevel; score: number; reasons: string[] };

export const ACUTE_THRESHOLD = 0.5;
/** Longer texts are analysed on their first and last halves of this budget (about 50 ms of work). */
export const MAX_ANALYSED_CHARS = 1_000_000;
/** Texts are analysed in pieces of about this size, cut at paragraph or sentence ends. */
const CHUNK_CHARS = 16_000;

// ————————————————————————————————————————————————————————————————— normalisation

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
function fold(text: string): string {
  let out = foldOnce(text);
  for (let i = 0; i < 4 && (out.toLowerCase() !== out || STRAY_APOSTROPHE_RE.test(out)); i++) out = foldOnce(out);
  return out;
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
function contraction(before: string, after: string): readonly string[] | null {
  if (after === "t" && before.length > 1 && before.endsWith("n")) return [IRREGULAR_NOT.get(before) ?? before.slice(0, -1), "not"];
  if (after === "m" && before === "i") return ["i", "am"];
  const part = CONTRACTION_PARTS.get(after);
  if (part && (before.length > 1 || before === "i")) return [before, part];
  if (before === "s" && (after === "il" || after === "ils")) return ["si", after];
  return null;
}

/** One token becomes several: French elisions, texting spellings, English contractions typed without apostrophe. */
const EXPANSIONS = new Map<string, readonly string[]>(
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
  }),
);

const WORD_CHAR_RE = /[\p{L}\p{N}]/u;
const PICTOGRAPH_RE = /\p{Extended_Pictographic}/u;
const WORD = 1;
const PICTOGRAPH = 2;
const OTHER = 3;
const classCache = new Map<string, number>(); // non-ASCII character → WORD, PICTOGRAPH or OTHER

function classOf(ch: string): number {
  let found = classCache.get(ch);
  if (found === undefined) {
    found = WORD_CHAR_RE.test(ch) ? WORD : PICTOGRAPH_RE.test(ch) ? PICTOGRAPH : OTHER;
    if (classCache.size < 10_000) classCache.set(ch, found);
  }
  return found;
}

// What a non-word character does: end a sentence, cut a clause, open or close a quotation.
const SENTENCE = 1;
const CLAUSE = 2;
const QUOTE = 3;
const PUNCTUATION = new Map<number, number>([
  [0x2e, SENTENCE], // .
  [0x21, SENTENCE], // !
  [0x3f, SENTENCE], // ?
  [0x3b, SENTENCE], // ;
  [0x0a, SENTENCE], // line feed
  [0x0d, SENTENCE], // carriage return
  [0x2c, CLAUSE], // ,
  [0x28, CLAUSE], // (
  [0x29, CLAUSE], // )
  [0x5b, CLAUSE], // [
  [0x5d, CLAUSE], // ]
  [0x2013, CLAUSE], // en dash
  [0x2014, CLAUSE], // em dash
  [0x22, QUOTE], // "
  [0xab, QUOTE], // «
  [0xbb, QUOTE], // »
  [0x201c, QUOTE], // “
  [0x201d, QUOTE], // ”
  [0x201e, QUOTE], // „
]);
const CLOSING_QUOTES = new Set([0xbb, 0x201d]);
const ASCII_PUNCTUATION = new Uint8Array(128);
for (const [code, role] of PUNCTUATION) if (code < 128) ASCII_PUNCTUATION[code] = role;

type Scanned = {
  words: string[];
  sentenceOf: number[]; // per word
  clauseOf: number[]; // per word, counted over the whole text
  quoted: boolean[]; // per word
};

function isAsciiWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/**
 * Words, sentences, clauses and quotations, in one pass over the folded text. Sentences end at
 * . ! ? ; and line breaks; clauses at , ( ) [ ] and dashes (":" usually introduces a quotation,
 * so it does not cut). Quotation marks are paired within a paragraph; an unpaired one is ignored.
 */
function scan(text: string): Scanned {
  const source = fold(text);
  const words: string[] = [];
  const sentenceOf: number[] = [];
  const clauseOf: number[] = [];
  const quoteOpenAt: number[] = []; // word positions where a quotation opened (a stack)
  const quoteKinds: number[] = [];
  const ranges: Array<[number, number]> = [];
  let sentence = 0;
  let clause = 0;
  let sentenceHasWords = false;
  const pushWord = (piece: string) => {
    const expanded = piece.length <= 6 ? EXPANSIONS.get(piece) : undefined;
    for (const word of expanded ?? [piece]) {
      words.push(word);
      sentenceOf.push(sentence);
      clauseOf.push(clause);
    }
    sentenceHasWords = true;
  };
  const isWordAt = (at: number): boolean => {
    const code = source.charCodeAt(at);
    if (code < 128) return isAsciiWordChar(code);
    const width = code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    return classOf(source.slice(at, at + width)) === WORD;
  };
  let pending: string | null = null; // a word followed by an apostrophe and another word
  const endWord = (start: number, end: number) => {
    const piece = source.slice(start, end);
    if (pending !== null) {
      const joined = contraction(pending, piece);
      const before = pending;
      pending = null;
      if (joined) {
        for (const word of joined) pushWord(word);
        return;
      }
      pushWord(before);
    }
    if (source.charCodeAt(end) === 0x27 && end + 1 < source.length && isWordAt(end + 1)) pending = piece;
    else pushWord(piece);
  };
  let wordStart = -1;
  let i = 0;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    let width = 1;
    let isWord: boolean;
    let ch = "";
    if (code < 128) isWord = isAsciiWordChar(code);
    else {
      width = code >= 0xd800 && code <= 0xdbff && i + 1 < source.length ? 2 : 1;
      ch = source.slice(i, i + width);
      isWord = classOf(ch) === WORD;
    }
    if (isWord) {
      if (wordStart < 0) wordStart = i;
      i += width;
      continue;
    }
    if (wordStart >= 0) {
      endWord(wordStart, i);
      wordStart = -1;
    }
    const role = code < 128 ? ASCII_PUNCTUATION[code] : PUNCTUATION.get(code);
    if (role === SENTENCE) {
      if (sentenceHasWords) {
        sentence += 1;
        clause += 1;
        sentenceHasWords = false;
      }
      if (code === 0x0a) {
        // a paragraph ends: unclosed quotations are forgotten
        quoteOpenAt.length = 0;
        quoteKinds.length = 0;
      }
    } else if (role === CLAUSE) {
      clause += 1;
    } else if (role === QUOTE) {
      const closes = CLOSING_QUOTES.has(code) || (code === 0x22 && quoteKinds[quoteKinds.length - 1] === 0x22);
      if (closes) {
        const openedAt = quoteOpenAt.pop();
        quoteKinds.pop();
        if (openedAt !== undefined && openedAt < words.length) ranges.push([openedAt, words.length]);
      } else {
        quoteOpenAt.push(words.length);
        quoteKinds.push(code);
      }
    } else if (code >= 128 && classOf(ch) === PICTOGRAPH) {
      pushWord(ch);
    }
    i += width;
  }
  if (wordStart >= 0) endWord(wordStart, source.length);
  if (pending !== null) pushWord(pending);
  const quoted = new Array<boolean>(words.length).fill(false);
  if (ranges.length > 0) {
    const delta = new Int32Array(words.length + 1);
    for (const [from, to] of ranges) {
      delta[from] = (delta[from] ?? 0) + 1;
      delta[to] = (delta[to] ?? 0) - 1;
    }
    let depth = 0;
    for (let w = 0; w < words.length; w++) {
      depth += delta[w] ?? 0;
      quoted[w] = depth > 0;
    }
  }
  return { words, sentenceOf, clauseOf, quoted };
}

/**
 * The words of a text, normalised as the detector sees them: NFKD, no accents, lower case,
 * elisions and contractions expanded ("J’ai" → "je", "ai"; "don't" → "do", "not"), hyphens and
 * punctuation dropped, each emoji a token of its own. Idempotent on its own output joined by spaces.
 */
export function tokenize(text: string): string[] {
  try {
    return scan(typeof text === "string" ? text : "").words;
  } catch {
    return [];
  }
}

// ————————————————————————————————————————————————————————————————— patterns
// Written against the normalised form: no accents, "je ai", "ce est", "le acte", "que il".
// Every pattern is wrapped so it starts and ends on word boundaries; "|" separates sentences
// and "," clauses in the analysed line, so a pattern never spans a sentence.

const END = "(?= [|,])";
const ADV =
  "(?:(?:juste|vraiment|tellement|seulement|simplement|enfin|franchement|serieusement|trop|bien|grave|tant|de nouveau|encore|tout simplement) ){0,2}";
const IDIOM_AFTER_DIE =
  "(?! (?:de (?:rire|faim|soif|honte|peur|froid|chaud|ennui|sommeil|fatigue|envie|impatience|jalousie|plaisir|bonheur|curiosite|stress|trouille|chagrin|amour)|a (?:la tache|le dire|le repeter|petit feu|force)|le abces|sous terre|des reseaux|de les reseaux|de la circulation|quelques|pendant|un moment|un peu|du groupe|de ce (?:forum|groupe)|pour (?:mes|mon|ma|toi|lui|elle|eux|vous|nous|la|le|une|un|cette|ce|les|des|sa|son|ses|quelque))(?: |$))" +
  // "en finir avec les idées reçues" is not about life; "en finir avec la vie" is.
  "(?! avec (?!(?:la vie|ma vie|tout|moi|ce monde|cette vie|le existence|mes jours)(?: |$)))";
const WANT =
  "(?:veux|voudrais|aimerais|souhaite|souhaiterais|prefere|prefererais|aimerais mieux|desire|reve de|ne demande que a|ai hate de|ai decide de|ai pris la decision de|ai " +
  ADV +
  "envie de|ai besoin de|suis pret a|suis prete a|suis decide a|suis decidee a|me sens pret a|me sens prete a)";
const WILL =
  "(?:vais|compte|ai decide de|me prepare a|suis sur le point de|dois|envisage de|prevois de|vais essayer de|ai prevu de)";
const DIE_ACTIVE =
  "(?:mourir|crever|me suicider|me tuer|en finir|mettre fin a (?:mes jours|ma vie)|me foutre en le air|me supprimer|me donner la mort|passer a le acte|quitter ce monde|me laisser mourir)";
const KILL_SELF =
  "(?:me suicider|me tuer|en finir|mettre fin a (?:mes jours|ma vie)|me foutre en le air|me supprimer|me donner la mort|passer a le acte|quitter ce monde)";
const DIE_PASSIVE =
  "(?:disparaitre(?: pour (?:toujours|de bon)| a jamais)?|partir pour (?:toujours|de bon)|dormir pour toujours|ne (?:plus|jamais|plus jamais) (?:me reveiller|exister|vivre|etre la)|me endormir (?:pour toujours|et ne (?:plus|jamais|plus jamais) me reveiller|pour ne (?:plus|jamais) me reveiller))";
const PLAN_END =
  "(?= [|,]| (?:ce soir|cette nuit|demain|maintenant|cette fois|ce week end|pour (?:ce soir|cette nuit|demain|le faire|en finir|partir|mourir|que|quand|mon depart|le grand jour)|et (?:je|ce|il|tout|plus)|depuis|je|il|mais|tout est|ce est)(?= ))";
const PURPOSE_OK = "(?:le faire|en finir|mourir|partir|me tuer|ce soir|cette nuit|demain|que|quand|de bon)";
const NO_OTHER_PURPOSE = `(?! pour (?!${PURPOSE_OK} ))`;
const DAYS = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";
const NOT_HERE_ORDINARY = `(?! (?:a|au|aux|en|du|des|le|la semaine|le mois|les|${DAYS}|cet|cette semaine|pendant|jusque|jusqu|apres le|avant le|ce week end|quand (?:tu|il|elle|vous|ils))(?: |$))(?! pour (?!(?:longtemps|vous (?:embeter|deranger|ennuyer|faire souffrir|peser))(?: |$)))`;
const ENDING_ORDINARY = "(?! (?:les|le|la|de|du|des|avec|mes|mon|ma|ces|ce|cette|a|au|aux|en)(?: |$))";
const LAST_ORDINARY = "(?! (?:a|au|aux|en|chez|dans|ici|avant|de|du|des|sur|avec|pour|sans)(?: |$))";
const SELF_HARM_VERB = "(?:couper|scarifier|faire du mal|blesser|bruler|taillader|mutiler|frapper|faire mal)";
const SELF_HARM_ORDINARY =
  "(?! (?:les|la|le|un|une|du|des|au|aux|en (?:cuisinant|me rasant|jardinant|bricolant)|par accident|avec (?:le|la|un|une) (?:papier|feuille))(?: |$))";
const EN_ORDINARY_DIE =
  "(?! (?:of|laughing|from|for|on this hill|inside|a little|when|than|in (?:my sleep|peace)|with embarrassment)(?: |$))";
const EN_PLAN_END = "(?= [|,]| (?:and|for (?:tonight|tomorrow|it)|tonight|tomorrow|now|i|it|this)(?= ))";

type RuleSpec = readonly [id: string, weight: number, pattern: string];

const RULE_SPECS: readonly RuleSpec[] = [
  // — Intent (French)
  ["intent.want_to_die", 0.85, `je ${WANT} ${ADV}(?:de )?${DIE_ACTIVE}${IDIOM_AFTER_DIE}`],
  ["intent.going_to_kill_self", 0.85, `je ${WILL} ${ADV}${KILL_SELF}${IDIOM_AFTER_DIE}`],
  ["intent.going_to_die", 0.3, `je (?:vais|dois) ${ADV}(?:mourir|crever)${IDIOM_AFTER_DIE}`],
  ["intent.now_present_tense", 0.8, `je me (?:suicide|tue) (?:ce soir|cette nuit|demain|maintenant|ce week end|bientot)|je (?:mets|met) fin a (?:mes jours|ma vie)|je me foutrai en le air`],
  ["intent.done_with_life", 0.7, `je en ai (?:fini|termine|assez) avec (?:la vie|ma vie|ce monde|cette vie|le existence)|je ne supporte plus (?:de vivre|la vie|ma vie|de exister|le existence)`],
  ["intent.act_now", 0.8, `je (?:passe|passerai) a le acte|je (?:suis pret|suis prete) a passer a le acte|je risque de passer a le acte`],
  ["intent.waiting_moment", 0.75, `je (?:attends|cherche|guette) ${ADV}(?:le bon moment|le moment|la occasion) (?:de|pour) ${KILL_SELF}${IDIOM_AFTER_DIE}`],
  ["intent.afraid_to_act", 0.55, `je ai (?:tres |vraiment )?peur de (?:passer a le acte|me tuer|me suicider|me faire du mal|faire une betise|ce que je (?:vais|pourrais) faire|ne pas tenir)`],
  ["intent.ready_to_go", 0.45, `je (?:me sens |suis )(?:pret|prete) a partir${END}`],
  ["intent.appointment_with_death", 0.8, `rendez vous avec la mort`],
  ["intent.join_the_dead", 0.7, `je (?:veux |vais |voudrais |aimerais |pars |compte )?(?:rejoindre|rejoins|rejoindrai|retrouver|retrouve|retrouverai) (?:[a-z]+ ){0,3}(?:la haut|au ciel|au paradis|de le autre cote)`],
  ["intent.join_them", 0.45, `je (?:veux|vais|voudrais|aimerais) (?:le|la|les) (?:rejoindre|retrouver)${END}`],
  // — Passive death wish
  ["passive.wish", 0.7, `je (?:${WANT}|vais) ${ADV}${DIE_PASSIVE}${IDIOM_AFTER_DIE}`],
  ["passive.no_more_life", 0.75, `je (?:ne )?(?:veux|voudrais|souhaite) (?:plus|plus jamais) (?:vivre(?! (?:comme ca|ainsi|avec|dans|ici|chez|la bas|en|a)(?: |$))|exister|me reveiller|etre en vie|etre de ce monde|etre la${NOT_HERE_ORDINARY})`],
  ["passive.not_wake_up", 0.7, `je (?:ne )?(?:veux|voudrais) pas me reveiller(?: demain| le matin)?(?! (?:tot|trop|avant|a|vers|en retard)(?: |$))`],
  ["passive.no_desire_to_live", 0.7, `je (?:ne )?ai plus (?:du tout |aucune |vraiment )?envie de (?:vivre|exister|me reveiller)`],
  ["passive.no_strength", 0.35, `je (?:ne )?ai plus (?:la force|le courage|envie) de (?:me battre|continuer|tenir)${END}`],
  ["passive.no_reason_to_live", 0.6, `je (?:ne )?(?:ai|vois|trouve) (?:plus )?(?:aucune |de |pas de |plus de )?raisons? de (?:vivre|continuer|rester en vie|me lever)`],
  ["passive.everything_stop", 0.55, `je (?:veux|voudrais|aimerais) (?:juste |seulement |simplement )?que tout (?:ca |cela )?(?:se arrete|finisse|soit fini|prenne fin)`],
  ["passive.stop_for_good", 0.6, `que (?:ca|cela|la vie|ma vie|tout) (?:se arrete|finisse|soit fini|prenne fin) (?:definitivement|pour de bon|pour toujours|a jamais)`],
  ["passive.make_it_stop", 0.3, `je (?:veux|voudrais) (?:juste |seulement )?que (?:ca|cela) (?:se arrete|cesse)`],
  ["passive.death_only_solution", 0.7, `la mort (?:est|me semble|serait|reste|me parait) (?:ma |la )?(?:seule|unique|derniere) (?:solution|issue|option|delivrance|porte de sortie)`],
  ["passive.no_way_out_but_death", 0.75, `je (?:ne )?(?:vois|trouve) (?:pas|plus|aucune|rien)(?: de)?(?: autre)? (?:issue|solution|sortie|option|chose)(?: possible)? que (?:la mort|de mourir|de en finir|le suicide|de partir|de disparaitre)`],
  ["passive.tired_of_living", 0.45, `je (?:en )?(?:ai|suis) (?:marre|fatigue|fatiguee|las|lasse|epuise|epuisee) de (?:vivre|la vie|exister|cette vie)`],
  ["passive.no_more_of_this_life", 0.6, `je ne veux plus de (?:cette vie|ma vie|la vie|cette existence)|(?:tout arreter|en finir|arreter de vivre) (?:definitivement|pour de bon|pour toujours|une bonne fois pour toutes)`],
  ["passive.no_tomorrow", 0.65, `je ne veux (?:pas|plus) voir (?:le jour se lever|demain|le soleil se lever|un autre jour|un jour de plus|la semaine prochaine)`],
  ["passive.never_existed", 0.5, `(?:ne jamais|jamais) (?:avoir existe|avoir vecu|etre nee?)|(?:never|not) to have (?:existed|been born)`],
  ["passive.cant_live_like_this", 0.35, `je (?:ne )?(?:veux|peux) plus vivre comme ca`],
  ["passive.nothing_holds_me", 0.45, `plus rien ne me (?:retient|rattache)|rien ne me retient plus`],
  ["distress.no_way_out", 0.35, `je (?:ne )?(?:vois|trouve) (?:pas|plus|aucune)(?: de)?(?: autre)? (?:issue|solution|sortie)${END}|il ne y a (?:plus|pas) de (?:issue|solution|sortie|espoir)`],
  ["distress.giving_up", 0.35, `je laisse tomber (?:pour de bon|definitivement|pour toujours|tout)|je abandonne (?:tout|pour de bon|definitivement)|je en ai assez de (?:me battre|lutter|vivre|tout)|(?:cette fois )?ce est la fin(?= [|,])`],
  ["distress.stronger_than_me", 0.3, `(?:elles|ils|les idees|les envies|ca) (?:sont|est) plus forte?s? que moi`],
  ["distress.exhausted", 0.2, `je (?:ne )?en peux (?:vraiment |juste )?plus|plus rien ne a de sens|je suis a bout|je souffre trop|je ne y arrive plus`],
  ["distress.dont_save_me", 0.35, `je ne veux pas que on me (?:sauve|retrouve|reanime|cherche)|ne me cherchez pas|personne ne me cherchera|ne (?:cherchez|essayez) pas (?:a|de) me (?:retenir|sauver|trouver|retrouver|arreter)`],
  // — Ideation
  ["ideation.thinking_of_suicide", 0.6, `je (?:pense|songe|reflechis|ne arrete pas de penser|ne cesse de penser|ne fais que penser) ${ADV}(?:a|au|de plus en plus a|tout le temps a|sans arret a) (?:me suicider|me tuer|en finir|mettre fin a mes jours|me foutre en le air|mourir)|je (?:pense|ne arrete pas de penser|ne cesse de penser) ${ADV}au suicide`],
  ["ideation.suicidal", 0.5, `je (?:ai|ai encore|ai de nouveau|ai toujours|ai souvent|ai beaucoup) (?:des |de |ces |mes |les )?(?:idees|pensees) (?:suicidaires|de suicide|de mort)|je suis (?:tres |encore |de nouveau |completement )?suicidaire`],
  ["ideation.dark_thoughts", 0.25, `je (?:ai|ai encore|ai de nouveau) (?:des )?idees noires`],
  // — Burden
  ["burden.better_without_me", 0.7, `(?:tout le monde|ma famille|mes (?:enfants|parents|proches|amis|filles|fils)|mon (?:mari|copain|fils|pere|entourage|compagnon)|ma (?:femme|copine|fille|mere|compagne)|ils|elles|vous|le monde|tous|les autres) (?:serai(?:en)?t|seront|serez|vivrai(?:en)?t|vivront|irai(?:en)?t|iront|se porterai(?:en)?t|tournerait|tournera|sera) (?:(?:tellement|bien|beaucoup|vraiment|enfin|tous|plus) ){0,2}(?:mieux|heureux|heureuses|tranquilles?|libres?) (?:sans moi|quand je (?:serai|ne serai plus) (?:parti|partie|mort|morte|la)|si je (?:etais|ne etais plus) (?:parti|partie|mort|morte|la))`],
  ["burden.rid_of_me", 0.6, `(?:vous|ils|elles|tout le monde) (?:serez|seriez|seront|sera|allez etre) (?:enfin |bientot )?(?:debarrasse|debarrassee|debarrasses|debarrassees|tranquilles?|liberes?) de moi`],
  ["burden.no_longer_a_burden", 0.65, `je (?:ne )?(?:serai|serais) (?:bientot )?plus (?:un|une) (?:poids|fardeau|probleme|charge|souci|boulet)`],
  ["burden.nobody_will_miss_me", 0.45, `personne ne me (?:manquera|regrettera|pleurera)|je ne (?:manquerai|manquerais) a personne|personne ne (?:remarquera|verra) (?:mon absence|que je ne suis plus la)|nobody (?:will|would) (?:miss|notice|care about) me|no one (?:will|would) (?:miss|notice|care about) me`],
  ["burden.no_one_to_care_for_me", 0.5, `(?:plus )?personne ne aura (?:plus )?a (?:se occuper|supporter|penser|se inquieter|payer) (?:de |pour )?moi|vous ne aurez plus a (?:vous occuper|supporter|vous inquieter) (?:de |pour )?moi`],
  ["burden.i_am_a_burden", 0.3, `je (?:ne )?suis (?:que )?(?:un|une) (?:poids|fardeau|charge|boulet)|je suis de trop`],
  // — Plan
  ["plan.everything_prepared", 0.75, `je (?:ai|ai deja|ai enfin|ai bien) tout (?:prepare|prevu|planifie|organise|calcule|regle)${PLAN_END}`],
  ["plan.time_to_go", 0.45, `il est temps (?:pour moi )?de (?:partir|en finir|dire adieu|vous quitter)|je (?:peux|vais pouvoir) partir (?:tranquille|tranquillement|en paix|sereine?)`],
  ["plan.have_a_plan", 0.6, `je (?:ai|ai enfin|ai deja) (?:un|mon) plan${PLAN_END}`],
  ["plan.know_how", 0.7, `je sais (?:exactement |deja )?comment (?:je vais )?(?:le faire|en finir|me y prendre|mourir|me tuer)|je sais (?:exactement |deja )?comment je vais faire${END}`],
  ["plan.date_chosen", 0.7, `je ai (?:choisi|fixe) (?:la date|le jour|le moment|le endroit|le lieu|la heure)(?! (?:de|du|des|pour|avec|ou nous|ou on|que nous)(?: |$))`],
  ["plan.all_ready", 0.4, `tout est (?:pret|prevu|organise|en place|regle|planifie)${PLAN_END}`],
  ["plan.only_waiting", 0.35, `il ne (?:me )?reste (?:plus )?que a (?:attendre|le faire|partir|dire adieu|passer a le acte)`],
  ["plan.doing_it_tonight", 0.35, `je vais le faire (?:ce soir|cette nuit|demain|maintenant|tout a le heure)|je vais y remedier(?: ce soir| cette nuit)?`],
  ["plan.nobody_will_stop_me", 0.4, `personne ne (?:pourra|va|peut) me (?:en )?(?:empecher|arreter|retenir)|nobody (?:can|will|is going to) stop me`],
  ["plan.decided", 0.25, `ce est decide|ma decision est prise|je (?:ai|ai bien) pris ma decision|je le ai decide`],
  // — Means (kept generic on purpose)
  ["means.acquired", 0.75, `je (?:ai|me suis|viens de) (?:enfin |deja )?(?:achete|procure|trouve|recupere|commande|reuni|rassemble|obtenu|acheter|procurer|trouver|recuperer) (?:tout )?(?:ce que il (?:me )?faut|ce dont je ai besoin|le necessaire|tout le necessaire|de quoi (?:le faire|en finir|mourir|partir|me tuer))${NO_OTHER_PURPOSE}`],
  ["means.have_for_purpose", 0.8, `je ai (?:deja |enfin )?(?:tout )?ce que il (?:me )?faut pour (?:le faire|en finir|mourir|partir|me tuer|ce soir|cette nuit)`],
  ["means.at_hand", 0.7, `je ai (?:deja |enfin )?tout ce que il (?:me )?faut (?:a portee de main|sous la main|a cote de moi|pres de moi|ici|chez moi|dans ma chambre)`],
  ["means.have_everything", 0.45, `je ai (?:deja |enfin )?(?:tout )?ce que il (?:me )?faut${END}|je ai tout sous la main`],
  ["means.have_it_with_me", 0.7, `je ai (?:deja |enfin )?(?:tout )?ce que il (?:me )?faut (?:(?:dans|sous|sur|derriere) (?:mon|ma|le|la) [a-z]+|sur moi|avec moi)`],
  ["means.hidden", 0.7, `je ai (?:cache|planque|mis de cote|garde|range) (?:tout )?(?:ce que il (?:me )?faut|ce dont je ai besoin|le necessaire|de quoi (?:le faire|en finir|mourir|partir))`],
  ["means.found_the_way", 0.7, `je ai (?:enfin |deja )?trouve (?:le|un) moyen(?: de (?:le faire|en finir|mourir|partir|me tuer|me suicider|disparaitre|ne plus souffrir|tout arreter))?${PLAN_END}`],
  ["means.found_how", 0.7, `je ai (?:enfin )?trouve comment (?:le faire|en finir|mourir|partir|me tuer|faire)${PLAN_END}`],
  ["means.have_what_it_takes", 0.75, `je ai (?:enfin |deja )?de quoi (?:le faire|en finir|mourir|partir|me tuer)`],
  ["means.stockpiling", 0.6, `je (?:stocke|ai stocke|accumule|ai accumule|cache|ai cache|economise|ai economise|mets de cote|ai mis de cote|garde de cote) (?:des|mes|tous mes|toutes mes|plein de|assez de) (?:medicaments|medocs|cachets|comprimes|pilules|boites)|je (?:mets|ai mis|garde|ai garde) (?:des|mes|tous mes|toutes mes|plein de|assez de) (?:medicaments|medocs|cachets|comprimes|pilules|boites) de cote`],
  // — Timing, "I won't be here"
  ["timing.tonight_it_ends", 0.75, `(?:ce soir|cette nuit|demain|aujourd hui)(?: ,)? (?:ce est|ce sera|tout est|tout sera) (?:fini|termine|la fin)${ENDING_ORDINARY}|(?:ce soir|cette nuit|demain)(?: ,)? (?:tout|ma vie|ma souffrance) (?:se arrete|va se arreter|prend fin|finit|se termine)${ENDING_ORDINARY}`],
  ["timing.soon_over", 0.4, `(?:tout|ma vie) (?:sera|va etre) (?:bientot )?(?:fini|termine)${ENDING_ORDINARY}|bientot (?:ce|ca|tout) sera (?:fini|termine)${ENDING_ORDINARY}`],
  ["timing.too_late", 0.3, `demain (?:il )?sera trop tard`],
  ["timing.wont_be_here", 0.7, `je (?:ne )?(?:serai|serais) (?:plus|bientot plus|plus jamais) (?:la|ici|de ce monde|parmi vous|en vie|vivante?)${NOT_HERE_ORDINARY}`],
  ["timing.not_for_long", 0.6, `je suis (?:encore|toujours) la(?: ,)? (?:mais )?plus pour (?:tres )?longtemps`],
  ["timing.last_night", 0.6, `(?:ce est|ceci est|ce sera|voici|voila|(?:cette nuit|ce soir|demain|aujourd hui) sera) (?:ma|mon) (?:derniere (?:nuit|journee|soiree|fois|lettre)|dernier (?:jour|soir|message|mot|post|au revoir))${LAST_ORDINARY}`],
  ["timing.last_you_hear", 0.6, `derniere fois que vous (?:entendez|entendrez|aurez) (?:parler de moi|de mes nouvelles)|vous ne (?:entendrez|aurez) plus (?:jamais )?(?:parler de moi|de mes nouvelles)`],
  ["timing.never_see_me", 0.55, `vous ne me (?:reverrez|verrez|entendrez|lirez) plus(?: jamais)?(?! (?:au|a|aux|en|dans|sur|le|la|les|pendant|avant|ici|pour|${DAYS})(?: |$))`],
  ["timing.wont_last", 0.6, `je (?:ne )?(?:tiendrai|vais tenir|tiens) (?:pas|plus) (?:jusque|jusqu) (?:a|au) (?:demain|ce soir|la fin de la (?:nuit|semaine)|${DAYS}|matin)`],
  ["timing.leaving_forever", 0.55, `je (?:pars|me en vais|vais partir|partirai|vais me en aller) (?:ce soir |cette nuit |demain )?(?:pour (?:toujours|de bon)|definitivement|a jamais)|je (?:serai|suis) (?:parti|partie|partis) (?:pour (?:toujours|de bon)|a jamais|definitivement)`],
  ["timing.leave_for_good", 0.5, `partir (?:pour toujours|pour de bon|a jamais|definitivement)(?! (?:en|a|au|aux|vivre|habiter|loin|de chez|de la maison|de ce pays|de ce groupe|de ce forum)(?: |$))`],
  ["timing.last_time_i_write", 0.55, `(?:ce est|ce sera|voici) la derniere fois que je (?:vous |te )?(?:ecris|parle|vois|dis)|je (?:vous |te )?(?:ecris|parle) (?:pour )?une derniere fois`],
  ["timing.will_be_dead", 0.45, `je (?:serai|serais) (?:deja )?(?:mort|morte)(?! (?:de|du|des|et enterree?)(?: |$))`],
  ["timing.dead_by_then", 0.5, `(?:demain|ce soir|cette nuit|bientot|dans quelques heures|de ici demain|de ici ce soir)(?: ,)? je serai (?:mort|morte|partie?|loin de tout)`],
  ["timing.leaving_tonight", 0.45, `(?:(?:ce soir|cette nuit) je (?:pars|me en vais|partirai)|je (?:pars|me en vais) (?:ce soir|cette nuit))(?! (?:en|a|au|aux|pour|chez|avec|de|du|dans|sur|vers|loin|travailler|dormir|me coucher|rejoindre|voir)(?: |$))`],
  ["timing.stop_everything", 0.3, `je (?:arrete|vais tout arreter|arreterai) tout (?:ce soir|cette nuit|demain|maintenant)`],
  ["timing.not_coming_back", 0.35, `je ne reviendrai (?:pas|plus|jamais)(?! (?:avant|au|a|en|chez|sur|dans|de|ici avant)(?: |$))`],
  // — Farewell
  ["farewell.goodbye_letter", 0.8, `je (?:ai|viens de|ai fini de|ai termine de|suis en train de|finis de|vais|laisse|ecris) (?:ecrit |ecrire |redige |rediger |laisse |laisser |prepare |preparer |poste |poster )?(?:[a-z]+ ){0,3}(?:mes|les|toutes mes|ma|une|des) (?:dernieres? )?lettres? de adieu`],
  ["farewell.my_letters", 0.6, `(?:ecrit|redige|prepare|termine|fini|fini de ecrire|laisse) (?:mes|toutes mes) (?:dernieres )?lettres(?! de (?!adieu)| pour (?:le|la|les|mon|ma|un|une)(?: |$))`],
  ["farewell.letter_ready", 0.65, `(?:ma|mes) (?:derniere |dernieres )?lettres? (?:de adieu )?(?:est|sont) (?:prete|pretes|ecrite|ecrites|sur|posee|posees|dans)`],
  ["farewell.adieu", 0.55, `^adieu(?: (?:a tous|a toutes|a vous|tout le monde|mes amis|les amis|maman|papa|le monde|la vie|a la vie|mon amour))?${END}|je vous dis adieu|je (?:te|vous) fais mes adieux|(?:ce est|ce sont|voici) mes adieux|adieu a (?:tous|toutes|vous|tout le monde|la vie)`],
  ["farewell.this_is_goodbye", 0.6, `ce message est (?:un|mon|le) (?:au revoir|adieu|dernier)(?! (?:avant|de la|du|de le)(?: |$))|(?:voici|ceci est) (?:mon|un|le) (?:message de adieu|dernier message|au revoir)`],
  ["farewell.a_letter_for_each", 0.5, `(?:une|ma) (?:lettre|lettres|mot) (?:pour|a) chacune? (?:de vous|de vous tous)?`],
  ["farewell.its_over_for_me", 0.4, `ce est fini pour moi|tout est fini pour moi|ce est la fin pour moi`],
  ["farewell.said_goodbye", 0.45, `je ai dit (?:au revoir|adieu) a (?:tout le monde|tous|toutes|mes proches|ma famille)|vous dire adieu|je ai fait mes adieux`],
  ["farewell.saying_goodbye", 0.35, `(?:je voulais|je tenais a|je veux) (?:juste |simplement )?vous dire au revoir|je vous dis au revoir(?! (?:et a|a (?:demain|bientot|lundi|tout a le heure|la semaine))(?: |$))|^au revoir a (?:tous|toutes|tout le monde)${END}`],
  ["farewell.forgive_me_for_leaving", 0.55, `pardon(?:nez moi)? de (?:partir|vous laisser|vous abandonner|vous quitter|faire ca)|(?:desole|desolee) de (?:partir|vous laisser|vous abandonner)`],
  ["farewell.forgive_me", 0.25, `pardonnez moi|pardonne moi|je vous demande pardon|pardon a tous|pardon pour tout|(?:desole|desolee) pour tout`],
  ["farewell.thanks_for_everything", 0.2, `merci pour tout`],
  ["farewell.love_you", 0.1, `je vous aime(?: tous| toutes| fort)?`],
  ["farewell.take_care", 0.15, `prenez soin de vous|prends soin de toi`],
  ["farewell.care_for_mine", 0.45, `(?:prenez|prends|prendrez) soin de (?:mon|ma|mes) (?:chat|chien|chats|chiens|enfants|fille|fils|animaux|plantes|mere|pere|famille)`],
  ["farewell.tell_them_i_love_them", 0.45, `dites a (?:ma|mon|mes) [a-z]+ que je (?:le |la |les )?aime|dis a (?:ma|mon|mes) [a-z]+ que je (?:le |la |les )?aime|tell (?:my|her|him|them) (?:[a-z]+ )?(?:that )?i love (?:her|him|them|you)`],
  ["farewell.cant_tell_them", 0.35, `je ne pourrai (?:pas|plus) (?:le lui dire|vous le dire|le leur dire|lui dire|vous dire)`],
  ["farewell.one_last_time", 0.35, `je ai (?:[a-z]+ ){1,2}une derniere fois|une derniere fois (?:les|mes|ma|mon) [a-z]+`],
  ["farewell.after_i_am_gone", 0.45, `apres (?:mon depart|ma mort|que je serai partie?)|quand je serai (?:partie?|morte?)(?= [|,])|(?:after|when|once) i am (?:gone|dead)`],
  ["farewell.dont_blame", 0.3, `ne me en (?:voulez|veux) pas|ne soyez pas tristes?|ce ne est pas (?:de )?votre faute`],
  // — Giving possessions away
  ["giving.belongings", 0.55, `je (?:donne|ai donne|distribue|ai distribue|legue|ai legue|laisse|offre|ai offert|vends|ai vendu) (?:toutes |tout )?(?:mes|tous mes) (?:affaires|biens|possessions|objets|bijoux|economies|tresors|affaires personnelles)(?! (?:de bebe|de sport|de ski|de (?:mon|ma) (?:enfant|fils|fille|bebe)|de hiver|de ete)(?: |$))`],
  ["giving.wont_need", 0.45, `je (?:ne )?en aurai (?:plus|pas) (?:besoin|le usage)|la ou je vais`],
  ["giving.leaving_you_my_things", 0.35, `je (?:vous|te|leur|lui) (?:laisse|donne|legue|offre) (?:mon|ma|mes|tous mes|toutes mes) (?!(?:place|numero|adresse|mail|contact|avis|tour|parole)(?: |$))[a-z]+`],
  ["giving.bequest", 0.55, `je (?:vous |te )?legue|je ai (?:fait|redige|ecrit) mon testament|(?:fait|redige) mon testament|mon testament est pret`],
  ["giving.pets", 0.35, `je (?:vous |te |lui |leur )?(?:donne|confie|laisse) (?:mon|ma|mes) (?:chat|chatte|chien|chienne|chats|chiens|animaux|lapin|oiseau|perroquet|cheval)`],
  ["giving.affairs_in_order", 0.3, `je ai (?:regle|mis en ordre|range) (?:toutes )?mes (?:affaires|papiers|comptes)|je ai (?:mis|remis) (?:toutes )?mes (?:affaires|papiers|comptes) en ordre`],
  ["giving.gave_everything", 0.35, `je ai tout (?:donne|vendu)|tout donne|(?:donne|distribue|legue) (?:toutes )?(?:mes|tous mes) (?:affaires|biens|possessions|economies)(?! (?:de bebe|de sport|de ski|de hiver|de ete)(?: |$))`],
  ["giving.keys_returned", 0.25, `je ai rendu (?:mes|les) cles|rendu (?:mes|les) cles`],
  ["giving.ready", 0.3, `je suis (?:pret|prete|prets|pretes)${END}`],
  // — Self-harm now
  ["self_harm.urge", 0.65, `je (?:ai|ai tellement|ai trop|ai vraiment|ai grave) envie de me ${SELF_HARM_VERB}${SELF_HARM_ORDINARY}`],
  ["self_harm.urge_present", 0.6, `le envie de me (?:scarifier|couper|faire du mal|mutiler|bruler) (?:est|me reprend|revient|me prend|devient)|(?:resister|lutter|tenir) (?:a|contre) le envie de me (?:scarifier|couper|faire du mal|mutiler|bruler)`],
  ["self_harm.bleeding", 0.3, `(?:ca|je) saigne (?:encore|toujours|beaucoup)`],
  ["self_harm.going_to", 0.7, `je (?:vais|veux|dois|compte) (?:encore |de nouveau )?me ${SELF_HARM_VERB}${SELF_HARM_ORDINARY}`],
  ["self_harm.just_did", 0.65, `je viens (?:encore |juste |de nouveau )?de me (?:couper|scarifier|faire du mal|blesser|bruler|mutiler)${SELF_HARM_ORDINARY}`],
  ["self_harm.on_purpose", 0.3, `(?:blessee?|coupee?|brulee?|fait du mal|fait mal) (?:expres|volontairement)`],
  ["self_harm.recent", 0.55, `je me (?:suis )?(?:scarifie|scarifiee|coupe|coupee|fait du mal|mutile|mutilee|brule|brulee) (?:ce soir|cette nuit|tout a le heure|encore|aujourd hui|il y a (?:[a-z0-9]+ ){1,2}(?:heures?|minutes?))`],
  ["self_harm.again", 0.55, `je me suis (?:encore|de nouveau|a nouveau) (?:scarifie|scarifiee|coupe|coupee|fait du mal|mutile|mutilee|brule|brulee|blesse|blessee)${SELF_HARM_ORDINARY}`],
  ["self_harm.doing_it", 0.5, `je me (?:scarifie|mutile)(?! (?:plus|pas|jamais)(?: |$))|je me (?:coupe|brule|fais du mal) (?:encore|tous les soirs|chaque soir|chaque nuit|en ce moment|maintenant|la)(?= [|,])`],
  ["self_harm.relapse_urge", 0.3, `je ai envie de recommencer`],
  ["self_harm.cant_hold_back", 0.25, `je (?:ne )?(?:peux|arrive) (?:plus|pas) (?:a )?me (?:retenir|arreter)|i can not hold on`],
  // — English
  ["intent.en_want_to_die", 0.85, `i (?:(?:just|really|honestly|seriously|truly|so|actually|still) ){0,2}(?:want to|would like to|wish to|would rather|need to|am ready to) (?:(?:just|finally|really) ){0,2}(?:die|be dead)${EN_ORDINARY_DIE}`],
  ["intent.en_kill_self", 0.85, `i (?:(?:just|really|honestly|seriously|truly|so|actually|still) ){0,2}(?:want to|would like to|wish to|need to|am ready to|am going to|am planning to|plan to|intend to|have decided to|decided to|am about to|will) (?:(?:just|finally|really|go and) ){0,2}(?:kill myself|end (?:my life|my own life|myself)|commit suicide|take my (?:own )?life|unalive myself|off myself|end it all|end it(?= [|,]| tonight| today| now| soon| this))`],
  ["intent.en_thinking", 0.6, `i (?:(?:keep|am|have been|can not stop|constantly|always|often|seriously) ){0,2}(?:thinking|think) (?:about|of) (?:killing myself|suicide|ending (?:my life|it all|it)|dying)`],
  ["passive.en_better_off_dead", 0.65, `i (?:would|d) be better off dead|i am better off dead|(?:do not|can not|no longer) see the point (?:in|of) (?:living|going on|being alive|life)|i am done with (?:life|living)|(?:go to sleep|sleep) and never wake up|(?:no|not any|not much) point (?:in|of) (?:living|going on|being alive|life|carrying on)`],
  ["ideation.en_suicidal", 0.5, `i am (?:so |very |really |feeling )?suicidal|i (?:have|have been having|keep having) suicidal thoughts`],
  ["intent.en_afraid_of_self", 0.45, `(?:scared|afraid) of what i (?:will|might|am going to|could) do`],
  ["passive.en_no_more_life", 0.7, `i (?:(?:just|really|honestly) )?(?:do not|no longer) want to (?:(?:live|be alive|exist|wake up|go on) (?:anymore|any more|any longer|tomorrow)|(?:be alive|exist|wake up)${END}|(?:be here|be around) (?:anymore|any more|any longer|tomorrow))`],
  ["passive.en_wish", 0.65, `i wish i (?:was|were) (?:dead|never born|gone)|i wish i (?:could )?(?:die|disappear|not wake up|never wake up|would not wake up|could just disappear)|i (?:just |really )?want to (?:disappear|sleep|vanish) forever|i (?:just |really )?want it (?:all )?to (?:end|be over)(?: forever| for good| now| tonight)?${EN_PLAN_END}`],
  ["passive.en_no_reason", 0.6, `(?:no|not a single|not one) reason (?:for me )?to (?:live|keep living|go on|stay|keep going)`],
  ["distress.en_cant_go_on", 0.25, `i can not (?:do this|take (?:it|this)|go on|cope)(?: (?:anymore|any more|any longer))?`],
  ["burden.en_better_without_me", 0.7, `(?:everyone|everybody|they|you|you all|my (?:family|kids|children|parents|friends|wife|husband|partner|mum|mom|dad)|the world|people) (?:would|will|d|are going to) be (?:so |much |a lot |way )?(?:better off|happier) (?:without me|if i (?:was|were|am) (?:gone|dead|not here|not around))`],
  ["burden.en_i_am_a_burden", 0.3, `i am (?:just )?(?:a|such a) burden`],
  ["plan.en_have_a_plan", 0.6, `i (?:have|have got|got) (?:a plan|it all planned|everything planned|everything ready|it planned|my plan)${EN_PLAN_END}`],
  ["plan.en_planned", 0.65, `i have (?:planned|prepared|organised|organized) (?:everything|it all)(?= [|,]| for (?:tonight|tomorrow))|i know (?:exactly )?how i am going to do it|i have (?:chosen|picked|set) (?:the|a) (?:date|day|time|place)(?! (?:for|of) (?:the|my|our|a)(?: |$))`],
  ["plan.en_tonight_is_the_night", 0.6, `tonight is the night`],
  ["plan.en_everything_ready", 0.35, `everything is (?:ready|in place|planned|sorted|arranged|organised|organized|settled)${EN_PLAN_END}`],
  ["plan.en_decided", 0.25, `i have decided|i have made (?:my|up my) (?:decision|mind)|made (?:my )?peace`],
  ["means.en_have_what_i_need", 0.7, `i (?:have )?(?:bought|got|gotten|found|collected|gathered|have) (?:what i need|everything i need|all i need|the means|what it takes|the stuff i need)(?! for (?!(?:it|tonight|tomorrow)(?: |$)))(?! to (?!(?:do it|end it|die|kill myself)(?: |$)))`],
  ["means.en_stockpiling", 0.6, `i (?:have been|am) (?:saving|stockpiling|hoarding|collecting) (?:up )?(?:my )?(?:pills|meds|medication|tablets)|i (?:have )?found a way to (?:do it|end it|die|kill myself)`],
  ["timing.en_wont_be_here", 0.75, `i (?:will not|will no longer) be (?:here|around|alive) (?:tomorrow|much longer|for (?:much )?longer|by (?:tomorrow|morning|monday|the weekend|the end of the week))|(?:by|after) (?:tomorrow|tonight|morning|the weekend) i (?:will|am going to) be (?:gone|dead)|this time tomorrow i will (?:be gone|be dead|not be here)|i will be (?:gone|dead) (?:soon|tonight|tomorrow|by morning)`],
  ["timing.en_last_message", 0.6, `this is (?:my|the) last (?:message|post|night|day|goodbye|time you will hear from me)(?! (?:of|before|at|in|on|for|until|from)(?: |$))|this is my (?:goodbye|farewell)`],
  ["timing.en_wont_make_it", 0.55, `i (?:do not think i will|will not|may not|might not) make it (?:through the night|to (?:tomorrow|the morning|morning|the weekend))(?! shift)`],
  ["farewell.en_goodbye", 0.55, `^goodbye (?:everyone|everybody|all|forever|world|cruel world|to all|to everyone|my friends)|goodbye forever|you will (?:never|not) (?:see|hear from) me again`],
  ["farewell.en_said_goodbye", 0.45, `i am saying goodbye|(?:i (?:have )?|and )said goodbye to (?:everyone|everybody|all of you|my family)|(?:said|say|saying) my goodbyes`],
  ["farewell.en_note_for", 0.35, `i (?:have )?(?:written|wrote|left) (?:a|one) (?:note|letter) (?:for|to) (?:each of you|everyone|my [a-z]+)`],
  ["farewell.en_ready_done", 0.3, `i am (?:ready|done)(?= [|,])`],
  ["farewell.en_the_end", 0.3, `this is the end(?= [|,])|it ends (?:tonight|today|now)`],
  ["farewell.en_letters", 0.6, `i (?:have )?(?:written|wrote|left|finished|prepared) (?:my|the) (?:last |final )?(?:notes|letters)|(?:my|a) (?:suicide|goodbye) (?:note|notes|letter|letters)`],
  ["giving.en_giving_away", 0.55, `i am giving away (?:all |most )?(?:of )?my (?:things|stuff|belongings|possessions|clothes|books|pets|cat|dog|plants)|i (?:have )?given away (?:all |most )?(?:of )?my (?:things|stuff|belongings|possessions)`],
  ["giving.en_wont_need", 0.45, `i will not (?:need|be needing) (?:them|it|these|my things|my stuff)(?: anymore| any more| where i am going)?(?= [|,]| anymore| any more| where)`],
  ["farewell.en_care_for_mine", 0.4, `take care of my (?:dog|cat|pets|kids|children|plants|mum|mom|dad|family|little [a-z]+)`],
  ["self_harm.en_urge", 0.65, `i (?:(?:really|just|so) )?(?:want|need|am going|have the urge|am about|am tempted|have) to (?:cut|hurt|harm|burn) myself(?! (?:by accident|accidentally|shaving|cooking)(?: |$))|i want to cut(?= [|,]| again| so bad| right now| tonight)`],
  ["self_harm.en_recent", 0.55, `urge to (?:cut|self harm|hurt myself) is|i (?:just )?(?:cut|hurt|burned|harmed) myself (?:again|tonight|just now|a few minutes ago)`],
];

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

type Matcher = { re: RegExp; needs: ReadonlyArray<readonly string[]> | null; sentenceStart: boolean };

/**
 * One matcher per top-level alternative, each with the words it needs (up to three sets, all of
 * which must meet the text). Matches must start on a word: the character before is checked in
 * code, as a lookbehind would cost on every position of the text.
 */
function matchers(pattern: string): Matcher[] {
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

type Rule = Matcher & { id: string; weight: number; family: string };

const RULES: readonly Rule[] = RULE_SPECS.flatMap(([id, weight, pattern]) =>
  matchers(pattern).map((m) => ({ ...m, id, weight, family: id.slice(0, id.indexOf(".")) })),
);

/** Matchers indexed by the words of their most selective set, so a text only wakes up its own. */
type MatcherIndex = { size: number; always: number[]; byWord: Map<string, number[]> };

function indexMatchers(list: readonly Matcher[]): MatcherIndex {
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

const RULE_INDEX = indexMatchers(RULES);

// ————————————————————————————————————————————————————————————————— context

type ContextKind =
  | "past"
  | "now"
  | "today"
  | "reported"
  | "reported_after"
  | "fiction"
  | "joke"
  | "prevention"
  | "ordinary_absence"
  | "negated"
  | "recovery"
  | "helper";

/** How much a hit keeps of its weight in each context; also the context ids given in `reasons`. */
export const CONTEXT_FACTORS: Readonly<Record<string, number>> = {
  "context.quoted": 0.35,
  "context.past": 0.25,
  "context.reported": 0.3,
  "context.fiction": 0.3,
  "context.joke": 0.3,
  "context.prevention": 0.4,
  "context.ordinary_absence": 0.3,
  "context.negated": 0.2,
  "context.conditional": 0.4,
  "context.recovery": 0.45,
  "context.helper": 0.4,
};

const CONTEXT_SPECS: ReadonlyArray<readonly [ContextKind, string]> = [
  [
    "past",
    "il y a (?:[a-z0-9]+ ){0,2}(?:ans|an|annees|mois|semaines|longtemps)|a (?:le|cette) epoque|en ce temps la|en (?:[a-z]+ )?(?:19|20)[0-9]{2}|a (?:[a-z0-9]+ ){1,2}ans|quand (?:je etais|je avais|on etait|ce etait)|lorsque je (?:etais|avais)|je (?:pensais|croyais) que|je me disais|je me repetais|je me (?:suis|etais) (?:longtemps |souvent )?(?:dit|repete|raconte)|je ai longtemps|pendant (?:des|plusieurs|quelques|de longues) (?:annees|mois|ans|semaines)|pendant longtemps|autrefois|jadis|plus jeune|a le adolescence|le (?:annee|an|ete|hiver|automne|printemps) (?:dernier|derniere)|ce jour la|le jour ou je|cette annee la|a ce moment la|apres (?:ma|mes) (?:tentative|tentatives|hospitalisation|crise)|ma tentative|mes tentatives|je ai survecu|on me a (?:trouve|trouvee|sauve|sauvee|retrouve|retrouvee)|back then|(?:[a-z0-9]+ )?(?:years|months|weeks) ago|when i was|i used to|at the time|in (?:19|20)[0-9]{2}|last year|as a (?:teenager|teen|kid|child)|my attempt|i survived|after my (?:attempt|hospital)",
  ],
  [
    "now",
    "ce soir|cette nuit|demain|maintenant|tout de suite|en ce moment|a le instant|ce week end|cette semaine|tonight|right now|tomorrow|this weekend|this week",
  ],
  ["today", "aujourd hui|today|desormais|a present|nowadays"],
  [
    "reported",
    // the subject is checked in code: "il a dit" is reported speech, "je dis" / "j'ai dit" is not
    "dit|disait|disent|ecrit|ecrivait|repete|repetait|repetent|crie|criait|chante|chantait|raconte|racontait|confie|confiait|avoue|murmure|lance|lancait|affirme|affirmait|hurle|hurlait|said|says|told me|tells me|wrote|writes|texted|keeps saying|kept saying|sings|sang|screamed|shouted",
  ],
  [
    "reported_after",
    "(?:dit|disait|criait|crie|ecrit|ecrivait|repete|repetait|chantait|lance|lancait|hurlait|a dit|said|says|wrote|asked) (?:il|elle|ils|elles|on|mon|ma|mes|le|la|les|un|une|he|she|they|my|the)",
  ],
  [
    "fiction",
    "(?:le|la|un|une|ce|cette|du|mon|ma|son|sa|dans le|dans la|the|a|this|that|my|in the) (?:roman|film|serie(?! de)|episode(?! (?:depressif|maniaque|psychotique|de))|personnage|heroine|heros|chanson|poeme|livre|scene|bd|manga|novel|movie|character|song|poem|play|book|show|lyrics|paroles|replique|protagonist)",
  ],
  ["joke", "mdr|ptdr|lol|lmao|haha+|hihi+|jpp|xd|jk|😂|🤣|😹|😆|en riant|laughing"],
  [
    "prevention",
    "3114|988|numero (?:national|vert|de urgence)|prevention du suicide|suicide prevention|sos amitie|helpline|hotline|lifeline|ligne de ecoute|si vous (?:avez|pensez|etes|vous sentez|ressentez)|si tu (?:as|penses|es|te sens)|if you (?:are|have|feel|think)|appelez|composez|parler (?:du|de le) suicide|talking about suicide",
  ],
  [
    "ordinary_absence",
    "demenag[a-z]*|moving (?:house|out)|en (?:formation|vacances|conge|stage|deplacement|voyage)|nouveau (?:travail|poste|job|boulot)|training day|on (?:holiday|vacation)|business trip|a (?:training|conference)|(?:leaving|farewell|retirement) party|pot de depart|retraite",
  ],
  [
    "negated",
    "(?:pas|jamais|point) (?:que|parce que)|ne (?:pense|crois|dis) pas que|(?:not|never) (?:that|because|saying that)|do not think|did not say|never said",
  ],
  [
    "recovery",
    "je vais (?:beaucoup |bien |tellement |vraiment |nettement )?mieux|je vais bien|je me en suis (?:sorti|sortie)|je suis (?:sorti|sortie) de (?:la|le|cette|ma)|je suis (?:toujours|encore) (?:la|vivante?|en vie)(?! (?:, )?mais)|retabli|retablie|retablissement|je me reconstruis|je me releve|je revis|on peut se en sortir|i am (?:doing )?(?:much |so |a lot |way )?better|in recovery|recovered|i am still here|i am doing well|i am okay now|i made it through",
  ],
  [
    "helper",
    "comment (?:le |la |les |lui |leur )?(?:aider|soutenir|reagir|accompagner|parler a)|que (?:dois je|faut il|puis je) (?:faire|dire)|quoi lui dire|quels mots|est ce un signe|how (?:can|do|should) i (?:help|support|respond|talk)|what (?:should|can|do) i (?:do|say)|is (?:this|it) a (?:warning )?sign|je me inquiete pour|i am worried about",
  ],
];

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
