import type { Catalogue } from '../../i18n/i18n';

/** French for the points card. */
export const fr: Catalogue = {
  'Points and band': 'Points et palier',
  'The points could not be read.': 'Les points n’ont pas pu être lus.',
  Competency: 'Compétence',
  Milestone: 'Jalon',
  Points: 'Points',
  Next: 'Suivant',
  'Assessed in': 'Évalué dans',
  'the last': 'le dernier',
  '{milestone}: +{gain}': '{milestone} : +{gain}',
};
