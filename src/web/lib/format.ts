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

const moneyFormatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string): Intl.NumberFormat {
  let formatter = moneyFormatters.get(currency);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat('en-GB', { style: 'currency', currency });
    moneyFormatters.set(currency, formatter);
  }
  return formatter;
}

/**
 * How many minor units make one major unit is the currency's own (ISO 4217 exponent, as Intl knows it):
 * 2 for EUR and USD, 0 for JPY, 3 for KWD — never always 100.
 */
export function currencyExponent(currency: string): number {
  return moneyFormatter(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Integer minor units → major units of that currency (24752 EUR → 247.52; 500 JPY → 500). */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyExponent(currency);
}

/** Integer minor units → "€1,234.56", "US$80.00", "¥500": always in the currency the API names. */
export function formatMoney(minor: number, currency: string): string {
  return moneyFormatter(currency).format(toMajorUnits(minor, currency));
}

/**
 * Adds amounts per currency, never across currencies: one total per currency that occurs, in the order
 * the currencies first appear. An empty list has no total at all (not "€0.00").
 */
export function totalsByCurrency(
  amounts: Iterable<{ amount_minor: number; currency: string }>,
): { currency: string; amount_minor: number }[] {
  const totals = new Map<string, number>();
  for (const { amount_minor, currency } of amounts) {
    totals.set(currency, (totals.get(currency) ?? 0) + amount_minor);
  }
  return [...totals].map(([currency, amount_minor]) => ({ currency, amount_minor }));
}

/** Totals in several currencies in words: "US$208.00 and €192.02"; none → the `none` text. */
export function formatTotals(totals: { currency: string; amount_minor: number }[], none = 'nothing'): string {
  if (totals.length === 0) return none;
  return totals.map((t) => formatMoney(t.amount_minor, t.currency)).join(' and ');
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

/**
 * A check-in's dates in plain words, to follow a badge that already says "Overdue" or "Due": "since
 * 17 Nov 2026; check in by 7 Dec 2026" — never "Overdue by 7 Dec", which reads as a delay.
 */
export function describeCheckinDue(d: { due_by: string | null; overdue_since: string | null }): string {
  // Overdue means a window closed without a check-in; due_by is the window open now. Saying both as
  // "since …; check in by …" read as a contradiction (overdue, yet due next week), so each is named.
  if (d.overdue_since === null) return d.due_by === null ? '' : `check in by ${formatDay(d.due_by)}`;
  const missed = `missed since ${formatDay(d.overdue_since)}`;
  return d.due_by === null ? missed : `${missed}; the current window closes ${formatDay(d.due_by)}`;
}

/** The calendar month of an ISO day, or this month (UTC): "2026-12". */
export function monthOf(iso: string = todayIso()): string {
  return iso.slice(0, 7);
}
