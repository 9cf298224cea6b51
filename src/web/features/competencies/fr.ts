import type { Catalogue } from '../../i18n/i18n';

/** French for the evidence by competency. */
export const fr: Catalogue = {
  'Evidence by competency': 'Preuves par compétence',
  'Loading the evidence by competency…': 'Chargement des preuves par compétence…',
  '{count, plural, one {# record} other {# records}}': '{count, plural, one {# preuve} other {# preuves}}',
  '{level} expects: {text}': '{level} attend : {text}',
  'No evidence names this competency yet.': 'Aucune preuve ne cite encore cette compétence.',
  '… and {count, plural, one {# older record} other {# older records}}.':
    '… et {count, plural, one {# preuve plus ancienne} other {# preuves plus anciennes}}.',
};
