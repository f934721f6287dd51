/**
 * The weighted patterns of the crisis-signal rules, matched against normalised, accent-folded
 * text (see crisis-signal.ts). Kept apart so the rules read as one list.
 */

// ————————————————————————————————————————————————————————————————— patterns
// Written against the normalised form: no accents, "je ai", "ce est", "le acte", "que il".
// Every pattern is wrapped so it starts and ends on word boundaries; "|" separates sentences
// and "," clauses in the analysed line, so a pattern never spans a sentence.

const END = "(?= [|,])";
const ADV =
  "(?:(?:juste|vraiment|tellement|seulement|simplement|enfin|franchement|serieusement|trop|bien|grave|tant|de nouveau|encore|tout simplement) ){0,2}";
const IDIOM_AFTER_DIE =
  "(?! (?:de (?:rire|faim|soif|honte|peur|froid|chaud|ennui|sommeil|fatigue|envie|impatience|jalousie|plaisir|bonheur|curiosite|stress|trouille|chagrin|amour)|a (?:la tache|le dire|le repeter|petit feu|force)|le abces|sous terre|des reseaux|de les reseaux|de la circulation|quelques|pendant|un moment|un peu|du groupe|de ce (?:forum|groupe)|pour (?:mes|mon|ma|toi|lui|elle|eux|vous|nous|la|le|une|un|cette|ce|les|des|sa|son|ses|quelque))(?: |$))" +
  // "en finir avec les idées reçues" is not about life; "en finir avec la vie" is.
  "(?! avec (?!(?:la vie|ma vie|tout|moi|ce monde|cette vie|le existence|mes jours)(?: |$)))";
const WANT =
  "(?:veux|voudrais|aimerais|souhaite|souhaiterais|prefere|prefererais|aimerais mieux|desire|reve de|ne demande que a|ai hate de|ai decide de|ai pris la decision de|ai " +
  ADV +
  "envie de|ai besoin de|suis pret a|suis prete a|suis decide a|suis decidee a|me sens pret a|me sens prete a)";
const WILL =
  "(?:vais|compte|ai decide de|me prepare a|suis sur le point de|dois|envisage de|prevois de|vais essayer de|ai prevu de)";
const DIE_ACTIVE =
  "(?:mourir|crever|me suicider|me tuer|en finir|mettre fin a (?:mes jours|ma vie)|me foutre en le air|me supprimer|me donner la mort|passer a le acte|quitter ce monde|me laisser mourir)";
const KILL_SELF =
  "(?:me suicider|me tuer|en finir|mettre fin a (?:mes jours|ma vie)|me foutre en le air|me supprimer|me donner la mort|passer a le acte|quitter ce monde)";
const DIE_PASSIVE =
  "(?:disparaitre(?: pour (?:toujours|de bon)| a jamais)?|partir pour (?:toujours|de bon)|dormir pour toujours|ne (?:plus|jamais|plus jamais) (?:me reveiller|exister|vivre|etre la)|me endormir (?:pour toujours|et ne (?:plus|jamais|plus jamais) me reveiller|pour ne (?:plus|jamais) me reveiller))";
const PLAN_END =
  "(?= [|,]| (?:ce soir|cette nuit|demain|maintenant|cette fois|ce week end|pour (?:ce soir|cette nuit|demain|le faire|en finir|partir|mourir|que|quand|mon depart|le grand jour)|et (?:je|ce|il|tout|plus)|depuis|je|il|mais|tout est|ce est)(?= ))";
const PURPOSE_OK = "(?:le faire|en finir|mourir|partir|me tuer|ce soir|cette nuit|demain|que|quand|de bon)";
const NO_OTHER_PURPOSE = `(?! pour (?!${PURPOSE_OK} ))`;
const DAYS = "(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)";
const NOT_HERE_ORDINARY = `(?! (?:a|au|aux|en|du|des|le|la semaine|le mois|les|${DAYS}|cet|cette semaine|pendant|jusque|jusqu|apres le|avant le|ce week end|quand (?:tu|il|elle|vous|ils))(?: |$))(?! pour (?!(?:longtemps|vous (?:embeter|deranger|ennuyer|faire souffrir|peser))(?: |$)))`;
const ENDING_ORDINARY = "(?! (?:les|le|la|de|du|des|avec|mes|mon|ma|ces|ce|cette|a|au|aux|en)(?: |$))";
const LAST_ORDINARY = "(?! (?:a|au|aux|en|chez|dans|ici|avant|de|du|des|sur|avec|pour|sans)(?: |$))";
const SELF_HARM_VERB = "(?:couper|scarifier|faire du mal|blesser|bruler|taillader|mutiler|frapper|faire mal)";
const SELF_HARM_ORDINARY =
  "(?! (?:les|la|le|un|une|du|des|au|aux|en (?:cuisinant|me rasant|jardinant|bricolant)|par accident|avec (?:le|la|un|une) (?:papier|feuille))(?: |$))";
const EN_ORDINARY_DIE =
  "(?! (?:of|laughing|from|for|on this hill|inside|a little|when|than|in (?:my sleep|peace)|with embarrassment)(?: |$))";
const EN_PLAN_END = "(?= [|,]| (?:and|for (?:tonight|tomorrow|it)|tonight|tomorrow|now|i|it|this)(?= ))";

export type RuleSpec = readonly [id: string, weight: number, pattern: string];

export const RULE_SPECS: readonly RuleSpec[] = [
  // — Intent (French)
  ["intent.want_to_die", 0.85, `je ${WANT} ${ADV}(?:de )?${DIE_ACTIVE}${IDIOM_AFTER_DIE}`],
  ["intent.going_to_kill_self", 0.85, `je ${WILL} ${ADV}${KILL_SELF}${IDIOM_AFTER_DIE}`],
  ["intent.going_to_die", 0.3, `je (?:vais|dois) ${ADV}(?:mourir|crever)${IDIOM_AFTER_DIE}`],
  ["intent.now_present_tense", 0.8, `je me (?:suicide|tue) (?:ce soir|cette nuit|demain|maintenant|ce week end|bientot)|je (?:mets|met) fin a (?:mes jours|ma vie)|je me foutrai en le air`],
  ["intent.done_with_life", 0.7, `je en ai (?:fini|termine|assez) avec (?:la vie|ma vie|ce monde|cette vie|le existence)|je ne supporte plus (?:de vivre|la vie|ma vie|de exister|le existence)`],
  ["intent.act_now", 0.8, `je (?:passe|passerai) a le acte|je (?:suis pret|suis prete) a passer a le acte|je risque de passer a le acte`],
  ["intent.waiting_moment", 0.75, `je (?:attends|cherche|guette) ${ADV}(?:le bon moment|le moment|la occasion) (?:de|pour) ${KILL_SELF}${IDIOM_AFTER_DIE}`],
  ["intent.afraid_to_act", 0.55, `je ai (?:tres |vraiment )?peur de (?:passer a le acte|me tuer|me suicider|me faire du mal|faire une betise|ce que je (?:vais|pourrais) faire|ne pas tenir)`],
  ["intent.ready_to_go", 0.45, `je (?:me sens |suis )(?:pret|prete) a partir${END}`],
  ["intent.appointment_with_death", 0.8, `rendez vous avec la mort`],
  ["intent.join_the_dead", 0.7, `je (?:veux |vais |voudrais |aimerais |pars |compte )?(?:rejoindre|rejoins|rejoindrai|retrouver|retrouve|retrouverai) (?:[a-z]+ ){0,3}(?:la haut|au ciel|au paradis|de le autre cote)`],
  ["intent.join_them", 0.45, `je (?:veux|vais|voudrais|aimerais) (?:le|la|les) (?:rejoindre|retrouver)${END}`],
  // — Passive death wish
  ["passive.wish", 0.7, `je (?:${WANT}|vais) ${ADV}${DIE_PASSIVE}${IDIOM_AFTER_DIE}`],
  ["passive.no_more_life", 0.75, `je (?:ne )?(?:veux|voudrais|souhaite) (?:plus|plus jamais) (?:vivre(?! (?:comme ca|ainsi|avec|dans|ici|chez|la bas|en|a)(?: |$))|exister|me reveiller|etre en vie|etre de ce monde|etre la${NOT_HERE_ORDINARY})`],
  ["passive.not_wake_up", 0.7, `je (?:ne )?(?:veux|voudrais) pas me reveiller(?: demain| le matin)?(?! (?:tot|trop|avant|a|vers|en retard)(?: |$))`],
  ["passive.no_desire_to_live", 0.7, `je (?:ne )?ai plus (?:du tout |aucune |vraiment )?envie de (?:vivre|exister|me reveiller)`],
  ["passive.no_strength", 0.35, `je (?:ne )?ai plus (?:la force|le courage|envie) de (?:me battre|continuer|tenir)${END}`],
  ["passive.no_reason_to_live", 0.6, `je (?:ne )?(?:ai|vois|trouve) (?:plus )?(?:aucune |de |pas de |plus de )?raisons? de (?:vivre|continuer|rester en vie|me lever)`],
  ["passive.everything_stop", 0.55, `je (?:veux|voudrais|aimerais) (?:juste |seulement |simplement )?que tout (?:ca |cela )?(?:se arrete|finisse|soit fini|prenne fin)`],
  ["passive.stop_for_good", 0.6, `que (?:ca|cela|la vie|ma vie|tout) (?:se arrete|finisse|soit fini|prenne fin) (?:definitivement|pour de bon|pour toujours|a jamais)`],
  ["passive.make_it_stop", 0.3, `je (?:veux|voudrais) (?:juste |seulement )?que (?:ca|cela) (?:se arrete|cesse)`],
  ["passive.death_only_solution", 0.7, `la mort (?:est|me semble|serait|reste|me parait) (?:ma |la )?(?:seule|unique|derniere) (?:solution|issue|option|delivrance|porte de sortie)`],
  ["passive.no_way_out_but_death", 0.75, `je (?:ne )?(?:vois|trouve) (?:pas|plus|aucune|rien)(?: de)?(?: autre)? (?:issue|solution|sortie|option|chose)(?: possible)? que (?:la mort|de mourir|de en finir|le suicide|de partir|de disparaitre)`],
  ["passive.tired_of_living", 0.45, `je (?:en )?(?:ai|suis) (?:marre|fatigue|fatiguee|las|lasse|epuise|epuisee) de (?:vivre|la vie|exister|cette vie)`],
  ["passive.no_more_of_this_life", 0.6, `je ne veux plus de (?:cette vie|ma vie|la vie|cette existence)|(?:tout arreter|en finir|arreter de vivre) (?:definitivement|pour de bon|pour toujours|une bonne fois pour toutes)`],
  ["passive.no_tomorrow", 0.65, `je ne veux (?:pas|plus) voir (?:le jour se lever|demain|le soleil se lever|un autre jour|un jour de plus|la semaine prochaine)`],
  ["passive.never_existed", 0.5, `(?:ne jamais|jamais) (?:avoir existe|avoir vecu|etre nee?)|(?:never|not) to have (?:existed|been born)`],
  ["passive.cant_live_like_this", 0.35, `je (?:ne )?(?:veux|peux) plus vivre comme ca`],
  ["passive.nothing_holds_me", 0.45, `plus rien ne me (?:retient|rattache)|rien ne me retient plus`],
  ["distress.no_way_out", 0.35, `je (?:ne )?(?:vois|trouve) (?:pas|plus|aucune)(?: de)?(?: autre)? (?:issue|solution|sortie)${END}|il ne y a (?:plus|pas) de (?:issue|solution|sortie|espoir)`],
  ["distress.giving_up", 0.35, `je laisse tomber (?:pour de bon|definitivement|pour toujours|tout)|je abandonne (?:tout|pour de bon|definitivement)|je en ai assez de (?:me battre|lutter|vivre|tout)|(?:cette fois )?ce est la fin(?= [|,])`],
  ["distress.stronger_than_me", 0.3, `(?:elles|ils|les idees|les envies|ca) (?:sont|est) plus forte?s? que moi`],
  ["distress.exhausted", 0.2, `je (?:ne )?en peux (?:vraiment |juste )?plus|plus rien ne a de sens|je suis a bout|je souffre trop|je ne y arrive plus`],
  ["distress.dont_save_me", 0.35, `je ne veux pas que on me (?:sauve|retrouve|reanime|cherche)|ne me cherchez pas|personne ne me cherchera|ne (?:cherchez|essayez) pas (?:a|de) me (?:retenir|sauver|trouver|retrouver|arreter)`],
  // — Ideation
  ["ideation.thinking_of_suicide", 0.6, `je (?:pense|songe|reflechis|ne arrete pas de penser|ne cesse de penser|ne fais que penser) ${ADV}(?:a|au|de plus en plus a|tout le temps a|sans arret a) (?:me suicider|me tuer|en finir|mettre fin a mes jours|me foutre en le air|mourir)|je (?:pense|ne arrete pas de penser|ne cesse de penser) ${ADV}au suicide`],
  ["ideation.suicidal", 0.5, `je (?:ai|ai encore|ai de nouveau|ai toujours|ai souvent|ai beaucoup) (?:des |de |ces |mes |les )?(?:idees|pensees) (?:suicidaires|de suicide|de mort)|je suis (?:tres |encore |de nouveau |completement )?suicidaire`],
  ["ideation.dark_thoughts", 0.25, `je (?:ai|ai encore|ai de nouveau) (?:des )?idees noires`],
  // — Burden
  ["burden.better_without_me", 0.7, `(?:tout le monde|ma famille|mes (?:enfants|parents|proches|amis|filles|fils)|mon (?:mari|copain|fils|pere|entourage|compagnon)|ma (?:femme|copine|fille|mere|compagne)|ils|elles|vous|le monde|tous|les autres) (?:serai(?:en)?t|seront|serez|vivrai(?:en)?t|vivront|irai(?:en)?t|iront|se porterai(?:en)?t|tournerait|tournera|sera) (?:(?:tellement|bien|beaucoup|vraiment|enfin|tous|plus) ){0,2}(?:mieux|heureux|heureuses|tranquilles?|libres?) (?:sans moi|quand je (?:serai|ne serai plus) (?:parti|partie|mort|morte|la)|si je (?:etais|ne etais plus) (?:parti|partie|mort|morte|la))`],
  ["burden.rid_of_me", 0.6, `(?:vous|ils|elles|tout le monde) (?:serez|seriez|seront|sera|allez etre) (?:enfin |bientot )?(?:debarrasse|debarrassee|debarrasses|debarrassees|tranquilles?|liberes?) de moi`],
  ["burden.no_longer_a_burden", 0.65, `je (?:ne )?(?:serai|serais) (?:bientot )?plus (?:un|une) (?:poids|fardeau|probleme|charge|souci|boulet)`],
  ["burden.nobody_will_miss_me", 0.45, `personne ne me (?:manquera|regrettera|pleurera)|je ne (?:manquerai|manquerais) a personne|personne ne (?:remarquera|verra) (?:mon absence|que je ne suis plus la)|nobody (?:will|would) (?:miss|notice|care about) me|no one (?:will|would) (?:miss|notice|care about) me`],
  ["burden.no_one_to_care_for_me", 0.5, `(?:plus )?personne ne aura (?:plus )?a (?:se occuper|supporter|penser|se inquieter|payer) (?:de |pour )?moi|vous ne aurez plus a (?:vous occuper|supporter|vous inquieter) (?:de |pour )?moi`],
  ["burden.i_am_a_burden", 0.3, `je (?:ne )?suis (?:que )?(?:un|une) (?:poids|fardeau|charge|boulet)|je suis de trop`],
  // — Plan
  ["plan.everything_prepared", 0.75, `je (?:ai|ai deja|ai enfin|ai bien) tout (?:prepare|prevu|planifie|organise|calcule|regle)${PLAN_END}`],
  ["plan.time_to_go", 0.45, `il est temps (?:pour moi )?de (?:partir|en finir|dire adieu|vous quitter)|je (?:peux|vais pouvoir) partir (?:tranquille|tranquillement|en paix|sereine?)`],
  ["plan.have_a_plan", 0.6, `je (?:ai|ai enfin|ai deja) (?:un|mon) plan${PLAN_END}`],
  ["plan.know_how", 0.7, `je sais (?:exactement |deja )?comment (?:je vais )?(?:le faire|en finir|me y prendre|mourir|me tuer)|je sais (?:exactement |deja )?comment je vais faire${END}`],
  ["plan.date_chosen", 0.7, `je ai (?:choisi|fixe) (?:la date|le jour|le moment|le endroit|le lieu|la heure)(?! (?:de|du|des|pour|avec|ou nous|ou on|que nous)(?: |$))`],
  ["plan.all_ready", 0.4, `tout est (?:pret|prevu|organise|en place|regle|planifie)${PLAN_END}`],
  ["plan.only_waiting", 0.35, `il ne (?:me )?reste (?:plus )?que a (?:attendre|le faire|partir|dire adieu|passer a le acte)`],
  ["plan.doing_it_tonight", 0.35, `je vais le faire (?:ce soir|cette nuit|demain|maintenant|tout a le heure)|je vais y remedier(?: ce soir| cette nuit)?`],
  ["plan.nobody_will_stop_me", 0.4, `personne ne (?:pourra|va|peut) me (?:en )?(?:empecher|arreter|retenir)|nobody (?:can|will|is going to) stop me`],
  ["plan.decided", 0.25, `ce est decide|ma decision est prise|je (?:ai|ai bien) pris ma decision|je le ai decide`],
  // — Means (kept generic on purpose)
  ["means.acquired", 0.75, `je (?:ai|me suis|viens de) (?:enfin |deja )?(?:achete|procure|trouve|recupere|commande|reuni|rassemble|obtenu|acheter|procurer|trouver|recuperer) (?:tout )?(?:ce que il (?:me )?faut|ce dont je ai besoin|le necessaire|tout le necessaire|de quoi (?:le faire|en finir|mourir|partir|me tuer))${NO_OTHER_PURPOSE}`],
  ["means.have_for_purpose", 0.8, `je ai (?:deja |enfin )?(?:tout )?ce que il (?:me )?faut pour (?:le faire|en finir|mourir|partir|me tuer|ce soir|cette nuit)`],
  ["means.at_hand", 0.7, `je ai (?:deja |enfin )?tout ce que il (?:me )?faut (?:a portee de main|sous la main|a cote de moi|pres de moi|ici|chez moi|dans ma chambre)`],
  ["means.have_everything", 0.45, `je ai (?:deja |enfin )?(?:tout )?ce que il (?:me )?faut${END}|je ai tout sous la main`],
  ["means.have_it_with_me", 0.7, `je ai (?:deja |enfin )?(?:tout )?ce que il (?:me )?faut (?:(?:dans|sous|sur|derriere) (?:mon|ma|le|la) [a-z]+|sur moi|avec moi)`],
  ["means.hidden", 0.7, `je ai (?:cache|planque|mis de cote|garde|range) (?:tout )?(?:ce que il (?:me )?faut|ce dont je ai besoin|le necessaire|de quoi (?:le faire|en finir|mourir|partir))`],
  ["means.found_the_way", 0.7, `je ai (?:enfin |deja )?trouve (?:le|un) moyen(?: de (?:le faire|en finir|mourir|partir|me tuer|me suicider|disparaitre|ne plus souffrir|tout arreter))?${PLAN_END}`],
  ["means.found_how", 0.7, `je ai (?:enfin )?trouve comment (?:le faire|en finir|mourir|partir|me tuer|faire)${PLAN_END}`],
  ["means.have_what_it_takes", 0.75, `je ai (?:enfin |deja )?de quoi (?:le faire|en finir|mourir|partir|me tuer)`],
  ["means.stockpiling", 0.6, `je (?:stocke|ai stocke|accumule|ai accumule|cache|ai cache|economise|ai economise|mets de cote|ai mis de cote|garde de cote) (?:des|mes|tous mes|toutes mes|plein de|assez de) (?:medicaments|medocs|cachets|comprimes|pilules|boites)|je (?:mets|ai mis|garde|ai garde) (?:des|mes|tous mes|toutes mes|plein de|assez de) (?:medicaments|medocs|cachets|comprimes|pilules|boites) de cote`],
  // — Timing, "I won't be here"
  ["timing.tonight_it_ends", 0.75, `(?:ce soir|cette nuit|demain|aujourd hui)(?: ,)? (?:ce est|ce sera|tout est|tout sera) (?:fini|termine|la fin)${ENDING_ORDINARY}|(?:ce soir|cette nuit|demain)(?: ,)? (?:tout|ma vie|ma souffrance) (?:se arrete|va se arreter|prend fin|finit|se termine)${ENDING_ORDINARY}`],
  ["timing.soon_over", 0.4, `(?:tout|ma vie) (?:sera|va etre) (?:bientot )?(?:fini|termine)${ENDING_ORDINARY}|bientot (?:ce|ca|tout) sera (?:fini|termine)${ENDING_ORDINARY}`],
  ["timing.too_late", 0.3, `demain (?:il )?sera trop tard`],
  ["timing.wont_be_here", 0.7, `je (?:ne )?(?:serai|serais) (?:plus|bientot plus|plus jamais) (?:la|ici|de ce monde|parmi vous|en vie|vivante?)${NOT_HERE_ORDINARY}`],
  ["timing.not_for_long", 0.6, `je suis (?:encore|toujours) la(?: ,)? (?:mais )?plus pour (?:tres )?longtemps`],
  ["timing.last_night", 0.6, `(?:ce est|ceci est|ce sera|voici|voila|(?:cette nuit|ce soir|demain|aujourd hui) sera) (?:ma|mon) (?:derniere (?:nuit|journee|soiree|fois|lettre)|dernier (?:jour|soir|message|mot|post|au revoir))${LAST_ORDINARY}`],
  ["timing.last_you_hear", 0.6, `derniere fois que vous (?:entendez|entendrez|aurez) (?:parler de moi|de mes nouvelles)|vous ne (?:entendrez|aurez) plus (?:jamais )?(?:parler de moi|de mes nouvelles)`],
  ["timing.never_see_me", 0.55, `vous ne me (?:reverrez|verrez|entendrez|lirez) plus(?: jamais)?(?! (?:au|a|aux|en|dans|sur|le|la|les|pendant|avant|ici|pour|${DAYS})(?: |$))`],
  ["timing.wont_last", 0.6, `je (?:ne )?(?:tiendrai|vais tenir|tiens) (?:pas|plus) (?:jusque|jusqu) (?:a|au) (?:demain|ce soir|la fin de la (?:nuit|semaine)|${DAYS}|matin)`],
  ["timing.leaving_forever", 0.55, `je (?:pars|me en vais|vais partir|partirai|vais me en aller) (?:ce soir |cette nuit |demain )?(?:pour (?:toujours|de bon)|definitivement|a jamais)|je (?:serai|suis) (?:parti|partie|partis) (?:pour (?:toujours|de bon)|a jamais|definitivement)`],
  ["timing.leave_for_good", 0.5, `partir (?:pour toujours|pour de bon|a jamais|definitivement)(?! (?:en|a|au|aux|vivre|habiter|loin|de chez|de la maison|de ce pays|de ce groupe|de ce forum)(?: |$))`],
  ["timing.last_time_i_write", 0.55, `(?:ce est|ce sera|voici) la derniere fois que je (?:vous |te )?(?:ecris|parle|vois|dis)|je (?:vous |te )?(?:ecris|parle) (?:pour )?une derniere fois`],
  ["timing.will_be_dead", 0.45, `je (?:serai|serais) (?:deja )?(?:mort|morte)(?! (?:de|du|des|et enterree?)(?: |$))`],
  ["timing.dead_by_then", 0.5, `(?:demain|ce soir|cette nuit|bientot|dans quelques heures|de ici demain|de ici ce soir)(?: ,)? je serai (?:mort|morte|partie?|loin de tout)`],
  ["timing.leaving_tonight", 0.45, `(?:(?:ce soir|cette nuit) je (?:pars|me en vais|partirai)|je (?:pars|me en vais) (?:ce soir|cette nuit))(?! (?:en|a|au|aux|pour|chez|avec|de|du|dans|sur|vers|loin|travailler|dormir|me coucher|rejoindre|voir)(?: |$))`],
  ["timing.stop_everything", 0.3, `je (?:arrete|vais tout arreter|arreterai) tout (?:ce soir|cette nuit|demain|maintenant)`],
  ["timing.not_coming_back", 0.35, `je ne reviendrai (?:pas|plus|jamais)(?! (?:avant|au|a|en|chez|sur|dans|de|ici avant)(?: |$))`],
  // — Farewell
  ["farewell.goodbye_letter", 0.8, `je (?:ai|viens de|ai fini de|ai termine de|suis en train de|finis de|vais|laisse|ecris) (?:ecrit |ecrire |redige |rediger |laisse |laisser |prepare |preparer |poste |poster )?(?:[a-z]+ ){0,3}(?:mes|les|toutes mes|ma|une|des) (?:dernieres? )?lettres? de adieu`],
  ["farewell.my_letters", 0.6, `(?:ecrit|redige|prepare|termine|fini|fini de ecrire|laisse) (?:mes|toutes mes) (?:dernieres )?lettres(?! de (?!adieu)| pour (?:le|la|les|mon|ma|un|une)(?: |$))`],
  ["farewell.letter_ready", 0.65, `(?:ma|mes) (?:derniere |dernieres )?lettres? (?:de adieu )?(?:est|sont) (?:prete|pretes|ecrite|ecrites|sur|posee|posees|dans)`],
  ["farewell.adieu", 0.55, `^adieu(?: (?:a tous|a toutes|a vous|tout le monde|mes amis|les amis|maman|papa|le monde|la vie|a la vie|mon amour))?${END}|je vous dis adieu|je (?:te|vous) fais mes adieux|(?:ce est|ce sont|voici) mes adieux|adieu a (?:tous|toutes|vous|tout le monde|la vie)`],
  ["farewell.this_is_goodbye", 0.6, `ce message est (?:un|mon|le) (?:au revoir|adieu|dernier)(?! (?:avant|de la|du|de le)(?: |$))|(?:voici|ceci est) (?:mon|un|le) (?:message de adieu|dernier message|au revoir)`],
  ["farewell.a_letter_for_each", 0.5, `(?:une|ma) (?:lettre|lettres|mot) (?:pour|a) chacune? (?:de vous|de vous tous)?`],
  ["farewell.its_over_for_me", 0.4, `ce est fini pour moi|tout est fini pour moi|ce est la fin pour moi`],
  ["farewell.said_goodbye", 0.45, `je ai dit (?:au revoir|adieu) a (?:tout le monde|tous|toutes|mes proches|ma famille)|vous dire adieu|je ai fait mes adieux`],
  ["farewell.saying_goodbye", 0.35, `(?:je voulais|je tenais a|je veux) (?:juste |simplement )?vous dire au revoir|je vous dis au revoir(?! (?:et a|a (?:demain|bientot|lundi|tout a le heure|la semaine))(?: |$))|^au revoir a (?:tous|toutes|tout le monde)${END}`],
  ["farewell.forgive_me_for_leaving", 0.55, `pardon(?:nez moi)? de (?:partir|vous laisser|vous abandonner|vous quitter|faire ca)|(?:desole|desolee) de (?:partir|vous laisser|vous abandonner)`],
  ["farewell.forgive_me", 0.25, `pardonnez moi|pardonne moi|je vous demande pardon|pardon a tous|pardon pour tout|(?:desole|desolee) pour tout`],
  ["farewell.thanks_for_everything", 0.2, `merci pour tout`],
  ["farewell.love_you", 0.1, `je vous aime(?: tous| toutes| fort)?`],
  ["farewell.take_care", 0.15, `prenez soin de vous|prends soin de toi`],
  ["farewell.care_for_mine", 0.45, `(?:prenez|prends|prendrez) soin de (?:mon|ma|mes) (?:chat|chien|chats|chiens|enfants|fille|fils|animaux|plantes|mere|pere|famille)`],
  ["farewell.tell_them_i_love_them", 0.45, `dites a (?:ma|mon|mes) [a-z]+ que je (?:le |la |les )?aime|dis a (?:ma|mon|mes) [a-z]+ que je (?:le |la |les )?aime|tell (?:my|her|him|them) (?:[a-z]+ )?(?:that )?i love (?:her|him|them|you)`],
  ["farewell.cant_tell_them", 0.35, `je ne pourrai (?:pas|plus) (?:le lui dire|vous le dire|le leur dire|lui dire|vous dire)`],
  ["farewell.one_last_time", 0.35, `je ai (?:[a-z]+ ){1,2}une derniere fois|une derniere fois (?:les|mes|ma|mon) [a-z]+`],
  ["farewell.after_i_am_gone", 0.45, `apres (?:mon depart|ma mort|que je serai partie?)|quand je serai (?:partie?|morte?)(?= [|,])|(?:after|when|once) i am (?:gone|dead)`],
  ["farewell.dont_blame", 0.3, `ne me en (?:voulez|veux) pas|ne soyez pas tristes?|ce ne est pas (?:de )?votre faute`],
  // — Giving possessions away
  ["giving.belongings", 0.55, `je (?:donne|ai donne|distribue|ai distribue|legue|ai legue|laisse|offre|ai offert|vends|ai vendu) (?:toutes |tout )?(?:mes|tous mes) (?:affaires|biens|possessions|objets|bijoux|economies|tresors|affaires personnelles)(?! (?:de bebe|de sport|de ski|de (?:mon|ma) (?:enfant|fils|fille|bebe)|de hiver|de ete)(?: |$))`],
  ["giving.wont_need", 0.45, `je (?:ne )?en aurai (?:plus|pas) (?:besoin|le usage)|la ou je vais`],
  ["giving.leaving_you_my_things", 0.35, `je (?:vous|te|leur|lui) (?:laisse|donne|legue|offre) (?:mon|ma|mes|tous mes|toutes mes) (?!(?:place|numero|adresse|mail|contact|avis|tour|parole)(?: |$))[a-z]+`],
  ["giving.bequest", 0.55, `je (?:vous |te )?legue|je ai (?:fait|redige|ecrit) mon testament|(?:fait|redige) mon testament|mon testament est pret`],
  ["giving.pets", 0.35, `je (?:vous |te |lui |leur )?(?:donne|confie|laisse) (?:mon|ma|mes) (?:chat|chatte|chien|chienne|chats|chiens|animaux|lapin|oiseau|perroquet|cheval)`],
  ["giving.affairs_in_order", 0.3, `je ai (?:regle|mis en ordre|range) (?:toutes )?mes (?:affaires|papiers|comptes)|je ai (?:mis|remis) (?:toutes )?mes (?:affaires|papiers|comptes) en ordre`],
  ["giving.gave_everything", 0.35, `je ai tout (?:donne|vendu)|tout donne|(?:donne|distribue|legue) (?:toutes )?(?:mes|tous mes) (?:affaires|biens|possessions|economies)(?! (?:de bebe|de sport|de ski|de hiver|de ete)(?: |$))`],
  ["giving.keys_returned", 0.25, `je ai rendu (?:mes|les) cles|rendu (?:mes|les) cles`],
  ["giving.ready", 0.3, `je suis (?:pret|prete|prets|pretes)${END}`],
  // — Self-harm now
  ["self_harm.urge", 0.65, `je (?:ai|ai tellement|ai trop|ai vraiment|ai grave) envie de me ${SELF_HARM_VERB}${SELF_HARM_ORDINARY}`],
  ["self_harm.urge_present", 0.6, `le envie de me (?:scarifier|couper|faire du mal|mutiler|bruler) (?:est|me reprend|revient|me prend|devient)|(?:resister|lutter|tenir) (?:a|contre) le envie de me (?:scarifier|couper|faire du mal|mutiler|bruler)`],
  ["self_harm.bleeding", 0.3, `(?:ca|je) saigne (?:encore|toujours|beaucoup)`],
  ["self_harm.going_to", 0.7, `je (?:vais|veux|dois|compte) (?:encore |de nouveau )?me ${SELF_HARM_VERB}${SELF_HARM_ORDINARY}`],
  ["self_harm.just_did", 0.65, `je viens (?:encore |juste |de nouveau )?de me (?:couper|scarifier|faire du mal|blesser|bruler|mutiler)${SELF_HARM_ORDINARY}`],
  ["self_harm.on_purpose", 0.3, `(?:blessee?|coupee?|brulee?|fait du mal|fait mal) (?:expres|volontairement)`],
  ["self_harm.recent", 0.55, `je me (?:suis )?(?:scarifie|scarifiee|coupe|coupee|fait du mal|mutile|mutilee|brule|brulee) (?:ce soir|cette nuit|tout a le heure|encore|aujourd hui|il y a (?:[a-z0-9]+ ){1,2}(?:heures?|minutes?))`],
  ["self_harm.again", 0.55, `je me suis (?:encore|de nouveau|a nouveau) (?:scarifie|scarifiee|coupe|coupee|fait du mal|mutile|mutilee|brule|brulee|blesse|blessee)${SELF_HARM_ORDINARY}`],
  ["self_harm.doing_it", 0.5, `je me (?:scarifie|mutile)(?! (?:plus|pas|jamais)(?: |$))|je me (?:coupe|brule|fais du mal) (?:encore|tous les soirs|chaque soir|chaque nuit|en ce moment|maintenant|la)(?= [|,])`],
  ["self_harm.relapse_urge", 0.3, `je ai envie de recommencer`],
  ["self_harm.cant_hold_back", 0.25, `je (?:ne )?(?:peux|arrive) (?:plus|pas) (?:a )?me (?:retenir|arreter)|i can not hold on`],
  // — English
  ["intent.en_want_to_die", 0.85, `i (?:(?:just|really|honestly|seriously|truly|so|actually|still) ){0,2}(?:want to|would like to|wish to|would rather|need to|am ready to) (?:(?:just|finally|really) ){0,2}(?:die|be dead)${EN_ORDINARY_DIE}`],
  ["intent.en_kill_self", 0.85, `i (?:(?:just|really|honestly|seriously|truly|so|actually|still) ){0,2}(?:want to|would like to|wish to|need to|am ready to|am going to|am planning to|plan to|intend to|have decided to|decided to|am about to|will) (?:(?:just|finally|really|go and) ){0,2}(?:kill myself|end (?:my life|my own life|myself)|commit suicide|take my (?:own )?life|unalive myself|off myself|end it all|end it(?= [|,]| tonight| today| now| soon| this))`],
  ["intent.en_thinking", 0.6, `i (?:(?:keep|am|have been|can not stop|constantly|always|often|seriously) ){0,2}(?:thinking|think) (?:about|of) (?:killing myself|suicide|ending (?:my life|it all|it)|dying)`],
  ["passive.en_better_off_dead", 0.65, `i (?:would|d) be better off dead|i am better off dead|(?:do not|can not|no longer) see the point (?:in|of) (?:living|going on|being alive|life)|i am done with (?:life|living)|(?:go to sleep|sleep) and never wake up|(?:no|not any|not much) point (?:in|of) (?:living|going on|being alive|life|carrying on)`],
  ["ideation.en_suicidal", 0.5, `i am (?:so |very |really |feeling )?suicidal|i (?:have|have been having|keep having) suicidal thoughts`],
  ["intent.en_afraid_of_self", 0.45, `(?:scared|afraid) of what i (?:will|might|am going to|could) do`],
  ["passive.en_no_more_life", 0.7, `i (?:(?:just|really|honestly) )?(?:do not|no longer) want to (?:(?:live|be alive|exist|wake up|go on) (?:anymore|any more|any longer|tomorrow)|(?:be alive|exist|wake up)${END}|(?:be here|be around) (?:anymore|any more|any longer|tomorrow))`],
  ["passive.en_wish", 0.65, `i wish i (?:was|were) (?:dead|never born|gone)|i wish i (?:could )?(?:die|disappear|not wake up|never wake up|would not wake up|could just disappear)|i (?:just |really )?want to (?:disappear|sleep|vanish) forever|i (?:just |really )?want it (?:all )?to (?:end|be over)(?: forever| for good| now| tonight)?${EN_PLAN_END}`],
  ["passive.en_no_reason", 0.6, `(?:no|not a single|not one) reason (?:for me )?to (?:live|keep living|go on|stay|keep going)`],
  ["distress.en_cant_go_on", 0.25, `i can not (?:do this|take (?:it|this)|go on|cope)(?: (?:anymore|any more|any longer))?`],
  ["burden.en_better_without_me", 0.7, `(?:everyone|everybody|they|you|you all|my (?:family|kids|children|parents|friends|wife|husband|partner|mum|mom|dad)|the world|people) (?:would|will|d|are going to) be (?:so |much |a lot |way )?(?:better off|happier) (?:without me|if i (?:was|were|am) (?:gone|dead|not here|not around))`],
  ["burden.en_i_am_a_burden", 0.3, `i am (?:just )?(?:a|such a) burden`],
  ["plan.en_have_a_plan", 0.6, `i (?:have|have got|got) (?:a plan|it all planned|everything planned|everything ready|it planned|my plan)${EN_PLAN_END}`],
  ["plan.en_planned", 0.65, `i have (?:planned|prepared|organised|organized) (?:everything|it all)(?= [|,]| for (?:tonight|tomorrow))|i know (?:exactly )?how i am going to do it|i have (?:chosen|picked|set) (?:the|a) (?:date|day|time|place)(?! (?:for|of) (?:the|my|our|a)(?: |$))`],
  ["plan.en_tonight_is_the_night", 0.6, `tonight is the night`],
  ["plan.en_everything_ready", 0.35, `everything is (?:ready|in place|planned|sorted|arranged|organised|organized|settled)${EN_PLAN_END}`],
  ["plan.en_decided", 0.25, `i have decided|i have made (?:my|up my) (?:decision|mind)|made (?:my )?peace`],
  ["means.en_have_what_i_need", 0.7, `i (?:have )?(?:bought|got|gotten|found|collected|gathered|have) (?:what i need|everything i need|all i need|the means|what it takes|the stuff i need)(?! for (?!(?:it|tonight|tomorrow)(?: |$)))(?! to (?!(?:do it|end it|die|kill myself)(?: |$)))`],
  ["means.en_stockpiling", 0.6, `i (?:have been|am) (?:saving|stockpiling|hoarding|collecting) (?:up )?(?:my )?(?:pills|meds|medication|tablets)|i (?:have )?found a way to (?:do it|end it|die|kill myself)`],
  ["timing.en_wont_be_here", 0.75, `i (?:will not|will no longer) be (?:here|around|alive) (?:tomorrow|much longer|for (?:much )?longer|by (?:tomorrow|morning|monday|the weekend|the end of the week))|(?:by|after) (?:tomorrow|tonight|morning|the weekend) i (?:will|am going to) be (?:gone|dead)|this time tomorrow i will (?:be gone|be dead|not be here)|i will be (?:gone|dead) (?:soon|tonight|tomorrow|by morning)`],
  ["timing.en_last_message", 0.6, `this is (?:my|the) last (?:message|post|night|day|goodbye|time you will hear from me)(?! (?:of|before|at|in|on|for|until|from)(?: |$))|this is my (?:goodbye|farewell)`],
  ["timing.en_wont_make_it", 0.55, `i (?:do not think i will|will not|may not|might not) make it (?:through the night|to (?:tomorrow|the morning|morning|the weekend))(?! shift)`],
  ["farewell.en_goodbye", 0.55, `^goodbye (?:everyone|everybody|all|forever|world|cruel world|to all|to everyone|my friends)|goodbye forever|you will (?:never|not) (?:see|hear from) me again`],
  ["farewell.en_said_goodbye", 0.45, `i am saying goodbye|(?:i (?:have )?|and )said goodbye to (?:everyone|everybody|all of you|my family)|(?:said|say|saying) my goodbyes`],
  ["farewell.en_note_for", 0.35, `i (?:have )?(?:written|wrote|left) (?:a|one) (?:note|letter) (?:for|to) (?:each of you|everyone|my [a-z]+)`],
  ["farewell.en_ready_done", 0.3, `i am (?:ready|done)(?= [|,])`],
  ["farewell.en_the_end", 0.3, `this is the end(?= [|,])|it ends (?:tonight|today|now)`],
  ["farewell.en_letters", 0.6, `i (?:have )?(?:written|wrote|left|finished|prepared) (?:my|the) (?:last |final )?(?:notes|letters)|(?:my|a) (?:suicide|goodbye) (?:note|notes|letter|letters)`],
  ["giving.en_giving_away", 0.55, `i am giving away (?:all |most )?(?:of )?my (?:things|stuff|belongings|possessions|clothes|books|pets|cat|dog|plants)|i (?:have )?given away (?:all |most )?(?:of )?my (?:things|stuff|belongings|possessions)`],
  ["giving.en_wont_need", 0.45, `i will not (?:need|be needing) (?:them|it|these|my things|my stuff)(?: anymore| any more| where i am going)?(?= [|,]| anymore| any more| where)`],
  ["farewell.en_care_for_mine", 0.4, `take care of my (?:dog|cat|pets|kids|children|plants|mum|mom|dad|family|little [a-z]+)`],
  ["self_harm.en_urge", 0.65, `i (?:(?:really|just|so) )?(?:want|need|am going|have the urge|am about|am tempted|have) to (?:cut|hurt|harm|burn) myself(?! (?:by accident|accidentally|shaving|cooking)(?: |$))|i want to cut(?= [|,]| again| so bad| right now| tonight)`],
  ["self_harm.en_recent", 0.55, `urge to (?:cut|self harm|hurt myself) is|i (?:just )?(?:cut|hurt|burned|harmed) myself (?:again|tonight|just now|a few minutes ago)`],
];
