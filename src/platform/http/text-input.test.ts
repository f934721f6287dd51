import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formValues, parseForm } from "./form.js";
import { normaliseTextInput } from "./text-input.js";

const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF"];
const EMOJI = ["👩", "⚕", "\uFE0F", "🏽", "🏳", "🌈", "👨", "👧", "❤", "🔥", "☠", "🏴"];
const OTHER = ["a", "é", "e\u0301", "Å", "\u0301", "\u0327", "ﬁ", " ", "\n", "\t", "‏", "\u200E", "ש", "م", "«", "»", "#", "_", "[", "\u0000", "\uD800", "𝄞"];

// Text made of the characters that matter here, in any order, plus arbitrary strings.
const hostile = fc.oneof(
  fc.array(fc.constantFrom(...BIDI, ...ZERO_WIDTH, ...EMOJI, ...OTHER), { maxLength: 40 }).map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.array(fc.oneof(fc.constantFrom(...BIDI, ...ZERO_WIDTH), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 20 }).map((parts) => parts.join("")),
);

const FORBIDDEN = /[\u202A-\u202E\u2066-\u2069\u200B\u200C\u2060\uFEFF]/u;
const PICTOGRAPH_BEFORE = /\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;

/** Every zero-width joiner left sits between two pictographs. */
function joinersOnlyInsideEmoji(text: string): boolean {
  for (let i = text.indexOf("\u200D"); i !== -1; i = text.indexOf("\u200D", i + 1)) {
    if (!PICTOGRAPH_BEFORE.test(text.slice(0, i)) || !PICTOGRAPH_AFTER.test(text.slice(i + 1))) return false;
  }
  return true;
}

describe("normaliseTextInput", () => {
  it("leaves no Bidi control and no zero-width character, except a joiner inside an emoji", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const clean = normaliseTextInput(text);
        expect(clean).not.toMatch(FORBIDDEN);
        expect(joinersOnlyInsideEmoji(clean)).toBe(true);
      }),
      { numRuns: 3_000 },
    );
  });

  it("gives NFC text, keeps every other character in order, and changes nothing on a second pass", () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const clean = normaliseTextInput(text);
        expect(clean).toBe(clean.normalize("NFC"));
        expect(normaliseTextInput(clean)).toBe(clean);
        const visible = (s: string) => s.replace(/[\u202A-\u202E\u2066-\u2069\u200B-\u200D\u2060\uFEFF]/gu, "").normalize("NFC");
        expect(visible(clean)).toBe(visible(text));
      }),
      { numRuns: 3_000 },
    );
  });

  it("turns a reversed line back into the words that were typed (examples)", () => {
    expect(normaliseTextInput("Mon \u202Eetxet\u202C à moi")).toBe("Mon etxet à moi");
    expect(normaliseTextInput("\u2067isolé\u2069 et \u2066ici\u2069")).toBe("isolé et ici");
    expect(normaliseTextInput("sui\u200Bci\u200Cde \u2060mot\uFEFF")).toBe("suicide mot");
    expect(normaliseTextInput("e\u0301te\u0301")).toBe("été");
    expect(normaliseTextInput("e\u200B\u0301")).toBe("é");
  });

  it("keeps emoji joined, and only them (examples)", () => {
    for (const emoji of ["👩‍⚕️", "👨‍👩‍👧", "🏳️‍🌈", "👩🏽‍⚕️", "❤️‍🔥", "🏴‍☠️"]) expect(normaliseTextInput(emoji)).toBe(emoji);
    expect(normaliseTextInput("a\u200Db")).toBe("ab");
    expect(normaliseTextInput("👩\u200D")).toBe("👩");
    expect(normaliseTextInput("\u200D👩")).toBe("👩");
    expect(normaliseTextInput("👩\u200D\u200D⚕")).toBe("👩⚕");
    expect(normaliseTextInput("👩\u200B\u200D⚕")).toBe("👩⚕");
  });

  it("is applied to every text field a form brings in, repeated fields included", () => {
    const values = formValues({ title: "\u202Etitre", channels: ["si\u200Bte", "e\u0301"], _csrf: "\u200Bjeton", cover: Buffer.from("x") });
    expect(values).toEqual({ title: "titre", channels: ["site", "é"] });
  });

  it("is what a form schema validates and what a rejected form shows again", () => {
    const schema = z.object({ body: z.string().max(5, "Trop long.") });
    expect(parseForm(schema, { body: "\u202E\u200B\u200Babcde" })).toEqual({ ok: true, data: { body: "abcde" } });
    expect(parseForm(schema, { body: "\u202Eabcdef" })).toEqual({ ok: false, form: { values: { body: "abcdef" }, errors: { body: "Trop long." } } });
  });
});
