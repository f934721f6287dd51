import { baseKeymap, setBlockType, toggleMark, wrapIn } from "prosemirror-commands";
import { history, redo, undo } from "prosemirror-history";
import { inputRules, textblockTypeInputRule, wrappingInputRule } from "prosemirror-inputrules";
import { keymap } from "prosemirror-keymap";
import type { MarkType, NodeType } from "prosemirror-model";
import { liftListItem, sinkListItem, splitListItem, wrapInList } from "prosemirror-schema-list";
import { type Command, EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { STORY_EDITOR_TEXTS_ID, type StoryEditorTexts } from "./story-editor-texts.js";
import { parseStoryMarkdown, serializeStoryMarkdown, storySchema } from "./story-markdown.js";

/**
 * The story text's rich-text editor, over the Markdown textarea. The textarea stays the form's
 * field: every change is written back to it as Markdown (and announced with an input event, for
 * the live preview), so saving is unchanged, and without this script the textarea works alone.
 * Only elements and classes are created here: the strict CSP allows no inline style or script.
 * Its texts come from the page, in the page's language (the JSON block the server renders).
 */

type PickerImage = { id: number; src: string; thumb: string; alt: string; decorative: boolean; caption: string };

const s = storySchema;
const mark = (name: string) => s.marks[name] as MarkType;
const node = (name: string) => s.nodes[name] as NodeType;

function markActive(state: EditorState, type: MarkType): boolean {
  const { from, $from, to, empty } = state.selection;
  return empty ? Boolean(type.isInSet(state.storedMarks ?? $from.marks())) : state.doc.rangeHasMark(from, to, type);
}

function blockActive(state: EditorState, type: NodeType, attrs?: Record<string, unknown>): boolean {
  const { $from } = state.selection;
  for (let d = $from.depth; d > 0; d -= 1) {
    const n = $from.node(d);
    if (n.type === type && (!attrs || Object.entries(attrs).every(([k, v]) => n.attrs[k] === v))) return true;
  }
  return false;
}

let texts: StoryEditorTexts;

const askLink: Command = (state, dispatch) => {
  const type = mark("link");
  if (markActive(state, type)) return toggleMark(type)(state, dispatch);
  if (state.selection.empty) return false;
  if (!dispatch) return true;
  const href = window.prompt(texts.linkPrompt, "https://");
  if (!href || !/^(https?:\/\/|\/|mailto:)/.test(href.trim())) return false;
  return toggleMark(type, { href: href.trim() })(state, dispatch);
};

const askVoice: Command = (state, dispatch) => {
  if (!dispatch) return true;
  const credit = window.prompt(texts.voicePrompt, "pseudonym | ");
  if (!credit?.trim()) return false;
  dispatch(state.tr.replaceSelectionWith(node("voice").create({ credit: credit.trim() })).scrollIntoView());
  return true;
};

function enhance(textarea: HTMLTextAreaElement): void {
  const field = textarea.closest(".field") ?? textarea.parentElement;
  if (!field) return;
  const host = document.createElement("div");
  host.className = "rich-editor";
  const toolbar = document.createElement("div");
  toolbar.setAttribute("role", "toolbar");
  toolbar.setAttribute("aria-label", texts.toolbar);
  toolbar.setAttribute("aria-controls", "editeur-texte");
  toolbar.className = "rich-toolbar";
  const surface = document.createElement("div");
  surface.className = "rich-surface";
  host.append(toolbar, surface);
  textarea.after(host);

  const write = (state: EditorState) => {
    textarea.value = serializeStoryMarkdown(state.doc);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };

  const buttons: Array<{ el: HTMLButtonElement; active?: (state: EditorState) => boolean; enabled?: (state: EditorState) => boolean }> = [];
  let view: EditorView;
  const run = (command: Command) => {
    command(view.state, view.dispatch);
    view.focus();
  };
  const button = (label: string, shortcut: string | null, command: Command, active?: (state: EditorState) => boolean) => {
    const el = document.createElement("button");
    el.type = "button";
    el.textContent = label;
    if (shortcut) el.setAttribute("aria-keyshortcuts", shortcut);
    if (shortcut) el.title = texts.shortcut.replace("{label}", label).replace("{keys}", shortcut.replace("Control", "Ctrl"));
    if (active) el.setAttribute("aria-pressed", "false");
    el.addEventListener("click", () => run(command));
    toolbar.append(el);
    buttons.push({ el, active, enabled: (state) => command(state) });
    return el;
  };

  const bulletList = wrapInList(node("bullet_list"));
  const orderedList = wrapInList(node("ordered_list"));
  const heading: Command = (st, d) => (blockActive(st, node("heading"), { level: 2 }) ? setBlockType(node("paragraph"))(st, d) : setBlockType(node("heading"), { level: 2 })(st, d));
  const quote = wrapIn(node("blockquote"));
  const pickImage: Command = (_st, d) => {
    if (d) void openPicker();
    return true;
  };
  button(texts.bold, "Control+B", toggleMark(mark("strong")), (st) => markActive(st, mark("strong")));
  button(texts.italic, "Control+I", toggleMark(mark("em")), (st) => markActive(st, mark("em")));
  button(texts.link, "Control+K", askLink, (st) => markActive(st, mark("link")));
  button(texts.heading, "Control+Alt+2", heading, (st) => blockActive(st, node("heading"), { level: 2 }));
  button(texts.quote, "Control+Shift+9", quote, (st) => blockActive(st, node("blockquote")));
  button(texts.bulletList, "Control+Shift+8", bulletList, (st) => blockActive(st, node("bullet_list")));
  button(texts.orderedList, "Control+Shift+7", orderedList, (st) => blockActive(st, node("ordered_list")));
  button(texts.voice, null, askVoice);
  const insertImage = button(texts.image, null, pickImage);
  insertImage.setAttribute("aria-haspopup", "dialog");
  const toggle = document.createElement("button");
  toggle.type = "button";
  toggle.textContent = texts.markdown;
  toggle.setAttribute("aria-pressed", "false");
  toolbar.append(toggle);

  // One Tab stop for the whole toolbar (the ARIA toolbar pattern): arrows, Home and End move
  // between its buttons, and Tab goes on to the text instead of through a dozen buttons.
  const tabStops = () => [...toolbar.querySelectorAll<HTMLButtonElement>("button")].filter((b) => !b.hidden && !b.disabled);
  let current: HTMLButtonElement | undefined;
  const rove = (target: HTMLButtonElement | undefined, focus: boolean) => {
    const stops = tabStops();
    const next = target && stops.includes(target) ? target : stops[0];
    if (!next) return;
    current = next;
    for (const b of toolbar.querySelectorAll("button")) b.tabIndex = b === next ? 0 : -1;
    if (focus) next.focus();
  };
  toolbar.addEventListener("focusin", (e) => {
    if (e.target instanceof HTMLButtonElement) rove(e.target, false);
  });
  toolbar.addEventListener("keydown", (e) => {
    const stops = tabStops();
    const at = current ? stops.indexOf(current) : 0;
    const to = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: stops.length - 1 }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    rove(stops[(to + stops.length) % stops.length], true);
  });

  const refresh = (state: EditorState) => {
    for (const b of buttons) {
      if (b.active) b.el.setAttribute("aria-pressed", String(b.active(state)));
      if (b.enabled) b.el.disabled = !b.enabled(state);
    }
    rove(current, false);
  };

  const state = EditorState.create({
    doc: parseStoryMarkdown(textarea.value),
    plugins: [
      history(),
      // Markdown as it is typed: "## " starts an intertitle, "> " a quote, "- " or "1. " a list.
      inputRules({
        rules: [
          textblockTypeInputRule(/^##\s$/, node("heading"), { level: 2 }),
          textblockTypeInputRule(/^###\s$/, node("heading"), { level: 3 }),
          wrappingInputRule(/^>\s$/, node("blockquote")),
          wrappingInputRule(/^[-*]\s$/, node("bullet_list")),
          wrappingInputRule(/^1[.)]\s$/, node("ordered_list")),
        ],
      }),
      keymap({
        "Mod-Alt-2": heading,
        "Mod-Shift-9": quote,
        "Mod-Shift-8": bulletList,
        "Mod-Shift-7": orderedList,
        "Mod-b": toggleMark(mark("strong")),
        "Mod-i": toggleMark(mark("em")),
        "Mod-k": askLink,
        "Mod-z": undo,
        "Shift-Mod-z": redo,
        "Mod-y": redo,
        Enter: splitListItem(node("list_item")),
        "Mod-[": liftListItem(node("list_item")),
        "Mod-]": sinkListItem(node("list_item")),
      }),
      keymap(baseKeymap),
    ],
  });
  view = new EditorView(surface, {
    state,
    attributes: { id: "editeur-texte", role: "textbox", "aria-multiline": "true", "aria-label": texts.surface, class: "prose rich-text" },
    dispatchTransaction(tr) {
      const next = view.state.apply(tr);
      view.updateState(next);
      if (tr.docChanged) write(next);
      refresh(next);
    },
  });
  refresh(state);

  // The Markdown toggle shows the textarea again (it stays the field either way).
  const field_ = field as HTMLElement;
  const showMarkdown = (on: boolean) => {
    toggle.setAttribute("aria-pressed", String(on));
    textarea.hidden = !on;
    surface.hidden = on;
    for (const b of buttons) b.el.hidden = on;
    if (!on) view.updateState(EditorState.create({ doc: parseStoryMarkdown(textarea.value), plugins: view.state.plugins }));
    (on ? textarea : view).focus();
  };
  toggle.addEventListener("click", () => showMarkdown(textarea.hidden));
  field_.classList.add("has-rich-editor");
  textarea.hidden = true;

  // "Insert an image": a modal dialog listing the library (our own addresses only).
  const dialog = document.createElement("dialog");
  dialog.className = "image-picker";
  dialog.setAttribute("aria-labelledby", "choix-image-titre");
  const title = document.createElement("h2");
  title.id = "choix-image-titre";
  title.textContent = texts.pickerTitle;
  const list = document.createElement("ul");
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = texts.pickerClose;
  close.addEventListener("click", () => dialog.close());
  dialog.append(title, list, close);
  dialog.addEventListener("close", () => view.focus());
  document.body.append(dialog);

  async function openPicker(): Promise<void> {
    list.replaceChildren();
    const response = await fetch("/admin/medias/choix", { credentials: "same-origin" });
    const images = response.ok ? ((await response.json()) as PickerImage[]) : [];
    if (images.length === 0) {
      const empty = document.createElement("li");
      empty.textContent = texts.pickerEmpty;
      list.append(empty);
    }
    for (const image of images) {
      const item = document.createElement("li");
      const choose = document.createElement("button");
      choose.type = "button";
      const thumb = document.createElement("img");
      thumb.src = image.thumb;
      thumb.alt = "";
      thumb.width = 120;
      const label = document.createElement("span");
      label.textContent = image.decorative ? texts.decorativeImage.replace("{id}", String(image.id)) : image.alt || texts.undescribedImage.replace("{id}", String(image.id));
      choose.append(thumb, label);
      choose.addEventListener("click", () => {
        const img = node("image").create({ src: image.src, alt: image.decorative ? "" : image.alt });
        const tr = view.state.tr.replaceSelectionWith(img);
        // Alone in its paragraph, the image is shown as a figure with its caption.
        view.dispatch(tr.scrollIntoView());
        dialog.close();
      });
      item.append(choose);
      list.append(item);
    }
    dialog.showModal();
    (list.querySelector("button") ?? close).focus();
  }
}

const textarea = document.querySelector("[data-rich-editor] textarea");
const textsBlock = document.getElementById(STORY_EDITOR_TEXTS_ID);
if (textarea instanceof HTMLTextAreaElement && textsBlock) {
  texts = JSON.parse(textsBlock.textContent ?? "{}") as StoryEditorTexts;
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = new URL(`story-editor.css${new URL(import.meta.url).search}`, import.meta.url).href;
  document.head.append(css);
  enhance(textarea);
}
