import type { Entry } from "../platform/i18n/messages.js";

/** The back-office menu's entries for the editorial desk. The application assembles every feature's texts (src/messages.ts). */
export const editorialNavigationMessages = {
  "admin.editorial.nav.dashboard": { note: "Back-office menu: the back office's home", fr: "Tableau de bord", en: "Dashboard" },
  "admin.editorial.nav.stories": { note: "Back-office menu: the list of stories", fr: "Témoignages", en: "Stories" },
  "admin.editorial.nav.themes": { note: "Back-office menu: themes", fr: "Thèmes", en: "Themes" },
  "admin.editorial.nav.series": { note: "Back-office menu: series", fr: "Séries", en: "Series" },
} satisfies Record<string, Entry>;
