import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoToParisLocal } from "../platform/i18n/locale.js";
import { BULK_ACTIONS, BULK_MAX_STORIES, bulkFields, parseBulkForm } from "./story-bulk.schemas.js";

/** The moment the forms are read at: 10:00 in Paris on 1 December 2026. */
const NOW = new Date("2026-12-01T09:00:00.000Z");

/** A datetime-local value, anywhere from a year before NOW to a year after, DST changes included. */
const localTime = fc
  .integer({ min: -366 * 24 * 60, max: 366 * 24 * 60 })
  .map((minutes) => isoToParisLocal(new Date(NOW.getTime() + minutes * 60_000).toISOString()));

const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  localTime,
  fc.constantFrom("2026-12-01T10:00", "2026-12-01T10:01", "2027-03-28T02:30", "2026-02-30T10:00", "2026-12-01T24:00", "2026-12-01 10:30", "1", "42", "999999999", "1000000000", "0", "-3", "07", "1.5", " 2", "page", ...BULK_ACTIONS),
);
const anyField = fc.oneof(anyValue, fc.array(anyValue, { maxLength: 5 }), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 }));
const anyBody = fc.oneof(
  fc.dictionary(fc.constantFrom("ids", "pageIds", "scope", "action", "themeId", "seriesId", "publishAt", "_csrf", "__proto__", "autre"), anyField, { maxKeys: 7 }),
  fc.anything(),
);

describe("the bulk form parser", () => {
  it("turns any body into a valid request or a 400 or 422 refusal, and never throws", () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const parsed = parseBulkForm(body, NOW);
        if (!parsed.ok) {
          expect([400, 422]).toContain(parsed.status);
          expect(parsed.message.length).toBeGreaterThan(0);
          return;
        }
        const { ids, action } = parsed.request;
        expect(ids.length).toBeGreaterThan(0);
        expect(ids.length).toBeLessThanOrEqual(BULK_MAX_STORIES);
        expect(new Set(ids).size).toBe(ids.length);
        for (const id of ids) expect(Number.isSafeInteger(id) && id > 0).toBe(true);
        if (action.kind === "addTheme" || action.kind === "removeTheme") expect(action.themeId).toBeGreaterThan(0);
        // Never a time already past, whatever was typed.
        if (action.kind === "schedule") expect(Date.parse(action.publishAt)).toBeGreaterThan(NOW.getTime());
        // What the confirmation page sends back is read as the same request.
        const again = parseBulkForm(Object.fromEntries(groupFields(bulkFields(parsed.request))), NOW);
        expect(again).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses more than a hundred ids before looking at any of them", () => {
    const ids = Array.from({ length: BULK_MAX_STORIES + 1 }, (_, i) => String(i + 1));
    expect(parseBulkForm({ ids, action: "publish" }, NOW)).toMatchObject({ ok: false, status: 400 });
    expect(parseBulkForm({ ids: ids.slice(1), action: "publish" }, NOW)).toMatchObject({ ok: true });
  });

  it("takes every story of the page when « toute la page » was pressed, and only the checked ones otherwise", () => {
    const body = { ids: "3", pageIds: "3,4,5", action: "submit" };
    expect(parseBulkForm({ ...body, scope: "page" }, NOW)).toMatchObject({ ok: true, request: { ids: [3, 4, 5] } });
    expect(parseBulkForm({ ...body, scope: "checked" }, NOW)).toMatchObject({ ok: true, request: { ids: [3] } });
  });
});

describe("the bulk form's publication time", () => {
  it("takes a time to come, in Paris time, and refuses a past, present or unreadable one with a 422 that says so", () => {
    fc.assert(
      fc.property(localTime, (publishAt) => {
        const parsed = parseBulkForm({ ids: "4", action: "schedule", publishAt }, NOW);
        const iso = new Date(`${publishAt}:00+01:00`).toISOString();
        if (publishAt <= "2026-12-01T10:00") {
          expect(parsed).toMatchObject({ ok: false, status: 422, field: "publishAt" });
          expect(parsed.ok || parsed.message).toBe("admin.bulk.error.pastDate");
        } else if (publishAt < "2027-03-28") {
          // Winter time until the last Sunday of March: Paris is UTC+1.
          expect(parsed).toEqual({ ok: true, request: { ids: [4], action: { kind: "schedule", publishAt: iso } } });
        } else expect(parsed.ok).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(parseBulkForm({ ids: "4", action: "schedule", publishAt: "" }, NOW)).toMatchObject({ ok: false, status: 422, message: "admin.bulk.error.noDate" });
    expect(parseBulkForm({ ids: "4", action: "schedule", publishAt: "2026-02-30T10:00" }, NOW)).toMatchObject({ ok: false, status: 422, field: "publishAt" });
    expect(parseBulkForm({ ids: "4", action: "schedule", publishAt: ["2026-12-24T09:30", "x"] }, NOW)).toMatchObject({ ok: false, status: 422, field: "publishAt" });
  });
});

function groupFields(fields: Array<[string, string]>): Array<[string, string | string[]]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of fields) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return [...grouped].map(([name, values]) => [name, name === "ids" ? values : (values[0] as string)]);
}
