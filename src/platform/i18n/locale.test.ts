import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDate, isoToParisLocal, negotiateLocale, parisLocalToIso } from "./locale.js";

const anyText = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: "binary", maxLength: 80 }), fc.string({ unit: "grapheme", maxLength: 40 }));

const pad = (n: number, width = 2) => String(n).padStart(width, "0");
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Last Sunday of March: Paris clocks jump from 02:00 to 03:00 (EU rule, since 1981). */
const lastSundayOfMarch = (y: number) => {
  const d = new Date(Date.UTC(y, 2, 31));
  return 31 - d.getUTCDay();
};

type Local = { y: number; mo: number; d: number; h: number; mi: number };
const localTime = (years: { min: number; max: number }, months = { min: 1, max: 12 }): fc.Arbitrary<Local> =>
  fc
    .record({ y: fc.integer(years), mo: fc.integer(months), d: fc.integer({ min: 1, max: 31 }), h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }) })
    .map((t) => ({ ...t, d: Math.min(t.d, daysInMonth(t.y, t.mo)) }));
const text = (t: Local) => `${pad(t.y, 4)}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}`;
const inSpringGap = (t: Local) => t.mo === 3 && t.d === lastSundayOfMarch(t.y) && t.h === 2;

describe("negotiateLocale", () => {
  it("reads common Accept-Language headers", () => {
    expect(negotiateLocale(undefined, "en-GB,en;q=0.9")).toBe("en");
    expect(negotiateLocale(undefined, "fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(negotiateLocale(undefined, "de-DE, en;q=0.5")).toBe("en");
    expect(negotiateLocale(undefined, "fr;q=0.2, en;q=0.8")).toBe("en");
    expect(negotiateLocale(undefined, "en;q=0, fr;q=0.1")).toBe("fr");
    expect(negotiateLocale(undefined, "n'importe quoi")).toBe("fr");
    expect(negotiateLocale(undefined, ";;;,,,q=")).toBe("fr");
    expect(negotiateLocale(undefined, undefined)).toBe("fr");
    expect(negotiateLocale(undefined, "")).toBe("fr");
  });

  it("always returns fr or en and never throws", () => {
    fc.assert(
      fc.property(fc.option(anyText, { nil: undefined }), fc.option(anyText, { nil: undefined }), (choice, header) => {
        expect(["fr", "en"]).toContain(negotiateLocale(choice, header));
      }),
      { numRuns: 1000 },
    );
  });

  it("honours an explicit fr or en choice whatever the browser asks for", () => {
    fc.assert(
      fc.property(fc.constantFrom("fr" as const, "en" as const), fc.option(anyText, { nil: undefined }), (choice, header) => {
        expect(negotiateLocale(choice, header)).toBe(choice);
      }),
      { numRuns: 500 },
    );
  });

  it("picks the preferred of French and English by weight, then by order, else French", () => {
    const entry = fc.record({
      tag: fc.constantFrom("fr", "FR", "fr-FR", "fr-CA", "en", "EN-gb", "en-US", "de", "es-ES", "*", "zh-Hant-TW"),
      q: fc.constantFrom(undefined, 0, 0.1, 0.5, 0.8, 0.9, 1),
      space: fc.constantFrom("", " "),
    });
    fc.assert(
      fc.property(fc.option(anyText.filter((c) => c !== "fr" && c !== "en"), { nil: undefined }), fc.array(entry, { maxLength: 20 }), (choice, entries) => {
        const header = entries.map((e) => `${e.space}${e.tag}${e.q === undefined ? "" : `;${e.space}q=${e.q}`}`).join(",");
        let expected: "fr" | "en" = "fr";
        let best = 0;
        for (const e of entries) {
          const lang = e.tag.slice(0, 2).toLowerCase();
          const weight = e.q ?? 1;
          if ((lang === "fr" || lang === "en") && weight > best) {
            expected = lang;
            best = weight;
          }
        }
        expect(negotiateLocale(choice, header)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parisLocalToIso and isoToParisLocal", () => {
  it("use UTC+1 in winter and UTC+2 in summer", () => {
    expect(parisLocalToIso("2026-01-15T12:00")).toBe("2026-01-15T11:00:00.000Z");
    expect(parisLocalToIso("2026-07-15T12:00")).toBe("2026-07-15T10:00:00.000Z");
    expect(parisLocalToIso("2026-12-31T23:30")).toBe("2026-12-31T22:30:00.000Z");
    expect(isoToParisLocal("2026-01-15T11:00:00.000Z")).toBe("2026-01-15T12:00");
    expect(isoToParisLocal("2026-07-15T10:00:00.000Z")).toBe("2026-07-15T12:00");
  });

  it("put any winter time one hour ahead of UTC and any summer time two hours ahead", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 12, 6, 7, 8), localTime({ min: 1981, max: 2400 }), (month, t0) => {
        const t = { ...t0, mo: month, d: Math.min(t0.d, daysInMonth(t0.y, month)) };
        const offsetHours = month >= 6 && month <= 8 ? 2 : 1;
        const iso = parisLocalToIso(text(t));
        expect(iso).not.toBeNull();
        expect(Date.parse(iso as string)).toBe(Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi) - offsetHours * 3_600_000);
      }),
      { numRuns: 500 },
    );
  });

  it("give back the same Paris time after a trip through UTC (outside the spring-forward gap)", () => {
    fc.assert(
      fc.property(localTime({ min: 1981, max: 2400 }), (t) => {
        fc.pre(!inSpringGap(t));
        const iso = parisLocalToIso(text(t));
        expect(iso).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
        expect(isoToParisLocal(iso as string)).toBe(text(t));
      }),
      { numRuns: 1000 },
    );
  });

  it("move a time inside the spring-forward gap to the same wall-clock minutes an hour later", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1981, max: 2400 }), fc.integer({ min: 0, max: 59 }), (y, mi) => {
        const d = lastSundayOfMarch(y);
        const iso = parisLocalToIso(text({ y, mo: 3, d, h: 2, mi }));
        expect(isoToParisLocal(iso as string)).toBe(text({ y, mo: 3, d, h: 3, mi }));
      }),
      { numRuns: 200 },
    );
  });

  it("give back the same UTC minute after a trip through Paris time, except in the repeated autumn hour", () => {
    const instant = fc.integer({ min: Date.UTC(1981, 0, 1) / 60_000, max: Date.UTC(2400, 0, 1) / 60_000 }).map((m) => new Date(m * 60_000).toISOString());
    fc.assert(
      fc.property(instant, (iso) => {
        const local = isoToParisLocal(iso);
        const back = parisLocalToIso(local) as string;
        expect(isoToParisLocal(back)).toBe(local);
        const ms = Date.parse(iso);
        const repeated = isoToParisLocal(new Date(ms - 3_600_000).toISOString()) === local || isoToParisLocal(new Date(ms + 3_600_000).toISOString()) === local;
        if (!repeated) expect(back).toBe(iso);
      }),
      { numRuns: 1000 },
    );
  });

  it("return null for text that is not a valid date and time", () => {
    for (const bad of ["abc", "", "2026-02-30T10:00", "2026-02-29T10:00", "2026-13-01T10:00", "2026-00-10T10:00", "2026-04-31T10:00", "2026-01-01T24:00", "2026-01-01T10:60", "2026-01-01 10:00", "2026-01-01T10:00:00", "2026-1-1T10:00", " 2026-01-01T10:00"]) {
      expect(parisLocalToIso(bad), bad).toBeNull();
    }
    expect(parisLocalToIso("2024-02-29T10:00")).toBe("2024-02-29T09:00:00.000Z");
  });

  it("return null for any impossible day, hour or minute, and for any text of another shape, without throwing", () => {
    const impossible = fc.oneof(
      localTime({ min: 1000, max: 9999 }).chain((t) => fc.integer({ min: daysInMonth(t.y, t.mo) + 1, max: 99 }).map((d) => `${pad(t.y, 4)}-${pad(t.mo)}-${pad(d)}T${pad(t.h)}:${pad(t.mi)}`)),
      localTime({ min: 1000, max: 9999 }).chain((t) => fc.integer({ min: 24, max: 99 }).map((h) => `${pad(t.y, 4)}-${pad(t.mo)}-${pad(t.d)}T${pad(h)}:${pad(t.mi)}`)),
      localTime({ min: 1000, max: 9999 }).chain((t) => fc.integer({ min: 60, max: 99 }).map((mi) => `${pad(t.y, 4)}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(mi)}`)),
      localTime({ min: 1000, max: 9999 }).chain((t) => fc.constantFrom(0, 13, 20, 99).map((mo) => `${pad(t.y, 4)}-${pad(mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}`)),
      anyText.filter((s) => !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(s)),
    );
    fc.assert(
      fc.property(impossible, (value) => {
        expect(parisLocalToIso(value)).toBeNull();
      }),
      { numRuns: 1000 },
    );
  });

  it("never moves a year written with leading zeros into another century (example)", () => {
    // A date-time field lets "26" be typed as the year 0026; it must not silently become 1926.
    const iso = parisLocalToIso("0026-06-01T10:00");
    expect(iso === null || iso.startsWith("0026-")).toBe(true);
  });

  it("give an empty field for an unreadable ISO date", () => {
    expect(isoToParisLocal("pas une date")).toBe("");
    expect(isoToParisLocal("")).toBe("");
  });
});

describe("formatDate", () => {
  const FRENCH_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
  const ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  it("writes the first of the month as 1er in French", () => {
    expect(formatDate("fr", "2026-01-01T12:00:00Z")).toBe("1er janvier 2026");
    expect(formatDate("fr", "2025-06-12T12:00:00Z")).toBe("12 juin 2025");
    expect(formatDate("fr", "2026-03-11T12:00:00Z")).toBe("11 mars 2026");
    expect(formatDate("en", "2026-01-01T12:00:00Z")).toBe("1 January 2026");
  });

  it("uses the Paris date, not the UTC one", () => {
    expect(formatDate("fr", "2025-12-31T23:30:00Z")).toBe("1er janvier 2026");
  });

  it("reads as day, month name and year, with 1er only for the first", () => {
    fc.assert(
      fc.property(localTime({ min: 1900, max: 2200 }), (t) => {
        const iso = new Date(Date.UTC(t.y, t.mo - 1, t.d, 12)).toISOString();
        expect(formatDate("fr", iso)).toBe(`${t.d === 1 ? "1er" : t.d} ${FRENCH_MONTHS[t.mo - 1]} ${t.y}`);
        expect(formatDate("en", iso)).toBe(`${t.d} ${ENGLISH_MONTHS[t.mo - 1]} ${t.y}`);
      }),
      { numRuns: 500 },
    );
  });
});
