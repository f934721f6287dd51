import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWebVtt, voiceOf } from "../../test/support/audio.js";
import { buildWebVtt, formatVttTime } from "./webvtt.js";

describe("WebVTT", () => {
  it("writes times as HH:MM:SS.mmm, hours included", () => {
    expect(formatVttTime(0)).toBe("00:00:00.000");
    expect(formatVttTime(61_001.4)).toBe("00:01:01.001");
    expect(formatVttTime(3_723_456)).toBe("01:02:03.456");
    expect(formatVttTime(100 * 3_600_000)).toBe("100:00:00.000");
  });

  it("escapes markup and refuses cues that overlap or last nothing", () => {
    const vtt = buildWebVtt([{ startMs: 0, endMs: 900, voice: "Animatrice", text: "a < b & c --> d" }]);
    expect(vtt).toBe("WEBVTT\n\n1\n00:00:00.000 --> 00:00:00.900\n<v Animatrice>a &lt; b &amp; c --&gt; d\n");
    expect(() => buildWebVtt([{ startMs: 5, endMs: 5, voice: "A", text: "x" }])).toThrow(RangeError);
    expect(() =>
      buildWebVtt([
        { startMs: 0, endMs: 10, voice: "A", text: "x" },
        { startMs: 9, endMs: 20, voice: "B", text: "y" },
      ]),
    ).toThrow(RangeError);
  });

  it("gives back, through an independent reader, the times, voices and texts it was given", () => {
    const cue = fc.record({
      gap: fc.integer({ min: 0, max: 5_000_000 }),
      length: fc.integer({ min: 1, max: 60_000 }),
      voice: fc.constantFrom("Animatrice", "Samia", "Jean Luc"),
      text: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() !== "" && !/[\r\n]/.test(t)),
    });
    fc.assert(
      fc.property(fc.array(cue, { minLength: 1, maxLength: 10 }), (specs) => {
        let t = 0;
        const cues = specs.map((s) => {
          const startMs = t + s.gap;
          t = startMs + s.length;
          return { startMs, endMs: t, voice: s.voice, text: s.text };
        });
        const parsed = parseWebVtt(buildWebVtt(cues));
        expect(parsed.map((c) => ({ startMs: c.startMs, endMs: c.endMs, ...voiceOf(c.text) }))).toEqual(
          cues.map((c) => ({ ...c, text: c.text.replace(/\s*[\r\n]+\s*/g, " ") })),
        );
      }),
    );
  });
});
