/**
 * The contexts that weaken a crisis-signal hit (past tense, recovery, quotation, idiom, prevention
 * wording…): their patterns and how much of a hit's weight each keeps. Data for crisis-signal.ts.
 */

// ————————————————————————————————————————————————————————————————— context

export type ContextKind =
  | "past"
  | "now"
  | "today"
  | "reported"
  | "reported_after"
  | "fiction"
  | "joke"
  | "prevention"
  | "ordinary_absence"
  | "negated"
  | "recovery"
  | "helper";

/** How much a hit keeps of its weight in each context; also the context ids given in `reasons`. */
export const CONTEXT_FACTORS: Readonly<Record<string, number>> = {
  "context.quoted": 0.35,
  "context.past": 0.25,
  "context.reported": 0.3,
  "context.fiction": 0.3,
  "context.joke": 0.3,
  "context.prevention": 0.4,
  "context.ordinary_absence": 0.3,
  "context.negated": 0.2,
  "context.conditional": 0.4,
  "context.recovery": 0.45,
  "context.helper": 0.4,
};

export const CONTEXT_SPECS: ReadonlyArray<readonly [ContextKind, string]> = [
  [
    "past",
    "il y a (?:[a-z0-9]+ ){0,2}(?:ans|an|annees|mois|semaines|longtemps)|a (?:le|cette) epoque|en ce temps la|en (?:[a-z]+ )?(?:19|20)[0-9]{2}|a (?:[a-z0-9]+ ){1,2}ans|quand (?:je etais|je avais|on etait|ce etait)|lorsque je (?:etais|avais)|je (?:pensais|croyais) que|je me disais|je me repetais|je me (?:suis|etais) (?:longtemps |souvent )?(?:dit|repete|raconte)|je ai longtemps|pendant (?:des|plusieurs|quelques|de longues) (?:annees|mois|ans|semaines)|pendant longtemps|autrefois|jadis|plus jeune|a le adolescence|le (?:annee|an|ete|hiver|automne|printemps) (?:dernier|derniere)|ce jour la|le jour ou je|cette annee la|a ce moment la|apres (?:ma|mes) (?:tentative|tentatives|hospitalisation|crise)|ma tentative|mes tentatives|je ai survecu|on me a (?:trouve|trouvee|sauve|sauvee|retrouve|retrouvee)|back then|(?:[a-z0-9]+ )?(?:years|months|weeks) ago|when i was|i used to|at the time|in (?:19|20)[0-9]{2}|last year|as a (?:teenager|teen|kid|child)|my attempt|i survived|after my (?:attempt|hospital)",
  ],
  [
    "now",
    "ce soir|cette nuit|demain|maintenant|tout de suite|en ce moment|a le instant|ce week end|cette semaine|tonight|right now|tomorrow|this weekend|this week",
  ],
  ["today", "aujourd hui|today|desormais|a present|nowadays"],
  [
    "reported",
    // the subject is checked in code: "il a dit" is reported speech, "je dis" / "j'ai dit" is not
    "dit|disait|disent|ecrit|ecrivait|repete|repetait|repetent|crie|criait|chante|chantait|raconte|racontait|confie|confiait|avoue|murmure|lance|lancait|affirme|affirmait|hurle|hurlait|said|says|told me|tells me|wrote|writes|texted|keeps saying|kept saying|sings|sang|screamed|shouted",
  ],
  [
    "reported_after",
    "(?:dit|disait|criait|crie|ecrit|ecrivait|repete|repetait|chantait|lance|lancait|hurlait|a dit|said|says|wrote|asked) (?:il|elle|ils|elles|on|mon|ma|mes|le|la|les|un|une|he|she|they|my|the)",
  ],
  [
    "fiction",
    "(?:le|la|un|une|ce|cette|du|mon|ma|son|sa|dans le|dans la|the|a|this|that|my|in the) (?:roman|film|serie(?! de)|episode(?! (?:depressif|maniaque|psychotique|de))|personnage|heroine|heros|chanson|poeme|livre|scene|bd|manga|novel|movie|character|song|poem|play|book|show|lyrics|paroles|replique|protagonist)",
  ],
  ["joke", "mdr|ptdr|lol|lmao|haha+|hihi+|jpp|xd|jk|😂|🤣|😹|😆|en riant|laughing"],
  [
    "prevention",
    "3114|988|numero (?:national|vert|de urgence)|prevention du suicide|suicide prevention|sos amitie|helpline|hotline|lifeline|ligne de ecoute|si vous (?:avez|pensez|etes|vous sentez|ressentez)|si tu (?:as|penses|es|te sens)|if you (?:are|have|feel|think)|appelez|composez|parler (?:du|de le) suicide|talking about suicide",
  ],
  [
    "ordinary_absence",
    "demenag[a-z]*|moving (?:house|out)|en (?:formation|vacances|conge|stage|deplacement|voyage)|nouveau (?:travail|poste|job|boulot)|training day|on (?:holiday|vacation)|business trip|a (?:training|conference)|(?:leaving|farewell|retirement) party|pot de depart|retraite",
  ],
  [
    "negated",
    "(?:pas|jamais|point) (?:que|parce que)|ne (?:pense|crois|dis) pas que|(?:not|never) (?:that|because|saying that)|do not think|did not say|never said",
  ],
  [
    "recovery",
    "je vais (?:beaucoup |bien |tellement |vraiment |nettement )?mieux|je vais bien|je me en suis (?:sorti|sortie)|je suis (?:sorti|sortie) de (?:la|le|cette|ma)|je suis (?:toujours|encore) (?:la|vivante?|en vie)(?! (?:, )?mais)|retabli|retablie|retablissement|je me reconstruis|je me releve|je revis|on peut se en sortir|i am (?:doing )?(?:much |so |a lot |way )?better|in recovery|recovered|i am still here|i am doing well|i am okay now|i made it through",
  ],
  [
    "helper",
    "comment (?:le |la |les |lui |leur )?(?:aider|soutenir|reagir|accompagner|parler a)|que (?:dois je|faut il|puis je) (?:faire|dire)|quoi lui dire|quels mots|est ce un signe|how (?:can|do|should) i (?:help|support|respond|talk)|what (?:should|can|do) i (?:do|say)|is (?:this|it) a (?:warning )?sign|je me inquiete pour|i am worried about",
  ],
];
