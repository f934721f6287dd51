import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VOICE_NAMES } from "./demo-voices.js";
import { type EpisodeScript, EpisodeScriptError, formatEpisodeScript, parseEpisodeScript, splitSentences } from "./episode-script.js";

const EXAMPLE = `// Épisode d'essai
@names Animatrice | Samia
@voices femme | femme-grave

# Le début
HOST: Bonjour Samia. Merci d'être là !
GUEST:   Merci à vous.

# La suite
HOST: On continue ?
GUEST: Oui.
`;

function errorOf(text: string, file = "essai.txt"): EpisodeScriptError {
  try {
    parseEpisodeScript(text, file);
  } catch (error) {
    if (error instanceof EpisodeScriptError) return error;
    throw error;
  }
  throw new Error("le script a été accepté");
}

describe("parseEpisodeScript", () => {
  it("reads names, voices, chapters and turns", () => {
    expect(parseEpisodeScript(EXAMPLE)).toEqual({
      names: { host: "Animatrice", guest: "Samia" },
      voices: { host: "femme", guest: "femme-grave" },
      chapters: [
        { title: "Le début", firstTurn: 0, line: 5 },
        { title: "La suite", firstTurn: 2, line: 9 },
      ],
      turns: [
        { speaker: "host", text: "Bonjour Samia. Merci d'être là !", line: 6 },
        { speaker: "guest", text: "Merci à vous.", line: 7 },
        { speaker: "host", text: "On continue ?", line: 10 },
        { speaker: "guest", text: "Oui.", line: 11 },
      ],
    });
  });

  it("gives a woman host and a man guest when the script names no voices, and accepts turns without chapters", () => {
    const script = parseEpisodeScript("\uFEFF@names Animatrice | Théo\r\nHOST: Bonjour.\r\nGUEST: Bonjour !");
    expect(script.voices).toEqual({ host: "femme", guest: "homme" });
    expect(script.chapters).toEqual([]);
    expect(script.turns).toHaveLength(2);
  });

  it.each([
    ["HOST: Bonjour.", 1, "@names doit venir avant la première réplique"],
    ["", 1, "il manque la ligne @names"],
    ["@names Animatrice | Samia\nHOST: a\nBonjour tout le monde", 3, "ligne illisible"],
    ["@names Animatrice | Samia\nhost: en minuscules", 2, "ligne illisible"],
    ["@names Animatrice | Samia\n@voix femme | homme", 2, "directive inconnue @voix"],
    ["@names Animatrice", 1, "deux valeurs séparées par « | »"],
    ["@names Animatrice | Samia | Adrien", 1, "deux valeurs"],
    ["@names Samia | samia", 1, "noms différents"],
    ["@names Anim<b> | Samia", 1, "caractère interdit"],
    ["@names  | Samia", 1, "un nom est vide"],
    [`@names ${"A".repeat(41)} | Samia`, 1, "dépasse 40 caractères"],
    ["@names Animatrice | Samia\n@names Animatrice | Samia", 2, "@names apparaît deux fois"],
    ["@names Animatrice | Samia\n@voices femme | robot", 2, "voix inconnue « robot »"],
    ["@names Animatrice | Samia\n@voices homme | homme", 2, "voix différentes"],
    ["@names Animatrice | Samia\n@voices femme | homme\n@voices femme | homme", 3, "@voices apparaît deux fois"],
    ["@names Animatrice | Samia\nHOST: a\n@voices femme | homme", 3, "doit précéder les chapitres"],
    ["@names Animatrice | Samia\n# \nHOST: a", 2, "titre de chapitre vide"],
    ["@names Animatrice | Samia\n# Un\n# Deux\nHOST: a", 2, "« Un » ne contient aucune réplique"],
    ["@names Animatrice | Samia\n# Un\nHOST: a\n\n# Fin", 5, "« Fin » ne contient aucune réplique"],
    ["@names Animatrice | Samia\nGUEST:   ", 2, "réplique vide"],
    ["@names Animatrice | Samia\nGUEST: … ?", 2, "réplique vide"],
    ["@names Animatrice | Samia\n// rien", 2, "aucune réplique"],
  ])("refuses %j at line %i: %s", (text, line, reason) => {
    const error = errorOf(text);
    expect(error.file).toBe("essai.txt");
    expect(error.line).toBe(line);
    expect(error.message).toContain(`essai.txt, ligne ${line} : `);
    expect(error.message).toContain(reason);
  });
});

// Words that look like the format's own syntax, markup and French punctuation, on purpose.
const word = fc.oneof(
  fc.constantFrom("HOST:", "GUEST:", "#", "@names", "//", "|", "<v", "&amp;", "-->", "«", "»", "…", "?", "!", "l'été", "Ça", "3114", "M."),
  fc.stringMatching(/^[a-zà-ÿA-ZÀ-Ý0-9]{1,8}[.,;:!?]?$/),
);
const words = (min: number) => fc.array(word, { minLength: min, maxLength: 12 }).map((w) => w.join(" "));
const turnText = words(1).filter((t) => /[\p{L}\p{N}]/u.test(t));
const title = words(1).filter((t) => t.trim() !== "");
const name = fc.stringMatching(/^[A-ZÀ-Ý][a-zà-ÿ' -]{0,18}[a-zà-ÿ]$/);

const scriptArb: fc.Arbitrary<EpisodeScript> = fc
  .record({
    names: fc.tuple(name, name).filter(([a, b]) => a.toLowerCase() !== b.toLowerCase()),
    voices: fc.tuple(fc.constantFrom(...VOICE_NAMES), fc.constantFrom(...VOICE_NAMES)).filter(([a, b]) => a !== b),
    turns: fc.array(fc.record({ speaker: fc.constantFrom("host" as const, "guest" as const), text: turnText }), { minLength: 1, maxLength: 8 }),
    titles: fc.array(title, { maxLength: 8 }),
  })
  .chain(({ names, voices, turns, titles }) =>
    fc.uniqueArray(fc.nat({ max: turns.length - 1 }), { maxLength: Math.min(titles.length, turns.length) }).map((starts) => ({
      names: { host: names[0], guest: names[1] },
      voices: { host: voices[0], guest: voices[1] },
      chapters: [...starts].sort((a, b) => a - b).map((firstTurn, i) => ({ title: titles[i] as string, firstTurn, line: 0 })),
      turns: turns.map((t) => ({ ...t, line: 0 })),
    })),
  );

const withoutLines = (s: EpisodeScript) => ({
  ...s,
  chapters: s.chapters.map(({ title, firstTurn }) => ({ title, firstTurn })),
  turns: s.turns.map(({ speaker, text }) => ({ speaker, text })),
});

describe("parseEpisodeScript, on generated scripts", () => {
  it("reads back whatever formatEpisodeScript wrote", () => {
    fc.assert(
      fc.property(scriptArb, fc.constantFrom("\n", "\r\n"), (script, newline) => {
        const text = formatEpisodeScript(script).replace(/\n/g, newline);
        expect(withoutLines(parseEpisodeScript(text))).toEqual(withoutLines(script));
      }),
    );
  });

  it("gives each turn and chapter the line it was written on", () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const lines = formatEpisodeScript(script).split("\n");
        const parsed = parseEpisodeScript(lines.join("\n"));
        for (const turn of parsed.turns) expect(lines[turn.line - 1]).toMatch(/^(HOST|GUEST): /);
        for (const chapter of parsed.chapters) expect(lines[chapter.line - 1]).toBe(`# ${chapter.title}`);
      }),
    );
  });

  it("points at the exact line of a stray line, wherever it is", () => {
    const stray = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => {
      const t = s.trim();
      return t !== "" && !/[\r\n\u2028\u2029\u0085]/.test(s) && !/^(@|#|\/\/|HOST:|GUEST:)/.test(t);
    });
    fc.assert(
      fc.property(scriptArb, stray, fc.nat(), (script, bad, at) => {
        const lines = formatEpisodeScript(script).split("\n");
        const index = at % (lines.length + 1);
        lines.splice(index, 0, bad);
        const error = errorOf(lines.join("\n"), "genere.txt");
        expect(error.line).toBe(index + 1);
        expect(error.message).toMatch(/^genere\.txt, ligne \d+ : ligne illisible/);
      }),
    );
  });

  it("either reads any text or says which line is wrong, and never throws anything else", () => {
    const line = fc.oneof(fc.constantFrom("@names A | B", "@voices femme | homme", "# Titre", "HOST: Oui.", "GUEST: Non !", "", "// note"), fc.string({ maxLength: 15 }));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), (lines) => {
        const text = lines.join("\n");
        try {
          const script = parseEpisodeScript(text);
          expect(script.turns.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(EpisodeScriptError);
          const count = text.split(/\r\n|\r|\n/).length;
          expect((error as EpisodeScriptError).line).toBeGreaterThanOrEqual(1);
          expect((error as EpisodeScriptError).line).toBeLessThanOrEqual(count);
        }
      }),
    );
  });
});

describe("splitSentences", () => {
  it("cuts after . ! ? … and closing quotes, before a capital, a quote or a digit", () => {
    expect(splitSentences("Bonjour Samia. Merci ! « Est-ce que ça va ? » Oui… 3114, jour et nuit. fin")).toEqual([
      "Bonjour Samia.",
      "Merci !",
      "« Est-ce que ça va ? »",
      "Oui…",
      "3114, jour et nuit. fin",
    ]);
  });

  it("gives back the whole text, in order, without empty sentences", () => {
    fc.assert(
      fc.property(turnText, (text) => {
        const sentences = splitSentences(text);
        expect(sentences.join(" ")).toBe(text.trim());
        for (const s of sentences) expect(s).toBe(s.trim());
        for (const s of sentences) expect(s).not.toBe("");
      }),
    );
  });
});
