import type { Entry } from "../platform/i18n/messages.js";

/** Texts of the mail telling each editor a contact message arrived (contact-mail.ts), in their interface language. */
export const contactMailMessages = {
  "mail.contact.notice.subject": {
    note: "Mail to editors: someone wrote through the contact form",
    fr: "{site} : nouveau message par le formulaire de contact",
    en: "{site}: new message through the contact form",
  },
  "mail.contact.notice.text": {
    note: "Mail to editors: where the message waits ({url}: the back office's inbox); the message itself is not in the mail",
    fr: "Un message attend dans {url}.",
    en: "A message is waiting at {url}.",
  },
} satisfies Record<string, Entry>;
