import type { Catalogue } from '../../i18n/i18n';

/** French for the audit log. */
export const fr: Catalogue = {
  'before / after': 'avant / après',
  'Filter the audit log': 'Filtrer le journal d’audit',
  Action: 'Action',
  'e.g. evidence.record': 'p. ex. evidence.record',
  Entity: 'Entité',
  Filter: 'Filtrer',
  'Reading the log…': 'Lecture du journal…',
  'No entry matches': 'Aucune entrée ne correspond',
  'Audit entries': 'Entrées du journal',
  'When (UTC)': 'Quand (UTC)',
  Who: 'Qui',
  Change: 'Modification',
  Newer: 'Plus récentes',
  Older: 'Plus anciennes',
};
