import { describe, expect, it } from 'vitest';
import { anniversaryOf, monthRangeOf, wholeMonthsBetween } from './tenure.js';

describe('months at a level by anniversary', () => {
  it.each([
    { since: '2024-08-15', months: 18, on: '2026-02-15' },
    { since: '2024-08-31', months: 18, on: '2026-02-28' },
    { since: '2022-08-31', months: 18, on: '2024-02-29' },
    { since: '2024-01-31', months: 1, on: '2024-02-29' },
    { since: '2025-01-31', months: 1, on: '2025-02-28' },
    { since: '2025-01-31', months: 2, on: '2025-03-31' },
    { since: '2025-12-15', months: 2, on: '2026-02-15' },
  ])('$since + $months months = $on', ({ since, months, on }) => {
    expect(anniversaryOf(since, months)).toBe(on);
  });

  it.each([
    { since: '2024-08-15', at: '2026-02-14', months: 17 },
    { since: '2024-08-15', at: '2026-02-15', months: 18 },
    { since: '2024-08-31', at: '2026-02-27', months: 17 },
    { since: '2024-08-31', at: '2026-02-28', months: 18 },
    { since: '2025-01-31', at: '2025-02-27', months: 0 },
    { since: '2025-01-31', at: '2025-02-28', months: 1 },
    { since: '2025-01-31', at: '2025-03-30', months: 1 },
    { since: '2025-01-31', at: '2025-03-31', months: 2 },
    { since: '2025-03-01', at: '2025-03-01', months: 0 },
    { since: '2025-03-01', at: '2025-02-01', months: 0 },
  ])('$since → $at is $months whole months', ({ since, at, months }) => {
    expect(wholeMonthsBetween(since, at)).toBe(months);
  });

  it('spans a phase from the level start: months 1–6 end the day before the 6th anniversary', () => {
    expect(monthRangeOf('2025-02-03', 1, 6)).toEqual({ starts_on: '2025-02-03', ends_on: '2025-08-02' });
    expect(monthRangeOf('2025-02-03', 7, 12)).toEqual({ starts_on: '2025-08-03', ends_on: '2026-02-02' });
  });
});
