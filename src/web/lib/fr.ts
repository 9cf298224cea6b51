import type { Catalogue } from '../i18n/i18n';

/** French for the shared formatting words (src/web/lib). */
export const fr: Catalogue = {
  nothing: 'rien',
  today: 'aujourd’hui',
  '{months, plural, one {# month} other {# months}}': '{months} mois',
  '{days, plural, one {# day} other {# days}}': '{days, plural, one {# jour} other {# jours}}',
  'in {time}': 'dans {time}',
  '{time} ago': 'il y a {time}',
  'check in by {date}': 'point de suivi avant le {date}',
  'missed since {date}': 'manqué depuis le {date}',
  '{missed}; the current window closes {date}': '{missed} ; la période en cours se termine le {date}',
  // How a day is typed (dayInputPattern): day, month, year.
  DD: 'JJ',
  MM: 'MM',
  YYYY: 'AAAA',
  // A typical time in level (evidence-kinds.ts monthsRange).
  '{from}–{to} months': '{from} à {to} mois',
};
