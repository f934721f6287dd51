import { Readable, Writable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { crisisCheck, crisisCheckLine } from "../cli/crisis-check.js";
import {
  ACUTE_THRESHOLD,
  assessCrisisSignal,
  assessWithoutPrefilter,
  CONTEXT_FACTORS,
  type CrisisAssessment,
  RULE_IDS,
} from "./crisis-signal.js";
import { tokenize } from "./crisis-signal.tokenize.js";
import { CRISIS_DATASET, isHeldOut, type LabelledText } from "./crisis-signal.dataset.js";

// ——— figures on the labelled set

type Figures = { recall: number; falseAlarm: number; precision: number; acute: number; benign: number };

function figures(rows: readonly LabelledText[]): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const row of rows) {
    const flagged = assessCrisisSignal(row.text).level === "acute";
    if (row.label === "acute") flagged ? tp++ : fn++;
    else flagged ? fp++ : tn++;
  }
  return {
    recall: tp / (tp + fn),
    falseAlarm: fp / (fp + tn),
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    acute: tp + fn,
    benign: fp + tn,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const misclassified = (rows: readonly LabelledText[]) =>
  rows
    .map((row, i) => ({ row, i, got: assessCrisisSignal(row.text) }))
    .filter(({ row, got }) => (got.level === "acute") !== (row.label === "acute"))
    .map(({ i, row, got }) => `#${i} ${row.label} → ${got.level} ${got.score} [${got.reasons.join(", ")}]`);

const whole = figures(CRISIS_DATASET);
const heldOutRows = CRISIS_DATASET.filter((_, i) => isHeldOut(i));
const tuningRows = CRISIS_DATASET.filter((_, i) => !isHeldOut(i));
const heldOut = figures(heldOutRows);

describe("crisis-signal dataset", () => {
  it(`has at least 200 hand-written rows, roughly balanced, about 20 % English (${CRISIS_DATASET.length} rows, ${whole.acute} acute / ${whole.benign} benign)`, () => {
    expect(CRISIS_DATASET.length).toBeGreaterThanOrEqual(200);
    const acuteShare = whole.acute / CRISIS_DATASET.length;
    expect(acuteShare).toBeGreaterThan(0.4);
    expect(acuteShare).toBeLessThan(0.6);
    const englishShare = CRISIS_DATASET.filter((r) => r.lang === "en").length / CRISIS_DATASET.length;
    expect(englishShare).toBeGreaterThan(0.12);
    expect(englishShare).toBeLessThan(0.3);
    expect(new Set(CRISIS_DATASET.map((r) => r.text)).size, "no duplicate rows").toBe(CRISIS_DATASET.length);
  });

  it(`splits deterministically: ${tuningRows.length} tuning rows, ${heldOutRows.length} held out (every 5th), both with both labels`, () => {
    expect(heldOutRows.length).toBe(Math.floor(CRISIS_DATASET.length / 5));
    expect(heldOutRows.some((r) => r.label === "acute") && heldOutRows.some((r) => r.label === "none")).toBe(true);
  });

  it(`whole set: recall ${pct(whole.recall)} ≥ 95 %, false alarms ${pct(whole.falseAlarm)} ≤ 5 % (precision ${pct(whole.precision)})`, () => {
    const errors = misclassified(CRISIS_DATASET).join("\n");
    expect(whole.recall, `recall ${pct(whole.recall)}\n${errors}`).toBeGreaterThanOrEqual(0.95);
    expect(whole.falseAlarm, `false alarms ${pct(whole.falseAlarm)}\n${errors}`).toBeLessThanOrEqual(0.05);
  });

  it(`held-out part: recall ${pct(heldOut.recall)} ≥ 95 %, false alarms ${pct(heldOut.falseAlarm)} ≤ 5 % (precision ${pct(heldOut.precision)})`, () => {
    const errors = misclassified(heldOutRows).join("\n");
    expect(heldOut.recall, `held-out recall ${pct(heldOut.recall)}\n${errors}`).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.falseAlarm, `held-out false alarms ${pct(heldOut.falseAlarm)}\n${errors}`).toBeLessThanOrEqual(0.05);
  });
});

// ——— behaviour on named cases from the brief

describe("assessCrisisSignal", () => {
  const acute = [
    "je ne veux plus me réveiller",
    "tout le monde serait mieux sans moi",
    "j'ai tout préparé",
    "j'ai écrit mes lettres",
    "ce soir c'est fini",
    "j'ai acheté ce qu'il faut",
    "je donne mes affaires, je n'en aurai plus besoin",
    "I won't be here tomorrow",
  ];
  const benign = [
    "il y a trois ans j'ai fait une tentative de suicide, aujourd'hui je vais mieux",
    "mourir de rire",
    "je meurs de faim",
    "en finir avec les idées reçues",
    "tuer le temps",
    "ça me tue",
    "se tuer à la tâche",
    "à mourir d'ennui",
    "c'est mortel",
    "le 3114 est le numéro national de prévention du suicide",
    "Mon frère est mort l'an dernier et il me manque.",
    "Comment aider une amie qui dit qu'elle veut mourir ?",
  ];
  it.each(acute)("flags %j", (text) => expect(assessCrisisSignal(text).level).toBe("acute"));
  it.each(benign)("does not flag %j", (text) => expect(assessCrisisSignal(text).level).toBe("none"));

  it("gives rule and context ids as reasons, never words of the text", () => {
    const known = new Set([...RULE_IDS, ...Object.keys(CONTEXT_FACTORS), "timing.now", "engine.error"]);
    for (const { text } of CRISIS_DATASET) {
      const result = assessCrisisSignal(text);
      for (const reason of result.reasons) expect(known.has(reason), reason).toBe(true);
      expect(Object.keys(result).sort()).toEqual(["level", "reasons", "score"]);
    }
    const past = assessCrisisSignal("Il y a dix ans, j'ai écrit mes lettres d'adieu.");
    expect(past.reasons).toContain("context.past");
    expect(past.level).toBe("none");
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
      for (const { text } of CRISIS_DATASET) assessCrisisSignal(text);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("answers `none` rather than throwing on what is not a string", () => {
    for (const value of [undefined, null, 42, {}, [], Symbol("x")]) {
      expect(assessCrisisSignal(value as unknown as string).level).toBe("none");
      expect(tokenize(value as unknown as string)).toEqual([]);
    }
  });

  it("gives the same results with the word prefilter switched off (the prefilter only saves time)", () => {
    for (const { text } of CRISIS_DATASET) expect(assessCrisisSignal(text), text).toEqual(assessWithoutPrefilter(text));
  });

  // Time per text is measured by `npx tsx bench/crisis-check.ts`; here, a pattern that backtracked
  // catastrophically would never finish and the test would time out.
  it("finishes on long and repetitive texts built to make regular expressions backtrack", () => {
    for (const unit of ["je ", "je veux ", "il y a ", "« ", "😂", "adieu. ", "aaaa", "j'ai tout ce qu'il ", "i want to "]) {
      const result = assessCrisisSignal(unit.repeat(Math.ceil(200_000 / unit.length)));
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
  });

  it("still finds a signal at the end of a very long text", () => {
    const filler = "Nous avons marché longtemps au bord de la rivière. ".repeat(40_000); // ~2 MB
    expect(assessCrisisSignal(`${filler}Ce soir c'est fini, j'ai tout préparé.`).level).toBe("acute");
    expect(assessCrisisSignal(`J'ai tout préparé pour cette nuit. ${filler}`).level).toBe("acute");
  });
});

// ——— properties

const PIECES = [
  ...CRISIS_DATASET.slice(0, 40).map((r) => r.text),
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
];
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.string({ unit: "grapheme", maxLength: 300 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join("")),
  fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 5 })), { maxLength: 40 }).map((p) => p.join(" ")),
);

function wellFormed(result: CrisisAssessment): void {
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(1);
  expect(Number.isFinite(result.score)).toBe(true);
  expect(result.level).toBe(result.score >= ACUTE_THRESHOLD ? "acute" : "none");
  for (const reason of result.reasons) expect(reason).toMatch(/^[a-z_]+\.[a-z_]+$/);
}

// Plain sentences that hold no signal and no dampening context either.
const NEUTRAL = [
  "Il a plu toute la journée sur la ville.",
  "J'ai préparé une soupe de légumes pour le dîner.",
  "Le groupe de parole se réunit le jeudi.",
  "Ma voisine a un jardin plein de tomates.",
  "Nous avons pris le train pour aller à Lille.",
  "Le chat dort sur le canapé depuis ce matin.",
  "J'ai lu deux chapitres de mon livre de cuisine.",
  "We went for a walk by the river.",
  "The bus was late again this morning.",
  "My sister lives in a small flat with two cats.",
];
const ACUTE_ROWS = CRISIS_DATASET.filter((r) => r.label === "acute").map((r) => r.text);

function withPeriod(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
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

  it("never throws on huge texts", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 20 }), fc.integer({ min: 50_000, max: 400_000 }), (parts, size) => {
        const unit = parts.join(" ");
        const text = unit.repeat(Math.ceil(size / Math.max(1, unit.length))).slice(0, size);
        wellFormed(assessCrisisSignal(text));
      }),
      { numRuns: 8 },
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

  it("tokenizes French and English the way the rules expect", () => {
    expect(tokenize("J’ai dit « Adieu » — c’était hier.")).toEqual(["je", "ai", "dit", "adieu", "ce", "etait", "hier"]);
    expect(tokenize("I'm sure she won't, don't worry; it's fine 😂")).toEqual(["i", "am", "sure", "she", "will", "not", "do", "not", "worry", "it", "is", "fine", "😂"]);
    expect(tokenize("S'il m'en veut, qu'il le dise : peut-être aujourd'hui.")).toEqual(["si", "il", "me", "en", "veut", "que", "il", "le", "dise", "peut", "etre", "aujourd", "hui"]);
    expect(tokenize("ŒUVRE ÉCRITE, ﬁn, Straße")).toEqual(["oeuvre", "ecrite", "fin", "strasse"]);
  });

  it("keeps an acute sentence acute when benign text surrounds it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ACUTE_ROWS),
        fc.array(fc.constantFrom(...NEUTRAL), { maxLength: 8 }),
        fc.array(fc.constantFrom(...NEUTRAL), { maxLength: 8 }),
        fc.constantFrom(" ", "\n", "\n\n"),
        (acute, before, after, glue) => {
          const text = [...before, withPeriod(acute), ...after].join(glue);
          expect(assessCrisisSignal(text).level, text).toBe("acute");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives the same level to accent and case variants", () => {
    fc.assert(
      fc.property(fc.constantFrom(...CRISIS_DATASET), fc.integer(), fc.boolean(), (row, seed, strip) => {
        const text = variant(row.text, seed, strip);
        expect(assessCrisisSignal(text).level, text).toBe(assessCrisisSignal(row.text).level);
      }),
      { numRuns: 400 },
    );
  });

  it("gives the same results with or without the prefilter on arbitrary mixes of the dataset", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CRISIS_DATASET.map((r) => r.text), ...NEUTRAL), { minLength: 1, maxLength: 6 }), fc.constantFrom(" ", ". ", "\n", ", "), (parts, glue) => {
        const text = parts.join(glue);
        expect(assessCrisisSignal(text)).toEqual(assessWithoutPrefilter(text));
      }),
      { numRuns: 300 },
    );
  });
});

// ——— command line

describe("crisis-check command", () => {
  it("prints, for each input line, the level, a tab and the score with two decimals, and never the text", async () => {
    const input = Readable.from(["Je veux mourir.\nIl fait beau.\r\n", "\nCe soir c'est fini, j'ai tout", " préparé.\nJe meurs de faim"]);
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
    expect(printed).not.toMatch(/mourir|beau|fini|faim/);
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
