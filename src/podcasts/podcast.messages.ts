import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of podcast episodes: player, chapters, transcript, downloads. The application assembles every feature's texts (src/messages.ts). */
export const podcastMessages = {
  "admin.podcasts.nav": { note: "Back-office menu: podcast episodes and listening figures", fr: "Écoutes", en: "Podcasts" },
  "podcast.showFeed": { note: "Title of the link to the podcast feed (all episodes)", fr: "Podcast {site} (tous les épisodes)", en: "{site} podcast (all episodes)" },
  "podcast.seriesFeed": { note: "Title of the link to one series' podcast feed", fr: "Podcast de la série « {series} »", en: "Podcast of the series “{series}”" },
  "episode.listen": { note: "Heading of the audio player on an episode page", fr: "Écouter l'épisode", en: "Listen to the episode" },
  "episode.duration": { note: "Duration of an episode, e.g. 12:30", fr: "Durée : {duration}", en: "Duration: {duration}" },
  "episode.noAudioElement": {
    note: "Inside the audio element, for browsers that cannot play it",
    fr: "Votre navigateur ne lit pas l'audio ici : téléchargez le fichier MP3 ci-dessous.",
    en: "Your browser cannot play audio here: download the MP3 file below.",
  },
  "episode.player": { note: "Accessible name of the player region", fr: "Lecteur de l'épisode", en: "Episode player" },
  "episode.shortcuts": {
    note: "Keyboard shortcuts, shown once the script has enhanced the player",
    fr: "Raccourcis quand le lecteur a le focus : J recule de 15 s, L avance de 15 s, K lance ou met en pause, < et > changent la vitesse.",
    en: "Shortcuts while the player has focus: J back 15 s, L forward 15 s, K play or pause, < and > change the speed.",
  },
  "episode.speed": { note: "Label of the playback speed menu", fr: "Vitesse", en: "Speed" },
  "episode.back15": { note: "Button: go back 15 seconds", fr: "Reculer de 15 secondes", en: "Back 15 seconds" },
  "episode.forward15": { note: "Button: go forward 15 seconds", fr: "Avancer de 15 secondes", en: "Forward 15 seconds" },
  "episode.follow": { note: "Checkbox: scroll the transcript along with the audio", fr: "Faire défiler la transcription avec l'écoute", en: "Scroll the transcript along with the audio" },
  "episode.goTo": { note: "Button to jump to a time, e.g. 'Aller à 04:30'", fr: "Aller à {time}", en: "Go to {time}" },
  "episode.chapters": { note: "Heading of the chapter list", fr: "Chapitres", en: "Chapters" },
  "episode.transcript": { note: "Heading of the transcript", fr: "Transcription", en: "Transcript" },
  "episode.transcriptLang": { note: "Note that transcripts are in French", fr: "La transcription suit l'enregistrement, en français.", en: "The transcript follows the recording, in French." },
  "episode.downloads": { note: "Heading of the download links", fr: "Télécharger", en: "Download" },
  "episode.downloadAudio": { note: "Download link for the MP3 file", fr: "L'épisode en MP3 ({size})", en: "The episode as MP3 ({size})" },
  "episode.downloadVtt": { note: "Download link for the timed transcript", fr: "La transcription minutée (WebVTT)", en: "The timed transcript (WebVTT)" },
  "episode.downloadText": { note: "Download link for the plain transcript", fr: "La transcription en texte brut", en: "The transcript as plain text" },
  "episode.downloadChapters": { note: "Download link for the chapters file", fr: "Les chapitres (JSON, Podcasting 2.0)", en: "The chapters (JSON, Podcasting 2.0)" },
  "episode.subscribe": { note: "Link to the podcast feed on an episode page", fr: "S'abonner au podcast (flux RSS)", en: "Subscribe to the podcast (RSS feed)" },
} satisfies Record<string, Entry>;
