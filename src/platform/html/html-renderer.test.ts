import fc from "fast-check";
import { type ComponentChildren, Fragment, h } from "preact";
import { renderToString } from "preact-render-to-string";
import { describe, expect, it } from "vitest";
import { createRenderContext, escapeHtml, renderHtml } from "./html-renderer.js";

// Text with everything that must be escaped, and characters that must not be.
const text = fc.stringMatching(/^[a-zé&<>"' \u202f]{0,8}$/);
const attributeValue = fc.oneof(text, fc.integer({ min: -3, max: 3 }), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.constant(""));
const ATTRIBUTES = [
  "class",
  "className",
  "htmlFor",
  "for",
  "id",
  "href",
  "tabIndex",
  "tabindex",
  "dateTime",
  "maxLength",
  "autoComplete",
  "aria-hidden",
  "aria-label",
  "data-autofocus",
  "draggable",
  "spellcheck",
  "hidden",
  "disabled",
  "checked",
  "defaultChecked",
  "selected",
  "defaultValue",
  "strokeWidth",
  "viewBox",
  "xlinkHref",
  "fillRule",
  "clipPath",
  "panose1",
  "httpEquiv",
  "acceptCharset",
  "key",
  "ref",
  "bad name",
];
const TAGS = ["div", "p", "a", "span", "img", "br", "input", "meta", "link", "ul", "li", "time", "label", "button", "svg", "path", "g", "foreignObject", "textarea"];

type Props = Record<string, unknown>;
const attributes: fc.Arbitrary<Props> = fc.dictionary(fc.constantFrom(...ATTRIBUTES), attributeValue, { maxKeys: 5 });

function Passing({ child }: { child: ComponentChildren }) {
  return h(Fragment, null, child);
}
function Wrapping({ child }: { child: ComponentChildren }) {
  return h("section", { class: "wrap" }, child);
}
function Nothing() {
  return null;
}

const { tree } = fc.letrec<{ tree: ComponentChildren; element: ComponentChildren; children: ComponentChildren[] }>((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    text,
    fc.integer({ min: -5, max: 5 }),
    fc.constantFrom(null, undefined, true, false),
    tie("element"),
    tie("children"),
  ),
  children: fc.array(tie("tree"), { maxLength: 4 }),
  element: fc.oneof(
    { depthSize: "small" },
    fc.record({ tag: fc.constantFrom(...TAGS), props: attributes, children: tie("children") }).map(({ tag, props, children }) => h(tag, props, ...children)),
    // Inside an <svg>, attribute names are written otherwise, until a <foreignObject>.
    fc.record({ props: attributes, children: tie("children") }).map(({ props, children }) => h("svg", props, ...children)),
    fc.record({ props: attributes, children: tie("children") }).map(({ props, children }) => h("svg", null, h("foreignObject", null, h("p", props, ...children)))),
    fc.record({ tag: fc.constantFrom("img", "br", "input"), props: attributes, child: text }).map(({ tag, props, child }) => h(tag, props, child)),
    fc.record({ tag: fc.constantFrom("div", "p", "meta"), props: attributes, html: text }).map(({ tag, props, html }) => h(tag, { ...props, dangerouslySetInnerHTML: { __html: html } })),
    fc.record({ value: text, inner: text }).map(({ value, inner }) => h("textarea", { value }, inner)),
    fc.record({ chosen: fc.constantFrom("a", "b", "c", 1), options: fc.array(fc.constantFrom("a", "b", "1", 1, "c"), { maxLength: 4 }) }).map(({ chosen, options }) =>
      h("select", { value: chosen, name: "choix" }, ...options.map((v, i) => h("option", i === 0 ? { value: v, selected: false } : { value: v }, String(v)))),
    ),
    tie("tree").map((child) => h(Passing, { child })),
    tie("tree").map((child) => h(Wrapping, { child })),
    tie("children").map((children) => h(Fragment, null, ...children)),
    fc.constant(h(Nothing, null)),
    fc.constant(h("button", { type: "button", onClick: () => undefined }, "ok")),
  ),
}));

describe("renderHtml", () => {
  it("writes the same bytes as preact-render-to-string for any tree of elements, components, text and attributes", () => {
    fc.assert(
      fc.property(tree, (node) => {
        expect(renderHtml(node)).toBe(renderToString(h(Fragment, null, node)));
      }),
      { numRuns: 2_000 },
    );
  });

  it("names SVG attributes as Preact does, and HTML ones again inside a foreignObject", () => {
    const svg = h(
      "svg",
      { viewBox: "0 0 2 2", "aria-hidden": true },
      h("path", { strokeWidth: 2, panose1: "1", clipPath: "url(#c)", xlinkHref: "#p", fillRule: "evenodd", tabIndex: 0 }),
      h("foreignObject", null, h("p", { strokeWidth: 2, tabIndex: 0, dateTime: "2026" })),
    );
    expect(renderHtml(svg)).toBe(renderToString(svg));
    expect(renderHtml(svg)).toContain('panose-1="1"');
  });

  it("escapes text and attribute values, and nothing else", () => {
    expect(renderHtml(h("a", { title: `"<b>" & 'c'` }, "<script>&é"))).toBe(`<a title="&quot;&lt;b>&quot; &amp; 'c'">&lt;script>&amp;é</a>`);
    expect(escapeHtml("déjà\u202f!")).toBe("déjà\u202f!");
  });

  it("refuses an inline style, which the content security policy would block", () => {
    expect(() => renderHtml(h("p", { style: "color: red" }, "x"))).toThrow(/inline styles are refused/);
  });

  it("refuses a tag name that would break out of the markup", () => {
    expect(() => renderHtml(h("p onclick=x", null))).toThrow(/not a valid HTML tag name/);
  });

  it("hands a context's value to the components below its provider, the nearest one winning, and the default elsewhere", () => {
    const Language = createRenderContext("fr");
    const Reader = () => h("i", null, Language.current());
    const page = h("div", null, h(Reader, null), h(Language.Provider, { value: "en" }, h(Reader, null), h(Language.Provider, { value: "de" }, h(Reader, null)), h(Reader, null)), h(Reader, null));
    expect(renderHtml(page)).toBe("<div><i>fr</i><i>en</i><i>de</i><i>en</i><i>fr</i></div>");
  });

  it("leaves a context as it was when a component below its provider throws", () => {
    const Language = createRenderContext("fr");
    const Broken = () => {
      throw new Error("cassé");
    };
    expect(() => renderHtml(h(Language.Provider, { value: "en" }, h(Broken, null)))).toThrow("cassé");
    expect(Language.current()).toBe("fr");
  });
});
