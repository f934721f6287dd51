/** Themes and series of the demo site; their stories are the Markdown files in content/. */
export const DEMO_THEMES = [
  { slug: "pair-aidance", name: "Pair-aidance", description: "Quand l'expérience vécue devient une ressource pour les autres : métiers, formations, entraide." },
  { slug: "psychoeducation", name: "Psychoéducation", description: "Comprendre son trouble, l'expliquer à ses proches et au travail, apprendre ensemble." },
  { slug: "parentalite", name: "Parentalité", description: "Être parent avec un trouble psychique, être l'enfant, le frère ou la sœur de quelqu'un qui en vit un." },
  { slug: "travail", name: "Travail et emploi", description: "Dire ou taire son diagnostic, aménager son poste, RQTH, reconversion." },
  { slug: "vie-intime", name: "Vie intime et couple", description: "Aimer, désirer, se séparer, parler des traitements à deux." },
  { slug: "identite", name: "Identité", description: "Qui l'on est au-delà d'un diagnostic : genre, dissociation, regard des autres." },
  { slug: "droits", name: "Droits et directives anticipées", description: "Soins sans consentement, directives anticipées en psychiatrie, recours." },
  { slug: "routines", name: "Routines et quotidien", description: "Le sommeil, la marche, les repas, les petites habitudes qui tiennent." },
  { slug: "soins", name: "Soins et rétablissement", description: "Hospitalisation, équipes mobiles, relations avec les soignants, chemins de rétablissement." },
  { slug: "ecriture", name: "Écriture", description: "Écrire pour soi, en atelier, pour les autres : l'écriture comme outil de rétablissement." },
];

export const DEMO_SERIES = [
  {
    slug: "travailler-avec-un-trouble-bipolaire",
    title: "Travailler avec un trouble bipolaire",
    description: "Un récit en deux parties : annoncer ou se taire, puis aménager son poste.",
    isCollection: false,
  },
  {
    slug: "parentalite-le-podcast",
    title: "Parentalité, le podcast",
    description: "Samia raconte sa grossesse puis ses premières années de mère, en deux épisodes.",
    isCollection: false,
  },
  {
    slug: "entendre-des-voix-le-podcast",
    title: "Entendre des voix, le podcast",
    description: "Théo entend des voix depuis dix ans : les débuts et le silence, puis le groupe d'entendeurs de voix qu'il co-anime aujourd'hui.",
    isCollection: false,
  },
  {
    slug: "reprendre-ses-etudes-le-podcast",
    title: "Reprendre ses études, le podcast",
    description: "Lucie retourne à l'université après une hospitalisation : la décision, les aménagements, puis son premier semestre.",
    isCollection: false,
  },
  {
    slug: "ils-et-elles-le-vivent",
    title: "Ils et elles le vivent",
    description: "Une collection de portraits : des personnes qui vivent avec un trouble psychique, dans leur quotidien.",
    isCollection: true,
  },
];
