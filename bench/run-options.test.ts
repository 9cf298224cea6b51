import { describe, expect, it } from 'vitest';
import { parseOptions, splitSizeFlags } from './run.js';

// The command line only (no run): the slow end-to-end runs are in run.test.ts.
describe('bench command line', () => {
  it('keeps the first argument when --size comes later and --growth-from is absent', () => {
    const split = splitSizeFlags(['--engine', 'postgres', '--size', 'large', '--reuse']);
    expect(split).toEqual({
      sizes: ['large'],
      growthFrom: undefined,
      rest: ['--engine', 'postgres', '--reuse'],
    });
    expect(parseOptions(['--size', 'large', ...split.rest]).engine).toBe('postgres');
  });

  it('takes out --size a,b and --growth-from FILE wherever they are', () => {
    expect(
      splitSizeFlags(['--growth-from', 'x.json', '--engine', 'pglite', '--size', 'small,large']),
    ).toEqual({
      sizes: ['small', 'large'],
      growthFrom: 'x.json',
      rest: ['--engine', 'pglite'],
    });
    expect(splitSizeFlags(['--reuse'])).toEqual({
      sizes: [undefined],
      growthFrom: undefined,
      rest: ['--reuse'],
    });
  });

  it('draws the HTTP load with --draw-seed when given, else with seed + 1', () => {
    expect(parseOptions(['--draw-seed', '7']).drawSeed).toBe(7);
    expect(parseOptions([]).drawSeed).toBeUndefined();
    expect(() => parseOptions(['--draw-seed', '-1'])).toThrow(/--draw-seed/);
  });

  it('asks the HTTP load at --http-at when given, refusing what is not a date', () => {
    expect(parseOptions(['--http-at', '2026-07-01']).httpAt).toBe('2026-07-01');
    expect(parseOptions([]).httpAt).toBeUndefined();
    expect(() => parseOptions(['--http-at', '2026-13-45'])).toThrow(/--http-at/);
    expect(() => parseOptions(['--http-at', 'July'])).toThrow(/--http-at/);
  });
});
