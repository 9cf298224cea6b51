import { describe, expect, it } from 'vitest';
import {
  findUnsafeText,
  isoDateProblem,
  isoDateSchema,
  isoMonthProblem,
  isSupportedIsoDate,
  safeTextSchema,
  unsafeTextIndex,
  unsafeTextReason,
} from './safe-input.js';

describe('storable text', () => {
  it.each(['', 'Ana', 'emoji 😀 (a surrogate pair)', 'tab\tand\nnewline', '\uFFFD'])(
    'accepts %j',
    (value) => {
      expect(unsafeTextReason(value)).toBeNull();
      expect(safeTextSchema.safeParse(value).success).toBe(true);
    },
  );

  it.each([
    ['a NUL', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'x\uD800', /lone surrogate/],
    ['a lone low surrogate', '\uDC00x', /lone surrogate/],
    ['a reversed pair', '\uDE00\uD83D', /lone surrogate/],
  ])('refuses %s', (_name, value, message) => {
    expect(unsafeTextReason(value)).toMatch(message);
    expect(safeTextSchema.safeParse(value).success).toBe(false);
  });

  it('finds where the first unstorable character is', () => {
    expect(unsafeTextIndex('abc')).toBe(-1);
    expect(unsafeTextIndex('ab\u0000c\uD800')).toBe(2);
    expect(unsafeTextIndex('a\uD800b\u0000')).toBe(1);
  });

  it('names the path of the first unstorable string or key inside a value', () => {
    expect(findUnsafeText({ a: 'ok', b: [{ c: 'ok' }, { c: 'x\u0000' }] })).toMatchObject({
      path: 'b[1].c',
      segments: ['b', 1, 'c'],
    });
    expect(findUnsafeText({ ['k\u0000']: 1 })).toMatchObject({ path: 'k\uFFFD', message: /field name/ });
    expect(findUnsafeText({ a: 1, b: null, c: ['x', true] })).toBeNull();
  });
});

describe('dates', () => {
  it.each(['1900-01-01', '2028-02-29', '2026-12-01', '9999-12-31'])('accepts %s', (value) => {
    expect(isSupportedIsoDate(value)).toBe(true);
    expect(isoDateSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['0000-01-01', /1900–9999/],
    ['1899-12-31', /1900–9999/],
    ['2025-02-29', /real calendar date/],
    ['2025-02-30', /real calendar date/],
    ['2100-02-29', /real calendar date/],
    ['2026-13-01', /real calendar date/],
    ['2026-1-01', /YYYY-MM-DD/],
    ['10000-01-01', /YYYY-MM-DD/],
  ])('refuses %s', (value, message) => {
    expect(isoDateProblem(value)).toMatch(message);
    const parsed = isoDateSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toHaveLength(1);
  });

  it('checks months by the same years', () => {
    expect(isoMonthProblem('2026-02')).toBeNull();
    expect(isoMonthProblem('1900-01')).toBeNull();
    expect(isoMonthProblem('0000-01')).toMatch(/1900–9999/);
    expect(isoMonthProblem('2026-13')).toMatch(/01–12/);
    expect(isoMonthProblem('2026-2')).toMatch(/YYYY-MM/);
  });
});
