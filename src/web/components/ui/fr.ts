import type { Catalogue } from '../../i18n/i18n';

/** French for the shared screen parts (src/web/components/ui). */
export const fr: Catalogue = {
  'As of': 'À la date du',
  'Loading…': 'Chargement…',
  'Please sign in to see this.': 'Connectez-vous pour voir ceci.',
  'You may not see this: {reason}': 'Vous ne pouvez pas voir ceci : {reason}',
  'Something went wrong.': 'Une erreur s’est produite.',
  'Try again': 'Réessayer',
  Met: 'Atteint',
  'Not met': 'Non atteint',
  'Insufficient evidence': 'Preuves insuffisantes',
  Eligible: 'Éligible',
  Close: 'Proche',
  'Not ready': 'Pas prêt',
  Pending: 'En attente',
  'No standard yet': 'Pas encore de critère',
  'Panel’s judgment': 'Jugement du jury',
  Accepted: 'Accepté',
  Rejected: 'Refusé',
  Open: 'Ouvert',
  Due: 'À faire',
  Overdue: 'En retard',
  'On track': 'En bonne voie',
  // The searchable picker (person-picker.tsx, E).
  '{label}: choices': '{label} : choix',
  'Nobody matches': 'Personne ne correspond',
  // A day typed in the organisation's language (date-field.tsx).
  'Not a day: write it as {pattern}': 'Ce n’est pas une date : écrivez-la sous la forme {pattern}',
  'On {date} or later': 'Le {date} ou après',
};
