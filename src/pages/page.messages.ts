import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the fixed pages (about, charter, legal notice, privacy, accessibility, contribute). The application assembles every feature's texts (src/messages.ts). */
export const pageMessages = {
  "admin.pages.nav": { note: "Back-office menu: the fixed pages (about, charter…)", fr: "Pages", en: "Pages" },
  "nav.about": { note: "Main menu: about", fr: "À propos", en: "About" },
  "footer.charter": { note: "Footer link", fr: "Charte éditoriale", en: "Editorial charter" },
  "footer.legal": { note: "Footer link", fr: "Mentions légales", en: "Legal notice" },
  "footer.privacy": { note: "Footer link", fr: "Confidentialité", en: "Privacy" },
  "footer.accessibility": {
    note: "Footer link; the conformity level is required by French law on every page",
    fr: "Accessibilité : partiellement conforme",
    en: "Accessibility: partially compliant",
  },
  "footer.contribute": { note: "Footer link to the page explaining how to contribute (/pages/contribuer)", fr: "Comment contribuer", en: "How to contribute" },
  "legal.heading": { note: "Heading of the legal notice's part taken from the site settings", fr: "Éditeur et hébergement", en: "Publisher and hosting" },
  "legal.entity": { note: "Legal notice: who publishes the site", fr: "Éditeur", en: "Publisher" },
  "legal.host": { note: "Legal notice: who hosts the site", fr: "Hébergeur", en: "Host" },
  "legal.contact": { note: "Legal notice: contact address", fr: "Contact", en: "Contact" },
} satisfies Record<string, Entry>;
