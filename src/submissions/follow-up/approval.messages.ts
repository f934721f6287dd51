import type { Entry } from "../../platform/i18n/messages.js";

/** Back-office texts of the author's approval: why a version of a contribution may not go public. The application assembles every feature's texts (src/messages.ts). */
export const approvalMessages = {
  "admin.approval.refusal.withdrawn": { note: "Why a version may not go public", fr: "Son auteur ou son autrice a retiré ce témoignage.", en: "Its author has withdrawn this story." },
  "admin.approval.refusal.anonymityAsked": {
    note: "Why a version may not go public",
    fr: "L'auteur ou l'autrice a demandé l'anonymat : préparez une version anonymisée et envoyez-la-lui pour accord avant de publier.",
    en: "The author has asked to be anonymous: prepare an anonymised version and send it to them for approval before publishing.",
  },
  "admin.approval.refusal.noApproval": {
    note: "Why a version may not go public",
    fr: "L'auteur ou l'autrice n'a pas encore approuvé de version : envoyez-lui celle-ci pour accord avant de publier.",
    en: "The author has not approved any version yet: send them this one for approval before publishing.",
  },
  "admin.approval.refusal.otherVersion": {
    note: "Why a version may not go public",
    fr: "Cette version n'est pas celle que l'auteur ou l'autrice a approuvée : envoyez-lui la nouvelle version pour accord.",
    en: "This is not the version the author approved: send them the new version for approval.",
  },
  "admin.approval.refusal.notOnSite": { note: "Why a version may not go public", fr: "L'auteur ou l'autrice n'a pas accepté la publication sur le site.", en: "The author has not agreed to publication on the website." },
  "admin.approval.refusal.creditNotAnonymous": {
    note: "Why a version may not go public",
    fr: "L'auteur ou l'autrice a demandé l'anonymat : le crédit doit rester « Anonyme ».",
    en: "The author has asked to be anonymous: the credit must stay “Anonymous”.",
  },
} satisfies Record<string, Entry>;
