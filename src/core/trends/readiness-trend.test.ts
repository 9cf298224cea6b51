import { describe, expect, it } from 'vitest';
import { trendDays } from './readiness-trend.js';

describe('trendDays', () => {
  it('gives the month ends before at, then at itself', () => {
    expect(trendDays('2026-03-30', 3, '2020-01-01')).toEqual(['2026-01-31', '2026-02-28', '2026-03-30']);
    // At on a month end is that month's point, not a second one.
    expect(trendDays('2026-03-31', 2, '2020-01-01')).toEqual(['2026-02-28', '2026-03-31']);
    expect(trendDays('2028-03-15', 2, '2020-01-01')).toEqual(['2028-02-29', '2028-03-15']);
  });

  it('crosses a year and keeps twelve points for twelve months', () => {
    const days = trendDays('2026-02-15', 12, '2020-01-01');
    expect(days).toHaveLength(12);
    expect(days[0]).toBe('2025-03-31');
    expect(days.at(-2)).toBe('2026-01-31');
    expect(days.at(-1)).toBe('2026-02-15');
  });

  it('leaves out the days before the first level, keeping the first level’s own day', () => {
    expect(trendDays('2024-09-15', 12, '2024-06-30')).toEqual([
      '2024-06-30',
      '2024-07-31',
      '2024-08-31',
      '2024-09-15',
    ]);
    expect(trendDays('2024-09-15', 12, '2024-07-01')).toEqual(['2024-07-31', '2024-08-31', '2024-09-15']);
  });

  it('refuses a count that is not a whole number of at least one', () => {
    expect(() => trendDays('2026-02-15', 0, '2020-01-01')).toThrow(RangeError);
    expect(() => trendDays('2026-02-15', 1.5, '2020-01-01')).toThrow(RangeError);
    expect(trendDays('2026-02-15', 1, '2020-01-01')).toEqual(['2026-02-15']);
  });
});
