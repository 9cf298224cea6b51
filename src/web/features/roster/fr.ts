import type { Catalogue } from '../../i18n/i18n';

/** French for the roster. */
export const fr: Catalogue = {
  'Name (A–Z)': 'Nom (A–Z)',
  'Level (highest first)': 'Niveau (le plus haut d’abord)',
  'Longest at level': 'Le plus longtemps au niveau',
  'Newest at level': 'Le plus récent au niveau',
  'Loading the roster…': 'Chargement de l’effectif…',
  'No builder yet': 'Aucun collaborateur pour l’instant',
  'Import the roster (CSV) or add builders through the API.':
    'Importez l’effectif (CSV) ou ajoutez des collaborateurs par l’API.',
  'Find builders': 'Chercher des collaborateurs',
  Search: 'Recherche',
  'name or email': 'nom ou e-mail',
  Level: 'Niveau',
  'Every level': 'Tous les niveaux',
  'Any client': 'Tous les clients',
  Mentor: 'Mentor',
  'Any mentor': 'Tous les mentors',
  'Sort by': 'Trier par',
  '{total, plural, one {# builder} other {# builders}}':
    '{total, plural, one {# collaborateur} other {# collaborateurs}}',
  '{shown} of {total, plural, one {# builder} other {# builders}}':
    '{shown} sur {total, plural, one {# collaborateur} other {# collaborateurs}}',
  'No builder matches': 'Aucun collaborateur ne correspond',
  'Clear a filter or the search to see more.': 'Retirez un filtre ou la recherche pour en voir plus.',
  Since: 'Depuis',
  'Monthly rate': 'Tarif mensuel',
  Placements: 'Missions',
  'not placed': 'sans mission',
  '{client} from {start}': '{client} depuis le {start}',
  '{client} from {start} to {end}': '{client} du {start} au {end}',
  extended: 'prolongée',
  'requested back': 'redemandé',
};
