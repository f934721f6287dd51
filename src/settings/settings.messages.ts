import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the site settings page (administrators). The application assembles every feature's texts (src/messages.ts). */
export const settingsMessages = {
  "admin.settings.nav": { note: "Back-office menu: the site settings", fr: "Réglages", en: "Settings" },
} satisfies Record<string, Entry>;
