import { type ComponentChildren, Fragment, type FunctionComponent, h, type VNode } from "preact";

/**
 * Preact elements to HTML, for pages rendered on the server and never hydrated. It writes the same
 * bytes as `preact-render-to-string` for what views here use (function components, fragments,
 * elements, `dangerouslySetInnerHTML`, the contexts below), and nothing it does not need: no
 * class components, hooks, suspense, signals or inline styles (an inline style is refused). A page
 * is about a hundred elements, rendered afresh for every uncached request; the general renderer
 * runs Preact's option hooks and three regular expressions for each attribute, this one looks each
 * attribute name up once. The property test in html-renderer.test.ts holds both to the same output
 * on generated trees.
 */

/** A value handed down to every component below its provider, read while rendering (see `createRenderContext`). */
export type RenderContext<T> = {
  Provider: FunctionComponent<{ value: T; children?: ComponentChildren }>;
  /** The value of the nearest provider above the component rendering now, or the default. */
  current(): T;
};

type ProviderMarker = { providedBy: { stack: unknown[] } };

/** A context for this renderer: components read it with `context.current()` while they render. */
export function createRenderContext<T>(fallback: T): RenderContext<T> {
  const stack: T[] = [];
  // Renders its children; the renderer knows it by its marker and holds its value meanwhile.
  const Provider = Object.assign((props: { children?: ComponentChildren }) => h(Fragment, null, props.children), { providedBy: { stack } } satisfies ProviderMarker);
  return {
    Provider,
    current: () => (stack.length > 0 ? (stack[stack.length - 1] as T) : fallback),
  };
}

const VOID_ELEMENTS = new Set(["area", "base", "br", "col", "command", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"]);
const NEEDS_ESCAPE = /["&<]/;
const INVALID_NAME = /[\s\n\\/='"\0<>]/;
const XML_PREFIX = /^(xlink|xmlns|xml)([A-Z])/;
// HTML attributes written in camelCase in JSX, lower-cased in markup (dateTime, maxLength, tabIndex…).
const LOWER_CASED = /^(?:accessK|auto[A-Z]|cell|ch|col|cont|cross|dateT|encT|form[A-Z]|frame|hrefL|inputM|maxL|minL|noV|playsI|popoverT|readO|rowS|src[A-Z]|tabI|useM|item[A-Z])/;
// SVG presentation attributes written in camelCase in JSX, hyphenated in markup (strokeWidth…).
const HYPHENATED_IN_SVG =
  /^ac|^ali|arabic|basel|cap|clipPath$|clipRule$|color|dominant|enable|fill|flood|font|glyph[^R]|horiz|image|letter|lighting|marker[^WUH]|overline|panose|pointe|paint|rendering|shape|stop|strikethrough|stroke|text[^L]|transform|underline|unicode|units|^v[^i]|^w|^xH/;
// Enumerated attributes whose true and false are written out, like aria-* and data-*.
const SPELLED_BOOLEANS = new Set(["draggable", "spellcheck"]);

/** Text and attribute values: ", & and < escaped, as `preact-render-to-string` does. */
export function escapeHtml(text: string): string {
  if (text.length === 0 || !NEEDS_ESCAPE.test(text)) return text;
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const entity = code === 34 ? "&quot;" : code === 38 ? "&amp;" : code === 60 ? "&lt;" : null;
    if (entity === null) continue;
    if (i !== from) out += text.slice(from, i);
    out += entity;
    from = i + 1;
  }
  if (from < text.length) out += text.slice(from);
  return out;
}

// What an attribute name becomes in markup, worked out once per name: null when it is never written.
type NameRule = { name: string; spelled: boolean } | null;
const htmlNames = new Map<string, NameRule>();
const svgNames = new Map<string, NameRule>();

function nameRule(prop: string, svg: boolean): NameRule {
  const known = (svg ? svgNames : htmlNames).get(prop);
  if (known !== undefined) return known;
  let rule: NameRule;
  if (INVALID_NAME.test(prop)) rule = null;
  else if (XML_PREFIX.test(prop)) rule = { name: prop.replace(XML_PREFIX, "$1:$2").toLowerCase(), spelled: false };
  else if (prop[4] === "-" || SPELLED_BOOLEANS.has(prop)) rule = { name: prop, spelled: true };
  else if (svg) rule = { name: HYPHENATED_IN_SVG.test(prop) ? (prop === "panose1" ? "panose-1" : prop.replace(/([A-Z])/g, "-$1").toLowerCase()) : prop, spelled: false };
  else rule = { name: LOWER_CASED.test(prop) ? prop.toLowerCase() : prop, spelled: false };
  (svg ? svgNames : htmlNames).set(prop, rule);
  return rule;
}

const validTags = new Set<string>();

/** The HTML of a Preact element tree (an element, a component's element, text, or a list of them). */
export function renderHtml(node: unknown): string {
  return render(node, false, undefined);
}

function render(node: unknown, svg: boolean, selectValue: unknown): string {
  if (node === null || node === undefined || node === true || node === false || node === "") return "";
  if (typeof node !== "object") {
    if (typeof node === "function") return "";
    return typeof node === "string" ? escapeHtml(node) : String(node);
  }
  if (Array.isArray(node)) {
    let out = "";
    for (const child of node) {
      if (child === null || child === undefined || typeof child === "boolean") continue;
      out += render(child, svg, selectValue);
    }
    return out;
  }
  const vnode = node as VNode<Record<string, unknown>>;
  // Anything else (a plain object) renders nothing, as in Preact.
  if (vnode.constructor !== undefined) return "";
  const { type, props } = vnode;
  if (typeof type === "function") {
    if (type === Fragment) return render(props.children, svg, selectValue);
    const provided = (type as unknown as Partial<ProviderMarker>).providedBy;
    if (provided) {
      provided.stack.push(props.value);
      try {
        return render(props.children, svg, selectValue);
      } finally {
        provided.stack.pop();
      }
    }
    const rendered = (type as (p: unknown) => unknown)(props);
    return render(rendered, svg, selectValue);
  }
  const tag = type as string;
  if (!validTags.has(tag)) {
    if (INVALID_NAME.test(tag)) throw new Error(`${tag} is not a valid HTML tag name`);
    validTags.add(tag);
  }
  let open = `<${tag}`;
  let children: unknown;
  let html: string | undefined;
  for (const prop in props) {
    let value = props[prop];
    if (typeof value === "function" && prop !== "class" && prop !== "className") continue;
    let name: string;
    switch (prop) {
      case "children":
        children = value;
        continue;
      case "key":
      case "ref":
      case "__self":
      case "__source":
        continue;
      case "htmlFor":
        if ("for" in props) continue;
        name = "for";
        break;
      case "className":
        if ("class" in props) continue;
        name = "class";
        break;
      case "defaultChecked":
        name = "checked";
        break;
      case "defaultSelected":
        name = "selected";
        break;
      case "defaultValue":
      case "value":
        name = "value";
        if (tag === "textarea") {
          children = value;
          continue;
        }
        if (tag === "select") {
          selectValue = value;
          continue;
        }
        // biome-ignore lint/suspicious/noDoubleEquals: Preact matches an option to its select's value loosely (1 and "1").
        if (tag === "option" && selectValue == value && !("selected" in props)) open += " selected";
        break;
      case "dangerouslySetInnerHTML":
        html = (value as { __html?: string } | null)?.__html;
        continue;
      case "style":
        // The CSP lets no inline style through, so none is written: style sheets only.
        throw new Error(`<${tag} style>: inline styles are refused by the content security policy`);
      case "acceptCharset":
        name = "accept-charset";
        break;
      case "httpEquiv":
        name = "http-equiv";
        break;
      default: {
        const rule = nameRule(prop, svg);
        if (rule === null) continue;
        name = rule.name;
        if (rule.spelled && value !== null && value !== undefined) value = `${value}`;
      }
    }
    if (value === null || value === undefined || value === false) continue;
    open = value === true || value === "" ? `${open} ${name}` : `${open} ${name}="${escapeHtml(`${value}`)}"`;
  }
  let inner = html;
  if (!inner) {
    if (typeof children === "string") inner = escapeHtml(children);
    else if (children !== null && children !== undefined && children !== false && children !== true) {
      inner = render(children, tag === "svg" || (tag !== "foreignObject" && svg), selectValue);
    }
  }
  if (!inner && VOID_ELEMENTS.has(tag)) return `${open}/>`;
  return `${open}>${inner ?? ""}</${tag}>`;
}
