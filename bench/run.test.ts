import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testEngines } from '../test/helpers/database.js';
import { dropTarget, targetsFor } from './lib/targets.js';
import { formatResult, parseOptions, resultFile, runBenchmarks, type BenchResult } from './run.js';
import { SIZES } from './sizes.js';

// A smoke run of the whole benchmark at the tiny size, so the scripts keep working as the code they
// measure changes. No timing is asserted (the figures mean nothing at this size); what is asserted is
// that every figure is produced and that each SQL floor computes the same answer as the service.
const FIGURES = [
  'import.rows_per_s',
  'readiness.service.p50',
  'readiness.service.p99',
  'ranking.service.p50',
  'readiness.http.p99',
  'readiness.http.rps',
  'ranking.event_loop_stall',
  'startup.readyz',
  'rss.peak',
];

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

describe.each(testEngines())('bench smoke run on %s', (engine) => {
  it(
    'measures every figure against its floor, and the floors agree with the services',
    { timeout: 900_000 },
    async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'ladder-bench-'));
      roots.push(root);
      const tag = `_smoke_${process.pid}`;
      const serverUrl = process.env.TEST_DATABASE_URL;
      const options = {
        ...parseOptions(['--size', 'tiny', '--engine', engine]),
        readinessCalls: 3,
        rankingRuns: 1,
        httpSeconds: 1,
        connections: 2,
        startupRuns: 1,
        dataRoot: root,
        resultsDir: root,
        tag,
        ...(serverUrl === undefined ? {} : { serverUrl }),
        log: () => undefined,
      };
      let result: BenchResult;
      try {
        result = await runBenchmarks(options);
      } finally {
        const targets = targetsFor(engine, 'tiny', root, options.serverUrl, tag);
        await dropTarget(targets.main);
        await dropTarget(targets.floor);
      }
      const ids = result.figures.map((f) => f.id);
      for (const id of FIGURES) expect(ids, id).toContain(id);
      for (const figure of result.figures) {
        expect(Number.isFinite(figure.value), `${figure.id} value`).toBe(true);
        expect(Number.isFinite(figure.floor), `${figure.id} floor`).toBe(true);
      }
      const service = result.details.service as {
        readiness: { metrics_met: number; floor_metrics_met: number };
        ranking: { builders: number; mismatches: number };
      };
      expect(service.ranking.builders).toBe(SIZES.tiny.rankedBuilders);
      expect(service.ranking.mismatches).toBe(0);
      expect(service.readiness.floor_metrics_met).toBe(service.readiness.metrics_met);
      expect(formatResult(result)).toContain('ratio');
      expect(path.basename(resultFile(result, root))).toBe(`${result.date}-${engine}-tiny.json`);
    },
  );
});

describe('bench options', () => {
  it('names a bad size or engine', () => {
    expect(() => parseOptions(['--size', 'huge'])).toThrow(
      '--size: expected one of tiny, small, large, got "huge"',
    );
    expect(() => parseOptions(['--engine', 'sqlite'])).toThrow('--engine: expected pglite or postgres');
  });
});
