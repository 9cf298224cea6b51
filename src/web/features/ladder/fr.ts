import type { Catalogue } from '../../i18n/i18n';

/** French for the ladder page (levels, sections, promotion, choices, comparison, versions). */
export const fr: Catalogue = {
  // the page around the level
  'No ladder published yet': 'Aucune échelle publiée pour l’instant',
  'Leadership publishes the ladder file; it then shows here.':
    'La direction publie le fichier de l’échelle ; elle s’affiche alors ici.',
  'Loading the ladder…': 'Chargement de l’échelle…',
  'Version of {date} (in force)': 'Version du {date} (en vigueur)',
  'Version of {date} (a past or future version)': 'Version du {date} (une version passée ou à venir)',
  Ladder: 'Échelle',
  Levels: 'Niveaux',
  '(not written yet)': '(pas encore rédigé)',
  'This ladder has no levels': 'Cette échelle n’a aucun niveau',
  'Version history': 'Historique des versions',
  'Compare levels': 'Comparer des niveaux',
  'Compare {level} with': 'Comparer {level} avec',
  'Choose a level': 'Choisir un niveau',
  '{left} and {right} side by side': '{left} et {right} côte à côte',
  // the organisation's own choices
  'Where the numbers come from': 'D’où viennent les chiffres',
  'Show which numbers are the organisation’s own choices':
    'Montrer les chiffres qui sont des choix propres à l’organisation',
  'The organisation’s own choices': 'Les choix propres à l’organisation',
  'Loading the organisation’s own choices…': 'Chargement des choix propres à l’organisation…',
  'This page shows none of the organisation’s own choices.':
    'Cette page ne montre aucun choix propre à l’organisation.',
  'These values are the organisation’s own: the source the ladder was written from does not state them.':
    'Ces valeurs sont celles de l’organisation : la source dont l’échelle est tirée ne les fixe pas.',
  'on {level}': 'sur {level}',
  // a level's sections (the headings of a ladder that declares none)
  'What you do': 'Ce que vous faites',
  'AI skills': 'Compétences IA',
  Competencies: 'Compétences',
  'Self-evaluation': 'Auto-évaluation',
  Curriculum: 'Parcours de formation',
  'Ranking standard': 'Critères de classement',
  '{phase} (months {from}–{to})': '{phase} (mois {from} à {to})',
  Metric: 'Indicateur',
  Threshold: 'Seuil',
  'Measured by': 'Mesuré par',
  'Level {level}': 'Niveau {level}',
  'The organisation has not written this level’s page yet. What other levels say about it is shown below.':
    'L’organisation n’a pas encore rédigé la page de ce niveau. Ce que les autres niveaux en disent figure ci-dessous.',
  // promotion, mentorship, billing
  weekly: 'hebdomadaires',
  biweekly: 'tous les quinze jours',
  'Promotion to {level}': 'Promotion vers {level}',
  'Decided by a panel’s judgment, not by a checklist: the panel weighs what is listed below, and none of it is counted as met or missing.':
    'Décidée par le jugement d’un jury, pas par une liste de critères : le jury pèse ce qui est listé ci-dessous, et rien n’en est compté comme atteint ou manquant.',
  'At least {months, plural, one {# month} other {# months}} at {level}.':
    'Au moins {months, plural, one {# mois} other {# mois}} à {level}.',
  'Typical time at {level}: {time} (advice: how long people usually stay, never a requirement).':
    'Durée habituelle à {level} : {time} (un conseil : le temps qu’on y reste d’ordinaire, jamais une exigence).',
  'Qualification assessment': 'Évaluation de qualification',
  Requirements: 'Exigences',
  'What the panel weighs': 'Ce que le jury pèse',
  'Evidence: {kinds}': 'Preuves : {kinds}',
  'Panel of {size}': 'Jury de {size}',
  gate: 'éliminatoire',
  'Gate median ≥ {gate}, others ≥ {others}; components pass unanimously.':
    'Médiane éliminatoire ≥ {gate}, autres ≥ {others} ; les épreuves passent à l’unanimité.',
  'Gate median ≥ {gate}, others ≥ {others}; components pass by majority.':
    'Médiane éliminatoire ≥ {gate}, autres ≥ {others} ; les épreuves passent à la majorité.',
  Mentorship: 'Mentorat',
  'Receives a mentor at {levels} or from leadership, {cadence} check-ins.':
    'Reçoit un mentor de niveau {levels} ou de la direction, points de suivi {cadence}.',
  'Receives a mentor at {levels}, {cadence} check-ins.':
    'Reçoit un mentor de niveau {levels}, points de suivi {cadence}.',
  'Mentors {slots, plural, one {# person} other {# people}} at {levels}, {cadence} check-ins.':
    'Encadre {slots, plural, one {# personne} other {# personnes}} de niveau {levels}, points de suivi {cadence}.',
  'Earns {percent} % of the mentee’s rate for {months, plural, one {# month} other {# months}}.':
    'Touche {percent} % du tarif du mentoré pendant {months, plural, one {# mois} other {# mois}}.',
  'Billing and unlocks': 'Facturation et ce qui s’ouvre',
  'Billing tier: {tier}': 'Niveau de facturation : {tier}',
};
