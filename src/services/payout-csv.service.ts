import { stringify } from 'csv-stringify/sync';
import { neutraliseCsvCell } from '../core/input/csv-cell.js';
import type { ReferralAccrual } from '../core/mentorship/referral.js';

/** CSV columns of a payout export: the JSON contract first (docs/payouts.md), then the audit trail. */
export const PAYOUT_CSV_COLUMNS = [
  'mentor',
  'mentee',
  'placement',
  'month_index',
  'months',
  'percent',
  'rate_minor',
  'amount_minor',
  'currency',
  'payable_month',
  'month_start',
  'mentor_level',
  'ladder_version',
  'mentorship',
] as const satisfies readonly (keyof ReferralAccrual)[];

/**
 * Accrual rows as CSV with a header line; amounts stay in minor units so nothing is rounded twice.
 * Text cells that a spreadsheet would run as a formula get a leading `'` (numbers are never touched).
 */
export function payoutRowsToCsv(rows: readonly ReferralAccrual[]): string {
  return stringify([...rows], {
    header: true,
    columns: [...PAYOUT_CSV_COLUMNS],
    cast: { string: neutraliseCsvCell },
  });
}
