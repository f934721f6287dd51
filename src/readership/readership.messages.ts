import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the readership figures page (back office). The application assembles every feature's texts (src/messages.ts). */
export const readershipMessages = {
  "admin.readership.nav": { note: "Back-office menu: how many reads each story had", fr: "Lectures", en: "Reads" },
} satisfies Record<string, Entry>;
