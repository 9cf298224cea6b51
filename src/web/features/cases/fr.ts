import type { Catalogue } from '../../i18n/i18n';

/** French for promotion cases (src/web/features/cases); the rest of the feature's text is still English. */
export const fr: Catalogue = {
  'Target level': 'Niveau visé',
};
