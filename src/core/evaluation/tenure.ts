import { addDays, addMonthsClamped } from '../dates/calendar.js';

/**
 * Months at a level, counted by anniversary (on top of the shared calendar's clamped month addition):
 * a level begun 2024-08-15 completes its 18th month on 2026-02-15; one begun on a 31st completes a month
 * on the last day of a shorter month (2024-08-31 + 18 months = 2026-02-28).
 */

/** The date the `months`-th month at a level begun on `since` is complete. */
export function anniversaryOf(since: string, months: number): string {
  return addMonthsClamped(since, months);
}

/** Whole months from `since` to `at` by anniversary; 0 before the first anniversary or before `since`. */
export function wholeMonthsBetween(since: string, at: string): number {
  if (at <= since) return 0;
  let months =
    (Number(at.slice(0, 4)) - Number(since.slice(0, 4))) * 12 +
    (Number(at.slice(5, 7)) - Number(since.slice(5, 7)));
  if (anniversaryOf(since, months) > at) months -= 1;
  return Math.max(0, months);
}

/**
 * The days a run of months at a level covers: month 1 begins on `since`, month n on the (n − 1)-th
 * anniversary; months `from`–`to` end the day before the `to`-th anniversary.
 */
export function monthRangeOf(
  since: string,
  from: number,
  to: number,
): { starts_on: string; ends_on: string } {
  return { starts_on: anniversaryOf(since, from - 1), ends_on: addDays(anniversaryOf(since, to), -1) };
}
