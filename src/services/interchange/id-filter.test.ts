import { describe, expect, it } from 'vitest';
import { IdFilter } from './id-filter.js';

describe('the filter of ids an import wrote', () => {
  it('never says "surely not" for an id it was given', () => {
    const filter = new IdFilter(16);
    const ids = Array.from({ length: 20_000 }, (_, i) => `r${String(i).padStart(8, '0')}`);
    for (const id of ids) filter.add(id);
    expect(ids.filter((id) => !filter.mightHave(id))).toEqual([]);
  });

  it('says "surely not" for almost every id it was not given (its bits spread over the whole filter)', () => {
    // 2^20 bits and 50 000 ids: about 0.02 % false "maybe" if the hashes spread; a hash that lands on a
    // few bits only (or one probe) would answer "maybe" far more often.
    const filter = new IdFilter(20);
    for (let i = 0; i < 50_000; i += 1) filter.add(`ev-${i}`);
    let maybe = 0;
    for (let i = 50_000; i < 100_000; i += 1) if (filter.mightHave(`ev-${i}`)) maybe += 1;
    expect(maybe).toBeLessThan(100);
    expect(new IdFilter(20).mightHave('ev-1')).toBe(false);
  });

  it('tells ids apart that differ in one character anywhere', () => {
    const filter = new IdFilter(20);
    filter.add('decision:2026-01-01:a');
    expect(filter.mightHave('decision:2026-01-01:a')).toBe(true);
    expect(filter.mightHave('decision:2026-01-01:b')).toBe(false);
    expect(filter.mightHave('Decision:2026-01-01:a')).toBe(false);
    expect(filter.mightHave('decision:2026-01-01:')).toBe(false);
  });
});
