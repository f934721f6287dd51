import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the contact form. The application assembles every feature's texts (src/messages.ts). */
export const contactMessages = {
  "admin.contact.nav": { note: "Back-office menu: messages sent through the contact form", fr: "Messages", en: "Messages" },
  "contact.subject.interview": { note: "Contact form subject filled in when someone asks for an interview", fr: "Demande d'entretien (téléphone ou visioconférence)", en: "Interview request (phone or video call)" },
  "footer.contact": { note: "Footer link to the contact form", fr: "Écrire à l'équipe", en: "Contact the team" },
  // --- contact form (/contact) ---
  "contact.title": { note: "Title of the contact form", fr: "Écrire à l'équipe", en: "Write to the team" },
  "contact.sent": {
    note: "Notice after sending",
    fr: "Merci, votre message est arrivé. L'équipe le lira dans les prochains jours.",
    en: "Thank you, your message has arrived. The team will read it in the coming days.",
  },
  "contact.intro": {
    note: "Contact form",
    fr: "Une idée, une question, une remarque sur un texte ? Écrivez-nous. L'équipe n'est pas un service d'urgence : en cas de danger, appelez le 3114 ou le 15.",
    en: "An idea, a question, a remark about a text? Write to us. The team is not an emergency service: if you are in danger, call 3114 or 15 (France).",
  },
  "contact.field.subject": { note: "Field label", fr: "Sujet", en: "Subject" },
  "contact.field.body": { note: "Field label", fr: "Message", en: "Message" },
  "contact.field.replyTo": { note: "Field label", fr: "Adresse pour vous répondre (facultative)", en: "Address to reply to (optional)" },
  "contact.hint.replyTo": {
    note: "Field hint",
    fr: "Seule l'équipe la voit, pour vous répondre ; le message est effacé au plus tard un an après.",
    en: "Only the team sees it, to reply to you; the message is erased a year later at the latest.",
  },
  "contact.trap": { note: "Label of the hidden anti-robot field (never seen by people)", fr: "Ne pas remplir", en: "Do not fill in" },
  "contact.send": { note: "Button", fr: "Envoyer", en: "Send" },
  "contact.error.subjectMissing": { note: "Field error", fr: "Indiquez un sujet.", en: "Enter a subject." },
  "contact.error.subjectTooLong": { note: "Field error", fr: "Le sujet ne doit pas dépasser 200 caractères.", en: "The subject must not be longer than 200 characters." },
  "contact.error.tooFast": {
    note: "Anti-robot check: sent in under three seconds",
    fr: "Votre message est parti très vite : vérifiez-le, puis envoyez-le à nouveau.",
    en: "Your message left very quickly: check it, then send it again.",
  },
  "contact.error.stale": { note: "Anti-robot check: form open for over a day", fr: "Ce formulaire est ouvert depuis trop longtemps : envoyez-le à nouveau.", en: "This form has been open too long: send it again." },
  "contact.error.robot": { note: "Anti-robot check failed", fr: "Ce formulaire n'a pas pu être vérifié : envoyez-le à nouveau.", en: "This form could not be checked: send it again." },
  // --- back office (/admin/messages) ---
  "admin.contact.title": { note: "Title of the editors' inbox of contact messages", fr: "Messages reçus", en: "Messages received" },
  "admin.contact.none": { note: "Empty inbox", fr: "Aucun message.", en: "No messages." },
  "admin.contact.noReplyTo": { note: "After a message's date: the sender left no address", fr: "pas d'adresse pour répondre", en: "no reply address" },
} satisfies Record<string, Entry>;
