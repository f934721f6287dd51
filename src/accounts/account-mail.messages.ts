import type { Entry } from "../platform/i18n/messages.js";

/** Texts of the accounts' mails (account-mail.ts), in the recipient's interface language. */
export const accountMailMessages = {
  "mail.accounts.hello": { note: "First line of an account mail ({name}: the account's display name)", fr: "Bonjour {name},", en: "Hello {name}," },
  "mail.accounts.reset.subject": { note: "Password reset mail", fr: "{site} : choisir un nouveau mot de passe", en: "{site}: choose a new password" },
  "mail.accounts.reset.asked": {
    note: "Password reset mail",
    fr: "Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte {site}.",
    en: "Someone (probably you) asked to change the password of your {site} account.",
  },
  "mail.accounts.reset.link": {
    note: "Password reset mail, before the link on its own line",
    fr: "Ce lien est valable {minutes} minutes et ne sert qu'une fois :",
    en: "This link works for {minutes} minutes, and only once:",
  },
  "mail.accounts.reset.ignore": {
    note: "Password reset mail, last line",
    fr: "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.",
    en: "If you did not ask for this, ignore this message: your password stays the same.",
  },
  "mail.accounts.invitation.subject": {
    note: "Mail to someone an administrator added to the back office",
    fr: "{site} : votre compte dans l'espace éditorial",
    en: "{site}: your account in the editorial back office",
  },
  "mail.accounts.invitation.created": {
    note: "Invitation mail",
    fr: "Un compte vient d'être créé pour vous dans l'espace éditorial {ofSite}.",
    en: "An account has just been created for you in the {site} editorial back office.",
  },
  "mail.accounts.invitation.link": {
    note: "Invitation mail, before the link on its own line",
    fr: "Choisissez votre mot de passe avec ce lien, valable trois jours :",
    en: "Choose your password with this link, which works for three days:",
  },
} satisfies Record<string, Entry>;
