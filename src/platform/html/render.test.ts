import { h } from "preact";
import { describe, expect, it } from "vitest";
import { renderOnceFrom, sameViewData } from "./render.js";

describe("renderOnceFrom", () => {
  const view = (data: { title: string; tags: Array<{ name: string }>; image: { widths: number[] } | null }) =>
    h("p", null, `${data.title} ${data.tags.map((t) => t.name).join(",")} ${data.image?.widths.join(",") ?? "none"}`);

  it("renders again whenever anything in the data differs, however deep, under the same slot", () => {
    const first = { title: "Un", tags: [{ name: "a" }], image: { widths: [480, 960] } };
    expect(renderOnceFrom("test|slot", first, view)).toBe("<p>Un a 480,960</p>");
    expect(renderOnceFrom("test|slot", { ...first, title: "Deux" }, view)).toBe("<p>Deux a 480,960</p>");
    expect(renderOnceFrom("test|slot", { title: "Deux", tags: [{ name: "b" }], image: { widths: [480, 960] } }, view)).toBe("<p>Deux b 480,960</p>");
    expect(renderOnceFrom("test|slot", { title: "Deux", tags: [{ name: "b" }], image: { widths: [480] } }, view)).toBe("<p>Deux b 480</p>");
    expect(renderOnceFrom("test|slot", { title: "Deux", tags: [{ name: "b" }], image: null }, view)).toBe("<p>Deux b none</p>");
  });

  it("reuses the markup for equal data given as another object", () => {
    let renders = 0;
    const counted = (data: { title: string }) => {
      renders++;
      return h("p", null, data.title);
    };
    renderOnceFrom("test|reuse", { title: "Même" }, counted);
    renderOnceFrom("test|reuse", { title: "Même" }, counted);
    expect(renders).toBe(1);
  });
});

describe("sameViewData", () => {
  it("tells equal view data from data that differs in a value, a key, an array's length or a null", () => {
    expect(sameViewData({ a: 1, b: [{ c: "x" }], d: null }, { a: 1, b: [{ c: "x" }], d: null })).toBe(true);
    expect(sameViewData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameViewData({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameViewData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameViewData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameViewData({ a: null }, { a: {} })).toBe(false);
    expect(sameViewData({ a: [] }, { a: {} })).toBe(false);
    expect(sameViewData("1", 1)).toBe(false);
  });
});
