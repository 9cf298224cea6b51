import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactPercent, formatMoney, parseMoney, percentOfMinor, sumMinor } from './money.js';

describe('parseMoney', () => {
  it.each([
    ['8250.50', 825050],
    ['8250.5', 825050],
    ['8250', 825000],
    ['0.01', 1],
    ['0', 0],
    [' 5200.00 ', 520000],
    ['0.1', 10],
  ])('reads %s as %i minor units', (text, minor) => {
    expect(parseMoney(text)).toBe(minor);
  });

  it.each(['8250.505', '-1.00', '1,000.00', '12a', '', '.5', '1.', '1e3'])(
    'refuses "%s" naming the field',
    (text) => {
      expect(() => parseMoney(text, 'monthly_rate')).toThrow(/monthly_rate/);
    },
  );

  it('refuses amounts beyond the safe-integer range', () => {
    expect(() => parseMoney('900719925474099.99')).toThrow(/too large/);
  });
});

describe('formatMoney', () => {
  it.each([
    [825050, '8250.50'],
    [1, '0.01'],
    [0, '0.00'],
    [-5, '-0.05'],
    [100, '1.00'],
  ])('writes %i as %s', (minor, text) => {
    expect(formatMoney(minor)).toBe(text);
  });

  it('refuses fractions of a minor unit', () => {
    expect(() => formatMoney(1.5)).toThrow(/integer/);
  });

  it('round-trips every amount through text', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (minor) => {
        expect(parseMoney(formatMoney(minor))).toBe(minor);
      }),
    );
  });
});

describe('exactPercent', () => {
  it.each([
    [3, 3n, 1n],
    [3.5, 35n, 10n],
    [0.1, 1n, 10n],
    [100, 100n, 1n],
    [1e-7, 1n, 10_000_000n],
    [12.345, 12345n, 1000n],
  ])('reads %d exactly', (percent, units, scale) => {
    expect(exactPercent(percent)).toEqual({ units, scale });
  });

  it.each([-1, 101, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (percent) => {
    expect(() => exactPercent(percent)).toThrow(/percent/);
  });
});

describe('percentOfMinor rounds half up to a whole minor unit', () => {
  it.each([
    // 1 % boundary: 1 % of 50 cents is exactly half a cent → up; of 49 cents → 0.49 → down.
    { rate: 50, percent: 1, amount: 1, why: '0.50 of a cent goes up' },
    { rate: 49, percent: 1, amount: 0, why: '0.49 of a cent goes down' },
    { rate: 150, percent: 1, amount: 2, why: '1.50 goes up to 2' },
    { rate: 249, percent: 1, amount: 2, why: '2.49 goes down to 2' },
    { rate: 250, percent: 1, amount: 3, why: '2.50 goes up to 3' },
    { rate: 840000, percent: 3, amount: 25200, why: 'L4 cut of 8400.00 is 252.00' },
    { rate: 825050, percent: 3, amount: 24752, why: '247.515 → 247.52' },
    { rate: 825050, percent: 3.5, amount: 28877, why: '288.7675 → 288.77' },
    { rate: 825050, percent: 4, amount: 33002, why: '330.02 exactly' },
    // 0.7 and 2.3 are not exact in binary: a float product lands just under the half and rounds down.
    { rate: 5500, percent: 0.7, amount: 39, why: '38.5 → 39, where 5500*0.7/100 = 38.49999999999999' },
    { rate: 1500, percent: 2.3, amount: 35, why: '34.5 → 35, where 1500*2.3/100 = 34.49999999999999' },
    { rate: 3000, percent: 4.35, amount: 131, why: '130.5 → 131, where floats give 130.49999999999997' },
    { rate: 105, percent: 0.1, amount: 0, why: '0.105 → 0' },
    { rate: 0, percent: 4, amount: 0, why: 'zero rate' },
    { rate: 123456, percent: 0, amount: 0, why: 'zero percent' },
    { rate: 123456, percent: 100, amount: 123456, why: 'the whole rate' },
  ])('$rate × $percent % = $amount ($why)', ({ rate, percent, amount }) => {
    expect(percentOfMinor(rate, percent)).toBe(amount);
  });

  it('refuses negative or fractional amounts', () => {
    expect(() => percentOfMinor(-1, 3)).toThrow(/non-negative/);
    expect(() => percentOfMinor(1.5, 3)).toThrow(/integer/);
  });

  it('agrees with exact rational rounding for any rate and percent with up to 3 decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000_00 }),
        fc.integer({ min: 0, max: 100_000 }),
        (rate, permille) => {
          const percent = permille / 1000;
          const exact = BigInt(rate) * BigInt(permille); // × 100 000 = 100 % × 1000
          const floor = exact / 100_000n;
          const remainder = exact % 100_000n;
          const expected = Number(remainder * 2n >= 100_000n ? floor + 1n : floor);
          expect(percentOfMinor(rate, percent)).toBe(expected);
        },
      ),
    );
  });
});

describe('sumMinor', () => {
  it('adds exactly', () => {
    expect(sumMinor([1, 2, 3])).toBe(6);
    expect(sumMinor([])).toBe(0);
  });
  it('refuses a total beyond the safe range', () => {
    expect(() => sumMinor([Number.MAX_SAFE_INTEGER, 1])).toThrow(/too large/);
  });
});
