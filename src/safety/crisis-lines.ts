/**
 * Crisis resources shown on /aide. Sources and hours are in the project's domain notes
 * (DOMAIN.md §5.1); an operator outside France would change this list.
 */
export type CrisisLine = { number: string; dial: string; sms?: boolean; name: { fr: string; en: string }; when: { fr: string; en: string } };

export const CRISIS_LINES: CrisisLine[] = [
  {
    number: "3114",
    dial: "3114",
    name: { fr: "Numéro national de prévention du suicide", en: "National suicide-prevention line" },
    when: {
      fr: "Gratuit, confidentiel, 24 heures sur 24, 7 jours sur 7. Des soignants vous répondent, pour vous ou pour un proche.",
      en: "Free, confidential, 24/7. Health professionals answer, for you or for someone close to you.",
    },
  },
  {
    number: "15",
    dial: "15",
    name: { fr: "SAMU, urgence médicale", en: "SAMU, medical emergency" },
    when: { fr: "Si une vie est en danger maintenant.", en: "If a life is in danger now." },
  },
  {
    number: "112",
    dial: "112",
    name: { fr: "Numéro d'urgence européen", en: "European emergency number" },
    when: { fr: "Depuis n'importe quel téléphone, partout en Europe.", en: "From any phone, anywhere in Europe." },
  },
  {
    number: "114",
    dial: "114",
    sms: true,
    name: { fr: "Urgence par SMS, visio ou tchat", en: "Emergency by text, video or chat" },
    when: {
      fr: "Pour les personnes sourdes, malentendantes, ou qui ne peuvent pas parler.",
      en: "For deaf or hard-of-hearing people, or anyone who cannot speak.",
    },
  },
  {
    number: "09 72 39 40 50",
    dial: "0972394050",
    name: { fr: "SOS Amitié, écoute anonyme", en: "SOS Amitié, anonymous listening (French)" },
    when: { fr: "Des bénévoles écoutent, jour et nuit.", en: "Volunteers listen, day and night." },
  },
  {
    number: "0 800 235 236",
    dial: "0800235236",
    name: { fr: "Fil Santé Jeunes (12–25 ans)", en: "Fil Santé Jeunes (ages 12–25)" },
    when: { fr: "Anonyme et gratuit, de 9 h à 23 h.", en: "Anonymous and free, 9 am to 11 pm." },
  },
];
