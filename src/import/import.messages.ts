import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of addresses moved by the WordPress import. The application assembles every feature's texts (src/messages.ts). */
export const importMessages = {
  "admin.import.nav": { note: "Back-office menu: importing a WordPress site", fr: "Import", en: "Import" },
  "moved.pageTitle": { note: "Title of the page an old address shows while its story is prepared", fr: "Bientôt de retour", en: "Coming back soon" },
  "moved.heading": { note: "Heading of the same page. {title} is the story's title as it was public before the move", fr: "« {title} » revient bientôt", en: "“{title}” is coming back soon" },
  "moved.text": {
    note: "Why the story is not shown yet: the site moved, and an episode needs its transcript first",
    fr: "Ce témoignage a déménagé avec le reste du site. Il reviendra à cette adresse dès que l'équipe l'aura préparé ; pour un épisode de podcast, cela veut dire écrire sa transcription, pour que chacun et chacune puisse le suivre, y compris les personnes sourdes ou malentendantes.",
    en: "This testimony moved with the rest of the site. It will be back at this address as soon as the team has prepared it; for a podcast episode, that means writing its transcript, so that everyone can follow it, deaf and hard-of-hearing people included.",
  },
  "moved.browse": { note: "Link to all testimonies on the same page", fr: "En attendant, lire les autres témoignages", en: "Meanwhile, read the other testimonies" },
} satisfies Record<string, Entry>;
