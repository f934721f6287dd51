import type { Entry } from "../platform/i18n/messages.js";

/**
 * Texts of the mails about a contribution (contribution-mail.ts): to its author, in the language of
 * the page it was sent from, and to each editor, in their interface language. They never hold the
 * contribution's title, text or receipt.
 */
export const contributionMailMessages = {
  // --- to the contributor ---
  "mail.submissions.contributor.reading.subject": { note: "Mail to a contributor: an editor started reading", fr: "{site} : l'équipe lit votre témoignage", en: "{site}: the team is reading your story" },
  "mail.submissions.contributor.reading.text": {
    note: "Mail to a contributor: an editor started reading",
    fr: "Une personne de l'équipe éditoriale a commencé à lire votre témoignage.",
    en: "Someone in the editorial team has started reading your story.",
  },
  "mail.submissions.contributor.awaitingApproval.subject": {
    note: "Mail to a contributor: a version needs their approval",
    fr: "{site} : une version de votre témoignage attend votre accord",
    en: "{site}: a version of your story awaits your approval",
  },
  "mail.submissions.contributor.awaitingApproval.text": {
    note: "Mail to a contributor: a version needs their approval",
    fr: "L'équipe a préparé une version de votre témoignage. Relisez-la et donnez (ou non) votre accord. Rien ne sera publié sans votre accord.",
    en: "The team has prepared a version of your story. Read it and give (or refuse) your approval. Nothing will be published without it.",
  },
  "mail.submissions.contributor.message.subject": { note: "Mail to a contributor: the team wrote to them", fr: "{site} : l'équipe vous a répondu", en: "{site}: the team has replied to you" },
  "mail.submissions.contributor.message.text": {
    note: "Mail to a contributor: the team wrote to them (the message itself is not in the mail)",
    fr: "L'équipe éditoriale vous a écrit. Par discrétion, ce courriel ne contient pas le message.",
    en: "The editorial team has written to you. For your privacy, this e-mail does not contain the message.",
  },
  "mail.submissions.contributor.scheduled.subject": { note: "Mail to a contributor: their story is scheduled", fr: "{site} : votre témoignage est programmé", en: "{site}: your story is scheduled" },
  "mail.submissions.contributor.scheduled.text": {
    note: "Mail to a contributor: their story is scheduled",
    fr: "Votre témoignage est programmé pour publication, dans la version que vous avez approuvée.",
    en: "Your story is scheduled for publication, in the version you approved.",
  },
  "mail.submissions.contributor.published.subject": { note: "Mail to a contributor: their story is published", fr: "{site} : votre témoignage est publié", en: "{site}: your story is published" },
  "mail.submissions.contributor.published.text": {
    note: "Mail to a contributor: their story is published",
    fr: "Votre témoignage est publié, dans la version que vous avez approuvée. Vous pouvez toujours le retirer.",
    en: "Your story is published, in the version you approved. You can still withdraw it.",
  },
  "mail.submissions.contributor.declined.subject": {
    note: "Mail to a contributor: their story was declined",
    fr: "{site} : votre témoignage n'a pas été retenu",
    en: "{site}: your story was not selected",
  },
  "mail.submissions.contributor.declined.text": {
    note: "Mail to a contributor: their story was declined",
    fr: "L'équipe n'a pas retenu votre témoignage pour publication. Merci de l'avoir partagé. Vous pouvez lire ses éventuels messages ou tout effacer.",
    en: "The team has not selected your story for publication. Thank you for sharing it. You can read any message from them or erase everything.",
  },
  "mail.submissions.contributor.more": {
    note: "Mail to a contributor, after the news: where to follow up ({url} is the follow-up page's address)",
    fr: "Pour en savoir plus, ouvrez {url} avec votre reçu.",
    en: "To find out more, open {url} with your receipt.",
  },
  "mail.submissions.contributor.why": {
    note: "Mail to a contributor, last line: why they receive it",
    fr: "Vous recevez ce courriel parce que vous avez laissé votre adresse avec votre témoignage sur {site}.",
    en: "You are receiving this e-mail because you left your address with your story on {site}.",
  },
  // --- to each editor ---
  "mail.submissions.editor.newContribution.subject": { note: "Mail to editors: a contribution arrived", fr: "{site} : nouvelle contribution", en: "{site}: new contribution" },
  "mail.submissions.editor.newContribution.text": { note: "Mail to editors: a contribution arrived", fr: "Une nouvelle contribution vient d'arriver.", en: "A new contribution has just arrived." },
  "mail.submissions.editor.newCrisisContribution.subject": {
    note: "Mail to editors: a contribution with a crisis signal arrived",
    fr: "{site} : nouvelle contribution, signal de crise à lire en priorité",
    en: "{site}: new contribution with a crisis signal, read it first",
  },
  "mail.submissions.editor.newCrisisContribution.text": {
    note: "Mail to editors: a contribution with a crisis signal arrived",
    fr: "Une nouvelle contribution contient des signes de détresse aiguë. Merci de la lire en priorité.",
    en: "A new contribution shows signs of acute distress. Please read it first.",
  },
  "mail.submissions.editor.contributorMessage.subject": {
    note: "Mail to editors: a contributor wrote from their follow-up page",
    fr: "{site} : nouveau message d'un contributeur",
    en: "{site}: new message from a contributor",
  },
  "mail.submissions.editor.crisisMessage.subject": {
    note: "Mail to editors: a contributor's message shows a crisis signal",
    fr: "{site} : message d'un contributeur, signal de crise",
    en: "{site}: message from a contributor with a crisis signal",
  },
  "mail.submissions.editor.contributorMessage.text": { note: "Mail to editors: a contributor wrote", fr: "Un contributeur a écrit.", en: "A contributor has written." },
  "mail.submissions.editor.approved.subject": { note: "Mail to editors: the author approved a version", fr: "{site} : une version a été approuvée", en: "{site}: a version was approved" },
  "mail.submissions.editor.approved.text": {
    note: "Mail to editors: the author approved a version",
    fr: "L'auteur ou l'autrice a approuvé la version envoyée : elle peut être publiée.",
    en: "The author approved the version sent to them: it can be published.",
  },
  "mail.submissions.editor.anonymised.subject": { note: "Mail to editors: the author asks for anonymity", fr: "{site} : demande d'anonymisation", en: "{site}: request for anonymity" },
  "mail.submissions.editor.anonymised.text": {
    note: "Mail to editors: the author asks for anonymity",
    fr: "L'auteur ou l'autrice demande à être anonyme : retirez les détails qui pourraient la faire reconnaître, puis envoyez la nouvelle version pour accord.",
    en: "The author asks to be anonymous: remove the details that could identify them, then send the new version for approval.",
  },
  "mail.submissions.editor.withdrawn.subject": { note: "Mail to editors: the author withdrew", fr: "{site} : un témoignage a été retiré", en: "{site}: a story was withdrawn" },
  "mail.submissions.editor.withdrawn.text": {
    note: "Mail to editors: the author withdrew",
    fr: "L'auteur ou l'autrice a retiré sa contribution ; si un témoignage en était tiré, il a quitté le site.",
    en: "The author withdrew their contribution; if a story was made from it, it has left the site.",
  },
  "mail.submissions.editor.erased.subject": { note: "Mail to editors: the author erased everything", fr: "{site} : une contribution a été effacée", en: "{site}: a contribution was erased" },
  "mail.submissions.editor.erased.text": {
    note: "Mail to editors: the author erased everything",
    fr: "L'auteur ou l'autrice a tout effacé : la contribution, ses messages et l'historique de ses accords n'existent plus.",
    en: "The author erased everything: the contribution, its messages and the record of their approvals no longer exist.",
  },
  "mail.submissions.editor.erasedNumber": {
    note: "Mail to editors: names an erased contribution, which has no page any more ({id} is its number)",
    fr: "Contribution n° {id}.",
    en: "Contribution no. {id}.",
  },
  "mail.submissions.editor.withoutText": {
    note: "Mail to editors, last line",
    fr: "Par discrétion, ce courriel ne contient pas le texte.",
    en: "To keep it private, this e-mail does not include the text.",
  },
  "mail.submissions.editor.withoutMessage": {
    note: "Mail to editors about a contributor's message, last line",
    fr: "Par discrétion, ce courriel ne contient pas le message.",
    en: "To keep it private, this e-mail does not include the message.",
  },
} satisfies Record<string, Entry>;
