/**
 * Light stems for the crisis-signal features (crisis-signal.features.ts): a word and its stem are
 * both n-grams, so "voulais", "voudrais" and "veux" share one, and so do "mourir" and "meurs".
 */

const LEMMAS = new Map<string, string>(
  Object.entries({
    vais: "aller", vas: "aller", va: "aller", allons: "aller", allez: "aller", vont: "aller", irai: "aller", iras: "aller", ira: "aller",
    irais: "aller", irait: "aller", veux: "vouloir", veut: "vouloir", voulons: "vouloir", veulent: "vouloir", voulais: "vouloir",
    voulait: "vouloir", voudrais: "vouloir", voudrait: "vouloir", voulu: "vouloir", suis: "etre", es: "etre", est: "etre", sommes: "etre",
    sont: "etre", etais: "etre", etait: "etre", serai: "etre", serais: "etre", serait: "etre", ete: "etre", ai: "avoir", as: "avoir",
    a: "avoir", avons: "avoir", ont: "avoir", avais: "avoir", avait: "avoir", aurai: "avoir", aurais: "avoir", eu: "avoir", peux: "pouvoir",
    peut: "pouvoir", pouvais: "pouvoir", pourrai: "pouvoir", pourrais: "pouvoir", pu: "pouvoir", fais: "faire", fait: "faire",
    ferai: "faire", meurs: "mourir", meurt: "mourir", mourrai: "mourir", mort: "mourir", morte: "mourir", prends: "prendre",
    prend: "prendre", pris: "prendre", prise: "prendre", am: "be", is: "be", are: "be", was: "be", were: "be", been: "be", will: "will",
    going: "go", went: "go", gone: "go", died: "die", dying: "die", dies: "die", took: "take", taken: "take", bought: "buy", cut: "cut",
  }),
);
const SUFFIXES = [
  "issements", "issement", "ements", "ement", "ations", "ation", "ances", "ance", "ences", "ence", "ables", "able", "euses", "euse",
  "ismes", "isme", "aient", "ions", "ons", "ait", "ais", "ant", "ent", "ees", "ee", "er", "ez", "es", "ing", "ed", "ly", "e", "s",
];

/** A light French and English stem: irregular forms of a few verbs, else the word less a common ending. */
export function stem(word: string): string {
  const lemma = LEMMAS.get(word);
  if (lemma) return lemma;
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}
