import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the media library (back office). The application assembles every feature's texts (src/messages.ts). */
export const mediaMessages = {
  "admin.media.nav": { note: "Back-office menu: the media library", fr: "Médias", en: "Media" },
} satisfies Record<string, Entry>;
