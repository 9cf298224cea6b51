import { t } from '../../i18n/i18n';
import { humanize } from '../../lib/format';

/** A case's status as a badge says it ("Assessing"); a status this list does not know reads as is. */
export function caseStatusWord(status: string): string {
  switch (status) {
    case 'open':
      return t('Open');
    case 'assessing':
      return t('Assessing');
    case 'decided':
      return t('Decided');
    case 'withdrawn':
      return t('Withdrawn');
    default:
      return humanize(status);
  }
}

/** An outcome, the rule's or the decision's: "Promoted", "Not yet". */
export function outcomeWord(outcome: string): string {
  switch (outcome) {
    case 'promoted':
      return t('Promoted');
    case 'not_yet':
      return t('Not yet');
    default:
      return humanize(outcome);
  }
}

/** "weekly" check-ins, in the words that go before "check-ins" in the language in use. */
export function cadenceWord(cadence: string): string {
  switch (cadence) {
    case 'weekly':
      return t('weekly');
    case 'biweekly':
      return t('biweekly');
    default:
      return humanize(cadence);
  }
}
