import { type DefaultTreeAdapterMap, parseFragment } from "parse5";
import type { ImportNote } from "./import-report.js";

/**
 * WordPress post HTML (classic editor or blocks) to the Markdown our stories are written in:
 * headings, emphasis, links, quotes, lists, code, tables, images with their alt text. Nothing of
 * the HTML itself passes through: every piece of text is escaped, every tag is either converted or
 * dropped (scripts, styles, forms, event handlers, embeds), so the output holds no raw HTML even if
 * a renderer accepted some. It never throws: whatever the input, the worst is plain text.
 */

type Node = DefaultTreeAdapterMap["childNode"];
type Element = DefaultTreeAdapterMap["element"];

export type ConvertOptions = {
  /** Classic-editor content: blank lines separate paragraphs and single line breaks are kept (WordPress's wpautop). */
  autop: boolean;
  /** Our own address for an image of the old site, or null when it was not imported. */
  resolveImage?(src: string): string | null;
  /** The address a link should have now (old-site links become paths of this site). */
  resolveLink?(href: string): string;
  /** Whether an address is the episode's own sound (its player on the episode page plays it). */
  isEnclosure?(url: string): boolean;
  warn?(note: ImportNote): void;
};

const DROPPED = new Set(["script", "style", "noscript", "template", "head", "title", "meta", "link", "base", "form", "input", "button", "select", "textarea", "option", "svg", "math", "canvas", "map", "area", "object", "param", "embed", "frame", "frameset", "dialog"]);
const BLOCKS = new Set(["p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "address", "center", "details", "summary", "dl", "dt", "dd", "fieldset", "legend", "hgroup", "body", "html"]);
const MAX_DEPTH = 120;

const BACKSLASH_ESCAPED = /[\\`*_[\]<>|~&!#]/g;

/** Text made inert for Markdown: every character that could start markup is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(BACKSLASH_ESCAPED, "\\$&");
}

/** A line that would start a block (heading, list, quote, rule) gets its first character escaped. */
function escapeLineStart(line: string): string {
  // A line of dashes or equals signs would turn the line above into a heading.
  if (/^\s*(-{2,}|={2,})\s*$/.test(line)) return line.replace(/[-=]/g, "\\$&");
  return line.replace(/^(\s*)([-+=>]|\d+[.)])(?=\s|$)/, (_m, space: string, marker: string) => `${space}${marker.replace(/^(\d+)([.)])$/, "$1\\$2").replace(/^([-+=>])$/, "\\$1")}`);
}

const collapse = (text: string) => text.replace(/[ \t\n\r\f]+/g, " ");

function attr(el: Element, name: string): string {
  return el.attrs.find((a) => a.name === name)?.value ?? "";
}

function safeUrl(raw: string): string | null {
  const url = raw.trim();
  if (!url) return null;
  if (/^(https?:|mailto:|tel:)/i.test(url) || /^[/#?]/.test(url)) {
    // Spaces, parentheses and angle brackets would end the Markdown link early.
    return url.replace(/[\s()<>\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  }
  return null;
}

type Ctx = { opts: ConvertOptions; warned: Set<string> };

function warnOnce(ctx: Ctx, note: ImportNote) {
  const key = JSON.stringify(note);
  if (ctx.warned.has(key)) return;
  ctx.warned.add(key);
  ctx.opts.warn?.(note);
}

/** Phrasing content as one Markdown line (hard breaks as "\\\n"). */
function inline(nodes: Node[], ctx: Ctx, depth: number): string {
  let out = "";
  for (const node of nodes) out = joinInline(out, inlineNode(node, ctx, depth + 1));
  return out;
}

/** Two code spans side by side would merge their backtick fences into one run: a space keeps them apart. */
function joinInline(before: string, next: string): string {
  return before.endsWith("`") && next.startsWith("`") ? `${before} ${next}` : before + next;
}

function wrap(marker: string, inner: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner) as RegExpExecArray;
  const body = (m[2] as string).replace(/^(\\\n)+|(\\\n)+$/g, "");
  if (!body.trim()) return inner.replace(/\\\n/g, " ");
  return `${m[1]}${marker}${body}${marker}${m[3]}`;
}

/** The text of a node, however deep (walked without recursion). */
function textOf(node: Node): string {
  let out = "";
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Node;
    if (current.nodeName === "#text") out += (current as DefaultTreeAdapterMap["textNode"]).value;
    else if ("childNodes" in current && !DROPPED.has(current.nodeName)) {
      const children = (current as Element).childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as Node);
    }
  }
  return out;
}

function imageMarkdown(el: Element, ctx: Ctx): string {
  const src = attr(el, "src");
  const resolved = src ? (ctx.opts.resolveImage?.(src) ?? null) : null;
  if (!resolved) {
    if (src) warnOnce(ctx, { code: "inline_image_missing", values: { src: src.slice(0, 200) } });
    return "";
  }
  const url = safeUrl(resolved);
  if (!url) return "";
  const alt = collapse(attr(el, "alt")).trim();
  return `![${escapeMarkdown(alt)}](${url})`;
}

function inlineNode(node: Node, ctx: Ctx, depth: number): string {
  if (node.nodeName === "#text") {
    const value = (node as DefaultTreeAdapterMap["textNode"]).value;
    if (ctx.opts.autop) {
      // Classic editor: a single line break is a <br>, blank lines are handled by the block level.
      return escapeMarkdown(value.replace(/[ \t\r\f]+/g, " ")).replace(/ ?\n ?/g, "\\\n");
    }
    return escapeMarkdown(collapse(value));
  }
  if (!("tagName" in node)) return "";
  const el = node as Element;
  const tag = el.tagName;
  if (DROPPED.has(tag) || depth > MAX_DEPTH) return "";
  switch (tag) {
    case "br":
      return "\\\n";
    case "img":
      return imageMarkdown(el, ctx);
    case "strong":
    case "b":
      return wrap("**", inline(el.childNodes, ctx, depth));
    case "em":
    case "i":
    case "cite":
      return wrap("*", inline(el.childNodes, ctx, depth));
    case "s":
    case "del":
    case "strike":
      return wrap("~~", inline(el.childNodes, ctx, depth));
    case "code":
    case "kbd":
    case "samp":
      return codeSpan(collapse(textOf(el)));
    case "a":
      return linkMarkdown(el, ctx, depth);
    case "iframe":
    case "video":
    case "audio": {
      const raw = attr(el, "src") || attr(el.childNodes.find((c): c is Element => c.nodeName === "source") ?? el, "src");
      if (tag === "audio" && raw && ctx.opts.isEnclosure?.(raw)) return "";
      const src = safeUrl(raw);
      warnOnce(ctx, { code: "embed_replaced" });
      return src && /^https?:/i.test(src) ? `[${escapeMarkdown(src)}](${src})` : "";
    }
    default:
      return inline(el.childNodes, ctx, depth);
  }
}

function codeSpan(text: string): string {
  if (!text.trim()) return "";
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function linkMarkdown(el: Element, ctx: Ctx, depth: number): string {
  const text = inline(el.childNodes, ctx, depth);
  const raw = attr(el, "href");
  const href = raw ? safeUrl(ctx.opts.resolveLink ? ctx.opts.resolveLink(raw) : raw) : null;
  if (!href) {
    if (raw && /^\s*(javascript|data|vbscript):/i.test(raw)) warnOnce(ctx, { code: "active_link_removed" });
    return text;
  }
  // "Link to the media file" around an image: the image alone says it all.
  if (/^!\[[^\]]*\]\([^)]*\)$/.test(text.trim()) && /\.(jpe?g|png|gif|webp|avif)$/i.test(raw)) return text.trim();
  if (!text.trim()) return "";
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(text) as RegExpExecArray;
  return `${m[1]}[${(m[2] as string).replace(/\\\n/g, " ")}](${href})${m[3]}`;
}

/** Block content: a list of Markdown blocks, in order. */
function blocks(nodes: Node[], ctx: Ctx, depth: number): string[] {
  const out: string[] = [];
  let para = "";
  const flush = () => {
    const text = para
      .replace(/^(\s|\\\n)+|(\s|\\\n)+$/g, "")
      .split("\n")
      .map((line) => escapeLineStart(line))
      .join("\n");
    para = "";
    // A paragraph of nothing but no-break spaces is WordPress's way of adding space: dropped.
    if (text.replace(/[\s\u00a0\\]/g, "") === "") return;
    // A lone address on its line is what WordPress turned into an embed: a plain link here.
    const url = /^https?:\/\/\S+$/i.test(text.replace(/\\(.)/g, "$1")) ? text.replace(/\\(.)/g, "$1") : null;
    const safe = url ? safeUrl(url) : null;
    out.push(safe ? `[${escapeMarkdown(url as string)}](${safe})` : text);
  };
  for (const node of nodes) {
    if (node.nodeName === "#text" && ctx.opts.autop) {
      const pieces = (node as DefaultTreeAdapterMap["textNode"]).value.split(/\n[ \t]*\n\s*/);
      pieces.forEach((piece, i) => {
        if (i > 0) flush();
        para += inlineNode({ ...(node as DefaultTreeAdapterMap["textNode"]), value: piece } as Node, ctx, depth);
      });
      continue;
    }
    if (!("tagName" in node) || !isBlock(node as Element)) {
      para += inlineNode(node, ctx, depth);
      continue;
    }
    flush();
    out.push(...blockElement(node as Element, ctx, depth + 1));
  }
  flush();
  return out.filter((b) => b.trim() !== "");
}

function isBlock(el: Element): boolean {
  return BLOCKS.has(el.tagName) || /^(h[1-6]|ul|ol|li|blockquote|pre|hr|table|figure|figcaption)$/.test(el.tagName);
}

const indent = (text: string, prefix: string, first = prefix) =>
  text
    .split("\n")
    .map((line, i) => (i === 0 ? first : line ? prefix : prefix.trimEnd()) + line)
    .join("\n");

function blockElement(el: Element, ctx: Ctx, depth: number): string[] {
  if (depth > MAX_DEPTH) return [escapeMarkdown(collapse(textOf(el))).trim()];
  const tag = el.tagName;
  if (/^h[1-6]$/.test(tag)) {
    // The story's title is its page's only h1: headings start at level 2.
    const level = Math.max(2, Number(tag[1]));
    const text = inline(el.childNodes, ctx, depth).replace(/\\\n/g, " ").trim();
    return text ? [`${"#".repeat(level)} ${text}`] : [];
  }
  switch (tag) {
    case "hr":
      return ["---"];
    case "blockquote": {
      const inner = blocks(el.childNodes, ctx, depth).join("\n\n");
      return inner ? [indent(inner, "> ")] : [];
    }
    case "ul":
    case "ol": {
      const start = Number.parseInt(attr(el, "start"), 10);
      let n = Number.isFinite(start) && start >= 0 && start < 1_000_000 ? start : 1;
      const items: string[] = [];
      for (const child of el.childNodes) {
        if ("tagName" in child && DROPPED.has((child as Element).tagName)) continue;
        if (!("tagName" in child)) {
          // The classic editor writes a line break between items: in autop mode it would read as a <br>.
          if (child.nodeName === "#text" && !(child as DefaultTreeAdapterMap["textNode"]).value.trim()) continue;
          const stray = inlineNode(child, ctx, depth).trim();
          if (stray) items.push(`${tag === "ol" ? `${n++}.` : "-"} ${stray}`);
          continue;
        }
        const li = child as Element;
        // A list inside an item follows its text on the next line, so the list stays tight.
        const parts = li.tagName === "li" ? blocks(li.childNodes, ctx, depth) : blockElement(li, ctx, depth);
        const content = parts.reduce((acc, part, i) => (i === 0 ? part : `${acc}${/^(- |\d+\. )/.test(part) ? "\n" : "\n\n"}${part}`), "");
        const marker = tag === "ol" ? `${n++}. ` : "- ";
        items.push(indent(content || "", " ".repeat(marker.length), marker));
      }
      return items.length > 0 ? [items.join("\n")] : [];
    }
    case "pre": {
      const code = textOf(el).replace(/\n$/, "");
      if (!code.trim()) return [];
      const longest = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((r) => r.length));
      const fence = "`".repeat(longest + 1);
      return [`${fence}\n${code}\n${fence}`];
    }
    case "figure":
      return blocks(el.childNodes, ctx, depth);
    case "figcaption": {
      const text = inline(el.childNodes, ctx, depth).replace(/\\\n/g, " ").trim();
      return text ? [escapeLineStart(wrap("*", text))] : [];
    }
    case "table":
      return tableMarkdown(el, ctx, depth);
    default:
      return blocks(el.childNodes, ctx, depth);
  }
}

function tableMarkdown(table: Element, ctx: Ctx, depth: number): string[] {
  const rows: string[][] = [];
  const collect = (el: Element, d: number) => {
    if (d > 6) return;
    for (const child of el.childNodes) {
      if (!("tagName" in child)) continue;
      const c = child as Element;
      if (c.tagName === "tr") {
        rows.push(
          c.childNodes
            .filter((x): x is Element => "tagName" in x && (x.tagName === "td" || x.tagName === "th"))
            .map((cell) => inline(cell.childNodes, ctx, depth).replace(/\\\n/g, " ").replace(/\n/g, " ").trim()),
        );
      } else if (/^(thead|tbody|tfoot)$/.test(c.tagName)) collect(c, d + 1);
    }
  };
  collect(table, 0);
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (rows.length === 0 || width === 0) return [];
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] || " ").join(" | ")} |`;
  const [head = [], ...body] = rows;
  return [[line(head), `| ${Array.from({ length: width }, () => "---").join(" | ")} |`, ...body.map(line)].join("\n")];
}

/** Converts a post's HTML (shortcodes already expanded) to Markdown. */
export function htmlToMarkdown(html: string, opts: ConvertOptions): string {
  const ctx: Ctx = { opts, warned: new Set() };
  // WordPress's own markers (block comments, "more" and "page break" tags) are not content.
  const cleaned = html.replace(/<!--\s*(more|nextpage)\b[^>]*-->/gi, "");
  let markdown: string;
  try {
    markdown = blocks(parseFragment(cleaned).childNodes as Node[], ctx, 0).join("\n\n");
  } catch {
    // A structure too odd to convert (it has not happened on real sites): its text, escaped.
    opts.warn?.({ code: "unreadable_markup" });
    markdown = escapeMarkdown(collapse(cleaned.replace(/<[^>]*>/g, " "))).trim();
  }
  return markdown.replace(/\n{3,}/g, "\n\n").trim();
}

/** The plain text of some HTML (excerpts, titles), whitespace collapsed. */
export function htmlToText(html: string): string {
  try {
    return collapse(parseFragment(html).childNodes.map((n) => textOf(n as Node)).join(" ")).trim();
  } catch {
    return collapse(html.replace(/<[^>]*>/g, " ")).trim();
  }
}
