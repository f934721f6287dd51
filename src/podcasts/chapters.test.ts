import { describe, expect, it } from "vitest";
import { chaptersJson, chaptersToLines, parseChapterLines } from "./chapters.js";

describe("chapters typed by editors", () => {
  it("reads mm:ss and hh:mm:ss lines, skipping blank lines, and writes them back", () => {
    const parsed = parseChapterLines("00:00 Ouverture\n\n04:30  Le diagnostic\n1:02:03 La suite\n");
    expect(parsed).toEqual({
      ok: true,
      chapters: [
        { startMs: 0, title: "Ouverture" },
        { startMs: 270_000, title: "Le diagnostic" },
        { startMs: 3_723_000, title: "La suite" },
      ],
    });
    if (parsed.ok) expect(parseChapterLines(chaptersToLines(parsed.chapters))).toEqual(parsed);
  });

  it.each([
    ["Ouverture", "Ligne 1 : écrivez « mm:ss Titre »"],
    ["00:00 A\n4:75 B", "Ligne 2 : les secondes vont de 00 à 59."],
    ["75:00 B", "Ligne 1 : les minutes vont de 00 à 59"],
    ["01:00 A\n00:30 B", "Ligne 2 : ce chapitre doit commencer après le précédent."],
    ["01:00 A\n\n01:00 B", "Ligne 3 : ce chapitre doit commencer après le précédent."],
    [`00:00 ${"x".repeat(201)}`, "Ligne 1 : titre trop long"],
  ])("refuses %j with the line to fix", (text, message) => {
    const parsed = parseChapterLines(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain(message);
  });

  it("refuses a chapter starting after the end of the audio", () => {
    const parsed = parseChapterLines("00:00 A\n00:09 B", 8_000);
    expect(parsed).toEqual({ ok: false, error: "Ligne 2 : ce chapitre commence après la fin de l'audio (00:08)." });
  });

  it("writes Podcasting 2.0 JSON chapters, version 1.2.0, in seconds", () => {
    const json = JSON.parse(chaptersJson([{ startMs: 1500, title: "Début" }], { title: "Épisode", podcastName: "Entre Pairs" }));
    expect(json).toEqual({ version: "1.2.0", title: "Épisode", podcastName: "Entre Pairs", chapters: [{ startTime: 1.5, title: "Début" }] });
  });
});
