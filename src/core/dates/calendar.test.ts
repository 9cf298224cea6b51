import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonthsClamped,
  daysBetween,
  daysInMonth,
  firstDayOfMonth,
  isIsoDate,
  isIsoMonth,
  lastDayOfMonth,
  monthOf,
} from './calendar.js';

describe('addMonthsClamped', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28', 'clamped to February'],
    ['2026-01-31', 2, '2026-03-31', 'computed from the start, not from Feb 28'],
    ['2028-01-31', 1, '2028-02-29', 'leap year'],
    ['2028-02-29', 12, '2029-02-28', 'leap day a year on'],
    ['2026-03-31', 1, '2026-04-30', '30-day month'],
    ['2025-09-15', 5, '2026-02-15', 'across a year end'],
    ['2026-12-15', 1, '2027-01-15', 'December to January'],
    ['2026-01-15', -1, '2025-12-15', 'backwards'],
    ['2026-01-15', 0, '2026-01-15', 'zero months'],
  ])('%s + %i months = %s (%s)', (date, months, expected) => {
    expect(addMonthsClamped(date, months)).toBe(expected);
  });

  it('never changes the day unless the month is too short, and always lands in the right month', () => {
    const date = fc
      .record({
        y: fc.integer({ min: 1990, max: 2100 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 31 }),
      })
      .filter(({ y, m, d }) => d <= daysInMonth(y, m))
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 240 }), (start, k) => {
        const result = addMonthsClamped(start, k);
        const [y, m, d] = start.split('-').map(Number) as [number, number, number];
        const index = y * 12 + m - 1 + k;
        const ty = Math.floor(index / 12);
        const tm = (index % 12) + 1;
        expect(result.slice(0, 7)).toBe(`${ty}-${String(tm).padStart(2, '0')}`);
        expect(Number(result.slice(8))).toBe(Math.min(d, daysInMonth(ty, tm)));
      }),
    );
  });
});

describe('day arithmetic', () => {
  it('adds days across months and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2026-01-15')).toBe(14);
    expect(daysBetween('2026-01-15', '2026-01-01')).toBe(-14);
    expect(daysBetween('2028-02-01', '2028-03-01')).toBe(29);
  });
});

describe('validation and months', () => {
  it.each(['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-04-31', ''])('refuses %s', (value) => {
    expect(isIsoDate(value)).toBe(false);
    expect(() => addDays(value, 1)).toThrow(/YYYY-MM-DD/);
  });
  it('accepts real dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
  it('knows months', () => {
    expect(isIsoMonth('2026-02')).toBe(true);
    expect(isIsoMonth('2026-13')).toBe(false);
    expect(monthOf('2026-01-31')).toBe('2026-01');
    expect(firstDayOfMonth('2026-02')).toBe('2026-02-01');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(() => lastDayOfMonth('2026-2')).toThrow(/YYYY-MM/);
  });
});
