/**
 * The platform's own interface text: the page frame, forms, errors, pagination. French first; each
 * entry is a whole sentence with a note for translators; counts use plural forms, never string
 * concatenation. Each feature keeps its own texts beside its code (`<feature>/*.messages.ts`); the
 * application assembles them all (src/messages.ts).
 */
type Text = string | { one: string; other: string };
export type Entry = { note: string; fr: Text; en: Text };

export const platformMessages = {
  "site.name": { note: "Name of the media: the site settings' name, never written here", fr: "{site}", en: "{site}" },
  "nav.skip": { note: "Skip link, first element of every page", fr: "Aller au contenu", en: "Skip to content" },
  "nav.crisis": {
    note: "Second link of every page, to the crisis-help page",
    fr: "Besoin d'aide maintenant ? Appelez le 3114",
    en: "Need help now? Call 3114 (France)",
  },
  "nav.main": { note: "Label of the main navigation landmark", fr: "Navigation principale", en: "Main navigation" },
  "nav.language": { note: "Label of the language switch", fr: "Langue", en: "Language" },
  "nav.otherLanguage": { note: "Link to switch to the other language", fr: "English", en: "Français" },
  "nav.breadcrumb": { note: "Label of the breadcrumb landmark", fr: "Fil d'Ariane", en: "Breadcrumb" },
  "nav.home": { note: "Breadcrumb: home", fr: "Accueil", en: "Home" },
  "footer.label": { note: "Footer heading for screen readers", fr: "Pied de page", en: "Footer" },
  "footer.crisis": {
    note: "Footer reminder of emergency numbers",
    fr: "En cas d'urgence : 3114 (prévention du suicide, 24h/24), 15 (SAMU), 112, 114 par SMS.",
    en: "In an emergency in France: 3114 (suicide prevention, 24/7), 15 (ambulance), 112, 114 by text.",
  },
  "footer.social": { note: "Label of the footer's list of the site's social-network links", fr: "Ailleurs sur le web", en: "Elsewhere on the web" },
  "pagination.label": { note: "Pagination landmark", fr: "Pagination", en: "Pagination" },
  "pagination.previous": { note: "Previous page", fr: "Page précédente", en: "Previous page" },
  "pagination.next": { note: "Next page", fr: "Page suivante", en: "Next page" },
  "pagination.page": { note: "Link to page N", fr: "Page {page}", en: "Page {page}" },
  "pagination.status": { note: "Current page status", fr: "Page {page} sur {pages}", en: "Page {page} of {pages}" },
  "error.notFoundTitle": { note: "404 page title", fr: "Page introuvable", en: "Page not found" },
  "error.notFound": {
    note: "404 page text",
    fr: "Cette page n'existe pas ou plus : ce qu'elle montrait a peut-être été retiré par la personne qui l'avait écrit.",
    en: "This page does not exist or no longer exists: what it showed may have been withdrawn by the person who wrote it.",
  },
  "error.serverTitle": { note: "500 page title", fr: "Une erreur est survenue", en: "Something went wrong" },
  "error.server": {
    note: "500 page text",
    fr: "Le site a rencontré un problème. Rien de ce que vous avez envoyé n'a été enregistré à moitié ; vous pouvez réessayer dans un instant.",
    en: "The site ran into a problem. Nothing you sent was half-saved; you can try again in a moment.",
  },
  "error.badRequestTitle": { note: "400 page title", fr: "Demande incomprise", en: "Bad request" },
  "error.badRequest": {
    note: "400 page text",
    fr: "Le site n'a pas compris cette demande. Vérifiez l'adresse ou revenez à la page précédente.",
    en: "The site could not understand this request. Check the address or go back.",
  },
  "error.forbiddenTitle": { note: "403 page title", fr: "Accès refusé", en: "Access denied" },
  "error.forbidden": {
    note: "403 page text",
    fr: "Votre compte ne permet pas d'ouvrir cette page.",
    en: "Your account does not give access to this page.",
  },
  "error.unavailableTitle": { note: "503 page title", fr: "Service indisponible", en: "Service unavailable" },
  "error.unavailable": {
    note: "503 page text",
    fr: "Le site ne peut pas enregistrer pour le moment. Réessayez plus tard ; l'équipe est prévenue.",
    en: "The site cannot save right now. Try again later; the team has been alerted.",
  },
  "error.tooLargeTitle": { note: "413 page title", fr: "Envoi trop volumineux", en: "Too much to send" },
  "error.tooLarge": {
    note: "413 page text",
    fr: "Ce que vous avez envoyé dépasse la taille que cette page accepte. Revenez à la page précédente, choisissez un fichier plus léger ou raccourcissez le texte, puis réessayez.",
    en: "What you sent is larger than this page accepts. Go back, choose a lighter file or shorten the text, then try again.",
  },
  "error.tooManyRequestsTitle": { note: "429 page title", fr: "Trop de tentatives", en: "Too many attempts" },
  "error.tooManyRequests": {
    note: "429 page text",
    fr: "Trop de tentatives en peu de temps depuis votre connexion. Attendez quelques minutes, puis revenez à la page précédente et réessayez.",
    en: "Too many attempts in a short time from your connection. Wait a few minutes, then go back and try again.",
  },
  "error.controlCharacterTitle": { note: "Title of the page refusing invisible control characters", fr: "Caractère invisible refusé", en: "Invisible character refused" },
  "error.controlCharacter": {
    note: "Text of the page refusing invisible control characters (NUL and the like)",
    fr: "Ce que vous avez envoyé contient un caractère de contrôle invisible (un caractère nul, par exemple), souvent venu d'un copier-coller. Rien n'a été enregistré. Revenez à la page précédente, retirez-le (ou recollez le texte ci-dessous, qui ne l'a plus) et réessayez.",
    en: "What you sent contains an invisible control character (a null character, for instance), often brought by copy and paste. Nothing was saved. Go back, remove it (or paste the text below again, which no longer has it) and try again.",
  },
  "error.typedTitle": { note: "Heading above the text a person had typed, shown on an error page", fr: "Ce que vous aviez écrit", en: "What you had written" },
  "error.typedHelp": {
    note: "Under that heading",
    fr: "Rien n'a été perdu : copiez votre texte avant de quitter cette page, pour le coller à nouveau.",
    en: "Nothing is lost: copy your text before leaving this page, to paste it again.",
  },
  "error.typed.title": { note: "Label of a typed field shown back on an error page", fr: "Titre", en: "Title" },
  "error.typed.standfirst": { note: "Label of a typed field shown back on an error page", fr: "Chapô", en: "Standfirst" },
  "error.typed.body": { note: "Label of a typed field shown back on an error page", fr: "Texte", en: "Text" },
  "error.typed.subject": { note: "Label of a typed field shown back on an error page", fr: "Objet", en: "Subject" },
  "error.typed.creditName": { note: "Label of a typed field shown back on an error page", fr: "Nom affiché", en: "Name shown" },
  "error.typed.email": { note: "Label of a typed field shown back on an error page", fr: "Adresse électronique", en: "E-mail address" },
  "error.typed.replyTo": { note: "Label of a typed field shown back on an error page", fr: "Adresse pour vous répondre", en: "Address to reply to" },
  "error.backHome": { note: "Link on error pages", fr: "Revenir à l'accueil", en: "Back to the home page" },
  // --- the back office's frame ---
  "admin.frame.title": {
    note: "Title of every back-office page: {title} is the page's own, {name} the site's name",
    fr: "{title} – {name}, espace éditorial",
    en: "{title} – {name} back office",
  },
  "admin.frame.tagline": { note: "Under the site's name in the back office's header", fr: "Espace éditorial", en: "Back office" },
  "admin.frame.nav": { note: "Label of the back office's menu landmark", fr: "Espace éditorial", en: "Back office" },
  "admin.frame.viewSite": { note: "Back-office menu: link to the public site", fr: "Voir le site", en: "View site" },
  "admin.frame.signOut": { note: "Back-office header: sign-out button", fr: "Se déconnecter", en: "Sign out" },
  // --- shared form components ---
  "form.problems": {
    note: "Heading of the error summary above a rejected form",
    fr: { one: "Il y a un problème", other: "Il y a {count} problèmes" },
    en: { one: "There is a problem", other: "There are {count} problems" },
  },
  "form.required": { note: "After the label of a required field", fr: " (obligatoire)", en: " (required)" },
  "form.errorPrefix": { note: "Read by screen readers before a field's error message", fr: "Erreur : ", en: "Error: " },
  "form.errorLine": { note: "One line of the error summary: field label, then the message", fr: "{label} : {message}", en: "{label}: {message}" },
  "form.invalid": { note: "Field missing or sent twice (tampered form)", fr: "Ce champ est manquant ou mal rempli.", en: "This field is missing or badly filled in." },
} satisfies Record<string, Entry>;

export type PlatformMessages = typeof platformMessages;
