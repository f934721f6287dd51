import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { harmfulDetail, INCOMING_DIR, isFrozen, loadCorpus, normalised, parseWriterFile, UNSEEN_DIR, writersOf } from "./corpus.js";

// The committed corpus is data other code trusts: these checks fail if a writer file is edited by
// hand into a state the importer would have refused.
const rows = loadCorpus();

describe("the crisis-signal corpus", () => {
  it("holds several writers, each with acute and benign rows, in French and English", () => {
    const writers = writersOf(rows);
    expect(writers.length).toBeGreaterThanOrEqual(8);
    for (const writer of writers) {
      const mine = rows.filter((r) => r.writer === writer);
      expect(mine.some((r) => r.label === "acute") && mine.some((r) => r.label === "none"), writer).toBe(true);
    }
    expect(new Set(rows.map((r) => r.lang))).toEqual(new Set(["fr", "en"]));
  });

  it("has no sentence twice, even across writers (none is both trained on and tested)", () => {
    const seen = new Map<string, string>();
    for (const row of rows) {
      const key = normalised(row.text);
      expect(seen.get(key), `${row.writer}: duplicate of ${seen.get(key)}`).toBeUndefined();
      seen.set(key, row.writer);
    }
  });

  it("has no row giving a quantity of a means or a how-to", () => {
    expect(rows.filter((r) => harmfulDetail(r.text) !== null).map((r) => r.writer)).toEqual([]);
  });

  it("freezes about one row in five, by its words alone", () => {
    const share = rows.filter((r) => r.frozen).length / rows.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.25);
    expect(isFrozen("Une phrase.")).toBe(isFrozen("UNE   phrase !"));
  });
});

describe("the writers kept apart", () => {
  const unseen = loadCorpus(UNSEEN_DIR);

  it("are other writers than the corpus's, with acute and benign rows, and no harmful detail", () => {
    expect(unseen.length).toBeGreaterThan(0);
    const trained = new Set(writersOf(rows));
    for (const writer of writersOf(unseen)) {
      expect(trained.has(writer), writer).toBe(false);
      const mine = unseen.filter((r) => r.writer === writer);
      expect(mine.some((r) => r.label === "acute") && mine.some((r) => r.label === "none"), writer).toBe(true);
    }
    expect(unseen.filter((r) => harmfulDetail(r.text) !== null).map((r) => r.writer)).toEqual([]);
  });

  it("hold no sentence of the corpus, and none twice", () => {
    const trained = new Set(rows.map((r) => normalised(r.text)));
    const seen = new Set<string>();
    for (const row of unseen) {
      const key = normalised(row.text);
      expect(trained.has(key) || seen.has(key), `${row.writer}: ${row.text.slice(0, 40)}`).toBe(false);
      seen.add(key);
    }
  });
});

describe("the writers waiting to be learnt", () => {
  const incoming = fs.existsSync(INCOMING_DIR) ? loadCorpus(INCOMING_DIR) : [];

  it("are other writers than the corpus's and those kept apart, with no harmful detail", () => {
    const known = new Set([...writersOf(rows), ...writersOf(loadCorpus(UNSEEN_DIR))]);
    for (const writer of writersOf(incoming)) expect(known.has(writer), writer).toBe(false);
    expect(incoming.filter((r) => harmfulDetail(r.text) !== null).map((r) => `${r.writer}: ${r.text.slice(0, 40)}`)).toEqual([]);
  });

  it("hold no sentence kept apart (the corpus's own are dropped at import)", () => {
    const apart = new Set(loadCorpus(UNSEEN_DIR).map((r) => normalised(r.text)));
    expect(incoming.filter((r) => apart.has(normalised(r.text))).map((r) => `${r.writer}: ${r.text.slice(0, 40)}`)).toEqual([]);
  });
});

describe("importing a writer's file", () => {
  it("reports lines that are not JSON or do not fit the schema, and keeps the others", () => {
    const file = [
      JSON.stringify({ label: "none", lang: "fr", kind: "everyday", text: "Il fait beau." }),
      "{not json",
      JSON.stringify({ label: "maybe", lang: "fr", kind: "x", text: "Texte." }),
      JSON.stringify({ label: "acute", lang: "de", kind: "x", text: "Text." }),
      "",
    ].join("\n");
    const { rows: parsed, problems } = parseWriterFile("w-test", file);
    expect(parsed.map((r) => r.text)).toEqual(["Il fait beau."]);
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4]);
  });

  it("recognises a quantity of a means and instruction-like wording, not a means merely named", () => {
    expect(harmfulDetail("J'ai pris deux comprimés de vitamine C ce matin.")).toBe("quantity");
    expect(harmfulDetail("La façon la plus rapide de ranger un placard.")).toBe("how-to");
    expect(harmfulDetail("Il y a trois ans, j'ai avalé des médicaments ; aujourd'hui je vais mieux.")).toBeNull();
    expect(harmfulDetail("Une boîte de médicaments sur la table.")).toBeNull();
    expect(harmfulDetail("Nous avons fait 300 km en voiture.")).toBeNull();
  });
});
