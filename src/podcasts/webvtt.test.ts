import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Cue, parseVtt, serializeVtt, VttError, vttToPlainText } from "./webvtt.js";

const SAMPLE = `WEBVTT - entretien

NOTE écrit à la main

intro
00:00.000 --> 00:04.500
<v Animatrice>Bonjour Samia, merci d'être là.

00:04.500 --> 00:09.000 align:start
<v.hote Samia>Merci à vous. <i>Je suis</i> un peu intimidée,
mais contente &amp; prête.

01:00:02.250 --> 01:00:05.000
Sans voix nommée.
`;

function errorOf(text: string): VttError {
  try {
    parseVtt(text);
  } catch (error) {
    if (error instanceof VttError) return error;
    throw error;
  }
  throw new Error("accepté à tort");
}

describe("the WebVTT parser", () => {
  it("reads cues, timings in both forms, voices as speakers, and drops other tags", () => {
    const { cues } = parseVtt(SAMPLE);
    expect(cues).toEqual([
      { id: "intro", startMs: 0, endMs: 4500, speaker: "Animatrice", text: "Bonjour Samia, merci d'être là." },
      { id: null, startMs: 4500, endMs: 9000, speaker: "Samia", text: "Merci à vous. Je suis un peu intimidée,\nmais contente & prête." },
      { id: null, startMs: 3_602_250, endMs: 3_605_000, speaker: null, text: "Sans voix nommée." },
    ]);
  });

  it("writes a speaker whose name ends with a dash so that it reads back (found by the round-trip property)", () => {
    const doc = { cues: [{ id: null, startMs: 0, endMs: 1, speaker: "--", text: "!" }] };
    expect(serializeVtt(doc)).not.toContain("-->!");
    expect(parseVtt(serializeVtt(doc))).toEqual(doc);
  });

  it("makes a plain transcript with one paragraph per speaker", () => {
    expect(vttToPlainText(parseVtt(SAMPLE))).toBe(
      "Animatrice : Bonjour Samia, merci d'être là.\n\nSamia : Merci à vous. Je suis un peu intimidée, mais contente & prête.\n\nSans voix nommée.\n",
    );
  });

  it.each([
    ["", 1, "header", undefined],
    ["WEBVTTX\n\n00:01.000 --> 00:02.000\nA", 1, "header", undefined],
    ["WEBVTT\n00:01.000 --> 00:02.000\nA", 2, "blankAfterHeader", undefined],
    ["WEBVTT\n\n00:01.000 -> 00:02.000\nA", 3, "timingExpected", undefined],
    ["WEBVTT\n\n00:01.000-->00:02.000\nA", 3, "timingUnreadable", undefined],
    ["WEBVTT\n\n1:02.000 --> 00:03.000\nA", 3, "start", "1:02.000"],
    ["WEBVTT\n\n00:01.000 --> 00:61.000\nA", 3, "end", "00:61.000"],
    ["WEBVTT\n\n00:05.000 --> 00:04.000\nA", 3, "endBeforeStart", undefined],
    ["WEBVTT\n\n00:05.000 --> 00:06.000\nA\n\n00:04.000 --> 00:07.000\nB", 6, "order", undefined],
    ["WEBVTT\n\n00:01.000 --> 00:02.000\n<v Nour>", 3, "noText", undefined],
    ["WEBVTT\n\n00:01.000 --> 00:02.000\nA\n00:02.000 --> 00:03.000\nB", 5, "arrowInText", undefined],
    ["WEBVTT\n\nidentifiant seul", 4, "noTiming", "identifiant seul"],
    ["WEBVTT\n\n00:01.000 --> 00:02.000\nA\n\nSTYLE\n::cue {}", 6, "styleFirst", undefined],
    ["WEBVTT\n\n", 3, "noCues", undefined],
  ])("refuses %j at line %i with the reason's catalogue key", (text, line, reason, at) => {
    const error = errorOf(text);
    expect(error.line).toBe(line);
    expect(error.key).toBe(`admin.podcast.webvtt.${reason}`);
    expect(error.values).toEqual(at === undefined ? { line } : { line, text: at });
  });
});

const speaker = fc.option(
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s !== "" && !/[\n\r>]/.test(s)),
  { nil: null },
);
const line = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() === s && s !== "" && !/[\r\n]/.test(s));
const cueArb = fc.record({
  id: fc.option(fc.stringMatching(/^c[a-z0-9-]{0,10}$/), { nil: null }),
  gap: fc.nat({ max: 120_000 }),
  length: fc.integer({ min: 1, max: 60_000 }),
  speaker,
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
});

describe("the WebVTT parser (properties)", () => {
  it("reads back exactly what serializeVtt wrote", () => {
    fc.assert(
      fc.property(fc.array(cueArb, { minLength: 1, maxLength: 12 }), (drafts) => {
        let at = 0;
        const cues: Cue[] = drafts.map((d) => {
          at += d.gap;
          return { id: d.id, startMs: at, endMs: at + d.length, speaker: d.speaker, text: d.lines.join("\n") };
        });
        // What the parser normalises (entities decoded, tags dropped) must survive the trip.
        const written = serializeVtt({ cues });
        expect(parseVtt(written).cues).toEqual(cues.map((c) => ({ ...c, speaker: c.speaker === null ? null : c.speaker.trim() || null })));
      }),
      { numRuns: 300 },
    );
  });

  it("never throws anything but its own error on garbage", () => {
    const garbage = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.array(fc.oneof(fc.constantFrom("WEBVTT", "", "NOTE x", "STYLE", "00:01.000 --> 00:02.000", "99:99.999 --> 1", "-->", "<v A>b", "<b>", "&amp;", "\r\n"), fc.string({ maxLength: 20 })), { maxLength: 30 }).map((parts) => parts.join("\n")),
    );
    fc.assert(
      fc.property(garbage, (text) => {
        try {
          const doc = parseVtt(text);
          expect(doc.cues.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(VttError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
