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
};
