import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the readership figures page (back office). The application assembles every feature's texts (src/messages.ts). */
export const readershipMessages = {
  "admin.readership.nav": { note: "Back-office menu: how many reads each story had", fr: "Lectures", en: "Reads" },
  "admin.readership.title": { note: "Title and heading of the figures page", fr: "Lectures et écoutes", en: "Reads and listens" },
  "admin.readership.intro": {
    note: "How the figures are counted; {weeks} is how many weeks are shown",
    fr: "Une lecture est comptée quand la page d'un témoignage est servie, une écoute quand un épisode est demandé depuis son début : au plus une fois par jour et par appareil. Rien ne permet de savoir qui lit ou écoute : aucune adresse n'est enregistrée, aucun cookie n'est posé. Semaines commençant le lundi, {weeks} dernières semaines.",
    en: "A read is counted when a story's page is served, a listen when an episode is requested from its start: at most once a day per device. Nothing tells who reads or listens: no address is recorded, no cookie is set. Weeks start on Monday; last {weeks} weeks.",
  },
  "admin.readership.download": { note: "Link to the CSV file", fr: "Télécharger les chiffres par témoignage et par semaine (CSV)", en: "Download the figures per story and per week (CSV)" },
  "admin.readership.chartTitle": { note: "Title of the bar chart", fr: "Lectures et écoutes par semaine", en: "Reads and listens per week" },
  "admin.readership.chartDescription": {
    note: "Description of the bar chart for screen readers; {from} and {to} are dates like 14/09",
    fr: "Barres par semaine, du {from} au {to} : lectures en bleu foncé, écoutes en orange. Maximum : {max}. Les chiffres sont dans le tableau qui suit.",
    en: "Bars per week, from {from} to {to}: reads in dark blue, listens in orange. Maximum: {max}. The figures are in the table that follows.",
  },
  "admin.readership.weeklyCaption": { note: "Caption of the weekly table", fr: "Lectures et écoutes par semaine, tout le site", en: "Reads and listens per week, whole site" },
  "admin.readership.weekOf": { note: "Column: the week starting on", fr: "Semaine du", en: "Week of" },
  "admin.readership.reads": { note: "Column", fr: "Lectures", en: "Reads" },
  "admin.readership.listens": { note: "Column", fr: "Écoutes", en: "Listens" },
  "admin.readership.byStory": { note: "Heading", fr: "Par témoignage", en: "By story" },
  "admin.readership.none": { note: "When nothing was read", fr: "Aucune lecture ni écoute sur cette période.", en: "No reads or listens in this period." },
  "admin.readership.storiesCaption": {
    note: "Caption of the per-story table",
    fr: "Témoignages les plus lus et écoutés sur la période, avec la dernière semaine",
    en: "Most read and listened-to stories in the period, with the last week",
  },
  "admin.readership.story": { note: "Column", fr: "Témoignage", en: "Story" },
  "admin.readership.readsLastWeek": { note: "Column", fr: "Lectures, dernière semaine", en: "Reads, last week" },
  "admin.readership.listensLastWeek": { note: "Column", fr: "Écoutes, dernière semaine", en: "Listens, last week" },
  "admin.readership.readsPeriod": { note: "Column", fr: "Lectures, période", en: "Reads, period" },
  "admin.readership.listensPeriod": { note: "Column", fr: "Écoutes, période", en: "Listens, period" },
  "admin.readership.csv.file": { note: "File name of the CSV download: lower case, no spaces, no accents", fr: "lectures-et-ecoutes.csv", en: "reads-and-listens.csv" },
  "admin.readership.csv.storyId": { note: "CSV column: the story's number", fr: "Numéro du témoignage", en: "Story number" },
  "admin.readership.csv.title": { note: "CSV column", fr: "Titre", en: "Title" },
  "admin.readership.csv.week": { note: "CSV column: the Monday starting the week, as YYYY-MM-DD", fr: "Semaine du", en: "Week of" },
  "admin.readership.csv.reads": { note: "CSV column", fr: "Lectures", en: "Reads" },
  "admin.readership.csv.listens": { note: "CSV column", fr: "Écoutes", en: "Listens" },
} satisfies Record<string, Entry>;
