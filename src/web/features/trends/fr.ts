import type { Catalogue } from '../../i18n/i18n';

/** French for the readiness trend (features/trends). */
export const fr: Catalogue = {
  'Readiness over the last 12 months': 'Préparation sur les 12 derniers mois',
  'Computing readiness month by month…': 'Calcul de la préparation mois par mois…',
  'Nothing measured to draw': 'Rien de mesuré à tracer',
  'This level has no ranking metric, so there is no trend of metrics met.':
    'Ce niveau n’a pas d’indicateur de classement : il n’y a donc pas d’évolution des indicateurs atteints.',
  'Metrics met at each month end': 'Indicateurs atteints à chaque fin de mois',
  'all {total} met': 'les {total} atteints',
  'metrics met': 'indicateurs atteints',
  'The dashed line is every metric met; a point opens the page on that day, with its records.':
    'La ligne pointillée correspond à tous les indicateurs atteints ; un point ouvre la page à ce jour, avec ses preuves.',
  'threshold {threshold} %': 'seuil {threshold} %',
  'threshold {threshold}': 'seuil {threshold}',
  'Now: nothing measured yet': 'Aujourd’hui : rien de mesuré pour l’instant',
  'Now: {value} % of {threshold} %': 'Aujourd’hui : {value} % sur {threshold} %',
  'Now: {value} of {threshold}': 'Aujourd’hui : {value} sur {threshold}',
  'Month by month, with the records': 'Mois par mois, avec les preuves',
  'Readiness month by month': 'Préparation mois par mois',
  Day: 'Jour',
  Level: 'Niveau',
  'Metrics met': 'Indicateurs atteints',
  Case: 'Dossier',
  Records: 'Preuves',
  '{met} of {total}': '{met} sur {total}',
  eligible: 'éligible',
  'not yet': 'pas encore',
  '{count, plural, one {# record} other {# records}} that day':
    '{count, plural, one {# preuve} other {# preuves}} ce jour-là',
};
