import { describe, expect, it } from 'vitest';
import { growthBetween, perTenfold } from './growth.js';
import { REPORT_END, REPORT_START, renderReport, replaceReport } from './report.js';
import type { BenchResult, Figure } from './run.js';
import { SIZES } from './sizes.js';

const figure = (id: string, value: number | null, floor: number | null = null): Figure => ({
  id,
  label: `${id} (12 builders)`,
  unit: 'ms',
  value,
  floor,
  floor_label: 'floor',
  ratio: value === null || floor === null ? null : value / floor,
  target: null,
  met: null,
});

const result = (engine: 'pglite' | 'postgres', size: 'small' | 'large', figures: Figure[]): BenchResult => ({
  date: '2026-12-01',
  engine,
  size: SIZES[size],
  seed: 1,
  at: '2026-06-30',
  today: '2026-12-01',
  commit: 'a'.repeat(40),
  started_at: '2026-12-01T20:00:00Z',
  finished_at: '2026-12-01T20:10:00Z',
  machine: { cpus: 2, cpu_model: 'x', memory_gb: 24, node: 'v20', platform: 'linux x64' },
  figures,
  details: { load_average: { all: { min: 1, max: 3, mean: 2 } } },
});

describe('growth per 10× records', () => {
  it('is 1× when flat, 10× when linear, and the square root in between', () => {
    expect(perTenfold(5, 5, 100_000, 1_000_000)).toBeCloseTo(1);
    expect(perTenfold(5, 50, 100_000, 1_000_000)).toBeCloseTo(10);
    expect(perTenfold(1, 10, 1_000, 100_000)).toBeCloseTo(Math.sqrt(10));
  });

  it('has no factor for a missing or non-positive value', () => {
    expect(perTenfold(null, 5, 100_000, 1_000_000)).toBeNull();
    expect(perTenfold(0, 5, 100_000, 1_000_000)).toBeNull();
    expect(perTenfold(5, 5, 1_000_000, 1_000_000)).toBeNull();
  });

  it('pairs the figures of two runs of one engine, leaves equality counts out, says when commits differ', () => {
    const small = result('pglite', 'small', [figure('a', 10), figure('equality.readiness', 0)]);
    const large = { ...result('pglite', 'large', [figure('a', 40), figure('equality.readiness', 0)]) };
    const growth = growthBetween(small, large, 'bench/results/x-small.json');
    expect(growth.rows.map((r) => [r.id, r.small, r.large, r.per_10x])).toEqual([['a', 10, 40, 4]]);
    expect(growth.caveat).toBeUndefined();
    expect(growthBetween({ ...small, commit: 'b'.repeat(40) }, large).caveat).toContain('bbbbbbb');
    expect(() => growthBetween(result('postgres', 'small', []), large)).toThrow(/different engines/);
  });
});

describe('the generated section of docs/benchmarks.md', () => {
  const runs = {
    large: [
      { result: result('pglite', 'large', [figure('a', 40, 20)]), file: '/r/l-pglite.json' },
      { result: result('postgres', 'large', [figure('a', 30, 10)]), file: '/r/l-postgres.json' },
    ],
    small: [{ result: result('pglite', 'small', [figure('a', 10, 5)]), file: '/r/s-pglite.json' }],
  };

  it('shows both engines side by side, the load of each run, and the growth where a small run exists', () => {
    const report = renderReport(runs.large, runs.small);
    expect(report).toContain('| figure | pglite: value | floor | ratio | postgres: value | floor | ratio |');
    expect(report).toContain('| a | 40 ms | 20 ms | 2× | 30 ms | 10 ms | 3× |');
    expect(report).toContain('load 1–3 (mean 2)');
    expect(report).toContain('| a | 10 ms | 40 ms | 4× |');
  });

  it('replaces only what lies between the markers, and refuses a document without them', () => {
    const doc = `# Title\n\n${REPORT_START}\nold table\n${REPORT_END}\n\nHand-written text.\n`;
    const out = replaceReport(doc, 'new table');
    expect(out).toBe(`# Title\n\n${REPORT_START}\nnew table\n${REPORT_END}\n\nHand-written text.\n`);
    expect(replaceReport(out, 'new table')).toBe(out);
    expect(() => replaceReport('# no markers', 'x')).toThrow(/markers/);
  });
});
