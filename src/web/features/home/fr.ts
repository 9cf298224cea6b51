import type { Catalogue } from '../../i18n/i18n';

/** French for the three homes (builder, leadership, client contact). */
export const fr: Catalogue = {
  // builder's home
  'No promotion leads on from {level} in your ladder.':
    'Aucune promotion ne part de {level} dans votre échelle.',
  'You are eligible for a promotion case to {target}: leadership opens it.':
    'Vous êtes éligible à un dossier de promotion vers {target} : la direction l’ouvre.',
  '{level} defines no standard for promotion to {target} yet.':
    '{level} ne définit pas encore de critère de promotion vers {target}.',
  "Promotion to {target} is the panel's judgment; nothing is missing.":
    'La promotion vers {target} relève du jugement du jury ; rien ne manque.',
  '{count, plural, one {One thing stands} other {# things stand}} between you and {target}:':
    '{count, plural, one {Une chose vous sépare} other {# choses vous séparent}} de {target} :',
  'Your next level': 'Votre prochain niveau',
  'Reading where you stand…': 'Lecture de votre situation…',
  'level since {date}': 'niveau depuis le {date}',
  'months at level': 'mois à ce niveau',
  'metrics met': 'indicateurs atteints',
  '{met} of {total}': '{met} sur {total}',
  'My whole path: every metric and the records behind it':
    'Tout mon parcours : chaque indicateur et les preuves derrière',
  'What is due': 'À faire',
  'Nothing is due this week.': 'Rien à faire cette semaine.',
  'Check-in with {mentee} {status} {when}': 'Point de suivi avec {mentee} {status} {when}',
  'Curriculum: {module} {status}': 'Formation : {module} {status}',
  '{phase}, ended {date}': '{phase}, terminée le {date}',
  'and {count, plural, one {# more curriculum module} other {# more curriculum modules}} overdue: {link}':
    'et {count, plural, one {# autre module de formation en retard} other {# autres modules de formation en retard}} : {link}',
  'the curriculum on your path': 'la formation sur votre parcours',
  'Your mentees': 'Vos mentorés',
  'Owed to you for {month}: {amount} {link}': 'Dû pour {month} : {amount} {link}',
  statement: 'relevé',
  'streak {streak}': 'série de {streak}',
  'Mentoring: check in, streaks, review scores': 'Mentorat : points de suivi, séries, notes de bilan',
  'check-in done': 'point de suivi fait',
  'check-in due': 'point de suivi à faire',
  'check-in overdue': 'point de suivi en retard',
  'check-ins ended': 'points de suivi terminés',
  'check-ins not started': 'points de suivi pas commencés',
  open: 'ouvert',
  assessing: 'en évaluation',
  decided: 'décidé',
  withdrawn: 'retiré',
  'Cases to score': 'Dossiers à noter',
  '{count, plural, one {One case waits} other {# cases wait}} for your score sheet.':
    '{count, plural, one {Un dossier attend} other {# dossiers attendent}} votre grille de notation.',
  '{case}: {candidate}, {from} → {target} {status}': '{case} : {candidate}, {from} → {target} {status}',
  'Case #{id}': 'Dossier n° {id}',
  'Your promotion case': 'Votre dossier de promotion',
  '{from} → {target}, opened {date}: {state}.': '{from} → {target}, ouvert le {date} : {state}.',
  promoted: 'promu',
  'not yet': 'pas encore',
  'See the outcome and feedback on your path': 'Voir la décision et les retours sur votre parcours',
  'Your account is not linked to a builder record': 'Votre compte n’est lié à aucune fiche de collaborateur',
  'Leadership links accounts to people; until then there is no path to show.':
    'La direction relie les comptes aux personnes ; d’ici là, il n’y a pas de parcours à afficher.',
  'You are not on the roster yet': 'Vous n’êtes pas encore dans l’effectif',
  'Your account ({account}) has no builder record, so there is no level, path or mentee to show. Leadership adds you to the roster; meanwhile {ladder} is yours to read.':
    'Votre compte ({account}) n’a pas de fiche de collaborateur : aucun niveau, parcours ou mentoré à afficher. La direction vous ajoute à l’effectif ; en attendant, {ladder} est à votre disposition.',
  'the ladder': 'l’échelle',
  // client contact's home
  'Loading your builders…': 'Chargement de vos collaborateurs…',
  'Placed with you now': 'En mission chez vous',
  'Nobody is placed with you today': 'Personne n’est en mission chez vous aujourd’hui',
  'Builders placed with your company appear here, and you can give feedback on them.':
    'Les collaborateurs en mission dans votre entreprise apparaissent ici, et vous pouvez donner un avis sur eux.',
  '{count, plural, one {One builder works} other {# builders work}} with you now. Your feedback is what their “client trust” reads.':
    '{count, plural, one {Un collaborateur travaille} other {# collaborateurs travaillent}} avec vous en ce moment. Votre avis est ce que lit leur « confiance client ».',
  'placed since {start}.': 'en mission depuis le {start}.',
  'placed since {start} until {end}.': 'en mission depuis le {start} jusqu’au {end}.',
  'on {name}': 'sur {name}',
  'Placed with you before': 'En mission chez vous auparavant',
  '{start} to {end}': 'du {start} au {end}',
  // leadership's home
  'eligible for a promotion case': 'éligibles à un dossier de promotion',
  'check-ins overdue': 'points de suivi en retard',
  'cases waiting': 'dossiers en attente',
  'payouts for {month}': 'versements de {month}',
  none: 'aucun',
  'Eligible for a promotion case': 'Éligibles à un dossier de promotion',
  'Reading the ranking of every level…': 'Lecture du classement de chaque niveau…',
  'Nobody is eligible today': 'Personne n’est éligible aujourd’hui',
  '{board} shows who is close.': '{board} montre qui s’en approche.',
  'The readiness board': 'Le tableau de préparation',
  '{level} → {target}, {months, plural, one {# month} other {# months}} at level':
    '{level} → {target}, {months} mois à ce niveau',
  'case open': 'dossier ouvert',
  'Check-ins overdue': 'Points de suivi en retard',
  'No check-in is overdue.': 'Aucun point de suivi en retard.',
  '{mentor} with {mentee} {status} {when}': '{mentor} avec {mentee} {status} {when}',
  'and {count} more': 'et {count} de plus',
  'Mentoring: every mentor and their mentees': 'Mentorat : chaque mentor et ses mentorés',
  'Cases waiting': 'Dossiers en attente',
  'No case is open.': 'Aucun dossier ouvert.',
  '{case}: {candidate}, {from} → {target}, opened {date} {status}':
    '{case} : {candidate}, {from} → {target}, ouvert le {date} {status}',
  'Payouts for {month}': 'Versements de {month}',
  'Nothing is payable this month.': 'Rien à verser ce mois-ci.',
  '{amount} to {mentors, plural, one {# mentor} other {# mentors}} ({accruals, plural, one {# accrual} other {# accruals}}).':
    '{amount} pour {mentors, plural, one {# mentor} other {# mentors}} ({accruals, plural, one {# droit acquis} other {# droits acquis}}).',
  "The month's statement and its CSV": 'Le relevé du mois et son CSV',
};
