import type { Catalogue } from '../i18n/i18n';

/** French for the app shell: header, navigation, routes (English text → French, ICU placeholders kept). */
export const fr: Catalogue = {
  'My path': 'Mon parcours',
  'Record evidence': 'Enregistrer une preuve',
  'Give feedback': 'Donner un avis',
  Mentoring: 'Mentorat',
  Panel: 'Jury',
  Readiness: 'Préparation',
  Roster: 'Effectif',
  Payouts: 'Versements',
  'Audit log': 'Journal d’audit',
  Sources: 'Sources',
  'People & accounts': 'Personnes et comptes',
  Ladder: 'Échelle',
  builder: 'collaborateur',
  leadership: 'direction',
  'client stakeholder': 'contact client',
  'Skip to content': 'Aller au contenu',
  'ladder: home': 'ladder : accueil',
  Main: 'Principale',
  'Sign in': 'Se connecter',
  'Sign out': 'Se déconnecter',
  // require-session.tsx: a screen for other roles.
  'This screen is for {roles}; you are signed in as {role}.':
    'Cet écran est réservé au rôle {roles} ; votre rôle est {role}.',
  // routes
  'Today in the organisation': 'Aujourd’hui dans l’organisation',
  'Your home': 'Votre accueil',
  'Your builders': 'Vos collaborateurs',
  'Readiness board': 'Tableau de préparation',
  Levels: 'Niveaux',
  'Page not found': 'Page introuvable',
  'Go home': 'Retour à l’accueil',
  'Loading the ladder…': 'Chargement de l’échelle…',
  'Pick a builder from the roster to see their path.':
    'Choisissez un collaborateur dans l’effectif pour voir son parcours.',
  'My mentees': 'Mes mentorés',
  'Referral statement': 'Relevé de parrainage',
  'Pick a mentor on the Mentoring page to read their statement.':
    'Choisissez un mentor sur la page Mentorat pour lire son relevé.',
};
