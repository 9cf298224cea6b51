import { describe, expect, it } from 'vitest';
import { recordsInEffect } from './supersede.js';

const rec = (id: string, date: string, supersedes: string | null = null) => ({ id, date, supersedes });
const ids = (records: { id: string }[]) => records.map((r) => r.id);

describe('records in effect at a date', () => {
  const original = rec('a', '2025-03-01');
  const correction = rec('b', '2025-06-01', 'a');

  it.each([
    ['the day before the original', '2025-02-28', []],
    ['the day of the original', '2025-03-01', ['a']],
    ['the day before the correction: the original still stands', '2025-05-31', ['a']],
    ['the day of the correction: the correction replaces it', '2025-06-01', ['b']],
    ['long after', '2026-01-01', ['b']],
  ])('%s', (_name, at, expected) => {
    expect(ids(recordsInEffect([original, correction], at))).toEqual(expected);
  });

  it('follows a chain of corrections', () => {
    const chain = [rec('a', '2025-01-01'), rec('b', '2025-02-01', 'a'), rec('c', '2025-03-01', 'b')];
    expect(ids(recordsInEffect(chain, '2025-01-15'))).toEqual(['a']);
    expect(ids(recordsInEffect(chain, '2025-02-15'))).toEqual(['b']);
    expect(ids(recordsInEffect(chain, '2025-03-15'))).toEqual(['c']);
  });

  it('never lets an original return when a later correction carries an earlier date', () => {
    // b corrects a (dated 2025-05-01), c corrects b but is dated 2025-02-01.
    const chain = [rec('a', '2025-01-01'), rec('b', '2025-05-01', 'a'), rec('c', '2025-02-01', 'b')];
    expect(ids(recordsInEffect(chain, '2025-03-01'))).toEqual(['c']);
    expect(ids(recordsInEffect(chain, '2025-06-01'))).toEqual(['c']);
  });

  it('keeps unrelated records', () => {
    expect(ids(recordsInEffect([rec('x', '2025-01-01'), original, correction], '2025-07-01'))).toEqual([
      'x',
      'b',
    ]);
  });
});
