/**
 * The curated French and English lexicon of the crisis-signal detector: what each family of
 * words is about, never a sentence of the training corpus. Each entry is a phrase over the
 * normalised words of crisis-signal.tokenize.ts (no accents, elisions expanded):
 * - `word` matches that word; `pref*` any word starting with `pref`; `a|b*` either;
 * - `~` lets up to two other words sit between its neighbours ("je vais ~ mourir").
 * Means and methods are NAMED only (a place, an object, a verb), never described: no quantity,
 * no how-to. The model learns how much each family weighs, alone and with its context
 * (negation, past, quotation, someone else speaking, prevention…): see crisis-signal.features.ts.
 */

/** Families that carry a signal: their weight is learned, never set by hand. */
export const SIGNAL_FAMILIES = ["intent", "death", "plan", "method", "means", "timing", "farewell", "hopeless", "burden", "selfharm", "giving"] as const;
/** Families that change what a signal means. */
export const CONTEXT_FAMILIES = ["first", "volition", "negation", "past", "recovery", "third", "reported", "prevention", "fiction", "idiom", "conditional", "helper", "care"] as const;

export type SignalFamily = (typeof SIGNAL_FAMILIES)[number];
export type ContextFamily = (typeof CONTEXT_FAMILIES)[number];
export type Family = SignalFamily | ContextFamily;

export const LEXICON: Record<Family, readonly string[]> = {
  // — signals
  intent: [
    "me tuer", "me suicider", "suicider", "me flinguer", "me foutre en l air", "en finir", "finir ~ avec la vie", "finir ~ avec ma vie",
    "mettre fin ~ jours", "mettre fin ~ vie", "pass* a l acte", "mett* fin ~ jours", "mis fin ~ jours", "je veux mourir", "veux mourir", "envie de mourir", "envie de crever",
    "veux crever", "vais crever", "vais mourir", "veux disparaitre", "envie de disparaitre", "plus envie de vivre", "plus vivre",
    "ne plus me reveiller", "pas me reveiller", "plus me reveiller", "plus etre la", "plus etre de ce monde", "quitter ce monde",
    "partir pour toujours", "en terminer", "tout arreter", "arreter de vivre", "plus envie d etre la", "me laisser mourir",
    "kill myself", "killing myself", "end my life", "end it all", "end it", "take my life", "take my own life", "want to die",
    "wanna die", "going to die", "ready to die", "not want to live", "not want to be here", "not be here", "unalive", "suicide",
    "suicidal", "suicidaire", "not wake up", "never wake up", "disappear forever", "off myself",
    // passive wishes and euphemisms
    "ne plus exister", "plus exister", "cesser d exister", "m endormir pour toujours", "dormir pour toujours", "ne jamais me reveiller",
    "jamais me reveiller", "que tout s arrete", "tout s arrete", "que ca s arrete", "faire une connerie", "faire une betise", "faire une betise",
    "le grand saut", "rejoindre", "partir", "m en aller", "en avoir fini", "ce sera bientot fini", "bientot fini", "plus de moi",
    "pu le gout", "pu envie", "plus le gout", "plus goût de vivre", "gout de vivre", "pas envie de continuer", "plus envie de continuer",
    "arreter de respirer", "me buter", "me foutre une balle", "clamser", "caner", "me laisser partir", "lacher prise pour de bon",
    "wish i was dead", "wish i were dead", "wish i could disappear", "want it to stop", "want it all to stop", "not exist", "stop existing",
    "go to sleep forever", "sleep forever", "not be around", "be gone", "won t be around", "ending it", "end things", "check out",
    "no longer be here", "join", "leave this world", "sewerslide", "ctb",
    // killing oneself named as such, in any tense ("je me tuerai", "killed myself"); an act with a
    // means ("me pendre") is a method, not counted here again
    "me tuer*", "je me tue", "me suicid*", "kill* myself", "end* my life", "end* it all", "tak* my life", "tak* my own life",
    // the same said of someone else (a relative or a professional reporting now)
    "se tuer*", "se suicid*", "mettre fin a ses jours", "s enlever la vie", "m enlever la vie", "veut mourir",
    "veut en finir", "kill herself", "kill himself", "kill themselves", "killing herself", "killing himself",
    "end her life", "end his life", "end their life", "hang herself", "hang himself", "wants to die", "wanted to die",
    // ideas and wishes named as such, and euphemisms of leaving
    "idees suicidaires", "pensees suicidaires", "idees de mort", "idees noires", "desir de mourir", "risque suicidaire", "suicidal thoughts",
    "suicidal ideation", "preparer mon depart", "partir definitivement", "disparaitre definitivement", "disparaitre pour de bon",
    "en disparaissant", "que je disparaisse", "que je meure", "comment mourir", "facons de mourir", "plus en vie", "serai plus la",
    "serai plus en vie", "plus la pour", "d etre toujours la", "top myself", "want out", "done for good", "reasons to stay",
    "not be here much longer", "not going to be here", "not planning on being around", "my funeral", "in my sleep", "not survive",
    "hit by a", "unaliv*", "kms",
  ],
  death: ["mourir", "mort", "morte", "crever", "creve", "meurs", "die", "dying", "dead", "death", "deces", "tuer", "kill", "vivre", "vie", "live", "life"],
  plan: [
    "tout prevu", "tout prepare", "tout organise", "tout planifie", "c est decide", "decision est prise", "ma decision", "j ai choisi",
    "je sais comment", "je sais ou", "je sais quand", "plan", "planifie", "prevu", "prepare", "organise", "decide", "date", "lettre*",
    "testament", "mes affaires en ordre", "tout regle", "tout range", "planned", "plan", "prepared", "decided", "made up my mind",
    "know how", "know when", "note", "will", "ready", "prete", "pret", "choisi", "chose", "picked",
    "j ai tout ce qu il faut", "ce qu il faut", "tout est pret", "j ai trouve", "repere*", "recherche*", "cherche", "endroit", "heure",
    "le jour", "la date", "searched", "looked up", "figured out", "everything ready", "all set", "what i need",
  ],
  // an act against oneself with a means, named as a verb and its object or place, never described
  method: [
    "me pend*", "pendre ~ plafond", "me jett*", "me jeter sous", "me noi*", "me laisser tomber du", "poison* myself", "hang* myself", "drown* myself",
    "throw* myself", "shoot* myself", "jump* off", "jump* in front", "jump* from", "se pend*", "se jett*", "se noi*", "s ouvrir les veines", "overdose on purpose", "me jeter du", "me jeter de", "me jeter par", "me jeter dans",
    "me jette sous", "me jette du", "me jette de", "me jette par", "me lancer sous", "sauter du", "sauter de", "sauter par", "sauter dans le vide",
    "sauter sous", "me noyer", "m ouvrir les veines", "me taillader les veines", "me tirer une balle", "me tirer dessus", "me foutre sous",
    "me mettre sous", "me coucher sur les rails", "me coucher sur la voie", "avaler tous", "avaler toutes", "avaler la boite", "avaler le tube",
    "prendre tous mes", "prendre toutes mes", "prends tous mes", "prends toutes mes", "pris tous mes", "pris toutes mes", "tous mes cachets",
    "toutes mes pilules", "tous mes medicaments", "toute la boite", "toutes les boites", "overdose", "surdose", "faire une od", "od",
    "m empoisonner", "m etouffer", "m asphyxier", "hang myself", "hanging myself", "jump off", "jump from", "jump in front", "throw myself",
    "overdose", "take all my", "taking all my", "took all my", "swallow all", "slit my", "shoot myself", "drown myself", "poison myself",
    "in front of a train", "sous un train", "sous le train", "sous une voiture", "sous un camion", "sous le metro", "sous un bus",
    "se pendre", "se pend", "se jeter", "se jette", "se noyer", "se tirer une balle", "entrer dans l eau", "rentrer dans l eau",
    "me laisser couler", "me laisser glisser", "avaler mes", "avale mes", "ai avale", "a avale", "avaler ses", "avale ses",
    "step in front", "walk into the", "onto the tracks", "drive into", "driving into", "crash my car", "took everything",
    "jumping off", "hang herself", "hang himself", "jump off the", "faire une overdose",
  ],
  means: [
    "pendre", "pendu*", "pendaison", "corde", "noeud", "me jeter", "jeter sous", "sauter", "saute", "pont", "train", "rails", "voie ferree",
    "fenetre", "balcon", "immeuble", "toit", "falaise", "medicament*", "medoc*", "cachet*", "pilule*", "comprime*", "boite*", "somnifere*",
    "anxiolytique*", "antidepresseur*", "overdose", "surdose", "od", "couteau", "lame*", "rasoir", "arme", "fusil", "pistolet", "flingue",
    "noyer", "noyade", "gaz", "voiture", "autoroute", "poison", "javel", "hang", "hanging", "rope", "noose", "jump", "jumping", "bridge",
    "tracks", "pill*", "tablet*", "meds", "overdos*", "knife", "blade*", "razor", "gun", "drown", "roof", "ledge", "cliff", "bottle",
    "stash", "stock*", "reserve", "achete", "bought", "collected", "gathered",
    "ouvrir les veines", "veines", "poignets", "se jeter", "precipiter", "vide", "metro", "quai", "sous un", "en bas", "tout avaler",
    "avaler", "prendre tout", "toutes mes", "tout le tube", "plaquette*", "ordonnance", "carabine", "balle", "monoxyde", "barbecue",
    "charbon", "ceinture", "echarpe", "drap*", "pills", "wrists", "veins", "train tracks", "subway", "platform", "highway", "swallow",
    "all of them", "the whole", "bottle of", "belt", "cord", "tie", "slit",
  ],
  timing: [
    "ce soir", "cette nuit", "demain", "maintenant", "tout de suite", "aujourd hui", "dans quelques heures", "dans une heure", "bientot",
    "ce week end", "cette semaine", "avant demain", "des que", "a minuit", "tout a l heure", "tonight", "tomorrow", "now",
    "right now", "today", "soon", "this weekend", "this week", "in a few hours", "at midnight", "later", "when everyone", "quand tout le monde",
  ],
  farewell: [
    "adieu", "adieux", "au revoir", "dernier message", "derniers mots", "lettre d adieu", "dites lui", "dites leur", "je vous aime",
    "je t aime", "pardonnez moi", "pardon", "prenez soin", "prends soin", "merci pour tout", "vous allez me manquer", "ne m en voulez pas",
    "goodbye", "farewell", "last message", "final message", "tell them i love", "i love you all", "forgive me", "take care of",
    "thank you for everything", "sorry for everything", "desole pour tout", "c est la fin", "c est fini", "this is the end", "bye",
    "dernier", "derniere fois", "une derniere", "ne m oubliez pas", "oubliez moi", "soyez heureux", "vivez", "je pars", "je m en vais",
    "vous serez mieux", "vous serez tranquilles", "ne pleurez pas", "mes enfants", "embrasse*", "last time", "one last", "remember me",
    "do not cry", "be happy", "i am sorry", "it is not your fault", "ce n est pas ta faute", "ce n est pas de votre faute", "lettre",
  ],
  hopeless: [
    "plus d espoir", "aucun espoir", "sans espoir", "aucune issue", "sans issue", "pas d issue", "plus de sens", "aucun sens",
    "a quoi bon", "rien ne changera", "jamais mieux", "plus la force", "je n en peux plus", "peux plus", "trop dur", "plus rien",
    "rien a perdre", "plus de raison", "aucune raison", "hopeless", "no hope", "no way out", "no point", "pointless", "nothing will change",
    "never get better", "can not go on", "can not do this", "no reason", "nothing left", "give up", "abandonne", "epuise*", "vide",
    "bout du rouleau", "au bout", "je lache", "baisse les bras", "plus la force de", "a bout", "rien ne sert", "plus aucun", "trop tard",
    "tout perdu", "personne ne", "seul*", "noir", "piege*", "coince*", "at the end of my rope", "trapped", "so tired of", "tired of living",
    "done with", "can not anymore", "can not take it", "nothing matters", "no future", "pu capable", "plus capable", "tanne",
  ],
  burden: [
    "fardeau", "un poids", "poids pour", "mieux sans moi", "debarrasse*", "sans moi", "de trop", "sert a rien", "sers a rien", "inutile",
    "personne ne remarquera", "manquerai a personne", "personne ne me regrettera", "burden", "better off without me", "without me",
    "no one would notice", "nobody would care", "nobody will miss", "waste of space", "useless", "worthless",
    "vous liberer", "les liberer", "vous soulager", "plus un poids", "plus a charge", "a charge", "plus de probleme", "leur vie sera",
    "ils seront mieux", "ils iraient mieux", "tout le monde serait", "a cause de moi", "je gache", "je pourris", "free them", "relieve",
    "they would be better", "everyone would be better", "be better off", "ruin everything", "my fault",
  ],
  selfharm: [
    "me couper", "me coupe", "coupee", "coupe", "scarif*", "me mutiler", "mutil*", "automutil*", "me faire du mal", "me faire mal",
    "me bruler", "me griffer", "me taillader", "cicatrice*", "sang", "saigne*", "cut myself", "cutting", "cut", "self harm*", "selfharm*",
    "hurt myself", "harm myself", "burn myself", "scars", "bleed*", "bloody", "relapse", "rechute", "recommence*",
    "me taillader", "me tailler", "taillade*", "entaille*", "bras", "cuisses", "pansement*", "compas", "me frapper", "me cogner",
    "marques", "arms", "thighs", "bandage*", "hit myself", "punish myself", "me punir",
    "se couper", "se coupe", "se scarifie", "se fait du mal", "s est fait du mal", "se faire du mal", "se bruler", "se mutile",
    "me brule", "me fais du mal", "auto agressi*", "self injur*", "cutting herself", "cutting himself", "hurting herself",
    "hurting himself", "hurt herself", "hurt himself", "cuts", "fresh marks", "relapsed", "cutter", "plaie*", "poignet*", "sh",
  ],
  giving: [
    "donne mes affaires", "donner mes affaires", "je vous laisse", "je te laisse", "je lui laisse", "leguer", "legue", "mes affaires",
    "plus besoin", "plus l usage", "mon chat", "mon chien", "give away", "giving away", "gave away", "my things", "my stuff",
    "will not need", "take my", "prendre mon",
    "garder mon chat", "garder mon chien", "occuper de mon", "occupe toi de", "occupez vous de", "prends mon", "prenez mes", "je te donne",
    "je vous donne", "mes mots de passe", "mes codes", "mes papiers", "look after my", "take care of my", "my passwords",
  ],
  // — contexts
  first: ["je", "me", "moi", "mon", "ma", "mes", "i", "myself", "my", "mine"],
  // wanting or going to do something, said by the speaker: with a means or self-harm it becomes a plan
  volition: [
    "je vais", "je veux", "je voudrais", "je compte", "j ai envie de", "j ai decide de", "je vais aller", "je m en vais", "je finirai par",
    "je vais finir par", "je pense a", "je pense a me", "i am going to", "i want to", "i will", "i am gonna", "i plan to", "i decided to",
    "i am about to", "going to", "want to", "about to", "plan to",
    "il va", "elle va", "il veut", "elle veut", "il compte", "elle compte", "je compte", "jcompte", "he is going to", "she is going to",
    "wants to", "plans to", "intends to", "intention", "intent", "sur le point de",
  ],
  negation: ["ne", "pas", "jamais", "rien", "aucun", "aucune", "not", "never", "no", "nothing", "nobody", "personne"],
  past: [
    "il y a", "a l epoque", "autrefois", "avant", "quand j etais", "quand j avais", "ans", "annees", "an dernier", "annee derniere",
    "l ete dernier", "hier", "passe", "jadis", "adolescente", "adolescent", "avais", "etais", "voulais", "pensais", "ai voulu", "ai essaye",
    "ai fait", "ai pris", "ai tente", "tentative", "used to", "years ago", "ago", "back then", "when i was", "last year", "had", "was",
    "were", "tried", "attempt", "attempted", "yesterday", "teen*",
  ],
  recovery: [
    "je vais mieux", "vais mieux", "va mieux", "m en suis sorti", "m en suis sortie", "retablissement", "guerison",
    "gueri", "guerie", "je remonte", "je revis", "je m accroche", "stable", "sobre", "therapie", "soigne*", "recovery", "recovered",
    "better now", "doing better", "i am better", "healing", "therapy", "survived", "survivor", "survivante", "survivant", "grateful",
  ],
  third: [
    "il", "elle", "ils", "elles", "lui", "leur", "son", "sa", "ses", "mon fils", "ma fille", "mon frere", "ma soeur", "ma mere", "mon pere",
    "mon ami", "mon amie", "mon copain", "ma copine", "mon mari", "ma femme", "mon conjoint", "ma compagne", "mon compagnon", "mon ado",
    "mon enfant", "un ami", "une amie", "he", "she", "they", "him", "her", "his", "their", "my son", "my daughter", "my brother",
    "my sister", "my mother", "my mom", "my father", "my dad", "my friend", "my partner", "my husband", "my wife", "my kid",
  ],
  reported: ["dit", "dis", "a dit", "m a dit", "disait", "ecrit", "m a ecrit", "raconte", "says", "said", "told me", "texted", "wrote", "writes"],
  prevention: [
    "3114", "prevention", "numero", "ligne d ecoute", "ecoute", "si vous pensez", "si tu penses", "appelez", "appelle", "parlez en",
    "parles en", "sos amitie", "association", "campagne", "sensibilisation", "formation", "ressources", "helpline", "hotline", "crisis line",
    "if you are thinking", "call", "reach out", "talk to someone", "samaritans", "988", "awareness", "warning signs", "signes",
  ],
  fiction: [
    "film", "roman", "livre", "serie", "personnage", "chanson", "jeu", "scene", "episode", "poeme", "heros", "heroine", "acteur", "actrice",
    "movie", "novel", "book", "series", "character", "song", "game", "show", "poem", "lyrics", "paroles", "play", "theatre", "anime", "manga",
  ],
  idiom: [
    "mourir de rire", "mort de rire", "morte de rire", "mdr", "ptdr", "mourir de faim", "meurs de faim", "creve de faim", "mourir de soif",
    "meurs de soif", "meurs de chaud", "creve de chaud", "meurs de froid", "mourir d ennui", "a mourir", "ca me tue", "tu me tues",
    "va me tuer", "me tue a la tache", "tuer le temps", "c est mortel", "mortel", "je suis mort", "je suis morte", "suis creve",
    "suis crevee", "mort de fatigue", "morte de fatigue", "meurs d envie", "died laughing", "dying to", "to die for", "killing me",
    "kill time", "killed it", "killing it", "dead tired", "dye", "hair", "could kill for", "kill for a", "dead serious", "lol", "lmao",
    "😂", "🤣", "batterie", "battery", "phone", "telephone",
  ],
  conditional: ["si", "if", "unless", "would", "serait", "aurait", "pourrait", "could", "might"],
  helper: [
    "comment aider", "comment l aider", "comment la aider", "comment le aider", "que faire", "quoi faire", "how can i help", "how do i help",
    "how to help", "what should i do", "what do i do", "conseil", "conseils", "advice", "aider", "help",
  ],
  care: [
    "traitement", "ordonnance", "medecin", "pharmacie", "pharmacien*", "psychiatre", "psychologue", "infirmier*", "hopital", "consultation",
    "rendez vous", "posologie", "prescription", "prescrit", "doctor", "pharmacy", "nurse", "hospital", "appointment", "refill", "dose",
  ],
};
