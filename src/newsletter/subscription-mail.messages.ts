import type { Entry } from "../platform/i18n/messages.js";

/**
 * Texts of the subscription's own mails (subscription-mail.ts), in the language of /lettre where the
 * address was given. The issues themselves are the editors' words and are not translated.
 */
export const subscriptionMailMessages = {
  "mail.newsletter.testMark": {
    note: "Before an issue's subject, in the test an editor sends to their own address (the subject stays as the editors wrote it)",
    fr: "[Essai]",
    en: "[Test]",
  },
  "mail.newsletter.hello": { note: "First line of a subscription mail", fr: "Bonjour,", en: "Hello," },
  "mail.newsletter.confirm.subject": {
    note: "Double opt-in mail",
    fr: "{site} : confirmez votre inscription à la lettre",
    en: "{site}: confirm your subscription to the newsletter",
  },
  "mail.newsletter.confirm.asked": {
    note: "Double opt-in mail",
    fr: "Quelqu'un, sans doute vous, a demandé à recevoir la lettre {ofSite} à cette adresse.",
    en: "Someone, probably you, asked to receive the {site} newsletter at this address.",
  },
  "mail.newsletter.confirm.link": {
    note: "Double opt-in mail, before the link on its own line",
    fr: "Pour la recevoir, confirmez dans les {hours} heures :",
    en: "To receive it, confirm within {hours} hours:",
  },
  "mail.newsletter.confirm.ignore": {
    note: "Double opt-in mail, last line",
    fr: "Si ce n'est pas vous, ne faites rien : l'adresse sera effacée d'elle-même.",
    en: "If it was not you, do nothing: the address will be erased on its own.",
  },
  "mail.newsletter.access.subject": { note: "Mail with a subscriber's links (their data, unsubscribing)", fr: "{site} : votre inscription à la lettre", en: "{site}: your newsletter subscription" },
  "mail.newsletter.access.known": {
    note: "Mail with a subscriber's links",
    fr: "Cette adresse est inscrite à la lettre {ofSite}. Vous l'avez demandé, ou quelqu'un a tapé votre adresse sur le site.",
    en: "This address is subscribed to the {site} newsletter. You asked for this, or someone typed your address on the site.",
  },
  "mail.newsletter.access.data": {
    note: "Mail with a subscriber's links: before the link to their data page",
    fr: "Voir ce que nous gardons (votre adresse et la date de votre accord) :",
    en: "See what we keep (your address and the date you agreed):",
  },
  "mail.newsletter.access.unsubscribe": {
    note: "Mail with a subscriber's links: before the link that unsubscribes",
    fr: "Vous désinscrire et effacer votre adresse :",
    en: "Unsubscribe and erase your address:",
  },
  "mail.newsletter.access.keep": {
    note: "Mail with a subscriber's links, last line",
    fr: "Si vous voulez continuer à recevoir la lettre, ne faites rien.",
    en: "If you want to keep receiving the newsletter, do nothing.",
  },
} satisfies Record<string, Entry>;
