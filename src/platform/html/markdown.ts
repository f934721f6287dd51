import { createHash } from "node:crypto";
import MarkdownIt from "markdown-it";
import { createLruCache } from "../cache/lru-cache.js";
import { frenchTypography } from "../i18n/typography.js";

/**
 * How much work markdown-it may do for one text, counted in steps: one each time its inline parser
 * tries the rules at a position (a run of plain letters is one position) or steps over one while
 * looking for a closing bracket, one each time its block parser tries the rules at a line, and one
 * per block token. A step costs about a microsecond on the most hostile input found ("[" and "_["
 * repeated, blank-line-separated brackets, tables, deep quotes; `npm run bench` measures them), so
 * a render stays within a few tens of milliseconds. Honest text needs 0.03 (prose: the demo's 33
 * stories, 117,000 characters, take 3,500) to 0.25 (verse or lists, a line each) steps per
 * character: a 50,000-character contribution always fits, a story fits whole up to about 80,000
 * characters of verse or lists and 200,000 of prose; past that its end is shown as typed.
 */
export const MARKDOWN_STEP_BUDGET = 20_000;

/**
 * Texts longer than this are rendered in pieces cut at blank lines (outside fenced code): the work
 * markdown-it does without counting a step (scanning ahead for a closing bracket it has already
 * looked at) grows with the length of what it parses, so pieces keep it bounded. A reference
 * definition (`[x]: https://…`) serves the pieces after it, not those before.
 */
export const MARKDOWN_CHUNK_CHARS = 8_000;

/**
 * The images a text may show. Markdown images are ours only: an image this does not know (any
 * other address) shows as its alt text, so a text never makes a reader's browser call anyone.
 */
export type InlineImages = {
  /** Identifies what `render` returns, for the render cache: equal identities, equal HTML. */
  identity: string;
  has(src: string): boolean;
  /** HTML of a known image with the alt text the Markdown gives (maybe empty); `alone` when it is a paragraph by itself. */
  render(src: string, alt: string, alone: boolean): string;
};

type RenderEnv = { locale: "fr" | "en"; headingShift: number; steps: number; images?: InlineImages };

/** Thrown inside markdown-it when a text has used its budget; the rest of the text is shown as plain paragraphs. */
class OverBudget extends Error {}

const charge = (env: RenderEnv, steps = 1) => {
  env.steps -= steps;
  if (env.steps < 0) throw new OverBudget();
};

// Raw HTML is off: a story can never inject markup, scripts or third-party embeds.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

// Links leave the site without telling the other site where the reader came from.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]?.attrGet("href") ?? "");
  if (/^(https?:)?\/\//i.test(href)) tokens[idx]?.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// Images come from our media library only (see InlineImages); any other shows as its alt text.
md.renderer.rules.image = (tokens, idx, options, renderEnv, self) => {
  const env = renderEnv as RenderEnv;
  const token = tokens[idx];
  const src = String(token?.attrGet("src") ?? "");
  const alt = self.renderInlineAsText(token?.children ?? [], options, env);
  if (!token || !env.images?.has(src)) return md.utils.escapeHtml(alt);
  return env.images.render(src, alt, token.meta?.alone === true);
};

// First in every chain, so each attempt of the parsers is counted before any rule runs.
md.inline.ruler.before("text", "work_budget", (state) => {
  charge(state.env as RenderEnv);
  return false;
});
// Looking ahead for a closing bracket steps over positions already seen, without trying the rules
// again; each of those steps is work too.
const skipToken = md.inline.skipToken.bind(md.inline);
md.inline.skipToken = (state) => {
  charge(state.env as RenderEnv);
  skipToken(state);
};
md.block.ruler.before(
  "table",
  "work_budget",
  (state) => {
    charge(state.env as RenderEnv);
    return false;
  },
  // The rules that look for the end of a paragraph, list, quote or table try these at each line.
  { alt: ["paragraph", "reference", "blockquote", "list"] },
);

// Each block token costs work later (an inline parse, typography, rendering): a table of tiny
// cells or deep quotes make many tokens per line, so they are counted before the inline parse.
md.core.ruler.after("block", "block_tokens_budget", (state) => {
  charge(state.env as RenderEnv, state.tokens.length);
});

// A contributor's "#" never outranks the page's own headings: each level moves down by the shift.
md.core.ruler.after("block", "heading_levels", (state) => {
  const shift = (state.env as RenderEnv).headingShift;
  if (shift === 0) return;
  for (const token of state.tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + shift)}`;
  }
});

// A known image alone in its paragraph becomes a figure (with its caption) in place of the paragraph.
md.core.ruler.push("lone_images", (state) => {
  const images = (state.env as RenderEnv).images;
  if (!images) return;
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i += 1) {
    const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (open?.type !== "paragraph_open" || inline?.type !== "inline" || close?.type !== "paragraph_close") continue;
    const visible = (inline.children ?? []).filter((c) => !(c.type === "text" && !c.content.trim()) && c.type !== "softbreak");
    const image = visible[0];
    if (visible.length !== 1 || image?.type !== "image" || !images.has(String(image.attrGet("src")))) continue;
    image.meta = { ...(image.meta ?? {}), alone: true };
    open.hidden = true;
    close.hidden = true;
  }
});

// French spacing applies to text only, never to code or link targets.
md.core.ruler.push("french_typography", (state) => {
  if ((state.env as RenderEnv).locale === "en") return;
  for (const block of state.tokens) {
    if (block.type !== "inline" || !block.children) continue;
    for (const token of block.children) {
      if (token.type === "text") token.content = frenchTypography(token.content);
    }
  }
});

export type MarkdownOptions = {
  /** French typography unless the text is English. */
  locale?: "fr" | "en";
  /**
   * What a `#` heading becomes: one level below the page's heading that the text sits under
   * (2 under a page's h1, 3 inside a section with an h2). Deeper levels follow, h6 at most.
   */
  firstHeadingLevel?: 2 | 3 | 4 | 5 | 6;
  /** The library images the text may show; without it every image shows as its alt text. */
  images?: InlineImages;
};

/** Rendered texts by content: a contribution viewed again and again is rendered once. */
const rendered = createLruCache<string>({ maxEntries: 2_000, maxBytes: 16 * 1024 * 1024, sizeOf: (html) => html.length * 2 });

/**
 * Markdown to safe HTML: raw HTML off, images only from `opts.images`, outside links without referrer, headings below
 * the page's, French typography unless English. Bounded work whatever the text: past
 * MARKDOWN_STEP_BUDGET steps the rest is shown as plain paragraphs, every word kept.
 */
export function renderMarkdown(source: string, opts: MarkdownOptions = {}): string {
  const locale = opts.locale ?? "fr";
  const firstHeadingLevel = opts.firstHeadingLevel ?? 2;
  const key = createHash("sha256").update(`${locale}${firstHeadingLevel}\0${opts.images?.identity ?? ""}\0`).update(source).digest("base64url");
  const hit = rendered.get(key);
  if (hit !== undefined) return hit;
  const html = renderWithinBudget(source, { locale, headingShift: firstHeadingLevel - 1, steps: MARKDOWN_STEP_BUDGET, images: opts.images });
  rendered.set(key, html);
  return html;
}

function renderWithinBudget(source: string, env: RenderEnv): string {
  let html = "";
  let done = 0;
  for (const piece of markdownPieces(source)) {
    if (env.steps <= 0) break;
    try {
      html += md.render(piece, env);
    } catch (err) {
      if (!(err instanceof OverBudget)) throw err;
      html += plainParagraphs(piece);
    }
    done += piece.length;
  }
  // Once the budget is spent, the rest is not even cut into pieces.
  return done < source.length ? html + plainParagraphs(source.slice(done)) : html;
}

/** The text as typed, in paragraphs, escaped: what a reader sees once the budget is spent. */
function plainParagraphs(text: string): string {
  // Browsers send a textarea's line breaks as CRLF.
  const escaped = md.utils.escapeHtml(text.replace(/\r\n?/g, "\n").trim());
  if (!escaped) return "";
  // Whole-text replacements: one pass each, whatever the number of paragraphs. Each match of the
  // first pattern ends at a line break, so it cannot backtrack over more than one line.
  return `<p>${escaped.replace(/\n(?:[ \t]*\n)+/g, "</p>\n<p>").replace(/\n(?!<p>)/g, "<br>\n")}</p>\n`;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Cuts a long text into pieces of at most MARKDOWN_CHUNK_CHARS characters, as they are needed: at
 * the last blank line outside fenced code, else at the last line break, else (one huge line)
 * anywhere but inside a surrogate pair. Joined together, the pieces are the text.
 */
export function* markdownPieces(source: string): Generator<string> {
  if (source.length <= MARKDOWN_CHUNK_CHARS) {
    yield source;
    return;
  }
  let start = 0;
  let pos = 0;
  let lastBlank = -1;
  let lastBreak = -1;
  let fence: string | null = null;
  while (pos < source.length) {
    const newline = source.indexOf("\n", pos);
    const end = newline === -1 ? source.length : newline;
    const next = newline === -1 ? source.length : newline + 1;
    if (next - start > MARKDOWN_CHUNK_CHARS) {
      let cut = lastBlank > start ? lastBlank : lastBreak > start ? lastBreak : start + MARKDOWN_CHUNK_CHARS;
      if (/[\uDC00-\uDFFF]/.test(source.charAt(cut))) cut -= 1;
      yield source.slice(start, cut);
      // The next piece is parsed on its own, as markdown-it will see it: outside any fence.
      start = pos = cut;
      lastBlank = lastBreak = -1;
      fence = null;
      continue;
    }
    // Only a line starting with ` or ~ (after at most three spaces) opens or closes a fence; the
    // others are looked at up to their first visible character.
    let first = pos;
    while (first < end && first - pos < 3 && source.charCodeAt(first) === 32) first += 1;
    const code = source.charCodeAt(first);
    if (code === 96 || code === 126) {
      const line = source.slice(pos, end);
      const marker = FENCE.exec(line)?.[1];
      if (fence === null && marker) fence = marker;
      else if (fence !== null && marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = null;
    } else if (fence === null && isBlank(source, first, end)) {
      lastBlank = next;
    }
    lastBreak = next;
    pos = next;
  }
  if (start < source.length) yield source.slice(start);
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return true;
}
