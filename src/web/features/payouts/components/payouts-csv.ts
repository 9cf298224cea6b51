import type { PayoutRow } from '../api/get-payout-statement';

/** The columns of `ladder payouts --csv`, in its order, so a download from the web matches the CLI's file. */
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
] as const;

function cell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A statement's rows as CSV (RFC 4180 quoting, amounts in minor units), header first. */
export function payoutsToCsv(rows: PayoutRow[]): string {
  const lines = [PAYOUT_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(PAYOUT_CSV_COLUMNS.map((column) => cell(row[column])).join(','));
  return `${lines.join('\n')}\n`;
}
