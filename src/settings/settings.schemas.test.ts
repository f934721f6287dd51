import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseForm, translatedForm } from "../platform/http/form.js";
import { translator } from "../platform/i18n/translate.js";
import { accentContrastProblems, contrastRatio } from "./colour-contrast.js";
import { settingsForm } from "./settings.schemas.js";

const valid = { name: "Voix Croisées", tagline: "", contactEmail: "", legalEntity: "", legalHost: "", socialLinks: "", accentColour: "#a2361c" };

describe("the settings form parser", () => {
  it("never throws, and either accepts a form or names a field for each problem, keeping what was typed", () => {
    const field = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 50 }), fc.constantFrom("#000000", "#ffffff", "#a2361c", "javascript:alert(1)", "https://x.example/", "http://x.example/", "https://u:p@x.example/"));
    const body = fc.dictionary(fc.constantFrom("name", "tagline", "contactEmail", "legalEntity", "legalHost", "socialLinks", "accentColour", "autre"), fc.oneof(field, fc.array(field, { maxLength: 3 })));
    fc.assert(
      fc.property(body, (fields) => {
        const parsed = parseForm(settingsForm, fields);
        if (parsed.ok) {
          expect(parsed.data.name.length).toBeGreaterThan(0);
          expect(accentContrastProblems(parsed.data.accentColour)).toEqual([]);
          for (const link of parsed.data.socialLinks) expect(new URL(link).protocol).toBe("https:");
        } else {
          expect(Object.keys(parsed.form.errors).length).toBeGreaterThan(0);
          for (const [name, value] of Object.entries(fields)) if (typeof value === "string" && name !== "autre") expect(parsed.form.values[name]).toBeDefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("accepts only https social links without credentials", () => {
    expect(parseForm(settingsForm, { ...valid, socialLinks: "https://mastodon.example/@nous\n\nhttps://peertube.example/c/nous" })).toMatchObject({ ok: true, data: { socialLinks: ["https://mastodon.example/@nous", "https://peertube.example/c/nous"] } });
    for (const bad of ["http://mastodon.example/@nous", "javascript:alert(1)", "https://moi:secret@x.example/", "mastodon.example"]) {
      const parsed = parseForm(settingsForm, { ...valid, socialLinks: bad });
      expect(parsed.ok ? "" : translatedForm(translator("fr"), parsed.form).errors.socialLinks).toMatch(/https/);
    }
  });

  it("refuses an accent colour below AA, saying which pair fails and its measured ratio, in the editor's language", () => {
    // Light yellow: readable under white text nowhere.
    const parsed = parseForm(settingsForm, { ...valid, accentColour: "#f2c14e" });
    expect(parsed.ok).toBe(false);
    const message = (locale: "fr" | "en") => (parsed.ok ? "" : (translatedForm(translator(locale), parsed.form).errors.accentColour as string).replace(/\u202f/g, " "));
    expect(message("fr")).toContain("Contraste insuffisant");
    expect(message("fr")).toContain("en fond sous un texte blanc : 1,6:1");
    expect(message("fr")).toContain("en texte sur le fond des pages : 1,6:1");
    expect(message("en")).toBe("Not enough contrast (4.5:1 at least, level AA) as text on the page background: 1.6:1; as a background under white text: 1.6:1. Choose a darker colour.");
    // Readable under white text (4.54:1) but not on the page's background (4.47:1): only that pair is named, rounded down.
    const one = parseForm(settingsForm, { ...valid, accentColour: "#767676" });
    expect(one.ok ? "" : translatedForm(translator("en"), one.form).errors.accentColour).toBe("Not enough contrast (4.5:1 at least, level AA) as text on the page background: 4.4:1. Choose a darker colour.");
  });

  it("measures contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(accentContrastProblems("#a2361c")).toEqual([]);
  });
});
