import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of search (/recherche) and the header's search form. The application assembles every feature's texts (src/messages.ts). */
export const searchMessages = {
  "search.label": { note: "Label of the search field in every page's header and on the search page", fr: "Rechercher dans les témoignages", en: "Search the testimonies" },
  "search.site": { note: "Name of the header's search landmark", fr: "Recherche sur le site", en: "Site search" },
  "search.refine": { note: "Name of the search page's form landmark (query and filters)", fr: "Recherche et filtres", en: "Search and filters" },
  "search.submit": { note: "Search button", fr: "Rechercher", en: "Search" },
  "search.title": { note: "Title of the search page", fr: "Recherche", en: "Search" },
  "search.titleFor": { note: "Title of the search page with a query. {q} is what was searched", fr: "Recherche : « {q} »", en: "Search: “{q}”" },
  "search.help": {
    note: "How to search, under the field on the search page",
    fr: "Les accents et les terminaisons ne comptent pas. Mettez une expression entre guillemets pour la chercher telle quelle, et terminez un mot par * pour en trouver le début.",
    en: "Accents and word endings do not matter. Put an expression in quotes to find it as written, and end a word with * to find words starting with it. Testimonies are in French.",
  },
  "search.empty": {
    note: "Search with no result",
    fr: "Aucun témoignage ne correspond à cette recherche. Essayez un autre mot, ou retirez un filtre.",
    en: "No testimony matches this search. Try another word, or remove a filter.",
  },
  "search.prompt": { note: "Search page before anything was searched", fr: "Tapez un ou plusieurs mots pour chercher dans tous les témoignages publiés.", en: "Type one or more words to search all published testimonies." },
  "search.countMore": {
    note: "Results count when more match than are ranked. {count} is that number (1,000)",
    fr: "Plus de {count} témoignages",
    en: "More than {count} testimonies",
  },
  "search.results": { note: "Heading of the list of results", fr: "Résultats", en: "Results" },
  "search.excerpt": { note: "Visually hidden label before a result's excerpt", fr: "Extrait :", en: "Excerpt:" },
} satisfies Record<string, Entry>;
