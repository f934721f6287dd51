/**
 * The safe-messaging checklist (Papageno and #chatsafe guidance, see the project's domain notes):
 * an editor signs it before a story carrying content notes is published.
 */
export const SAFETY_ITEMS = [
  { id: "no_method", label: "Aucune description de moyen ou de méthode (suicide, automutilation), ni de détail qui pourrait servir de mode d'emploi." },
  { id: "resources", label: "Les ressources d'aide sont présentes : le 3114 est cité dans le texte ou ajouté en fin de récit." },
  { id: "no_sensational", label: "Pas de cadrage sensationnel : ni titre choc, ni geste présenté comme une solution ou un acte héroïque." },
  { id: "content_notes", label: "Les avertissements de contenu correspondent à ce que le texte aborde." },
  {
    id: "identity",
    label: "Les détails identifiants sont relus : lieux, établissements, dates précises, diagnostics rares, noms de proches.",
  },
] as const;

export type SafetyItem = (typeof SAFETY_ITEMS)[number]["id"];

export function isChecklistComplete(ticked: string[]): boolean {
  return SAFETY_ITEMS.every((item) => ticked.includes(item.id));
}

/** A story needs the checklist as soon as it carries a content note. */
export function needsSafetyCheck(contentNotes: string[]): boolean {
  return contentNotes.length > 0;
}

/** A hint shown to the editor: does the text already mention the 3114? */
export function mentionsCrisisLine(text: string): boolean {
  return /\b3\s?114\b/.test(text);
}
