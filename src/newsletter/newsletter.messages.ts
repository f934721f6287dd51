import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the newsletter (/lettre) and its mails. The application assembles every feature's texts (src/messages.ts). */
export const newsletterMessages = {
  "admin.newsletter.nav": { note: "Back-office menu: the newsletter's issues", fr: "Lettres", en: "Newsletters" },
  "footer.newsletter": { note: "Footer link to the newsletter page", fr: "La lettre par courriel", en: "The newsletter by e-mail" },
  "newsletter.title": { note: "Title of /lettre", fr: "La lettre {ofSite}", en: "The {site} newsletter" },
  "newsletter.intro": {
    note: "What the newsletter is and what is kept",
    fr: "Recevez les nouveaux témoignages par courriel. Nous gardons seulement votre adresse et la date de votre accord, rien d'autre, et nous ne la confions à personne. Chaque lettre contient un lien pour vous désinscrire en un clic.",
    en: "Receive new testimonies by e-mail. We keep only your address and the date you agreed, nothing else, and we share it with no one. Every newsletter has a link to unsubscribe in one click.",
  },
  "newsletter.field.email": { note: "Label of the address field", fr: "Votre adresse électronique", en: "Your e-mail address" },
  "newsletter.hint.email": { note: "Hint under the address field", fr: "Vous recevrez un courriel pour confirmer ; sans confirmation sous 48 heures, l'adresse est effacée.", en: "You will get an e-mail to confirm; without confirmation within 48 hours, the address is erased." },
  "newsletter.subscribe": { note: "Submit button", fr: "Recevoir la lettre", en: "Get the newsletter" },
  "newsletter.sent": {
    note: "Shown after a subscription request, whatever the address (never says whether it was known)",
    fr: "Merci. Si cette adresse peut recevoir la lettre, un courriel vient d'y partir : suivez son lien pour confirmer. Il peut mettre quelques minutes à arriver.",
    en: "Thank you. If this address can receive the newsletter, an e-mail is on its way to it: follow its link to confirm. It may take a few minutes to arrive.",
  },
  "newsletter.access.heading": { note: "Heading of the second form on /lettre", fr: "Déjà inscrit ou inscrite ?", en: "Already subscribed?" },
  "newsletter.access.intro": {
    note: "What the second form does",
    fr: "Pour voir ce que nous gardons sur vous, ou vous désinscrire sans retrouver une ancienne lettre, recevez vos liens par courriel.",
    en: "To see what we keep about you, or to unsubscribe without finding an old newsletter, receive your links by e-mail.",
  },
  "newsletter.field.accessEmail": { note: "Label of the address field of the second form", fr: "Adresse inscrite", en: "Subscribed address" },
  "newsletter.access.send": { note: "Submit button of the second form", fr: "Recevoir mes liens", en: "Send me my links" },
  "newsletter.access.sent": {
    note: "Shown after asking for one's links, whatever the address",
    fr: "Si cette adresse est inscrite, un courriel vient d'y partir avec vos liens.",
    en: "If this address is subscribed, an e-mail with your links is on its way to it.",
  },
  "newsletter.error.emailMissing": { note: "Field error", fr: "Indiquez votre adresse électronique.", en: "Enter your e-mail address." },
  "newsletter.confirm.title": { note: "Title of the confirmation page", fr: "Confirmer votre inscription", en: "Confirm your subscription" },
  "newsletter.confirm.intro": { note: "Before pressing the button", fr: "Un dernier geste pour recevoir la lettre {ofSite}.", en: "One last step to receive the {site} newsletter." },
  "newsletter.confirm.button": { note: "Button that confirms", fr: "Confirmer mon inscription", en: "Confirm my subscription" },
  "newsletter.confirm.done": { note: "After confirming", fr: "C'est fait : vous recevrez la prochaine lettre. Chacune contient un lien pour vous désinscrire.", en: "Done: you will receive the next newsletter. Each one has a link to unsubscribe." },
  "newsletter.confirm.expired": {
    note: "Expired or unknown confirmation link",
    fr: "Ce lien de confirmation n'est plus valable (il l'est 48 heures). Vous pouvez recommencer votre inscription.",
    en: "This confirmation link is no longer valid (it lasts 48 hours). You can subscribe again.",
  },
  "newsletter.confirm.again": { note: "Link back to /lettre", fr: "S'inscrire à la lettre", en: "Subscribe to the newsletter" },
  "newsletter.unsubscribe.title": { note: "Title of the unsubscribe page", fr: "Se désinscrire de la lettre", en: "Unsubscribe from the newsletter" },
  "newsletter.unsubscribe.intro": {
    note: "Before pressing the button",
    fr: "Vous ne recevrez plus la lettre, et votre adresse sera effacée tout de suite.",
    en: "You will no longer receive the newsletter, and your address will be erased at once.",
  },
  "newsletter.unsubscribe.button": { note: "Button that unsubscribes", fr: "Me désinscrire et effacer mon adresse", en: "Unsubscribe and erase my address" },
  "newsletter.unsubscribe.done": {
    note: "After unsubscribing (also for a link whose address is already gone)",
    fr: "Cette adresse ne reçoit plus la lettre et n'est plus enregistrée chez nous.",
    en: "This address no longer receives the newsletter and is no longer stored here.",
  },
  "newsletter.data.title": { note: "Title of the page showing a subscriber's data", fr: "Ce que nous gardons sur vous", en: "What we keep about you" },
  "newsletter.data.intro": { note: "Above the list", fr: "Pour la lettre, nous gardons exactement ceci :", en: "For the newsletter, we keep exactly this:" },
  "newsletter.data.email": { note: "Term", fr: "Adresse", en: "Address" },
  "newsletter.data.consent": { note: "Term", fr: "Date de votre accord", en: "Date of your consent" },
  "newsletter.data.pending": { note: "No consent yet", fr: "pas encore confirmée", en: "not confirmed yet" },
  "newsletter.data.erase": { note: "Heading above the erase button", fr: "Tout effacer", en: "Erase everything" },
  "newsletter.data.gone": { note: "Unknown token on the data page", fr: "Ce lien ne mène plus à rien : l'adresse n'est plus enregistrée.", en: "This link leads nowhere any more: the address is no longer stored." },
} satisfies Record<string, Entry>;
