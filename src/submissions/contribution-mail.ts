import type { MailMessage } from "../platform/mail/mailer.js";

/**
 * The short mails about a contribution. They say the new state in plain words and where to look,
 * and nothing else: never the contribution's title or text, never the receipt. Contributors'
 * language is not known, so their mails are written in French, then in English.
 */
export type ContributorNotice = "reading" | "awaiting_approval" | "message" | "scheduled" | "published" | "declined";

const TO_CONTRIBUTOR: Record<ContributorNotice, { subject: string; fr: string; en: string }> = {
  reading: {
    subject: "l'équipe lit votre témoignage",
    fr: "Une personne de l'équipe éditoriale a commencé à lire votre témoignage.",
    en: "Someone in the editorial team has started reading your story.",
  },
  awaiting_approval: {
    subject: "une version de votre témoignage attend votre accord",
    fr: "L'équipe a préparé une version de votre témoignage. Relisez-la et donnez (ou non) votre accord. Rien ne sera publié sans votre accord.",
    en: "The team has prepared a version of your story. Read it and give (or refuse) your approval. Nothing will be published without it.",
  },
  message: {
    subject: "l'équipe vous a répondu",
    fr: "L'équipe éditoriale vous a écrit. Par discrétion, ce courriel ne contient pas le message.",
    en: "The editorial team has written to you. For your privacy, this e-mail does not contain the message.",
  },
  scheduled: {
    subject: "votre témoignage est programmé",
    fr: "Votre témoignage est programmé pour publication, dans la version que vous avez approuvée.",
    en: "Your story is scheduled for publication, in the version you approved.",
  },
  published: {
    subject: "votre témoignage est publié",
    fr: "Votre témoignage est publié, dans la version que vous avez approuvée. Vous pouvez toujours le retirer.",
    en: "Your story is published, in the version you approved. You can still withdraw it.",
  },
  declined: {
    subject: "votre témoignage n'a pas été retenu",
    fr: "L'équipe n'a pas retenu votre témoignage pour publication. Merci de l'avoir partagé. Vous pouvez lire ses éventuels messages ou tout effacer.",
    en: "The team has not selected your story for publication. Thank you for sharing it. You can read any message from them or erase everything.",
  },
};

/** `siteName` is the site's name from its settings (`siteIdentity`), read in the transaction that sends. */
export function contributorMail(siteName: string, baseUrl: string, to: string, notice: ContributorNotice): MailMessage {
  const m = TO_CONTRIBUTOR[notice];
  return {
    to,
    subject: `${siteName} : ${m.subject}`,
    text: [
      m.fr,
      `Pour en savoir plus, ouvrez ${baseUrl}/suivi avec votre reçu.`,
      "",
      m.en,
      `To find out more, open ${baseUrl}/suivi with your receipt.`,
      "",
      `Vous recevez ce courriel parce que vous avez laissé votre adresse avec votre témoignage sur ${siteName}.`,
    ].join("\n"),
  };
}

export type EditorNotice = "approved" | "anonymised" | "withdrawn" | "erased";

const TO_EDITORS: Record<EditorNotice, { subject: string; text: string }> = {
  approved: { subject: "une version a été approuvée", text: "L'auteur ou l'autrice a approuvé la version envoyée : elle peut être publiée." },
  anonymised: {
    subject: "demande d'anonymisation",
    text: "L'auteur ou l'autrice demande à être anonyme : retirez les détails qui pourraient la faire reconnaître, puis envoyez la nouvelle version pour accord.",
  },
  withdrawn: { subject: "un témoignage a été retiré", text: "L'auteur ou l'autrice a retiré sa contribution ; si un témoignage en était tiré, il a quitté le site." },
  erased: { subject: "une contribution a été effacée", text: "L'auteur ou l'autrice a tout effacé : la contribution, ses messages et l'historique de ses accords n'existent plus." },
};

export function editorMail(siteName: string, baseUrl: string, to: string, submissionId: number, notice: EditorNotice): MailMessage {
  const m = TO_EDITORS[notice];
  // An erased contribution has no page any more.
  const where = notice === "erased" ? `Contribution n° ${submissionId}.` : `${baseUrl}/admin/contributions/${submissionId}`;
  return { to, subject: `${siteName} : ${m.subject}`, text: [m.text, where, "", "Par discrétion, ce courriel ne contient pas le texte."].join("\n") };
}
