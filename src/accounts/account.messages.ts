import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the accounts: sign-in, password reset, first set-up, one's own account, the administrators' list of accounts. The application assembles every feature's texts (src/messages.ts). */
export const accountMessages = {
  "admin.accounts.nav.users": { note: "Back-office menu: the accounts (administrators)", fr: "Comptes", en: "Users" },
  "admin.accounts.nav.account": { note: "Back-office menu: one's own account", fr: "Mon compte", en: "My account" },
} satisfies Record<string, Entry>;
