import type { Translate } from "../../platform/i18n/translate.js";

/** The id of the JSON block that carries the rich-text editor's texts into the page. */
export const STORY_EDITOR_TEXTS_ID = "textes-editeur";

/**
 * The rich-text editor's texts in the page's language. The script has none of its own: the editor
 * page renders these (JSON block), and the script reads them. `{keys}`, `{label}` and `{id}` are
 * filled in by the script.
 */
export function storyEditorTexts(t: Translate) {
  return {
    toolbar: t("admin.story.editor.toolbar"),
    surface: t("admin.story.editor.surface"),
    bold: t("admin.story.editor.bold"),
    italic: t("admin.story.editor.italic"),
    link: t("admin.story.editor.link"),
    heading: t("admin.story.editor.heading"),
    quote: t("admin.story.editor.quote"),
    bulletList: t("admin.story.editor.bulletList"),
    orderedList: t("admin.story.editor.orderedList"),
    voice: t("admin.story.editor.voice"),
    image: t("admin.story.editor.image"),
    markdown: t("admin.story.editor.markdown"),
    shortcut: t("admin.story.editor.shortcut"),
    linkPrompt: t("admin.story.editor.linkPrompt"),
    voicePrompt: t("admin.story.editor.voicePrompt"),
    pickerTitle: t("admin.story.editor.pickerTitle"),
    pickerEmpty: t("admin.story.editor.pickerEmpty"),
    pickerClose: t("admin.story.editor.pickerClose"),
    decorativeImage: t("admin.story.editor.decorativeImage"),
    undescribedImage: t("admin.story.editor.undescribedImage"),
  };
}

export type StoryEditorTexts = ReturnType<typeof storyEditorTexts>;
