import MarkdownIt from "markdown-it";
import { type DOMOutputSpec, type Node as ProseMirrorNode, Schema } from "prosemirror-model";
import { defaultMarkdownParser, defaultMarkdownSerializer, MarkdownParser, MarkdownSerializer, schema as commonmark } from "prosemirror-markdown";

/**
 * What the rich-text editor edits, and how it reads and writes the story's Markdown: CommonMark
 * (headings, emphasis, links, quotes, lists, images) plus a collective story's voices, written as
 * a line "@voix <credit>" (see splitVoices in src/stories/story.ts). Runs in Node (tests) and in
 * the browser (the editor's bundle): nothing here touches the DOM.
 */

const LIBRARY_IMAGE = /^\/media\/images\/[a-f0-9]{24}$/;

/** The thumbnail a library image shows in the editor; any other image shows as its alt text. */
export const editorThumbnail = (src: string): string | null => (LIBRARY_IMAGE.test(src) ? `${src}/480.jpeg` : null);

const VOICE_LINE = /^@voix\s+(.+)$/;

export const storySchema = new Schema({
  nodes: commonmark.spec.nodes
    .update("image", {
      ...commonmark.spec.nodes.get("image"),
      // Never a request anywhere else: an outside image is only its alt text, as on the site.
      toDOM(node): DOMOutputSpec {
        const thumb = editorThumbnail(node.attrs.src);
        return thumb ? ["img", { src: thumb, alt: node.attrs.alt ?? "", class: "editor-image" }] : ["span", { class: "editor-image-outside" }, node.attrs.alt || "[image]"];
      },
    })
    .addToEnd("voice", {
      group: "block",
      atom: true,
      selectable: true,
      attrs: { credit: { default: "anonymous" } },
      toDOM: (node): DOMOutputSpec => ["p", { class: "editor-voice", "data-credit": node.attrs.credit }, `Voix : ${node.attrs.credit}`],
      parseDOM: [{ tag: "p.editor-voice", getAttrs: (dom) => ({ credit: (dom as HTMLElement).getAttribute("data-credit") ?? "anonymous" }) }],
    }),
  marks: commonmark.spec.marks,
});

const markdown = new MarkdownIt("commonmark", { html: false });

// A paragraph that is exactly a voice line becomes one voice token, before inline parsing.
markdown.core.ruler.after("block", "voice_lines", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i + 2 < tokens.length; i += 1) {
      const [open, inline, close] = [tokens[i], tokens[i + 1], tokens[i + 2]];
      if (open?.type !== "paragraph_open" || inline?.type !== "inline" || close?.type !== "paragraph_close") continue;
      const m = VOICE_LINE.exec(inline.content.trim());
      if (!m || inline.content.includes("\n")) continue;
      const voice = new state.Token("voice", "", 0);
      voice.attrSet("credit", (m[1] as string).trim());
      voice.block = true;
      tokens.splice(i, 3, voice);
    }
});

export const storyMarkdownParser = new MarkdownParser(storySchema, markdown, {
  ...defaultMarkdownParser.tokens,
  voice: { node: "voice", noCloseToken: true, getAttrs: (tok) => ({ credit: tok.attrGet("credit") ?? "anonymous" }) },
});

/** How many lists of the same kind come right before this one: CommonMark joins two adjacent lists unless their markers differ. */
function sameListsBefore(parent: ProseMirrorNode, index: number, type: string): number {
  let n = 0;
  while (index - n - 1 >= 0 && parent.child(index - n - 1).type.name === type) n += 1;
  return n;
}

/**
 * What prosemirror-markdown's escaping leaves that CommonMark would read as markup, escaped again
 * over what it wrote (an escaped character follows a backslash, so is never matched twice):
 * - an "_" after a letter or digit and before anything else, or after another "_": it leaves "_"
 *   between two `\w` characters, and `\w` includes "_", so "A__" came out as "A_\_", whose first
 *   "_" closes an emphasis. In CommonMark an "_" is inert only between two letters or digits;
 * - a text opening with "1)" or ending with "1." or "+" (an ordered or bullet list): it escapes
 *   only "1. " and "+ ". Escaping these where they open a styled piece mid-line is harmless.
 */
const UNESCAPED_MARKUP = /(?<=[A-Za-z0-9])_(?![A-Za-z0-9])|(?<=_)_|(?<=^\d{1,9})[.)](?=\s|$)|^\+(?=\s|$)/g;

export const storyMarkdownSerializer = new MarkdownSerializer(
  {
    ...defaultMarkdownSerializer.nodes,
    bullet_list(state, node, parent, index) {
      const bullet = sameListsBefore(parent, index, "bullet_list") % 2 === 0 ? "*" : "-";
      state.renderList(node, "  ", () => `${bullet} `);
    },
    ordered_list(state, node, parent, index) {
      const delimiter = sameListsBefore(parent, index, "ordered_list") % 2 === 0 ? "." : ")";
      const start = node.attrs.order ?? 1;
      const width = String(start + node.childCount - 1).length;
      state.renderList(node, " ".repeat(width + 2), (i) => `${String(start + i).padStart(width, " ")}${delimiter} `);
    },
    voice(state, node) {
      state.write(`@voix ${node.attrs.credit}`);
      state.closeBlock(node);
    },
    heading(state, node) {
      state.write(`${"#".repeat(node.attrs.level)} `);
      state.renderInline(node, false);
      // A heading's trailing "#"s would be read as its closing sequence: the first is escaped.
      const out = state as unknown as { out: string };
      out.out = out.out.replace(/(^|[ \t])(#+)$/, "$1\\$2");
      state.closeBlock(node);
    },
    paragraph(state, node) {
      // A paragraph typed as "@voix …" stays text: its "@" is escaped so it is not read as a voice.
      // (A "#" opening a line is escaped by prosemirror-markdown itself.)
      const first = node.firstChild;
      if (first?.isText && /^@voix\s/.test(first.text ?? "")) state.write("\\");
      state.renderInline(node);
      state.closeBlock(node);
    },
  },
  defaultMarkdownSerializer.marks,
  { escapeExtraCharacters: UNESCAPED_MARKUP },
);

export const parseStoryMarkdown = (text: string) => storyMarkdownParser.parse(text);
export const serializeStoryMarkdown = (doc: Parameters<MarkdownSerializer["serialize"]>[0]) => storyMarkdownSerializer.serialize(doc, { tightLists: true });
