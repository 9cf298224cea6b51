import type { Catalogue } from '../../i18n/i18n';

/** French for the evidence sources screen. */
export const fr: Catalogue = {
  'Evidence sources': 'Sources de preuves',
  'Reading the sources…': 'Lecture des sources…',
  'No source has run yet': 'Aucune source n’a encore tourné',
  'Run {github}, {analytics} or {adr}; each run is listed here.':
    'Lancez {github}, {analytics} ou {adr} ; chaque exécution est listée ici.',
  Source: 'Source',
  Kind: 'Type',
  'Last run (UTC)': 'Dernière exécution (UTC)',
  Counts: 'Décomptes',
};
