const labels: Record<string, string> = {
  met: 'Met',
  not_met: 'Not met',
  insufficient: 'Insufficient evidence',
  insufficient_evidence: 'Insufficient evidence',
  eligible: 'Eligible',
  close: 'Close',
  not_ready: 'Not ready',
  pending: 'Pending',
  no_standard: 'No standard yet',
  judgment: 'Panel’s judgment',
  accepted: 'Accepted',
  rejected: 'Rejected',
  open: 'Open',
  due: 'Due',
  overdue: 'Overdue',
  ok: 'On track',
};

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
      {label ?? labels[status] ?? status.replaceAll('_', ' ')}
    </span>
  );
}
