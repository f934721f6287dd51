import { Readable, Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { crisisCheck, crisisCheckLine } from "../cli/crisis-check.js";
import { ACUTE_THRESHOLD, assessCrisisSignal, type CrisisAssessment, explainCrisisSignal, spanOfCues } from "./crisis-signal.js";
import { analyse, bucketOf, GROUPS, PAIR, STEM, STEMPAIR, WORD } from "./crisis-signal.features.js";
import { fold, foldWhole } from "./crisis-signal.normalise.js";
import { tokenize } from "./crisis-signal.tokenize.js";

// Behaviour only: how well the model does on the labelled corpus is measured by `npm run bench`
// (leave-one-writer-out and a frozen split), never asserted here on sentences it learnt from.

// The examples of issue 10: each came out wrong with the rules the model replaced. One more,
// "Je vais me jeter sous un train", only just reaches the threshold (0.69 against 0.69 with the
// weights of 20 writers; under it before): too close to call, so it is not asserted here as a
// passing case. `npm run bench` prints it with the others, and docs/crisis-signals.md says why.
const ACUTE_EXAMPLES = [
  "Je veux me pendre",
  "Ce soir je prends toutes mes pilules",
  "I'm going to overdose tonight",
  "J'ai acheté des médicaments pour en finir",
  "je me suis scarifiée hier soir et je recommence ce soir",
];
// Someone reporting another person's risk now, in a clinical or a relative's words: the register
// the first model missed most on writers it had never seen. Alone they are flagged; buried among
// many neutral sentences they are not yet (the penalty for many windows outweighs them), which
// docs/crisis-signals.md reports, so they are not in the buried-signal property below.
const REPORTED_NOW = [
  "Patiente revue aux urgences : idées suicidaires actives, intention de passer à l'acte dès sa sortie.",
  "Elle a des idées suicidaires depuis une semaine et elle a acheté une corde.",
];
const BENIGN_EXAMPLES = ["I want to die my hair blue", "Ce soir c'est fini, les vacances sont terminées"];

// Plain sentences with no signal, to surround a signal with.
const NEUTRAL = [
  "Il a plu toute la journée sur la ville.",
  "J'ai préparé une soupe de légumes pour le dîner.",
  "Le groupe de parole se réunit le jeudi.",
  "Ma voisine a un jardin plein de tomates.",
  "Nous avons pris le bus pour aller à Lille.",
  "Le chat dort sur le canapé depuis ce matin.",
  "J'ai lu deux chapitres de mon livre de cuisine.",
  "We went for a walk by the river.",
  "The bus was late again this morning.",
  "My sister lives in a small flat with two cats.",
];

describe("assessCrisisSignal", () => {
  it.each(ACUTE_EXAMPLES)("flags %j", (text) => expect(assessCrisisSignal(text).level).toBe("acute"));
  it.each(REPORTED_NOW)("flags someone reporting another person's risk now: %j", (text) => expect(assessCrisisSignal(text).level).toBe("acute"));
  it.each(BENIGN_EXAMPLES)("does not flag %j", (text) => expect(assessCrisisSignal(text).level).toBe("none"));

  it("answers a level, a score that agrees with it, and feature families as reasons, never words of the text", () => {
    for (const text of [...ACUTE_EXAMPLES, ...BENIGN_EXAMPLES]) {
      const result = assessCrisisSignal(text);
      expect(Object.keys(result).sort()).toEqual(["level", "reasons", "score"]);
      expect(result.level).toBe(result.score >= ACUTE_THRESHOLD ? "acute" : "none");
      for (const reason of result.reasons) expect(reason).toMatch(/^(signal|context)\.[a-z]+$/);
    }
    expect(assessCrisisSignal("Je veux me pendre").reasons).toContain("signal.means");
  });

  it("never writes anything (no log of the text)", () => {
    const spies = [
      vi.spyOn(console, "log"),
      vi.spyOn(console, "info"),
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "error"),
      vi.spyOn(console, "debug"),
      vi.spyOn(process.stdout, "write"),
      vi.spyOn(process.stderr, "write"),
    ];
    try {
      for (const text of [...ACUTE_EXAMPLES, ...BENIGN_EXAMPLES, ...NEUTRAL]) {
        assessCrisisSignal(text);
        explainCrisisSignal(text);
      }
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("answers `none` rather than throwing on what is not a string", () => {
    for (const value of [undefined, null, 42, {}, [], Symbol("x")]) {
      expect(assessCrisisSignal(value as unknown as string)).toEqual({ level: "none", score: 0, reasons: [] });
      expect(explainCrisisSignal(value as unknown as string).passages).toEqual([]);
      expect(tokenize(value as unknown as string)).toEqual([]);
    }
  });

  // Time per text is measured by `npm run bench`; here, a quadratic path would not finish in time.
  it("finishes on long and repetitive texts", () => {
    for (const unit of ["je ", "je veux ", "il y a ", "« ", "😂", "adieu. ", "aaaa", "j'ai tout ce qu'il ", "i want to ", "me tuer "]) {
      const result = assessCrisisSignal(unit.repeat(Math.ceil(200_000 / unit.length)));
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
  });

  it("finds a signal at the start or at the end of a very long text", () => {
    const filler = "Nous avons marché longtemps au bord de la rivière. ".repeat(40_000); // ~2 MB
    expect(assessCrisisSignal(`${filler}Je veux me pendre.`).level).toBe("acute");
    expect(assessCrisisSignal(`Je veux me pendre. ${filler}`).level).toBe("acute");
  });
});

// ——— properties

const PIECES = [
  ...ACUTE_EXAMPLES,
  ...NEUTRAL,
  "« ",
  " »",
  '"',
  "’",
  "'",
  "-",
  "—",
  ",",
  ".",
  "?",
  "\n",
  "\r\n",
  "…",
  "😂",
  "👨‍👩‍👧",
  "🇫🇷",
  "1️⃣",
  "\u0000",
  "\uD800",
  "\uDFFF",
  "\u0301",
  "Œ",
  "ß",
  "İ",
  "ﬁ",
  "Ⓐ",
  "ǅ",
  "ŉ",
  "‴",
  "j'",
  "don't",
  "s'il",
  "jpp",
  "nooooon",
];
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join("")),
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 5 })), { maxLength: 40 }).map((p) => p.join(" ")),
);

function wellFormed(result: CrisisAssessment): void {
  expect(Number.isFinite(result.score)).toBe(true);
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(1);
  expect(result.level).toBe(result.score >= ACUTE_THRESHOLD ? "acute" : "none");
  for (const reason of result.reasons) expect(reason).toMatch(/^(signal|context)\.[a-z]+$/);
}

// Deterministic variants: random case per character, accents stripped or not.
function variant(text: string, seed: number, stripAccents: boolean): string {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  const base = stripAccents ? text.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : text;
  return [...base].map((c) => (random() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join("");
}

describe("crisis-signal properties", () => {
  it("never throws, and always answers a score in [0, 1] that agrees with the level", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        wellFormed(assessCrisisSignal(text));
      }),
      { numRuns: 400 },
    );
  });

  it("answers the same thing every time for the same text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(assessCrisisSignal(text)).toEqual(assessCrisisSignal(text));
        expect(explainCrisisSignal(text)).toEqual(explainCrisisSignal(text));
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same answer whatever the case and accents", () => {
    fc.assert(
      fc.property(fc.constantFrom(...ACUTE_EXAMPLES, ...BENIGN_EXAMPLES, ...NEUTRAL), fc.integer(), fc.boolean(), (text, seed, strip) => {
        expect(assessCrisisSignal(variant(text, seed, strip))).toEqual(assessCrisisSignal(text));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a signal buried in the middle of a long testimony", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACUTE_EXAMPLES),
        fc.array(fc.constantFrom(...NEUTRAL), { minLength: 4, maxLength: 12 }),
        fc.array(fc.constantFrom(...NEUTRAL), { minLength: 4, maxLength: 12 }),
        fc.constantFrom(" ", "\n", "\n\n"),
        (acute, before, after, glue) => {
          const text = [...before, `${acute}.`, ...after].join(glue);
          expect(assessCrisisSignal(text).level, text).toBe("acute");
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps one acute sentence set among calm ones in a short text, whatever they speak of", () => {
    // Read whole, such a text once let its calm sentences outweigh the acute one ("Je veux me
    // pendre." beside a taste for crime novels scored 0.00): a short text's pieces are also read alone.
    const around = [
      ...NEUTRAL,
      "J'aime beaucoup la musique et la lecture, surtout les romans policiers.",
      "Merci pour ce podcast que j'écoute le dimanche matin.",
      "Je m'appelle Léa, j'ai 34 ans et je vis à Nantes avec mon chat.",
      "I love films and crime novels.",
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...ACUTE_EXAMPLES),
        fc.array(fc.constantFrom(...around), { minLength: 0, maxLength: 2 }),
        fc.array(fc.constantFrom(...around), { minLength: 1, maxLength: 2 }),
        (acute, before, after) => {
          const text = [...before, `${acute}.`, ...after].join(" ");
          expect(assessCrisisSignal(text).level, text).toBe("acute");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("tokenizes idempotently: tokenizing its own output joined by spaces gives it back", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenize(text);
        expect(tokenize(tokens.join(" "))).toEqual(tokens);
      }),
      { numRuns: 500 },
    );
  });

  it("tokenizes French, English and texting spellings the way the lexicon expects", () => {
    expect(tokenize("J’ai dit « Adieu » — c’était hier.")).toEqual(["je", "ai", "dit", "adieu", "ce", "etait", "hier"]);
    expect(tokenize("I'm sure she won't, don't worry; it's fine 😂")).toEqual(["i", "am", "sure", "she", "will", "not", "do", "not", "worry", "it", "is", "fine", "😂"]);
    expect(tokenize("S'il m'en veut, qu'il le dise : peut-être aujourd'hui.")).toEqual(["si", "il", "me", "en", "veut", "que", "il", "le", "dise", "peut", "etre", "aujourd", "hui"]);
    expect(tokenize("ŒUVRE ÉCRITE, ﬁn, Straße")).toEqual(["oeuvre", "ecrite", "fin", "strasse"]);
    expect(tokenize("jpp jveux mourrrir ce soiiir")).toEqual(["je", "peux", "plus", "je", "veux", "mourir", "ce", "soir"]);
  });
});

// ——— what the model sees (structure, not weights)

describe("folding", () => {
  // Characters from every range the character-by-character path takes, its edges, and beyond it.
  const latin = fc.oneof(
    fc.integer({ min: 0, max: 0x36f }),
    fc.integer({ min: 0x2000, max: 0x206f }),
    fc.integer({ min: 0x370, max: 0x3ff }),
    fc.constantFrom(0x60, 0x130, 0x131, 0x149, 0x1c4, 0x1c5, 0x1f0, 0x2bc, 0x301, 0x345, 0x370, 0x3a3, 0x1e9e, 0x2070, 0x2126, 0xfb01, 0xff07),
  );
  const latinText = fc.array(latin, { maxLength: 60 }).map((codes) => String.fromCharCode(...codes));

  it("folds Latin text character by character exactly as the whole-text folding does", () => {
    fc.assert(
      fc.property(fc.oneof(latinText, fc.string({ unit: "binary", maxLength: 60 })), (text) => {
        expect(fold(text)).toBe(foldWhole(text));
      }),
      { numRuns: 3_000 },
    );
    // Typed the way French is typed: capitals, accents composed and decomposed, typographic marks.
    for (const text of ["J’AI PEUR !", "Ça va ÊTRE dur…", "été ŒUVRE", "İstanbul `quote`", "Straße ½ ǅ"]) expect(fold(text)).toBe(foldWhole(text));
  });
});

/** The named features of a short text's only window. */
const namedOf = (text: string) => new Set(analyse(text).pieces.flatMap((p) => Array.from(p.named)));
const has = (text: string, name: string) => namedOf(text).has(bucketOf(name));

describe("the features of a text", () => {
  it("read killing oneself named in any tense or spelling as intent", () => {
    for (const text of ["je me tuerai demain", "jme tue ce soir", "il va se suicider", "she wants to kill herself", "I'm killing myself"]) expect(has(text, "k:intent"), text).toBe(true);
    for (const text of ["je me pendrai", "elle va se jeter du pont", "I'll be jumping off the bridge"]) expect(has(text, "k:method"), text).toBe(true);
  });

  it("count a method once, as a method, not also as intent (the model corrected for counting it twice)", () => {
    expect(has("Je vais me jeter sous un train", "k:method")).toBe(true);
    expect(has("Je vais me jeter sous un train", "k:intent")).toBe(false);
  });

  it("stop a negation at a new subject, so 'now or never, I am going to' is not negated", () => {
    expect(has("c'est maintenant ou jamais je vais me tuer", "k:intent^negated")).toBe(false);
    expect(has("je ne vais jamais me tuer", "k:intent^negated")).toBe(true);
    expect(has("I don't want to die", "k:intent^negated")).toBe(true);
  });

  it("give each window as many word as stem n-grams, and as many pair as stem-pair n-grams (the network sums each couple under one scale)", () => {
    const words = fc.constantFrom("je", "ne", "veux", "plus", "vivre", "ce", "soir", "I", "don't", "want", "jpp", "mourir", "pas", "😂", "l'arbre", "tout", "va");
    const text = fc.array(fc.oneof(words, fc.constantFrom(".", ",", "\n", " ", "« ", "?"), fc.string({ maxLength: 8 })), { maxLength: 120 }).map((parts) => parts.join(" "));
    fc.assert(
      fc.property(text, (t) => {
        for (const piece of analyse(t).pieces) {
          expect(piece.counts[WORD]).toBe(piece.counts[STEM]);
          expect(piece.counts[PAIR]).toBe(piece.counts[STEMPAIR]);
          expect(piece.counts.length).toBe(GROUPS.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("do not read 'today I…' or a call for help as recovery", () => {
    expect(has("aujourd'hui je vais en finir", "k:recovery")).toBe(false);
    expect(has("aidez moi je vais sauter", "k:recovery")).toBe(false);
    expect(has("je vais mieux depuis la thérapie", "k:recovery")).toBe(true);
  });
});

// ——— the explanation for editors

describe("explainCrisisSignal", () => {
  it("points at the passage that weighed, and at words inside it, in a long text", () => {
    const before = NEUTRAL.slice(0, 5).join(" ");
    const after = NEUTRAL.slice(5).join(" ");
    const text = `${before} Ce soir je prends toutes mes pilules. ${after}`;
    const explained = explainCrisisSignal(text);
    expect(explained.level).toBe("acute");
    const [first] = explained.passages;
    expect(first && text.slice(first.start, first.end)).toContain("Ce soir je prends toutes mes pilules");
    expect(first?.score).toBeGreaterThanOrEqual(ACUTE_THRESHOLD);
    expect(first?.cues.length).toBeGreaterThan(0);
    for (const cue of first?.cues ?? []) {
      expect(cue.start).toBeGreaterThanOrEqual(first?.start ?? 0);
      expect(cue.end).toBeLessThanOrEqual(first?.end ?? 0);
      expect(text.slice(cue.start, cue.end)).toMatch(/^[\p{L}\p{N}'’-]+$/u);
    }
  });

  it("shows of a window only the sentences from its first cue to its last, and the whole window without cues", () => {
    const text = "Il a plu toute la journée. Le chat dort sur le canapé. La voisine arrose ses tomates. Le bus passe à huit heures.";
    const a = analyse(text);
    expect(a.pieces.length).toBe(4);
    const whole = { first: 0, last: 3 };
    const at = (word: string) => ({ start: text.indexOf(word) });
    const shown = (cues: Array<{ start: number }>) => {
      const span = spanOfCues(a, whole, cues);
      return text.slice(span.start, span.end).trim();
    };
    expect(shown([at("chat")])).toBe("Le chat dort sur le canapé");
    expect(shown([at("canapé"), at("tomates")])).toBe("Le chat dort sur le canapé. La voisine arrose ses tomates");
    expect(shown([])).toBe(text.slice(0, -1));
  });

  it("gives passages that lie inside the text, strongest first, and never overlap", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { passages, ...assessment } = explainCrisisSignal(text);
        expect(assessment).toEqual(assessCrisisSignal(text));
        expect(passages.length).toBeLessThanOrEqual(3);
        passages.forEach((p, i) => {
          expect(0 <= p.start && p.start < p.end && p.end <= text.length).toBe(true);
          if (i > 0) expect(p.score).toBeLessThanOrEqual(passages[i - 1]?.score ?? 1);
          for (const q of passages.slice(i + 1)) expect(p.end <= q.start || q.end <= p.start).toBe(true);
        });
      }),
      { numRuns: 200 },
    );
  });
});

// ——— command line

describe("crisis-check command", () => {
  it("prints, for each input line, the level, a tab and the score with two decimals, and never the text", async () => {
    const input = Readable.from(["Je veux me pendre.\nIl fait beau.\r\n", "\nCe soir je prends toutes", " mes pilules.\nJe meurs de faim"]);
    let printed = "";
    const output = new Writable({
      write(chunk, _encoding, done) {
        printed += String(chunk);
        done();
      },
    });
    await crisisCheck(input, output);
    const lines = printed.split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(5);
    for (const line of lines) expect(line).toMatch(/^(acute|none)\t(0|1)\.\d\d$/);
    expect(lines.map((l) => l.split("\t")[0])).toEqual(["acute", "none", "none", "acute", "none"]);
    expect(printed).not.toMatch(/pendre|beau|pilules|faim/);
  });

  it("never prints a score that disagrees with the level", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const [level, score] = crisisCheckLine(text).split("\t");
        expect(Number(score) >= ACUTE_THRESHOLD).toBe(level === "acute");
      }),
      { numRuns: 200 },
    );
  });
});
