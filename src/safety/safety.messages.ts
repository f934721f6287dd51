import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the crisis-help page, the crisis notice and the safe-messaging checklist. The application assembles every feature's texts (src/messages.ts). */
export const safetyMessages = {
  "nav.help": { note: "Main menu: crisis help", fr: "Aide", en: "Help" },
  "help.title": { note: "Crisis help page title", fr: "Besoin d'aide maintenant", en: "Need help now" },
  "safety.notice.title": { note: "Crisis notice heading (gender-neutral in French)", fr: "Vous n'êtes pas seul·e", en: "You are not alone" },
  "safety.notice.call": {
    note: "Crisis notice, shown automatically when words of a contribution or message suggest acute distress (no person has read it yet: never say we did). Safe-messaging guidance: calm, 3114 first, hope without promises. {tel3114}, {tel15}, {tel112} and {sms114} become phone links",
    fr: "Certains mots de votre texte nous font penser que vous traversez peut-être un moment très difficile. Si vous pensez au suicide, appelez le {tel3114} : c'est gratuit, confidentiel, jour et nuit, et quelqu'un vous répondra. En parler peut aider, même un peu. Si vous êtes en danger maintenant, appelez le {tel15} ou le {tel112} ; si vous ne pouvez pas parler, envoyez un SMS au {sms114}.",
    en: "Some words in what you wrote make us think you may be going through a very hard time. If you are thinking about suicide, call {tel3114} (in France): it is free, confidential, day and night, and someone will answer. Talking about it can help, even a little. If you are in danger now, call {tel15} or {tel112}; if you cannot speak, text {sms114}.",
  },
  "safety.notice.team": {
    note: "Crisis notice: the team's limits, said plainly; {help} becomes a link to the crisis-help page",
    fr: "L'équipe {ofSite} lit chaque contribution, mais elle n'est pas un service d'urgence et ne peut pas vous répondre tout de suite. Votre texte est bien enregistré. D'autres lignes d'écoute sont sur la page {help}.",
    en: "The {site} team reads every contribution, but it is not an emergency service and cannot answer you right away. Your text is safely saved. Other listening lines are on the {help} page.",
  },
  "safety.notice.helpLink": { note: "Crisis notice: the link text to the crisis-help page, inside safety.notice.team", fr: "Besoin d'aide maintenant", en: "Need help now" },
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
