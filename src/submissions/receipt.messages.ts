import type { Entry } from "../platform/i18n/messages.js";

/** Catalogue texts of the receipt a contributor is shown once, and the draft editor of the follow-up. The application assembles every feature's texts (src/messages.ts). */
export const receiptMessages = {
  // --- the contribution form ---
  "contribute.hint.consent": {
    note: "Hint of the consent checkbox",
    fr: "Nécessaire pour envoyer votre témoignage ; pas pour enregistrer un brouillon.",
    en: "Needed to send your story; not to save a draft.",
  },
  "contribute.error.formExpired": {
    note: "Error when the form's one-time token is missing or altered",
    fr: "Ce formulaire n'est plus valable : vérifiez ce que vous avez écrit, puis envoyez-le à nouveau.",
    en: "This form is no longer valid: check what you wrote, then send it again.",
  },
  "contribute.alreadyOpen": {
    note: "Notice on the contribution form in a browser whose follow-up session is open (after sending, or after typing a receipt); {link} becomes a link named contribute.alreadyOpenLink",
    fr: "Une contribution est ouverte sur cet appareil : {link}. Ce formulaire en commence une nouvelle.",
    en: "A contribution is open on this device: {link}. This form starts a new one.",
  },
  "contribute.alreadyOpenLink": { note: "Link to the follow-up page", fr: "la retrouver", en: "go back to it" },
  // --- the receipt page ---
  "receipt.toolsTitle": { note: "Heading of the ways to keep the receipt", fr: "Gardez-le maintenant", en: "Keep it now" },
  "receipt.copy": { note: "Button (with JavaScript)", fr: "Copier le reçu", en: "Copy the receipt" },
  "receipt.copied": { note: "Said after copying", fr: "Reçu copié : collez-le là où vous le gardez.", en: "Receipt copied: paste it where you keep it." },
  "receipt.copyFailed": {
    note: "Said when the browser refused to copy",
    fr: "La copie n'a pas marché : sélectionnez le reçu et copiez-le à la main.",
    en: "Copying did not work: select the receipt and copy it by hand.",
  },
  "receipt.print": { note: "Button (with JavaScript)", fr: "Imprimer le reçu", en: "Print the receipt" },
  "receipt.download": { note: "Button: downloads a text file", fr: "Télécharger le reçu (fichier .txt)", en: "Download the receipt (.txt file)" },
  "receipt.keptLegend": { note: "Legend of the confirmation checkbox", fr: "Avant de continuer", en: "Before you go on" },
  "receipt.kept": {
    note: "Confirmation checkbox",
    fr: "J'ai gardé mon reçu (noté, copié, téléchargé ou imprimé)",
    en: "I have kept my receipt (written down, copied, downloaded or printed)",
  },
  "receipt.keptHint": {
    note: "Hint of the confirmation checkbox",
    fr: "Il ne sera plus affiché. Votre suivi s'ouvre ensuite sans le retaper, sur cet appareil, pendant 30 minutes.",
    en: "It will not be shown again. Your follow-up then opens without typing it, on this device, for 30 minutes.",
  },
  "receipt.continue": { note: "Button to the follow-up page", fr: "Continuer vers le suivi de ma contribution", en: "Go on to follow my contribution" },
  "receipt.error.notKept": {
    note: "Field error",
    fr: "Cochez cette case quand vous avez gardé votre reçu : il ne sera plus affiché.",
    en: "Tick this box once you have kept your receipt: it will not be shown again.",
  },
  "receipt.file.heading": { note: "First line of the downloaded file", fr: "{site} : votre reçu", en: "{site}: your receipt" },
  "receipt.file.use": {
    note: "Line of the downloaded file; {url} is the follow-up address",
    fr: "Pour suivre votre contribution, écrire à l'équipe, la retirer ou tout effacer : {url}",
    en: "To follow your contribution, write to the team, withdraw it or erase everything: {url}",
  },
  "receipt.file.name": { note: "Name of the downloaded file, without spaces", fr: "recu-entre-pairs.txt", en: "entre-pairs-receipt.txt" },
  // --- a receipt page opened again (reload, Back, the same form sent twice) ---
  "receipt.gone.title": { note: "Page title", fr: "Reçu déjà affiché", en: "Receipt already shown" },
  "receipt.gone.heading": { note: "Heading", fr: "Votre témoignage est bien enregistré, une seule fois", en: "Your story is saved, once" },
  "receipt.gone.text": {
    note: "Why the receipt is not shown",
    fr: "Ce formulaire a déjà été envoyé. Pour votre sécurité, le reçu n'est affiché qu'une fois, et il l'a été : nous n'en gardons qu'une empreinte.",
    en: "This form was already sent. For your safety, the receipt is shown only once, and it has been: we only keep a fingerprint of it.",
  },
  "receipt.gone.open": {
    note: "When the follow-up session is still open; {link} becomes a link named receipt.gone.openLink",
    fr: "Sur cet appareil, votre suivi reste ouvert sans reçu pendant 30 minutes après l'envoi : {link}. Si vous n'avez pas gardé le reçu, vous pouvez encore y retirer votre témoignage ou tout effacer, puis témoigner à nouveau.",
    en: "On this device, your follow-up stays open without the receipt for 30 minutes after sending: {link}. If you did not keep the receipt, you can still withdraw your story there or erase everything, then share it again.",
  },
  "receipt.gone.openLink": { note: "Link", fr: "ouvrir ma contribution", en: "open my contribution" },
  "receipt.gone.closed": {
    note: "When the follow-up session is closed",
    fr: "Si vous avez gardé votre reçu, tapez-le sur la page de suivi.",
    en: "If you kept your receipt, type it on the follow-up page.",
  },
  // --- the follow-up page ---
  "followUp.event.unknown": { note: "Consent ledger: an event or use the page cannot name", fr: "inconnu", en: "unknown" },
  // --- resuming a draft on /suivi ---
  "draft.title": { note: "Title of the draft editor", fr: "Modifier mon brouillon", en: "Edit my draft" },
  "draft.lead": {
    note: "Draft editor",
    fr: "Reprenez votre brouillon à votre rythme. Enregistrez-le autant de fois que vous voulez ; rien n'est envoyé à l'équipe avant que vous le décidiez.",
    en: "Take up your draft at your own pace. Save it as often as you like; nothing goes to the team until you decide.",
  },
  "draft.editLink": { note: "Link from the follow-up page", fr: "Modifier mon brouillon (texte, crédit, enregistrement…)", en: "Edit my draft (text, credit, recording…)" },
  "draft.save": { note: "Button", fr: "Enregistrer le brouillon", en: "Save the draft" },
  "draft.send": { note: "Button", fr: "Envoyer mon témoignage", en: "Send my story" },
  "draft.back": { note: "Link back to the follow-up page", fr: "Revenir à ma contribution sans rien changer", en: "Back to my contribution without changing anything" },
  "draft.currentRecording": { note: "Heading of the recording already saved", fr: "Votre enregistrement actuel", en: "Your current recording" },
  "draft.keepRecording": {
    note: "Hint of the file field when a recording is saved",
    fr: "Laissez ce champ vide pour garder votre enregistrement actuel ; choisissez un fichier ou enregistrez à nouveau pour le remplacer.",
    en: "Leave this field empty to keep your current recording; choose a file or record again to replace it.",
  },
  "draft.saved": { note: "Notice after saving", fr: "Votre brouillon est enregistré.", en: "Your draft is saved." },
  "draft.savedListen": {
    note: "Notice after asking to send a disguised recording not heard yet",
    fr: "Votre brouillon est enregistré. Écoutez votre voix déguisée quand elle est prête, puis envoyez votre témoignage.",
    en: "Your draft is saved. Listen to your disguised voice when it is ready, then send your story.",
  },
  "draft.error.notDraft": {
    note: "Error",
    fr: "Ce témoignage est déjà envoyé : il ne se modifie plus ici. Écrivez à l'équipe pour tout changement.",
    en: "This story has already been sent: it can no longer be edited here. Write to the team for any change.",
  },
  "draft.error.sourceGone": {
    note: "Field error",
    fr: "L'enregistrement d'origine n'est plus gardé : choisissez à nouveau le fichier, ou enregistrez à nouveau, pour changer de déguisement.",
    en: "The original recording is no longer kept: choose the file again, or record again, to change the disguise.",
  },
} satisfies Record<string, Entry>;
