import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONTENT_NOTES,
  CREDIT_KINDS,
  type Credit,
  countWords,
  creditLabel,
  creditSpec,
  isValidSlug,
  joinVoices,
  minutesForWords,
  parseContentNotes,
  parseCreditSpec,
  readingMinutes,
  SLUG_PATTERN,
  slugify,
  splitVoices,
  uniqueSlug,
  type VoiceDraft,
} from "./story.js";

const anyText = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ unit: fc.constantFrom("a", "É", "é", "œ", "Æ", "ß", "ẞ", "'", "’", " ", "-", "_", "1", "ﬁ", "İ", "\u0301"), maxLength: 120 }),
);

const WORDS = { anonymous: "Anonyme", age: (name: string, age: number) => `${name}, ${age} ans` };

// Slugs as the site makes them, with long ones cut near the 80-character limit.
const validSlug = fc.oneof(
  fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 6 }).map((parts) => parts.join("-")),
  fc
    .array(fc.stringMatching(/^[a-z0-9]{1,6}$/), { minLength: 10, maxLength: 30 })
    .map((parts) => parts.join("-").slice(0, 80).replace(/-+$/, "")),
);

// A credit name as a contributor would type it: no "|", no line break, no surrounding spaces.
const creditName = fc
  .string({ unit: fc.oneof(fc.constantFrom("a", "Z", "é", " ", "'", "-", "1", "@", ":"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 30 })
  .map((s) => s.trim())
  .filter((s) => s.length > 0 && !/[|\n\r\u2028\u2029]/.test(s) && s === s.trim());

const validCredit: fc.Arbitrary<Credit> = fc.oneof(
  fc.constant<Credit>({ kind: "anonymous", name: "", age: null }),
  fc.record({ kind: fc.constantFrom("name" as const, "pseudonym" as const), name: creditName, age: fc.constant(null) }),
  fc.record({ kind: fc.constant("first_name_age" as const), name: creditName, age: fc.integer({ min: 1, max: 120 }) }),
);

// Markdown text with no line that reads as a "@voix" line, and nothing around it to trim.
const voiceFreeText = (minLength: number) =>
  fc
    .array(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom("@voix", "@ voix", "Paragraphe.", "- point", "« cité »")), { minLength, maxLength: 5 })
    .map((lines) => lines.join("\n").replace(/\r/g, "").trim())
    .filter((text) => text.length >= minLength && text.split("\n").every((line) => !/^@voix\s/.test(line.trim())));

describe("slugify", () => {
  it("folds French accents and ligatures", () => {
    expect(slugify("Été à l'École")).toBe("ete-a-l-ecole");
    expect(slugify("œuvre")).toBe("oeuvre");
    expect(slugify("Cœur d’Æther")).toBe("coeur-d-aether");
    expect(slugify("  Où ça ?!  ")).toBe("ou-ca");
    expect(slugify("Straße")).toBe("strasse");
    expect(slugify("")).toBe("sans-titre");
    expect(slugify("!!!")).toBe("sans-titre");
  });

  it("always returns a valid slug of at most 80 characters", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const slug = slugify(text);
        expect(slug).toMatch(SLUG_PATTERN);
        expect(slug.length).toBeLessThanOrEqual(80);
        expect(isValidSlug(slug)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(slugify(slugify(text))).toBe(slugify(text));
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps the beginning of a long title", () => {
    fc.assert(
      fc.property(validSlug, fc.string({ maxLength: 200 }), (start, rest) => {
        expect(slugify(`${start} ${rest}`).startsWith(start)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("isValidSlug", () => {
  it("accepts exactly the texts that slugify leaves unchanged", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, validSlug, fc.stringMatching(/^[a-z0-9-]{0,90}$/)), (text) => {
        expect(isValidSlug(text)).toBe(slugify(text) === text);
      }),
      { numRuns: 1000 },
    );
  });

  it("rejects capitals, accents, double or edge hyphens and slugs over 80 characters", () => {
    for (const bad of ["", "Abc", "été", "a--b", "-a", "a-", "a b", "a_b", "a".repeat(81)]) expect(isValidSlug(bad)).toBe(false);
    for (const good of ["a", "ete-a-l-ecole", "2026", "a".repeat(80)]) expect(isValidSlug(good)).toBe(true);
  });
});

describe("uniqueSlug", () => {
  it("returns the slug itself when it is free", async () => {
    await fc.assert(
      fc.asyncProperty(validSlug, async (base) => {
        expect(await uniqueSlug(base, async () => false)).toBe(base);
      }),
      { numRuns: 300 },
    );
  });

  it("adds -2, -3… when the slug is taken", async () => {
    const taken = new Set(["temoignage", "temoignage-2"]);
    expect(await uniqueSlug("temoignage", async (s) => taken.has(s))).toBe("temoignage-3");
  });

  it("finds a valid slug of at most 80 characters, not yet taken, each time it is asked again", async () => {
    await fc.assert(
      fc.asyncProperty(validSlug, fc.integer({ min: 1, max: 12 }), async (base, rounds) => {
        const taken = new Set([base]);
        for (let i = 0; i < rounds; i++) {
          const slug = await uniqueSlug(base, async (s) => taken.has(s));
          expect(taken.has(slug)).toBe(false);
          expect(isValidSlug(slug)).toBe(true);
          taken.add(slug);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never produces a double hyphen when the cut falls on a hyphen (example)", async () => {
    const base = `${"a".repeat(77)}-bc`;
    const slug = await uniqueSlug(base, async (s) => s === base);
    expect(isValidSlug(slug)).toBe(true);
  });

  it("gives up with a French message when every variant is taken", async () => {
    await expect(uniqueSlug("titre", async () => true)).rejects.toThrow("Aucun identifiant libre pour ce titre.");
  });
});

describe("countWords and readingMinutes", () => {
  it("counts French words with their apostrophes and hyphens", () => {
    expect(countWords("l'école est là, aujourd’hui")).toBe(4);
    expect(countWords("pair-aidance en 2026 !")).toBe(3);
    expect(countWords("")).toBe(0);
    expect(countWords(" — … ! ")).toBe(0);
  });

  it("takes one minute at least, and one minute per 200 words", () => {
    expect(readingMinutes("")).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10 }), (n, small) => {
        expect(minutesForWords(n * 200)).toBe(n);
        expect(readingMinutes(Array.from({ length: small * 200 }, () => "mot").join(" "))).toBe(small);
      }),
      { numRuns: 100 },
    );
    fc.assert(
      fc.property(anyText, (text) => {
        expect(readingMinutes(text)).toBeGreaterThanOrEqual(1);
        expect(Number.isInteger(readingMinutes(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("adds up the words of two texts separated by a space", () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        expect(countWords(`${a} ${b}`)).toBe(countWords(a) + countWords(b));
      }),
      { numRuns: 500 },
    );
  });

  it("never decreases when text is added at the end", () => {
    const longText = fc.array(fc.oneof(anyText, fc.constant("mot ".repeat(150))), { maxLength: 8 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(longText, longText, (a, b) => {
        expect(countWords(a + b)).toBeGreaterThanOrEqual(countWords(a));
        expect(readingMinutes(a + b)).toBeGreaterThanOrEqual(readingMinutes(a));
      }),
      { numRuns: 500 },
    );
  });
});

describe("creditLabel", () => {
  it("shows the anonymous word for an anonymous credit, whatever name and age are stored", () => {
    fc.assert(
      fc.property(anyText, fc.option(fc.integer({ min: 0, max: 200 })), (name, age) => {
        expect(creditLabel({ kind: "anonymous", name, age }, WORDS)).toBe(WORDS.anonymous);
      }),
      { numRuns: 500 },
    );
  });

  it("shows the trimmed name, with the age for first name and age, or the anonymous word when no name was given", () => {
    fc.assert(
      fc.property(anyText, fc.integer({ min: 1, max: 120 }), (name, age) => {
        const shown = name.trim();
        expect(creditLabel({ kind: "name", name, age: null }, WORDS)).toBe(shown || WORDS.anonymous);
        expect(creditLabel({ kind: "pseudonym", name, age: null }, WORDS)).toBe(shown || WORDS.anonymous);
        expect(creditLabel({ kind: "first_name_age", name, age }, WORDS)).toBe(shown ? WORDS.age(shown, age) : WORDS.anonymous);
        expect(creditLabel({ kind: "first_name_age", name, age: null }, WORDS)).toBe(shown || WORDS.anonymous);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseCreditSpec and creditSpec", () => {
  it("reads the three written forms of a credit", () => {
    expect(parseCreditSpec("pseudonym | Mistral")).toEqual({ kind: "pseudonym", name: "Mistral", age: null });
    expect(parseCreditSpec("first_name_age | Jeanne | 58")).toEqual({ kind: "first_name_age", name: "Jeanne", age: 58 });
    expect(parseCreditSpec("anonymous")).toEqual({ kind: "anonymous", name: "", age: null });
    expect(parseCreditSpec("anonymous | Jeanne")).toEqual({ kind: "anonymous", name: "", age: null });
    expect(parseCreditSpec("first_name_age | Jeanne")).toBeNull();
    expect(parseCreditSpec("pseudonym |  ")).toBeNull();
    expect(parseCreditSpec("inconnu | Jeanne")).toBeNull();
  });

  it("reads back every valid credit it writes", () => {
    fc.assert(
      fc.property(validCredit, (credit) => {
        expect(parseCreditSpec(creditSpec(credit))).toEqual(credit);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws, and returns either null or a well-formed credit", () => {
    const spec = fc.oneof(
      anyText,
      fc.tuple(fc.constantFrom(...CREDIT_KINDS, "autre"), anyText, fc.oneof(fc.stringMatching(/^\d{0,4}$/), anyText)).map((parts) => parts.join(" | ")),
    );
    fc.assert(
      fc.property(spec, (s) => {
        const credit = parseCreditSpec(s);
        if (credit === null) return;
        expect(CREDIT_KINDS).toContain(credit.kind);
        if (credit.kind === "anonymous") expect(credit).toEqual({ kind: "anonymous", name: "", age: null });
        else {
          expect(credit.name).toBe(credit.name.trim());
          expect(credit.name).not.toBe("");
          expect(credit.name).not.toContain("|");
        }
        if (credit.kind === "first_name_age") expect(credit.age).toEqual(expect.any(Number));
        else expect(credit.age).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });
});

describe("splitVoices and joinVoices", () => {
  it("splits an introduction and voices introduced by @voix lines, reporting unreadable lines", () => {
    const split = splitVoices("Intro.\r\n\r\n@voix pseudonym | Mistral\n\nPremier.\n@voix n'importe quoi\n@voix anonymous\nSecond.");
    expect(split).toEqual({
      intro: "Intro.",
      voices: [
        { credit: { kind: "pseudonym", name: "Mistral", age: null }, bodyMd: "Premier." },
        { credit: { kind: "anonymous", name: "", age: null }, bodyMd: "Second." },
      ],
      badLines: [6],
    });
  });

  it("gives back the introduction and voices it was given", () => {
    const voice: fc.Arbitrary<VoiceDraft> = fc.record({ credit: validCredit, bodyMd: voiceFreeText(1) });
    fc.assert(
      fc.property(fc.oneof(fc.constant(""), voiceFreeText(0)), fc.array(voice, { maxLength: 5 }), (intro, voices) => {
        const split = splitVoices(joinVoices(intro, voices));
        expect(split.intro).toBe(intro);
        expect(split.voices).toEqual(voices);
        expect(split.badLines).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("is stable: splitting, joining and splitting again gives the same pieces for any text", () => {
    const body = fc
      .array(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("@voix anonymous", "@voix pseudonym | Mistral", "  @voix first_name_age | Jeanne | 58", "@voix name |", "@voix", "", "\r\n")), {
        maxLength: 12,
      })
      .map((lines) => lines.join("\n"));
    fc.assert(
      fc.property(body, (text) => {
        const first = splitVoices(text);
        const again = splitVoices(joinVoices(first.intro, first.voices));
        expect(again.intro).toBe(first.intro);
        expect(again.voices).toEqual(first.voices);
        expect(again.badLines).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseContentNotes", () => {
  it("keeps only the known codes, in the stored order", () => {
    const item = fc.oneof(fc.constantFrom(...CONTENT_NOTES).map((code) => ({ code, known: true })), fc.string({ maxLength: 15 }).map((code) => ({ code, known: false })));
    fc.assert(
      fc.property(fc.array(item, { maxLength: 10 }), fc.constantFrom(",", ", ", " , "), (items, sep) => {
        const stored = items.map((i) => i.code).join(sep);
        const expected = stored
          .split(",")
          .map((s) => s.trim())
          .filter((s) => (CONTENT_NOTES as readonly string[]).includes(s));
        const notes = parseContentNotes(stored);
        expect(notes).toEqual(expected);
        for (const note of notes) expect(CONTENT_NOTES).toContain(note);
        for (const i of items) if (i.known) expect(notes).toContain(i.code);
      }),
      { numRuns: 500 },
    );
  });

  it("reads an empty or unknown list as no notes", () => {
    expect(parseContentNotes("")).toEqual([]);
    expect(parseContentNotes("suicide, inconnu,violence")).toEqual(["suicide", "violence"]);
    expect(parseContentNotes("SUICIDE")).toEqual([]);
  });
});
