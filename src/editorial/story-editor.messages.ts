import type { Entry } from "../platform/i18n/messages.js";

/**
 * Texts of the story editor's scripts (the rich-text editor, the autosave): the page renders them
 * translated, and the scripts read them from it, since a script holds no interface text.
 */
export const storyEditorMessages = {
  "admin.story.editor.toolbar": { note: "Label of the rich-text editor's toolbar", fr: "Mise en forme du texte", en: "Text formatting" },
  "admin.story.editor.surface": { note: "Label of the rich-text editing surface", fr: "Texte (éditeur visuel)", en: "Text (visual editor)" },
  "admin.story.editor.bold": { note: "Toolbar button", fr: "Gras", en: "Bold" },
  "admin.story.editor.italic": { note: "Toolbar button", fr: "Italique", en: "Italic" },
  "admin.story.editor.link": { note: "Toolbar button", fr: "Lien", en: "Link" },
  "admin.story.editor.heading": { note: "Toolbar button: a second-level heading inside the story", fr: "Intertitre", en: "Subheading" },
  "admin.story.editor.quote": { note: "Toolbar button", fr: "Citation", en: "Quote" },
  "admin.story.editor.bulletList": { note: "Toolbar button", fr: "Liste à puces", en: "Bulleted list" },
  "admin.story.editor.orderedList": { note: "Toolbar button", fr: "Liste numérotée", en: "Numbered list" },
  "admin.story.editor.voice": { note: "Toolbar button: a new speaker in a story told by several people", fr: "Voix (récit collectif)", en: "Voice (collective story)" },
  "admin.story.editor.image": { note: "Toolbar button opening the image picker", fr: "Insérer une image", en: "Insert an image" },
  "admin.story.editor.markdown": { note: "Toolbar toggle showing the Markdown text", fr: "Markdown", en: "Markdown" },
  "admin.story.editor.shortcut": { note: "Tooltip of a toolbar button: its name and its keyboard shortcut", fr: "{label} ({keys})", en: "{label} ({keys})" },
  "admin.story.editor.linkPrompt": { note: "Prompt asking for a link's address", fr: "Adresse du lien (https://…)", en: "Link address (https://…)" },
  "admin.story.editor.voicePrompt": {
    note: "Prompt asking who speaks next; the codes between quotes stay as they are",
    fr: "Voix : « pseudonym | Nour », « first_name_age | Jeanne | 58 » ou « anonymous »",
    en: "Voice: “pseudonym | Nour”, “first_name_age | Jeanne | 58” or “anonymous”",
  },
  "admin.story.editor.pickerTitle": { note: "Title of the image picker dialog", fr: "Insérer une image de la médiathèque", en: "Insert an image from the media library" },
  "admin.story.editor.pickerEmpty": {
    note: "Image picker: the library has no image",
    fr: "La médiathèque est vide : déposez d'abord une image dans Médias.",
    en: "The media library is empty: upload an image in Media first.",
  },
  "admin.story.editor.pickerClose": { note: "Button closing the image picker", fr: "Fermer", en: "Close" },
  "admin.story.editor.decorativeImage": { note: "Image picker: an image without alt text on purpose; {id} is its number", fr: "Image décorative n° {id}", en: "Decorative image #{id}" },
  "admin.story.editor.undescribedImage": { note: "Image picker: an image whose alt text is still missing", fr: "Image n° {id} (texte alternatif à écrire)", en: "Image #{id} (alt text still to write)" },
  "admin.story.autosave.saved": { note: "Autosave status; {time} is the hour and minute", fr: "Brouillon enregistré à {time}.", en: "Draft saved at {time}." },
  "admin.story.autosave.offline": {
    note: "Autosave status when the server cannot be reached",
    fr: "Brouillon non enregistré : connexion impossible. Vos modifications restent dans la page.",
    en: "Draft not saved: no connection. Your changes are still on the page.",
  },
} satisfies Record<string, Entry>;
