import type { Catalogue } from '../../i18n/i18n';

/** French for the demo banner. */
export const fr: Catalogue = {
  'Demo database': 'Base de démonstration',
  'Demo data.': 'Données de démonstration.',
  'Everyone here is invented and the demo accounts’ password is public. To run your organisation, start ladder on a new, empty database with':
    'Toutes les personnes ici sont inventées et le mot de passe des comptes de démonstration est public. Pour gérer votre organisation, lancez ladder sur une nouvelle base vide avec',
  'and import it there.': 'et importez-la là.',
};
