import type { Catalogue } from '../../i18n/i18n';

/** French for the readiness board. */
export const fr: Catalogue = {
  'checking…': 'vérification…',
  'Minimum time not served': 'Durée minimale non atteinte',
  'Ranking the level…': 'Classement du niveau…',
  'Nobody is at {level} on this day': 'Personne n’est au niveau {level} à cette date',
  builders: 'collaborateurs',
  'may go to the panel': 'peuvent passer devant le jury',
  'eligible for a case': 'éligibles à un dossier',
  promotion: 'promotion',
  'by judgment': 'sur jugement',
  'close (≤ {gaps} gaps)': 'proches (≤ {gaps} écarts)',
  'Readiness across {level}': 'Préparation au niveau {level}',
  'Metrics met by each builder at {level}': 'Indicateurs atteints par chaque collaborateur au niveau {level}',
  'all {count} met': 'les {count} atteints',
  "The dashed line is every metric of {level} met ({count}); a bar opens the builder's page.":
    'La ligne pointillée marque tous les indicateurs de {level} atteints ({count}) ; une barre ouvre la page du collaborateur.',
  '{name}: {met} of {total}': '{name} : {met} sur {total}',
  Ranking: 'Classement',
  'Ranking of {level}': 'Classement de {level}',
  Rank: 'Rang',
  Builder: 'Collaborateur',
  'Metrics met': 'Indicateurs atteints',
  'Months at level': 'Mois à ce niveau',
  Standing: 'Situation',
  'Tenure met': 'Ancienneté atteinte',
  Gaps: 'Écarts',
  Case: 'Dossier',
  standard: 'critère',
  'none yet': 'aucun pour l’instant',
  '{level} defines no standard yet': '{level} ne définit pas encore de critère',
  'The ladder lists no metric and no promotion requirement for {level}, so nobody here is close to or far from a promotion. Builders are listed by time at the level.':
    'L’échelle ne fixe ni indicateur ni condition de promotion pour {level} : personne ici n’est proche ou loin d’une promotion. Les collaborateurs sont classés par temps passé au niveau.',
  Builders: 'Collaborateurs',
  'Builders at {level}': 'Collaborateurs au niveau {level}',
};
