import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listField, parseFrontMatter } from "./front-matter.js";

const contentDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "content");

const fieldKey = fc.stringMatching(/^[a-z][a-z_]{0,15}$/);
// A value on one line, without surrounding spaces; colons, ": " and "|" included on purpose.
const fieldValue = fc
  .string({ unit: fc.oneof(fc.constantFrom(":", ": ", " : ", "|", "«", "»", "’", "-", "---", "https://exemple.fr", "10:30"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 20 })
  .map((s) => s.replace(/[\r\n\u2028\u2029]/g, " ").trim())
  .filter((s) => s === s.trim());
const fields = fc.uniqueArray(fc.tuple(fieldKey, fieldValue), { minLength: 1, maxLength: 8, selector: ([k]) => k });
const body = fc.string({ unit: fc.oneof(fc.constantFrom("\n", "---", "\n---\n", "titre: x", "# Titre"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })), maxLength: 40 });

const document = (entries: Array<[string, string]>, text: string, newline = "\n") =>
  ["---", ...entries.map(([k, v]) => `${k}: ${v}`), "---", text].join(newline);

describe("parseFrontMatter", () => {
  it("reads the header fields and the body", () => {
    expect(parseFrontMatter("---\ntitle: « Le début : des petites choses »\ncredit: name | Vincent\n---\n\nTexte.\n")).toEqual({
      fields: { title: "« Le début : des petites choses »", credit: "name | Vincent" },
      body: "Texte.",
    });
  });

  it("keeps a value containing colons whole, URLs and times included", () => {
    expect(parseFrontMatter("---\nsource: https://exemple.fr:8080/a\nheure: 10:30\n---\n").fields).toEqual({ source: "https://exemple.fr:8080/a", heure: "10:30" });
  });

  it("gives back the fields and the trimmed body it was written with, whatever the line endings", () => {
    fc.assert(
      fc.property(fields, body, fc.constantFrom("\n", "\r\n", "\r"), (entries, text, newline) => {
        const parsed = parseFrontMatter(document(entries, text.replace(/\r\n?/g, "\n").replace(/\n/g, newline), newline));
        expect(parsed.fields).toEqual(Object.fromEntries(entries));
        expect(parsed.body).toBe(text.replace(/\r\n?/g, "\n").trim());
      }),
      { numRuns: 500 },
    );
  });

  it("returns the whole text as body, with no fields, when there is no header", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }).filter((s) => !s.startsWith("---")), (text) => {
        expect(parseFrontMatter(text)).toEqual({ fields: {}, body: text.replace(/\r\n?/g, "\n") });
      }),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary text, and every field it returns came from a header line", () => {
    const anyText = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.array(fc.oneof(fc.constantFrom("---", "\n", "\r\n", ":", ": ", "a", "clé"), fc.string({ maxLength: 8 })), { maxLength: 30 }).map((p) => p.join("")),
    );
    fc.assert(
      fc.property(anyText, (text) => {
        const { fields: read, body: rest } = parseFrontMatter(text);
        expect(typeof rest).toBe("string");
        for (const [k, v] of Object.entries(read)) {
          expect(k).not.toContain(":");
          expect(k).toBe(k.trim());
          expect(v).toBe(v.trim());
          expect(text.replace(/\r\n?/g, "\n")).toContain(v);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("reads every demo file with a title and a body", () => {
    const files = ["stories", "pages"].flatMap((dir) =>
      fs
        .readdirSync(path.join(contentDir, dir))
        .filter((f) => f.endsWith(".md"))
        .map((f) => path.join(contentDir, dir, f)),
    );
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const raw = fs.readFileSync(file, "utf8");
      const { fields: read, body: rest } = parseFrontMatter(raw);
      expect(read.title, file).toBeTruthy();
      expect(rest.length, file).toBeGreaterThan(0);
      const titleLine = raw.split(/\r?\n/).find((line) => line.startsWith("title:")) as string;
      expect(read.title, file).toBe(titleLine.slice("title:".length).trim());
    }
  });
});

describe("listField", () => {
  it("splits a comma list, trimming and dropping empty items", () => {
    expect(listField(" a, b ,,c ")).toEqual(["a", "b", "c"]);
    expect(listField(undefined)).toEqual([]);
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9-]{1,12}$/), { maxLength: 8 }), fc.constantFrom(",", ", ", " ,"), (items, sep) => {
        expect(listField(items.join(sep))).toEqual(items);
      }),
      { numRuns: 300 },
    );
  });
});
