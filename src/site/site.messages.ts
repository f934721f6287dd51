import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the home page and the site's feeds. The application assembles every feature's texts (src/messages.ts). */
export const siteMessages = {
  "footer.rss": { note: "Link to the RSS feed", fr: "Flux RSS des témoignages", en: "Testimonies RSS feed" },
  "home.title": { note: "Home page title", fr: "Accueil", en: "Home" },
  "home.featured": { note: "Home: heading of the featured story", fr: "À la une", en: "Featured" },
  "home.latest": { note: "Home: heading of the latest stories", fr: "Derniers témoignages", en: "Latest testimonies" },
  "home.allStories": {
    note: "Home: link to the full listing, with the total",
    fr: { one: "Voir le témoignage", other: "Voir les {count} témoignages" },
    en: { one: "See the testimony", other: "See all {count} testimonies" },
  },
  "home.themes": { note: "Home: heading of the themes", fr: "Explorer par thème", en: "Explore by theme" },
  "home.series": { note: "Home: heading of the series", fr: "Séries et collections", en: "Series and collections" },
  "home.calls": { note: "Home: heading of open calls", fr: "Appels à témoignages", en: "Calls for testimonies" },
  "home.allCalls": { note: "Home: link to every call for testimonies", fr: "Tous les appels à témoignages", en: "All calls for testimonies" },
  "home.callsEmpty": {
    note: "Home: when no call is open",
    fr: "Aucun appel n'est ouvert en ce moment. Vous pouvez témoigner librement, à tout moment.",
    en: "No call is open right now. You can share your story freely, at any time.",
  },
  "home.contribute": {
    note: "Home: invitation to contribute",
    fr: "Vous aussi, racontez votre parcours : sous votre nom, un pseudonyme ou anonymement. Rien n'est publié sans votre accord.",
    en: "Tell your story too: under your name, a pseudonym or anonymously. Nothing is published without your approval.",
  },
  "home.contributeLink": { note: "Home: link to contribute", fr: "Comment témoigner", en: "How to share your story" },
  "feeds.atom": { note: "Title of the link to the site's Atom feed", fr: "Flux Atom des témoignages", en: "Testimonies Atom feed" },
  "feeds.json": { note: "Title of the link to the site's JSON Feed", fr: "Flux JSON des témoignages", en: "Testimonies JSON Feed" },
  "feeds.of": { note: "Title of the feeds of one theme or series. {name} is its name", fr: "Témoignages : {name}", en: "Testimonies: {name}" },
} satisfies Record<string, Entry>;
