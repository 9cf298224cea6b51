import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLocale } from '../i18n/i18n';
import {
  currencyExponent,
  dayInputPattern,
  describeCheckinDue,
  describeDaysUntil,
  formatDay,
  formatDayInput,
  formatAlternatives,
  formatList,
  formatMoney,
  formatMonth,
  formatNumber,
  formatTotals,
  parseDayInput,
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

describe('in French, when the organisation’s ladder is French', () => {
  beforeAll(() => setLocale('fr'));
  afterAll(() => setLocale('en'));
  const spaces = (text: string): string => text.replace(/[\u202f\u00a0]/g, ' ');

  it('writes days, months, numbers and lists the French way', () => {
    expect(formatDay('2026-02-01')).toBe('1 févr. 2026');
    expect(formatMonth('2026-12')).toBe('déc. 2026');
    expect(spaces(formatNumber(1234.5))).toBe('1 234,5');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b et c');
    expect(formatAlternatives(['a', 'b', 'c'])).toBe('a, b ou c');
  });

  it('keeps each amount in its own currency, written the French way', () => {
    expect(spaces(formatMoney(24_752, 'EUR'))).toBe('247,52 €');
    expect(spaces(formatMoney(20_800, 'USD'))).toBe('208,00 $US');
    expect(
      spaces(
        formatTotals([
          { currency: 'USD', amount_minor: 45_552 },
          { currency: 'EUR', amount_minor: 19_202 },
        ]),
      ),
    ).toBe('455,52 $US et 192,02 €');
    expect(formatTotals([])).toBe('rien');
  });

  it('says distances and check-in dates in French, plural by French rules', () => {
    expect(describeDaysUntil('2026-01-01', '2026-01-02')).toBe('dans 1 jour');
    expect(describeDaysUntil('2026-01-03', '2026-01-01')).toBe('il y a 2 jours');
    expect(describeDaysUntil('2026-01-01', '2026-07-01')).toBe('dans 6 mois');
    expect(describeDaysUntil('2026-01-01', '2026-01-01')).toBe('aujourd’hui');
    expect(describeCheckinDue({ due_by: '2026-12-07', overdue_since: '2026-11-17' })).toBe(
      'manqué depuis le 17 nov. 2026 ; la période en cours se termine le 7 déc. 2026',
    );
  });
});

describe('in English', () => {
  it('says distances with English plurals', () => {
    expect(describeDaysUntil('2026-01-01', '2026-01-02')).toBe('in 1 day');
    expect(describeDaysUntil('2026-01-03', '2026-01-01')).toBe('2 days ago');
    expect(describeDaysUntil('2026-01-01', '2026-07-01')).toBe('in 6 months');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b and c');
    expect(formatAlternatives(['builder', 'leadership'])).toBe('builder or leadership');
  });
});

describe('a day typed in a field, in the language in use', () => {
  afterAll(() => setLocale('en'));

  it('reads day, month, year in the language’s order, or an ISO day; anything else is not a day', () => {
    for (const locale of ['en', 'fr'] as const) {
      setLocale(locale);
      expect(parseDayInput('01/03/2026')).toBe('2026-03-01');
      expect(parseDayInput('1.3.2026')).toBe('2026-03-01');
      expect(parseDayInput(' 1 3 2026 ')).toBe('2026-03-01');
      expect(parseDayInput('2026-03-01')).toBe('2026-03-01');
      expect(parseDayInput('')).toBe('');
      // The calendar's own limits: no 31st of February, no 13th month, a year of four digits.
      expect(parseDayInput('31/02/2026')).toBeNull();
      expect(parseDayInput('29/02/2028')).toBe('2028-02-29');
      expect(parseDayInput('29/02/2026')).toBeNull();
      expect(parseDayInput('01/13/2026')).toBeNull();
      expect(parseDayInput('01/03/26')).toBeNull();
      expect(parseDayInput('2026-02-30')).toBeNull();
      expect(parseDayInput('01/03')).toBeNull();
      expect(parseDayInput('first of March')).toBeNull();
    }
  });

  it('writes a day back the way it is typed, and says the pattern in the language’s letters', () => {
    setLocale('en');
    expect(formatDayInput('2026-03-01')).toBe('01/03/2026');
    expect(formatDayInput('')).toBe('');
    expect(dayInputPattern()).toBe('DD/MM/YYYY');
    setLocale('fr');
    expect(formatDayInput('2026-03-01')).toBe('01/03/2026');
    expect(dayInputPattern()).toBe('JJ/MM/AAAA');
    expect(parseDayInput(formatDayInput('2026-12-31'))).toBe('2026-12-31');
  });
});
