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
    ["Ouverture", { key: "admin.podcast.chapters.format", values: { line: 1 } }],
    ["00:00 A\n4:75 B", { key: "admin.podcast.chapters.seconds", values: { line: 2 } }],
    ["75:00 B", { key: "admin.podcast.chapters.minutes", values: { line: 1 } }],
    ["01:00 A\n00:30 B", { key: "admin.podcast.chapters.order", values: { line: 2 } }],
    ["01:00 A\n\n01:00 B", { key: "admin.podcast.chapters.order", values: { line: 3 } }],
    [`00:00 ${"x".repeat(201)}`, { key: "admin.podcast.chapters.titleTooLong", values: { line: 1, max: 200 } }],
  ])("refuses %j with the line to fix", (text, error) => {
    expect(parseChapterLines(text)).toEqual({ ok: false, error });
  });

  it("refuses a chapter starting after the end of the audio", () => {
    const parsed = parseChapterLines("00:00 A\n00:09 B", 8_000);
    expect(parsed).toEqual({ ok: false, error: { key: "admin.podcast.chapters.afterEnd", values: { line: 2, end: "00:08" } } });
  });

  it("writes Podcasting 2.0 JSON chapters, version 1.2.0, in seconds", () => {
    const json = JSON.parse(chaptersJson([{ startMs: 1500, title: "Début" }], { title: "Épisode", podcastName: "Entre Pairs" }));
    expect(json).toEqual({ version: "1.2.0", title: "Épisode", podcastName: "Entre Pairs", chapters: [{ startTime: 1.5, title: "Début" }] });
  });
});
