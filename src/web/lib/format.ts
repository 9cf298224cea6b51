import { intlLocale, t } from '../i18n/i18n';

/**
 * Formatting shared by every screen: dates are ISO calendar days (UTC), money is integer minor units;
 * both in the language in use (the organisation's ladder's, src/web/i18n), money in its own currency.
 */

/** One Intl formatter per language and kind, made on first use. */
function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let formatter = cache.get(key);
  if (formatter === undefined) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const monthFormatters = new Map<string, Intl.DateTimeFormat>();
const dayFormatter = (): Intl.DateTimeFormat =>
  cached(dayFormatters, intlLocale(), () => {
    return new Intl.DateTimeFormat(intlLocale(), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  });
const monthFormatter = (): Intl.DateTimeFormat =>
  cached(monthFormatters, intlLocale(), () => {
    return new Intl.DateTimeFormat(intlLocale(), { month: 'short', year: 'numeric', timeZone: 'UTC' });
  });

/** "2026-02-01" → "1 Feb 2026". */
export function formatDay(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(date.getTime()) ? iso : dayFormatter().format(date);
}

/** "2026-02" or "2026-02-01" → "Feb 2026". */
export function formatMonth(iso: string): string {
  const date = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : monthFormatter().format(date);
}

const moneyFormatters = new Map<string, Intl.NumberFormat>();

function moneyFormatter(currency: string): Intl.NumberFormat {
  const locale = intlLocale();
  return cached(moneyFormatters, `${locale} ${currency}`, () => {
    return new Intl.NumberFormat(locale, { style: 'currency', currency });
  });
}

const numberFormatters = new Map<string, Intl.NumberFormat>();

/** A count or measure in the language in use: 1,234.5 in English, 1 234,5 in French. */
export function formatNumber(value: number): string {
  return cached(numberFormatters, intlLocale(), () => new Intl.NumberFormat(intlLocale())).format(value);
}

const listFormatters = new Map<string, Intl.ListFormat>();

/** Words joined as a list in the language in use: "a, b and c", « a, b et c ». */
export function formatList(items: readonly string[]): string {
  return cached(listFormatters, intlLocale(), () => {
    return new Intl.ListFormat(intlLocale(), { style: 'long', type: 'conjunction' });
  }).format(items);
}

const alternativeFormatters = new Map<string, Intl.ListFormat>();

/** Alternatives joined in the language in use: "a, b or c", « a, b ou c ». */
export function formatAlternatives(items: readonly string[]): string {
  return cached(alternativeFormatters, intlLocale(), () => {
    return new Intl.ListFormat(intlLocale(), { style: 'long', type: 'disjunction' });
  }).format(items);
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

/**
 * Integer minor units → "€1,234.56", "US$80.00", "¥500" (in French "1 234,56 €"): always in the currency
 * the API names, whatever the language.
 */
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
export function formatTotals(
  totals: { currency: string; amount_minor: number }[],
  none = t('nothing'),
): string {
  if (totals.length === 0) return none;
  return formatList(totals.map((total) => formatMoney(total.amount_minor, total.currency)));
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
  if (days === 0) return t('today');
  const abs = Math.abs(days);
  const words =
    abs >= 60
      ? t('{months, plural, one {# month} other {# months}}', { months: Math.round(abs / 30.44) })
      : t('{days, plural, one {# day} other {# days}}', { days: abs });
  return days > 0 ? t('in {time}', { time: words }) : t('{time} ago', { time: words });
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
  if (d.overdue_since === null)
    return d.due_by === null ? '' : t('check in by {date}', { date: formatDay(d.due_by) });
  const missed = t('missed since {date}', { date: formatDay(d.overdue_since) });
  return d.due_by === null
    ? missed
    : t('{missed}; the current window closes {date}', { missed, date: formatDay(d.due_by) });
}

/** The calendar month of an ISO day, or this month (UTC): "2026-12". */
export function monthOf(iso: string = todayIso()): string {
  return iso.slice(0, 7);
}

const numericDayFormatters = new Map<string, Intl.DateTimeFormat>();
const numericDayFormatter = (): Intl.DateTimeFormat =>
  cached(numericDayFormatters, intlLocale(), () => {
    return new Intl.DateTimeFormat(intlLocale(), {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'UTC',
    });
  });

/** The order of day, month and year in the language in use, and what separates them ("/" in both). */
function dayParts(): { order: ('day' | 'month' | 'year')[]; separator: string } {
  const parts = numericDayFormatter().formatToParts(new Date(Date.UTC(2026, 0, 31)));
  const order = parts
    .map((part) => part.type)
    .filter(
      (type): type is 'day' | 'month' | 'year' => type === 'day' || type === 'month' || type === 'year',
    );
  const separator = parts.find((part) => part.type === 'literal')?.value ?? '/';
  return { order, separator };
}

/** How a day is typed in the language in use: "DD/MM/YYYY", in French "JJ/MM/AAAA". */
export function dayInputPattern(): string {
  const { order, separator } = dayParts();
  const letters = { day: t('DD'), month: t('MM'), year: t('YYYY') };
  return order.map((part) => letters[part]).join(separator);
}

/** "2026-03-01" → "01/03/2026", as a day is typed in the language in use; '' for no day. */
export function formatDayInput(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : numericDayFormatter().format(date);
}

/**
 * A day as a person types it → "YYYY-MM-DD": in the order of the language in use ("1/3/2026" is the
 * 1st of March in English and in French), or as an ISO day; any of / . - or a space between the parts.
 * '' for nothing typed, null for text that is not a day of the calendar (31/02/2026 included).
 */
export function parseDayInput(text: string): string | null {
  const typed = text.trim();
  if (typed === '') return '';
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  if (iso !== null) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else {
    const numbers = typed.split(/[\s./-]+/);
    if (numbers.length !== 3 || numbers.some((n) => !/^\d+$/.test(n))) return null;
    const { order } = dayParts();
    const value = (part: 'day' | 'month' | 'year'): number => Number(numbers[order.indexOf(part)]);
    [year, month, day] = [value('year'), value('month'), value('day')];
    if (String(numbers[order.indexOf('year')]).length !== 4) return null;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}
