import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  describeCheckinDue,
  formatMoney,
  formatTotals,
  toMajorUnits,
  totalsByCurrency,
} from './format';

describe('money in its own currency', () => {
  it("divides by the currency's own minor-unit exponent, not always 100", () => {
    expect(currencyExponent('EUR')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(toMajorUnits(24_752, 'EUR')).toBe(247.52);
    expect(toMajorUnits(500, 'JPY')).toBe(500);
    expect(toMajorUnits(1_250, 'KWD')).toBe(1.25);
  });

  it('shows each amount with the symbol and decimals of the currency the API names', () => {
    expect(formatMoney(24_752, 'EUR')).toBe('€247.52');
    expect(formatMoney(20_800, 'USD')).toBe('US$208.00');
    expect(formatMoney(500, 'JPY')).toBe('JP¥500');
    expect(formatMoney(1_250, 'KWD').replace(/\s/g, ' ')).toBe('KWD 1.250');
  });

  it('totals per currency and never adds two currencies together; nothing is not €0.00', () => {
    const totals = totalsByCurrency([
      { amount_minor: 20_800, currency: 'USD' },
      { amount_minor: 19_202, currency: 'EUR' },
      { amount_minor: 24_752, currency: 'USD' },
    ]);
    expect(totals).toEqual([
      { currency: 'USD', amount_minor: 45_552 },
      { currency: 'EUR', amount_minor: 19_202 },
    ]);
    expect(formatTotals(totals)).toBe('US$455.52 and €192.02');
    expect(totalsByCurrency([])).toEqual([]);
    expect(formatTotals([], 'nothing yet')).toBe('nothing yet');
  });
});

describe('check-in dates in words', () => {
  it('says since when a check-in was missed and when the current window closes, never "overdue by"', () => {
    expect(describeCheckinDue({ due_by: '2026-12-07', overdue_since: '2026-11-17' })).toBe(
      'missed since 17 Nov 2026; the current window closes 7 Dec 2026',
    );
    expect(describeCheckinDue({ due_by: null, overdue_since: '2026-11-17' })).toBe(
      'missed since 17 Nov 2026',
    );
    expect(describeCheckinDue({ due_by: '2026-12-07', overdue_since: null })).toBe('check in by 7 Dec 2026');
    expect(describeCheckinDue({ due_by: null, overdue_since: null })).toBe('');
  });
});
