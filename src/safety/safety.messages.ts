import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the crisis-help page and the safe-messaging checklist. The application assembles every feature's texts (src/messages.ts). */
export const safetyMessages = {
  "nav.help": { note: "Main menu: crisis help", fr: "Aide", en: "Help" },
  "help.title": { note: "Crisis help page title", fr: "Besoin d'aide maintenant", en: "Need help now" },
  "admin.safety.checklist.noMethod": {
    note: "Safe-messaging checklist item",
    fr: "Aucune description de moyen ou de méthode (suicide, automutilation), ni de détail qui pourrait servir de mode d'emploi.",
    en: "No description of a means or method (suicide, self-harm), and no detail that could serve as instructions.",
  },
  "admin.safety.checklist.resources": {
    note: "Safe-messaging checklist item; 3114 is France's suicide prevention line",
    fr: "Les ressources d'aide sont présentes : le 3114 est cité dans le texte ou ajouté en fin de récit.",
    en: "Help resources are there: 3114 is mentioned in the text or added at the end of the story.",
  },
  "admin.safety.checklist.noSensational": {
    note: "Safe-messaging checklist item",
    fr: "Pas de cadrage sensationnel : ni titre choc, ni geste présenté comme une solution ou un acte héroïque.",
    en: "No sensational framing: no shock headline, and no act presented as a solution or as heroic.",
  },
  "admin.safety.checklist.contentNotes": {
    note: "Safe-messaging checklist item",
    fr: "Les avertissements de contenu correspondent à ce que le texte aborde.",
    en: "The content notes match what the text deals with.",
  },
  "admin.safety.checklist.identity": {
    note: "Safe-messaging checklist item",
    fr: "Les détails identifiants sont relus : lieux, établissements, dates précises, diagnostics rares, noms de proches.",
    en: "Identifying details have been checked: places, institutions, exact dates, rare diagnoses, names of relatives.",
  },
} satisfies Record<string, Entry>;
