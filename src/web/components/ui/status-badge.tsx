import { t } from '../../i18n/i18n';

/** A status in words, in the language in use; undefined for a status without its own word. */
function labelOf(status: string): string | undefined {
  switch (status) {
    case 'met':
      return t('Met');
    case 'not_met':
      return t('Not met');
    case 'insufficient':
    case 'insufficient_evidence':
      return t('Insufficient evidence');
    case 'eligible':
      return t('Eligible');
    case 'close':
      return t('Close');
    case 'not_ready':
      return t('Not ready');
    case 'pending':
      return t('Pending');
    case 'no_standard':
      return t('No standard yet');
    case 'judgment':
      return t('Panel’s judgment');
    case 'accepted':
      return t('Accepted');
    case 'rejected':
      return t('Rejected');
    case 'open':
      return t('Open');
    case 'due':
      return t('Due');
    case 'overdue':
      return t('Overdue');
    case 'ok':
      return t('On track');
    default:
      return undefined;
  }
}

const tones: Record<string, string> = {
  met: 'good',
  eligible: 'good',
  accepted: 'good',
  ok: 'good',
  not_met: 'bad',
  rejected: 'bad',
  overdue: 'bad',
  insufficient: 'warn',
  insufficient_evidence: 'warn',
  close: 'warn',
  due: 'warn',
};

/** A coloured word for a status; the word itself carries the meaning (never colour alone). */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  const tone = tones[status] ?? 'neutral';
  return (
    <span className={`badge badge-${tone}`} data-status={status}>
      {label ?? labelOf(status) ?? status.replaceAll('_', ' ')}
    </span>
  );
}
