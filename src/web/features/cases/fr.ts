import type { Catalogue } from '../../i18n/i18n';

/** French for promotion cases (src/web/features/cases, and the /panel routes that show them). */
export const fr: Catalogue = {
  // words of a case (case-words.ts)
  Open: 'Ouvert',
  Assessing: 'En évaluation',
  Decided: 'Décidé',
  Withdrawn: 'Retiré',
  Promoted: 'Promu',
  'Not yet': 'Pas encore',
  weekly: 'hebdomadaires',
  biweekly: 'tous les quinze jours',
  // the /panel routes (app/routes/panel.tsx)
  'Promotion cases': 'Dossiers de promotion',
  'My panel cases': 'Mes dossiers de jury',
  'When leadership seats you on a panel, the case shows here.':
    'Quand la direction vous fait siéger dans un jury, le dossier apparaît ici.',
  'No such case.': 'Ce dossier n’existe pas.',
  // the list of cases
  'Loading cases…': 'Chargement des dossiers…',
  'No promotion cases': 'Aucun dossier de promotion',
  Case: 'Dossier',
  Candidate: 'Candidat',
  Step: 'Étape',
  Opened: 'Ouvert le',
  Status: 'Statut',
  'Case #{id}': 'Dossier n° {id}',
  // one case
  'Loading the case…': 'Chargement du dossier…',
  'Case #{id}: {candidate} {from} → {target}': 'Dossier n° {id} : {candidate} {from} → {target}',
  '{email} · {readiness} · Opened {date} · {status} · ladder of {version}':
    '{email} · {readiness} · ouvert le {date} · {status} · échelle du {version}',
  "{name}'s readiness and records": 'Préparation et preuves de {name}',
  'Panel ({submitted} of {size} submitted)':
    'Jury ({submitted, plural, one {# grille remise} other {# grilles remises}} sur {size})',
  'No panel seated yet.': 'Aucun jury constitué pour l’instant.',
  leadership: 'direction',
  submitted: 'remise',
  'not yet': 'pas encore',
  'Change the panel': 'Changer le jury',
  Criteria: 'Critères',
  gate: 'éliminatoire',
  'Gate median ≥ {gate}; others ≥ {others}; components pass unanimously.':
    'Médiane du critère éliminatoire ≥ {gate} ; autres critères ≥ {others} ; épreuves réussies à l’unanimité.',
  'Gate median ≥ {gate}; others ≥ {others}; components pass by majority.':
    'Médiane du critère éliminatoire ≥ {gate} ; autres critères ≥ {others} ; épreuves réussies à la majorité.',
  // seating the panel
  'Finding who may sit…': 'Recherche des personnes qui peuvent siéger…',
  'Seat the panel ({size, plural, one {# person} other {# people}})':
    'Constituer le jury ({size, plural, one {# personne} other {# personnes}})',
  'Seat the panel': 'Constituer le jury',
  'Find a person': 'Trouver une personne',
  'By name or email': 'Par nom ou e-mail',
  'May sit ({eligible}) — {chosen} of {size} chosen':
    'Peuvent siéger ({eligible}) — {chosen, plural, one {# choisie} other {# choisies}} sur {size}',
  'Nobody on the roster may sit on this panel today.':
    'Personne dans l’effectif ne peut siéger dans ce jury aujourd’hui.',
  'Panel seated: {names}.': 'Jury constitué : {names}.',
  'Choose {count} more':
    '{count, plural, one {Choisir encore # personne} other {Choisir encore # personnes}}',
  'Choose {count} fewer': '{count, plural, one {Retirer # personne} other {Retirer # personnes}}',
  'Who may not sit, and why ({count})': 'Qui ne peut pas siéger, et pourquoi ({count})',
  'People who may not sit on this panel': 'Personnes qui ne peuvent pas siéger dans ce jury',
  Person: 'Personne',
  Level: 'Niveau',
  'Why not': 'Pourquoi',
  'Conflict of interest: {reason}': 'Conflit d’intérêts : {reason}',
  'Not eligible: {reason}': 'Pas éligible : {reason}',
  builder: 'collaborateur',
  'client stakeholder': 'contact client',
  // the score sheet
  'Your score sheet': 'Votre grille de notation',
  'Submitted on {date}. A submitted sheet is final.': 'Remise le {date}. Une grille remise est définitive.',
  '{criterion}: {score}': '{criterion} : {score}',
  'Choose a score': 'Choisir une note',
  'Sheet submitted.': 'Grille remise.',
  'Draft saved. Only you can see it.': 'Brouillon enregistré. Personne d’autre que vous ne le voit.',
  'Score sheet': 'Grille de notation',
  'Assessment components': 'Épreuves',
  'Not judged yet': 'Pas encore jugée',
  Pass: 'Réussie',
  Fail: 'Non réussie',
  'Criteria ({min}–{max})': 'Critères (de {min} à {max})',
  '{criterion} (gate)': '{criterion} (éliminatoire)',
  'Feedback for the candidate': 'Retour pour le candidat',
  'Save draft': 'Enregistrer le brouillon',
  'Submit sheet': 'Remettre la grille',
  // the result and the decision
  'Criteria medians': 'Médianes des critères',
  Criterion: 'Critère',
  Scores: 'Notes',
  Median: 'Médiane',
  Needed: 'Requis',
  Result: 'Résultat',
  Passed: 'Réussi',
  'Not passed': 'Non réussi',
  '{component}: {passes} pass, {fails} fail — {result}':
    '{component} : {passes, plural, one {# réussite} other {# réussites}}, {fails, plural, one {# échec} other {# échecs}} — {result}',
  Decision: 'Décision',
  '{outcome} decided by {who} on {date} (the rule said {computed}; overridden: {reason})':
    '{outcome} — décidé par {who} le {date} (la règle donnait {computed} ; écartée pour ce motif : {reason})',
  '{outcome} decided by {who} on {date}': '{outcome} — décidé par {who} le {date}',
  '{name} holds {level} from {date}.': '{name} est {level} à compter du {date}.',
  '{submitted} of {size, plural, one {# sheet} other {# sheets}} submitted. The result appears once every panelist has submitted.':
    '{submitted, plural, one {# grille remise} other {# grilles remises}} sur {size}. Le résultat s’affiche quand chaque membre du jury a remis la sienne.',
  'The rule in the ladder gives: {outcome}': 'La règle de l’échelle donne : {outcome}',
  'Record the decision': 'Enregistrer la décision',
  Outcome: 'Issue',
  'Decision note': 'Note sur la décision',
  'Effective date': 'Date d’effet',
  'The day the new level starts: slots, referral terms, billing tier and panel eligibility follow it. Empty: today.':
    'Le jour où le nouveau niveau commence : places de mentorat, conditions de parrainage, niveau de facturation et droit de siéger dans un jury en découlent. Vide : aujourd’hui.',
  'Reason for overriding the rule': 'Motif pour écarter la règle',
  'Decision recorded.': 'Décision enregistrée.',
  'Record decision': 'Enregistrer la décision',
  // opening a case (the readiness board, a builder's page)
  'Target level': 'Niveau visé',
  'Case #{id} (panel to seat)': 'Dossier n° {id} (jury à constituer)',
  'Case #{id} (assessing)': 'Dossier n° {id} (en évaluation)',
  'Open a case for {name}': 'Ouvrir un dossier pour {name}',
  'Opening…': 'Ouverture…',
  'Open a case': 'Ouvrir un dossier',
  'Promotion case': 'Dossier de promotion',
  'Checking readiness…': 'Vérification de la préparation…',
  'Eligible today for a case to {target}.': 'Éligible aujourd’hui à un dossier vers {target}.',
  'the next level': 'le niveau suivant',
  'Not eligible for a case today ({gaps, plural, one {# gap} other {# gaps}}, listed below).':
    'Pas éligible à un dossier aujourd’hui : {gaps, plural, one {# écart} other {# écarts}}, voir ci-dessous.',
  // the portfolio
  'Assembling the portfolio…': 'Constitution du portfolio…',
  'Portfolio of {candidate}': 'Portfolio de {candidate}',
  'As of {date}, from the evidence ledger.': 'Au {date}, d’après le registre des preuves.',
  'Significant decisions ({count})': 'Décisions marquantes ({count})',
  'No significant decision recorded': 'Aucune décision marquante enregistrée',
  '{type, select, scope_change {scope change} feature_proposal {feature proposal} kill {kill} descope {descope} other {{type}}}':
    '{type, select, scope_change {changement de périmètre} feature_proposal {proposition de fonctionnalité} kill {abandon} descope {réduction de périmètre} other {{type}}}',
  '{response, select, pending {client: pending} adopted {client: adopted} rejected {client: rejected} other {client: {response}}}':
    '{response, select, pending {client : en attente} adopted {client : adoptée} rejected {client : refusée} other {client : {response}}}',
  'Recommended: {text}': 'Recommandation : {text}',
  'Data: {text}': 'Données : {text}',
  'Outcome: {text}': 'Résultat : {text}',
  'Mentee outcomes ({count})': 'Progression des mentorés ({count})',
  'No mentee yet': 'Aucun mentoré pour l’instant',
  advanced: 'a progressé',
  'review scores {scores}': 'notes de bilan {scores}',
  'Retros ({count})': 'Rétrospectives ({count})',
  'ADRs ({count})': 'ADR ({count})',
  '{status, select, proposed {proposed} accepted {accepted} rejected {rejected} deprecated {deprecated} superseded {superseded} other {{status}}}':
    '{status, select, proposed {proposé} accepted {accepté} rejected {rejeté} deprecated {obsolète} superseded {remplacé} other {{status}}}',
  // the candidate's own view, and what a promotion brings
  'Loading your case…': 'Chargement de votre dossier…',
  'My promotion case: {from} → {target}': 'Mon dossier de promotion : {from} → {target}',
  '{status} {submitted} of {size, plural, one {# panel sheet} other {# panel sheets}} in. You will see the outcome and the feedback once the case is decided.':
    '{status} {submitted, plural, one {# grille remise} other {# grilles remises}} sur {size}. Vous verrez la décision et les retours du jury une fois le dossier tranché.',
  '{from} on {about}: {text}': '{from}, sur « {about} » : {text}',
  'Panelist {number}': 'Membre du jury {number}',
  Summary: 'Résumé',
  'What {level} brings from {date}': 'Ce qu’apporte {level} à compter du {date}',
  'Reading the level…': 'Lecture du niveau…',
  'You are {level} from {date}': 'Vous êtes {level} à compter du {date}',
  'You are {level} ({title}) from {date}': 'Vous êtes {level} ({title}) à compter du {date}',
  '{name} is {level} from {date}': '{name} est {level} à compter du {date}',
  '{name} is {level} ({title}) from {date}': '{name} est {level} ({title}) à compter du {date}',
  'Billing tier': 'Niveau de facturation',
  Mentoring: 'Mentorat',
  'No mentee slots at this level': 'Aucune place de mentoré à ce niveau',
  '{slots, plural, one {# mentee slot} other {# mentee slots}} for {levels}, {cadence} check-ins':
    '{slots, plural, one {# place de mentoré} other {# places de mentoré}} pour {levels}, points de suivi {cadence}',
  '{slots, plural, one {# mentee slot} other {# mentee slots}} for {levels}, {cadence} check-ins; referral {percent} % for {months, plural, one {# month} other {# months}}':
    '{slots, plural, one {# place de mentoré} other {# places de mentoré}} pour {levels}, points de suivi {cadence} ; parrainage de {percent} % pendant {months, plural, one {# mois} other {# mois}}',
  Unlocks: 'Ce qui s’ouvre',
};
