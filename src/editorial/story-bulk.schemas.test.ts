import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BULK_ACTIONS, BULK_MAX_STORIES, bulkFields, parseBulkForm } from "./story-bulk.schemas.js";

const anyValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("1", "42", "999999999", "1000000000", "0", "-3", "07", "1.5", " 2", "page", ...BULK_ACTIONS),
);
const anyField = fc.oneof(anyValue, fc.array(anyValue, { maxLength: 5 }), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 }));
const anyBody = fc.oneof(
  fc.dictionary(fc.constantFrom("ids", "pageIds", "scope", "action", "themeId", "seriesId", "_csrf", "__proto__", "autre"), anyField, { maxKeys: 7 }),
  fc.anything(),
);

describe("the bulk form parser", () => {
  it("turns any body into a valid request or a 400 or 422 refusal, and never throws", () => {
    fc.assert(
      fc.property(anyBody, (body) => {
        const parsed = parseBulkForm(body);
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
        // What the confirmation page sends back is read as the same request.
        const again = parseBulkForm(Object.fromEntries(groupFields(bulkFields(parsed.request))));
        expect(again).toEqual(parsed);
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses more than a hundred ids before looking at any of them", () => {
    const ids = Array.from({ length: BULK_MAX_STORIES + 1 }, (_, i) => String(i + 1));
    expect(parseBulkForm({ ids, action: "publish" })).toMatchObject({ ok: false, status: 400 });
    expect(parseBulkForm({ ids: ids.slice(1), action: "publish" })).toMatchObject({ ok: true });
  });

  it("takes every story of the page when « toute la page » was pressed, and only the checked ones otherwise", () => {
    const body = { ids: "3", pageIds: "3,4,5", action: "submit" };
    expect(parseBulkForm({ ...body, scope: "page" })).toMatchObject({ ok: true, request: { ids: [3, 4, 5] } });
    expect(parseBulkForm({ ...body, scope: "checked" })).toMatchObject({ ok: true, request: { ids: [3] } });
  });
});

function groupFields(fields: Array<[string, string]>): Array<[string, string | string[]]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of fields) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return [...grouped].map(([name, values]) => [name, name === "ids" ? values : (values[0] as string)]);
}
