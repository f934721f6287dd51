import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the crisis-help page. The application assembles every feature's texts (src/messages.ts). */
export const safetyMessages = {
  "nav.help": { note: "Main menu: crisis help", fr: "Aide", en: "Help" },
  "help.title": { note: "Crisis help page title", fr: "Besoin d'aide maintenant", en: "Need help now" },
} satisfies Record<string, Entry>;
