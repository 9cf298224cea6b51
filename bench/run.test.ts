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
// that every figure is produced, that each SQL floor computes the same answer as the service, and that
// the maintained answers equal the reference for every builder and level (once the reference exists).
const FIGURES = [
  'import.rows_per_s',
  'import.seconds',
  'import.peak_rss_mb',
  'import.event_loop_stall',
  'import.healthz_slowest',
  'readiness.cold.p50',
  'readiness.cold.p99',
  'readiness.http.p99',
  'readiness.http.rps',
  'readiness.http.event_loop_stall',
  'readiness.http.healthz_slowest',
  'ranking.today.http.p50',
  'ranking.other.http.p50',
  'ranking.other.cold.p50',
  'ranking.today.service.p50',
  'ranking.event_loop_stall',
  'ranking.healthz_slowest',
  'equality.readiness',
  'equality.ranking',
  'startup.readyz',
  'rss.server',
];
// Figures whose floor is not a measurement (nothing to divide by).
const NO_FLOOR = new Set(['equality.ranking', 'rss.server_import']);

// The phases' step log (stderr) is for people watching a long run, not for the test output.
process.env.BENCH_QUIET = '1';

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
        // A missing value says why (e.g. the reference is not on main yet, or probes went unanswered).
        if (figure.value === null) expect(figure.note, `${figure.id} note`).toBeTruthy();
        else expect(Number.isFinite(figure.value), `${figure.id} value`).toBe(true);
        if (!NO_FLOOR.has(figure.id) && figure.value !== null)
          expect(Number.isFinite(figure.floor), `${figure.id} floor`).toBe(true);
      }
      const service = result.details.service as {
        readiness: { metrics_met: number; floor_metrics_met: number };
        ranking: { builders: number; mismatches: number };
        equality: {
          readiness: { reference: string | null; builders?: number; differences?: number };
          ranking: { reference: string | null; differences?: number };
        };
      };
      expect(service.ranking.builders).toBe(SIZES.tiny.rankedBuilders);
      expect(service.ranking.mismatches).toBe(0);
      expect(service.readiness.floor_metrics_met).toBe(service.readiness.metrics_met);
      if (service.equality.readiness.reference !== null) {
        expect(service.equality.readiness.builders).toBe(
          SIZES.tiny.rankedBuilders + SIZES.tiny.otherBuilders,
        );
        expect(service.equality.readiness.differences).toBe(0);
      }
      if (service.equality.ranking.reference !== null) expect(service.equality.ranking.differences).toBe(0);
      expect(result.commit).toMatch(/^[0-9a-f]{40}$/);
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
    expect(() => parseOptions(['--phases', 'import,ranking'])).toThrow(
      '--phases: expected a list of import, http, service, got "ranking"',
    );
  });

  it('refuses an option it does not know instead of running without it', () => {
    // A mistyped --reuse ignored would replace the imported database with a fresh import.
    expect(() => parseOptions(['--size', 'small', '--resue'])).toThrow('unknown option "--resue"');
    expect(() => parseOptions(['--help'])).toThrow('--phases import,http,service');
    expect(() => parseOptions(['small'])).toThrow('unknown option "small"');
    expect(parseOptions(['--size', 'small', '--reuse', '--seconds', '5', '--phases', 'http'])).toMatchObject({
      reuse: true,
      httpSeconds: 5,
    });
  });
});
