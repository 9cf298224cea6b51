/**
 * ISO calendar dates (`YYYY-MM-DD`) and months (`YYYY-MM`) as plain strings, in UTC. Strings compare
 * correctly with `<` and `===`, survive JSON and the database unchanged, and never drift by a time zone.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_MONTH = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

interface Ymd {
  year: number;
  month: number; // 1–12
  day: number;
}

/** True for a real calendar date written `YYYY-MM-DD` (no 2025-02-30). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** True for a month written `YYYY-MM`. */
export function isIsoMonth(value: string): boolean {
  const match = ISO_MONTH.exec(value);
  if (match === null) return false;
  const month = Number(match[2]);
  return month >= 1 && month <= 12;
}

/** Days in a month of a year (1–12), leap years included: February 2028 has 29. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function parse(date: string): Ymd {
  const match = ISO_DATE.exec(date);
  if (match === null || !isIsoDate(date)) throw new RangeError(`expected a date YYYY-MM-DD, got "${date}"`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function format({ year, month, day }: Ymd): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The same day of the month `months` later, clamped to the last day of the target month:
 * 2026-01-31 + 1 → 2026-02-28, + 2 → 2026-03-31. Always compute from the original date (never chain
 * calls), or a clamp in February would shorten every later month.
 */
export function addMonthsClamped(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`expected whole months, got ${months}`);
  const { year, month, day } = parse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

/** The date `days` days later (or earlier when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`expected whole days, got ${days}`);
  const { year, month, day } = parse(date);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** The month a date falls in: 2026-01-31 → 2026-01. */
export function monthOf(date: string): string {
  parse(date);
  return date.slice(0, 7);
}

/** First day of a month: 2026-02 → 2026-02-01. */
export function firstDayOfMonth(month: string): string {
  if (!isIsoMonth(month)) throw new RangeError(`expected a month YYYY-MM, got "${month}"`);
  return `${month}-01`;
}

/** Last day of a month: 2028-02 → 2028-02-29. */
export function lastDayOfMonth(month: string): string {
  if (!isIsoMonth(month)) throw new RangeError(`expected a month YYYY-MM, got "${month}"`);
  const [year, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(year, m)).padStart(2, '0')}`;
}

/** The UTC calendar date of an instant (what "today" means for a clock reading). */
export function isoDateOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
