/**
 * Money is an integer count of minor units (cents for USD and EUR). Nothing here touches a float for
 * arithmetic: decimals are parsed as text into integers, and percentages are applied with BigInt, so
 * 8250.50 × 3.5 % is computed exactly before the one rounding step.
 */

/** Minor-unit digits assumed for every currency the organisation pays in (USD, EUR, GBP…). */
export const MINOR_DIGITS = 2;

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses a decimal amount in major units ("8250.50", "8250.5", "8250") into minor units (825050).
 * Throws a RangeError naming `field` when the text is not a non-negative decimal with at most
 * `digits` decimals: an amount is never silently rounded on the way in.
 */
export function parseMoney(text: string, field = 'amount', digits = MINOR_DIGITS): number {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  if (match === null) {
    throw new RangeError(`${field}: expected an amount such as 8250.50, got "${text}"`);
  }
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    throw new RangeError(`${field}: expected at most ${digits} decimals, got "${text}"`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new RangeError(`${field}: amount too large: "${text}"`);
  }
  return Number(minor);
}

/** Formats minor units back to a decimal in major units: 825050 → "8250.50", -5 → "-0.05". */
export function formatMoney(minor: number, digits = MINOR_DIGITS): string {
  assertMinorUnits(minor, 'amount');
  const sign = minor < 0 ? '-' : '';
  const abs = BigInt(Math.abs(minor));
  if (digits === 0) return `${sign}${abs}`;
  const scale = 10n ** BigInt(digits);
  return `${sign}${abs / scale}.${(abs % scale).toString().padStart(digits, '0')}`;
}

/** An exact decimal percent as integer numerator over a power of ten: 3.5 → { units: 35n, scale: 10n }. */
export interface ExactPercent {
  units: bigint;
  scale: bigint;
}

/**
 * Reads a percent (as the ladder file holds it, a JS number such as 3 or 3.5) as an exact decimal.
 * JS prints the shortest text that reads back as the same number, so 3.5 becomes exactly 35/10 —
 * the value the person typed — and never 3.4999999999999996447….
 */
export function exactPercent(percent: number, field = 'percent'): ExactPercent {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`${field}: expected a percent between 0 and 100, got ${percent}`);
  }
  const [mantissa = '0', exponentText] = String(percent).toLowerCase().split('e');
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const decimals = fraction.length - exponent;
  const digits = BigInt(`${whole}${fraction}`);
  if (decimals <= 0) return { units: digits * 10n ** BigInt(-decimals), scale: 1n };
  return { units: digits, scale: 10n ** BigInt(decimals) };
}

/**
 * `minor × percent ÷ 100`, rounded half up to a whole minor unit: 0.5 of a cent and above goes up,
 * below goes down. Only for amounts ≥ 0 (a rate or a payout is never negative).
 */
export function percentOfMinor(minor: number, percent: number): number {
  assertMinorUnits(minor, 'amount');
  if (minor < 0) throw new RangeError(`amount: expected a non-negative amount, got ${minor}`);
  const { units, scale } = exactPercent(percent);
  const denominator = 100n * scale;
  const numerator = BigInt(minor) * units;
  // Half up for non-negative values: floor((2n + d) / 2d).
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** Throws unless `minor` is a safe integer: minor units never carry fractions. */
export function assertMinorUnits(minor: number, field: string): void {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`${field}: expected whole minor units (an integer), got ${minor}`);
  }
}

/** Sums minor units exactly; throws if the total leaves the safe-integer range. */
export function sumMinor(values: readonly number[]): number {
  let total = 0n;
  for (const value of values) {
    assertMinorUnits(value, 'amount');
    total += BigInt(value);
  }
  if (total > BigInt(Number.MAX_SAFE_INTEGER) || total < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('sum of amounts is too large');
  }
  return Number(total);
}
