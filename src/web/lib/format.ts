/** Formatting shared by every screen: dates are ISO calendar days (UTC), money is integer minor units. */

const dayFormatter = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormatter = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "2026-02-01" → "1 Feb 2026". */
export function formatDay(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : dayFormatter.format(date);
}

/** "2026-02" or "2026-02-01" → "Feb 2026". */
export function formatMonth(iso: string): string {
  const date = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : monthFormatter.format(date);
}

/** Integer minor units → "€1,234.56" (the currency the API names; EUR when it names none). */
export function formatMoney(minor: number, currency = 'EUR'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, minimumFractionDigits: 2 }).format(
    minor / 100,
  );
}

/** Today in UTC as YYYY-MM-DD. */
export function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** "in 3 months" style distance between two ISO days, in whole days / months. */
export function describeDaysUntil(fromIso: string, toIso: string): string {
  const days = Math.round(
    (Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000,
  );
  if (days === 0) return 'today';
  const abs = Math.abs(days);
  const words = abs >= 60 ? `${Math.round(abs / 30.44)} months` : `${abs} day${abs === 1 ? '' : 's'}`;
  return days > 0 ? `in ${words}` : `${words} ago`;
}

/** "scope_change" → "scope change". */
export function humanize(value: string): string {
  return value.replaceAll('_', ' ');
}
