import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the demo content. The application assembles every feature's texts (src/messages.ts). */
export const demoMessages = {
  "footer.fiction": {
    note: "Notice shown while the site runs with demo content",
    fr: "Les témoignages de démonstration sont fictifs.",
    en: "Demo testimonies are fictional.",
  },
} satisfies Record<string, Entry>;
