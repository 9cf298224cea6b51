import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { parse } from 'csv-parse/sync';
import { createRandom, generateOrganisation } from './generate.js';
import { growthBetween, type Growth } from './growth.js';
import { ladderBin, repoRoot, runPhase, runTimedNode } from './lib/child.js';
import { startProbe, type Probe, type ProbeResult } from './lib/probe.js';
import {
  ensureBenchAccount,
  signInBench,
  startServe,
  type LoopDelay,
  type ServeProcess,
} from './lib/serve.js';
import { fmt, percentile, renderTable, type Stats } from './lib/stats.js';
import {
  databaseUrlOf,
  DEFAULT_SERVER_URL,
  dropTarget,
  resetTarget,
  targetsFor,
  type Engine,
} from './lib/targets.js';
import { BENCH_AT, parseSize, RANKED_LEVEL, STAR_EMAIL, type BenchSize } from './sizes.js';

/**
 * `npm run bench [-- --size small|large --engine pglite|postgres]`: generates (once) the organisation,
 * then measures the targets of issue 15, each against a floor measured in the same run:
 * 1. `ladder import` beside a running `ladder serve` (the server probed on /healthz and its event loop
 *    watched meanwhile) vs COPY of the same rows into a fresh database;
 * 2. the real `ladder serve` process under HTTP load: readiness of builders drawn at random from all of
 *    them (50 connections) vs /healthz, rankings at other dates and today, /healthz probed and the event
 *    loop watched throughout, peak RSS;
 * 3. in process: readiness of the 10 000-record builder (cold and warm), the ranking today and at
 *    another date, each vs one SQL statement computing the same counts; then every builder's maintained
 *    readiness and every level's ranking against the full evaluation kept as the reference.
 * Writes bench/results/<date>-<engine>.json (…-<size>.json below the large size) and prints a table.
 */

export interface BenchOptions {
  size: BenchSize;
  engine: Engine;
  seed: number;
  /**
   * Seed of the HTTP load's builder draws (default seed + 1). Another one per run draws builders whose
   * answers earlier runs did not store, so every run's requests are cold, whichever code revision runs.
   */
  drawSeed?: number;
  /**
   * The `at` of the HTTP load's readiness requests (default BENCH_AT). A run with the draw seed of an
   * earlier run at another date asks the same builders with their contributions current and no answer
   * stored: the first read of a new day, the path every builder takes once a day.
   */
  httpAt?: string;
  /** Keep an already imported database (skips the import figures). */
  reuse: boolean;
  /** Figures and details of an earlier run of the same database: its import figures are kept (implies reuse). */
  merge?: { figures: Figure[]; details: Record<string, unknown> };
  /** Phases to run: import, http, service (all by default). */
  phases: ReadonlySet<Phase>;
  readinessCalls: number;
  rankingRuns: number;
  httpSeconds: number;
  connections: number;
  /** Compare every n-th builder with the reference at BENCH_AT (1: every builder). */
  equalityStride: number;
  /** The same at today's date (a second pass: on two cores the large size affords a sample of it). */
  equalityTodayStride: number;
  /** Write V8 CPU profiles of the server, the import and the in-process phase here. */
  cpuProfDir?: string;
  serverUrl: string;
  /** Appended to the PostgreSQL database names (so concurrent smoke runs do not share databases). */
  tag?: string;
  dataRoot: string;
  resultsDir: string;
  log: (line: string) => void;
  /** Called after each phase with the figures so far (the CLI keeps them in a .tmp file). */
  checkpoint?: (figures: readonly Figure[], details: Record<string, unknown>) => Promise<void>;
}

export const PHASES = ['import', 'http', 'service'] as const;
export type Phase = (typeof PHASES)[number];

/** One line of the table: a figure, its floor measured in the same run, and their ratio. */
export interface Figure {
  id: string;
  label: string;
  unit: string;
  value: number | null;
  floor: number | null;
  floor_label: string;
  /** value ÷ floor (for rates as well: the share of the floor's rate reached). */
  ratio: number | null;
  target: string | null;
  /** null when the figure has no target, or the target is for another engine or size. */
  met: boolean | null;
  /** Why a value is missing, or what to know to read it. */
  note?: string;
}

export interface BenchResult {
  date: string;
  engine: Engine;
  size: BenchSize;
  seed: number;
  at: string;
  today: string;
  commit: string | null;
  started_at: string;
  finished_at: string;
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string; platform: string };
  figures: Figure[];
  details: Record<string, unknown>;
  /** Set when the run did not finish (e.g. stopped at a deadline): which phases the figures cover. */
  partial?: string;
  /** How each figure grew from a smaller run of the same engine (`--size small,large`, `--growth-from`). */
  growth?: Growth;
}

const GENERATOR_VERSION = 1;

/** Generates the organisation unless the same size, seed and generator version is already there. */
async function ensureOrganisation(options: BenchOptions): Promise<string> {
  const dir = path.join(options.dataRoot, options.size.name, 'org');
  const stampFile = path.join(dir, '.stamp.json');
  const stamp = JSON.stringify({ size: options.size, seed: options.seed, version: GENERATOR_VERSION });
  if (existsSync(stampFile) && (await readFile(stampFile, 'utf8')) === stamp) return dir;
  options.log(`generating the ${options.size.name} organisation in ${dir} …`);
  const started = performance.now();
  const generated = await generateOrganisation(options.size, dir, { seed: options.seed });
  await writeFile(stampFile, stamp);
  options.log(
    `  ${generated.builders} builders, ${generated.records} records in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return dir;
}

interface LoadResult {
  p50_ms: number;
  p99_ms: number;
  max_ms: number;
  requests_per_s: number;
  requests: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
}

function toLoadResult(result: autocannon.Result): LoadResult {
  return {
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    max_ms: result.latency.max,
    requests_per_s: result.requests.average,
    requests: result.requests.total,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Runs autocannon; `nextPath` (if given) picks the path of every request. */
async function load(
  url: string,
  options: {
    connections: number;
    seconds: number;
    headers?: Record<string, string>;
    nextPath?: () => string;
  },
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const nextPath = options.nextPath;
    autocannon(
      {
        url,
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers ?? {},
        ...(nextPath === undefined
          ? {}
          : { requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }] }),
      },
      (error, result) =>
        error
          ? reject(error instanceof Error ? error : new Error(String(error)))
          : resolve(toLoadResult(result)),
    );
  });
}

/** Waits until /healthz answers within 200 ms, i.e. the server has finished what it had queued. */
async function drain(base: string): Promise<void> {
  const until = performance.now() + 600_000;
  while (performance.now() < until) {
    const started = performance.now();
    try {
      await (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(30_000) })).arrayBuffer();
      if (performance.now() - started < 200) return;
    } catch {
      // still busy
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** What a stretch of work did to the server: its longest event-loop stall and how /healthz fared. */
interface Watched {
  loop: LoopDelay;
  healthz: ProbeResult;
}

/** Runs `work` with the server's event loop watched and /healthz probed. */
async function watched<T>(serve: ServeProcess, work: () => Promise<T>): Promise<{ value: T } & Watched> {
  await serve.startLoopDelay();
  const probe: Probe = startProbe(serve.base);
  try {
    const value = await work();
    return { value, healthz: await probe.stop(), loop: await serve.stopLoopDelay() };
  } catch (error) {
    await probe.stop();
    await serve.stopLoopDelay().catch(() => undefined);
    throw error;
  }
}

const ratio = (value: number | null | undefined, floor: number | null | undefined): number | null =>
  value === null || value === undefined || floor === null || floor === undefined || floor === 0
    ? null
    : value / floor;

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The commit measured: BENCH_COMMIT when the bench runs from an exported tree (`git archive`), else HEAD. */
function gitCommit(): string | null {
  const exported = process.env.BENCH_COMMIT;
  if (exported !== undefined && /^[0-9a-f]{40}$/.test(exported)) return exported;
  try {
    const head = readFileSync(path.join(repoRoot, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = path.join(repoRoot, '.git', ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const packed = readFileSync(path.join(repoRoot, '.git', 'packed-refs'), 'utf8');
    return (
      packed
        .split('\n')
        .find((line) => line.endsWith(` ${ref}`))
        ?.split(' ')[0] ?? null
    );
  } catch {
    return null;
  }
}

/** The 1-minute load average every 5 s, by phase: the figures' context on a shared machine. */
function loadSampler(): {
  phase(name: string): void;
  stop(): Record<string, { min: number; max: number; mean: number }>;
} {
  const samples: { phase: string; load1: number }[] = [];
  let current = 'start';
  const take = () => samples.push({ phase: current, load1: loadavg()[0] ?? 0 });
  take();
  const timer = setInterval(take, 5_000);
  timer.unref();
  return {
    phase: (name) => {
      current = name;
      take();
    },
    stop: () => {
      clearInterval(timer);
      take();
      const out: Record<string, { min: number; max: number; mean: number }> = {};
      for (const name of new Set(['all', ...samples.map((s) => s.phase)])) {
        const values = samples.filter((s) => name === 'all' || s.phase === name).map((s) => s.load1);
        out[name] = {
          min: Math.min(...values),
          max: Math.max(...values),
          mean: values.reduce((a, b) => a + b, 0) / values.length,
        };
      }
      return out;
    },
  };
}

/** The emails of builders.csv, for drawing builders at random. */
async function builderEmails(orgDir: string): Promise<string[]> {
  const rows = parse<Record<string, string>>(await readFile(path.join(orgDir, 'builders.csv'), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  return rows.map((row) => row.email!);
}

interface ServiceResult {
  stores: { readiness_answers: boolean; ranking_rows: boolean };
  readiness: {
    records_read: number;
    cold_ms: Stats;
    /** Cold with nothing stored: answers and per-rule contributions removed (null before ADR 0017). */
    cold_bare_ms?: Stats | null;
    warm_ms: Stats | null;
    reference_ms: Stats | null;
    floor_ms: Stats;
    read_floor_ms: Stats;
    metrics_met: number;
    floor_metrics_met: number | null;
  };
  ranking: {
    builders: number;
    mismatches: number;
    other_date: { at: string; cold_ms: Stats; warm_ms: Stats; floor_ms: Stats };
    today: { at: string; cold_ms: Stats; warm_ms: Stats; floor_ms: Stats };
    reference_ms: Stats | null;
    http_date_floors_ms: Record<string, Stats>;
  };
  equality: {
    readiness: {
      reference: string | null;
      builders?: number;
      compared?: number;
      differences?: number;
      note?: string;
    };
    ranking: { reference: string | null; differences?: number; checks?: unknown[]; note?: string };
  };
  peak_rss_mb: number;
}

const describePasses = (options: BenchOptions): string =>
  [
    `${options.equalityStride === 1 ? 'every builder' : `every ${options.equalityStride}th builder`} at ${BENCH_AT}`,
    `${options.equalityTodayStride === 1 ? 'every builder' : `every ${options.equalityTodayStride}th builder`} today`,
  ].join(', ');

/** Runs the benchmarks of one engine and size; returns the figures (and writes nothing). */
export async function runBenchmarks(options: BenchOptions): Promise<BenchResult> {
  const { size, engine, log } = options;
  const startedAt = new Date().toISOString();
  const commit = gitCommit();
  const orgDir = await ensureOrganisation(options);
  const targets = targetsFor(engine, size.name, options.dataRoot, options.serverUrl, options.tag ?? '');
  const today = new Date().toISOString().slice(0, 10);
  const details: Record<string, unknown> = { commit };
  const figures: Figure[] = [];
  const embedded = engine === 'pglite';
  const large = size.name === 'large';
  const loads = loadSampler();
  // The targets are the issue's, for the large organisation; at other sizes figures carry no verdict.
  const add = (
    figure: Omit<Figure, 'ratio' | 'met'> & { ratio?: number | null; check?: (f: Figure) => boolean | null },
  ): void => {
    const { check, ...rest } = figure;
    const full: Figure = { ...rest, ratio: figure.ratio ?? ratio(figure.value, figure.floor), met: null };
    full.met = check === undefined || !large || full.value === null ? null : check(full);
    figures.push(full);
  };
  const prof = (name: string): string[] =>
    options.cpuProfDir === undefined
      ? []
      : [
          // One folder per measured process and node's default names: the main thread and each worker
          // (tsx's loader thread, PGlite's owner) write a profile of their own (CPU.<date>.<pid>.<tid>…);
          // a fixed --cpu-prof-name made the last thread to exit overwrite the main thread's.
          '--cpu-prof',
          `--cpu-prof-dir=${path.join(options.cpuProfDir, `${engine}-${size.name}-${name}`)}`,
        ];
  const checkpoint = async () => {
    details.load_average = loads.stop();
    await options.checkpoint?.(figures, details);
  };
  const mainExists =
    targets.main.engine === 'pglite' && targets.main.dataDir !== null
      ? existsSync(path.join(targets.main.dataDir, 'PG_VERSION'))
      : true;

  // 1. Import beside a running server vs COPY of the same rows, each into a freshly migrated database.
  if (options.merge !== undefined) {
    figures.push(...options.merge.figures.filter((f) => f.id.startsWith('import.')));
    if (options.merge.details.import !== undefined) details.import = options.merge.details.import;
    log('import: figures taken from --merge');
  } else if (options.phases.has('import') && (!options.reuse || !mainExists)) {
    loads.phase('import floor');
    log('import floor: COPY of the same rows …');
    await resetTarget(targets.floor);
    const floor = await runPhase<{
      method: string;
      rows: number;
      load_ms: number;
      parse_ms: number;
      rows_per_s: number;
      peak_rss_mb: number;
    }>('floor-import', { target: targets.floor, orgDir });
    await dropTarget(targets.floor); // free the disk; only the imported database is kept
    log(`  ${floor.rows} rows in ${fmt(floor.load_ms / 1000)} s (${floor.method})`);
    await resetTarget(targets.main);
    loads.phase('import');
    log('import: ladder serve on the empty database, then ladder import beside it …');
    const serve = await startServe(targets.main, { nodeArgs: prof('serve-import') });
    let imported: Awaited<ReturnType<typeof runTimedNode>>;
    let idle: Watched;
    let during: Watched;
    let serverRss: number | null;
    try {
      // The floor of the stall and of /healthz: the same server idle, probed the same way.
      idle = await watched(serve, () => new Promise((resolve) => setTimeout(resolve, 3_000)));
      const run = await watched(serve, () =>
        runTimedNode(
          ladderBin,
          ['import', orgDir],
          {
            DATABASE_URL: databaseUrlOf(targets.main),
            LADDER_DEMO: '0',
            LOG_LEVEL: 'warn',
            LADDER_OPERATOR: 'bench',
          },
          '',
          prof('import'),
        ),
      );
      imported = run.value;
      during = run;
      serverRss = await serve.peakRssMb();
    } finally {
      await serve.stop();
    }
    if (imported.code !== 0)
      throw new Error(`ladder import failed (${imported.code}):\n${imported.stderr.slice(-4000)}`);
    const importRate = floor.rows / (imported.wallMs / 1000);
    log(`  ${floor.rows} rows in ${fmt(imported.wallMs / 1000)} s`);
    details.import = {
      rows: floor.rows,
      floor,
      import_wall_ms: imported.wallMs,
      import_peak_rss_mb: imported.maxRssKb === null ? null : Math.round(imported.maxRssKb / 1024),
      import_output: imported.stdout.trim().split('\n').slice(-5),
      server_idle: idle,
      server_during_import: during.loop,
      healthz_during_import: during.healthz,
      server_peak_rss_mb: serverRss,
    };
    add({
      id: 'import.rows_per_s',
      label: 'import (ladder import beside ladder serve, spawn to exit)',
      unit: 'rows/s',
      value: importRate,
      floor: floor.rows_per_s,
      floor_label: `${floor.method} of the same rows, one transaction, fresh database`,
      target: '≥ 50 % of floor',
      check: (f) => (f.ratio === null ? null : f.ratio >= 0.5),
    });
    add({
      id: 'import.seconds',
      label: `import of ${size.records.toLocaleString('en-US')} records, wall time`,
      unit: 's',
      value: imported.wallMs / 1000,
      floor: floor.load_ms / 1000,
      floor_label: 'the COPY floor',
      target: embedded ? null : '≤ 120 s',
      check: (f) => (embedded || f.value === null ? null : f.value <= 120),
    });
    add({
      id: 'import.peak_rss_mb',
      label: 'import peak RSS (the ladder import process)',
      unit: 'MB',
      value: imported.maxRssKb === null ? null : imported.maxRssKb / 1024,
      floor: floor.peak_rss_mb,
      floor_label: 'the floor process (all rows in memory)',
      target: '≤ 1 024 MB',
      check: (f) => (f.value === null ? null : f.value <= 1_024),
    });
    add({
      id: 'import.event_loop_stall',
      label: 'longest event-loop stall of the server during the import',
      unit: 'ms',
      value: during.loop.max_ms,
      floor: idle.loop.max_ms,
      floor_label: 'the same server idle, probed (3 s)',
      target: '≤ 50 ms',
      check: (f) => (f.value === null ? null : f.value <= 50),
    });
    add({
      id: 'import.healthz_slowest',
      label: `/healthz slowest answer during the import (${during.healthz.answered} answered, ${during.healthz.failed} failed)`,
      unit: 'ms',
      value: during.healthz.failed > 0 ? null : during.healthz.slowest_ms,
      floor: idle.healthz.slowest_ms,
      floor_label: 'the same server idle',
      target: '≤ 100 ms',
      check: (f) => (f.value === null ? null : f.value <= 100),
      ...(during.healthz.failed > 0
        ? { note: `${during.healthz.failed} probes got no answer within 10 s` }
        : {}),
    });
    add({
      id: 'rss.server_import',
      label: 'peak RSS of ladder serve while the import ran beside it',
      unit: 'MB',
      value: serverRss,
      floor: null,
      floor_label: '',
      target: null,
    });
  } else {
    log('import: skipped');
  }
  await checkpoint();

  // 2. The real `ladder serve` on the imported database, under HTTP load.
  const otherDates = Array.from({ length: options.rankingRuns }, (_, i) => addDays(BENCH_AT, -7 * (i + 1)));
  let http: Record<string, unknown> | undefined;
  let serverRss: number | null = null;
  let startupMs: number | null = null;
  if (options.phases.has('http')) {
    loads.phase('http');
    await ensureBenchAccount(targets.main);
    log('HTTP: starting ladder serve …');
    const serve = await startServe(targets.main, { nodeArgs: prof('serve-http') });
    startupMs = serve.startupMs;
    try {
      const base = serve.base;
      const headers = { cookie: await signInBench(base) };
      const emails = await builderEmails(orgDir);
      const random = createRandom(options.drawSeed ?? options.seed + 1);
      const drawn = new Set<string>();
      let requested = 0;
      const readinessPath = (): string => {
        const email = emails[Math.floor(random() * emails.length)]!;
        drawn.add(email);
        requested += 1;
        return `/api/builders/${encodeURIComponent(email)}/readiness?at=${options.httpAt ?? BENCH_AT}`;
      };
      const warm = await fetch(`${base}${readinessPath()}`, { headers });
      if (warm.status !== 200)
        throw new Error(`readiness over HTTP answered ${warm.status}: ${(await warm.text()).slice(0, 500)}`);
      for (let i = 0; i < 5; i += 1) await (await fetch(`${base}/healthz`)).arrayBuffer();
      drawn.clear();
      requested = 0;
      const conn = options.connections;
      const seconds = options.httpSeconds;
      log(`  /healthz: ${conn} connections × ${seconds} s …`);
      await serve.startLoopDelay();
      const healthz = await load(`${base}/healthz`, { connections: conn, seconds });
      const healthzLoop = await serve.stopLoopDelay();
      log(`  readiness of random builders: ${conn} connections × ${seconds} s …`);
      const readiness = await watched(serve, () =>
        load(base, { connections: conn, seconds, headers, nextPath: readinessPath }),
      );
      const r = readiness.value;
      if (r.non_2xx > 0 || r.errors > 0)
        log(`  WARNING: readiness load had ${r.non_2xx} non-2xx and ${r.errors} errors`);
      // Requests the load gave up on are still being computed: let the server finish them first.
      await drain(base);
      log(`  ranking at ${otherDates.length} other dates (cold) …`);
      const rankAt = async (at: string | null): Promise<number> => {
        const started = performance.now();
        const response = await fetch(
          `${base}/api/levels/${RANKED_LEVEL}/ranking${at === null ? '' : `?at=${at}`}`,
          { headers, signal: AbortSignal.timeout(600_000) },
        );
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`ranking over HTTP answered ${response.status}`);
        return performance.now() - started;
      };
      const other = await watched(serve, async () => {
        const times: number[] = [];
        for (const at of otherDates) times.push(await rankAt(at));
        return times;
      });
      log(`  ranking today × ${options.rankingRuns * 3} …`);
      const todayRanking = await watched(serve, async () => {
        const times: number[] = [];
        for (let i = 0; i < options.rankingRuns * 3; i += 1) times.push(await rankAt(null));
        return times;
      });
      serverRss = await serve.peakRssMb();
      http = {
        startup_ms: serve.startupMs,
        healthz,
        healthz_loop: healthzLoop,
        readiness: {
          ...r,
          loop: readiness.loop,
          probe: readiness.healthz,
          distinct_builders: drawn.size,
          requested,
          of_builders: emails.length,
        },
        ranking_other_dates: { dates: otherDates, ms: other.value, loop: other.loop, probe: other.healthz },
        ranking_today: { ms: todayRanking.value, loop: todayRanking.loop, probe: todayRanking.healthz },
        server_peak_rss_mb: serverRss,
        server_output: serve.output().slice(-2000),
      };
      details.http = http;
      // autocannon reports 0 ms latencies when nothing answered: that is no figure, not a fast one.
      const answered = r.requests > 0;
      const noAnswer = `no request answered within 10 s (${r.timeouts} timed out)`;
      add({
        id: 'readiness.http.p50',
        label: `readiness over HTTP p50 (${conn} conn., ${drawn.size} of ${emails.length} builders drawn${options.httpAt === undefined ? '' : `, at ${options.httpAt}`})`,
        unit: 'ms',
        value: answered ? r.p50_ms : null,
        floor: healthz.p50_ms,
        floor_label: '/healthz, same server and load',
        target: null,
        ...(!answered ? { note: noAnswer } : {}),
      });
      add({
        id: 'readiness.http.p99',
        label: `readiness over HTTP p99 (${conn} conn., random builders)`,
        unit: 'ms',
        value: answered ? r.p99_ms : null,
        floor: healthz.p99_ms,
        floor_label: '/healthz, same server and load',
        target: embedded ? '≤ 100 ms' : '≤ 50 ms',
        check: (f) => (f.value === null ? null : f.value <= (embedded ? 100 : 50)),
        ...(!answered
          ? { note: noAnswer }
          : r.timeouts > 0
            ? { note: `${r.timeouts} requests timed out (10 s): p99 counts only answers` }
            : {}),
      });
      add({
        id: 'readiness.http.rps',
        label: 'readiness over HTTP throughput',
        unit: 'req/s',
        value: r.requests_per_s,
        floor: healthz.requests_per_s,
        floor_label: '/healthz, same server and load',
        target: embedded ? null : '≥ 500 req/s',
        check: (f) => (embedded || f.value === null ? null : f.value >= 500),
      });
      add({
        id: 'readiness.http.event_loop_stall',
        label: 'longest event-loop stall during the readiness load',
        unit: 'ms',
        value: readiness.loop.max_ms,
        floor: healthzLoop.max_ms,
        floor_label: 'longest stall under the /healthz load alone',
        target: '≤ 50 ms',
        check: (f) => (f.value === null ? null : f.value <= 50),
      });
      add({
        id: 'readiness.http.healthz_slowest',
        label: `/healthz slowest answer during the readiness load (${readiness.healthz.answered} answered, ${readiness.healthz.failed} failed)`,
        unit: 'ms',
        value: readiness.healthz.failed > 0 ? null : readiness.healthz.slowest_ms,
        floor: healthz.max_ms,
        floor_label: 'slowest /healthz under its own load',
        target: '≤ 100 ms',
        check: (f) => (f.value === null ? null : f.value <= 100),
        ...(readiness.healthz.failed > 0
          ? { note: `${readiness.healthz.failed} probes got no answer within 10 s` }
          : {}),
      });
      add({
        id: 'ranking.today.http.p50',
        label: `ranking of ${RANKED_LEVEL} today over HTTP, p50 of ${todayRanking.value.length} (first ${fmt(todayRanking.value[0])} ms)`,
        unit: 'ms',
        value: percentile(todayRanking.value, 50),
        floor: null, // filled from the in-process phase (the SQL floor at today)
        floor_label: 'the SQL aggregate at today (in process)',
        target: '≤ 100 ms',
        check: (f) => (f.value === null ? null : f.value <= 100),
      });
      add({
        id: 'ranking.other.http.p50',
        label: `ranking of ${RANKED_LEVEL} at other dates over HTTP, cold, p50 of ${otherDates.length}`,
        unit: 'ms',
        value: percentile(other.value, 50),
        floor: null, // filled from the in-process phase (the SQL floors at those dates)
        floor_label: 'the SQL aggregate at the same dates (in process)',
        target: null,
      });
      const rankingLoop = Math.max(other.loop.max_ms, todayRanking.loop.max_ms);
      add({
        id: 'ranking.event_loop_stall',
        label: 'longest event-loop stall while ranking over HTTP',
        unit: 'ms',
        value: rankingLoop,
        floor: healthzLoop.max_ms,
        floor_label: 'longest stall under the /healthz load alone',
        target: '≤ 50 ms',
        check: (f) => (f.value === null ? null : f.value <= 50),
      });
      const rankingProbe: ProbeResult = {
        answered: other.healthz.answered + todayRanking.healthz.answered,
        failed: other.healthz.failed + todayRanking.healthz.failed,
        slowest_ms: Math.max(other.healthz.slowest_ms, todayRanking.healthz.slowest_ms),
        p99_ms: Math.max(other.healthz.p99_ms, todayRanking.healthz.p99_ms),
        over_100ms: other.healthz.over_100ms + todayRanking.healthz.over_100ms,
      };
      add({
        id: 'ranking.healthz_slowest',
        label: `/healthz slowest answer while ranking (${rankingProbe.answered} answered, ${rankingProbe.failed} failed)`,
        unit: 'ms',
        value: rankingProbe.failed > 0 ? null : rankingProbe.slowest_ms,
        floor: healthz.max_ms,
        floor_label: 'slowest /healthz under its own load',
        target: '≤ 100 ms',
        check: (f) => (f.value === null ? null : f.value <= 100),
        ...(rankingProbe.failed > 0
          ? { note: `${rankingProbe.failed} probes got no answer within 10 s` }
          : {}),
      });
    } finally {
      await serve.stop();
    }
    await checkpoint();
  }

  // 3. In process: readiness and ranking against their SQL floors, then the maintained answers against
  // the reference for every builder.
  let service: ServiceResult | undefined;
  let openRss: number | null = null;
  if (options.phases.has('service')) {
    loads.phase('open floor');
    const opened = await runPhase<{ open_ms: number; peak_rss_mb: number }>('open-db', {
      target: targets.main,
    });
    openRss = opened.peak_rss_mb;
    details.open_db = opened;
    if (startupMs !== null)
      add({
        id: 'startup.readyz',
        label: 'start-up of ladder serve to /readyz',
        unit: 'ms',
        value: startupMs,
        floor: opened.open_ms,
        floor_label: 'opening the database and one query, in a bare process',
        target: null,
      });
    loads.phase('service');
    log(
      `in process: readiness × ${options.readinessCalls}, rankings × ${options.rankingRuns}, then equality …`,
    );
    service = await runPhase<ServiceResult>(
      'service',
      {
        target: targets.main,
        email: STAR_EMAIL,
        at: BENCH_AT,
        today,
        level: RANKED_LEVEL,
        calls: options.readinessCalls,
        rankingRuns: options.rankingRuns,
        httpRankingDates: options.phases.has('http') ? otherDates : [],
        equalityPasses: [
          { at: BENCH_AT, stride: options.equalityStride },
          { at: today, stride: options.equalityTodayStride },
        ],
      },
      prof('service'),
    );
    details.service = service;
    const r = service.readiness;
    const sameCounts =
      r.floor_metrics_met === r.metrics_met
        ? ''
        : ` (DIFFERS: ${r.floor_metrics_met} vs ${r.metrics_met} met)`;
    const stored = service.stores.readiness_answers;
    for (const [id, label, stats] of [
      ['readiness.cold.p50', `readiness in process, cold, p50 (${r.records_read} records)`, r.cold_ms],
      ['readiness.cold.p99', 'readiness in process, cold, p99', r.cold_ms],
    ] as const) {
      const p = id.endsWith('p99') ? 'p99' : 'p50';
      add({
        id,
        label: stored ? `${label}, contributions current (stored answer removed before each call)` : label,
        unit: 'ms',
        value: stats[p],
        floor: r.floor_ms[p],
        floor_label: `the same metric counts in one SQL statement${sameCounts}`,
        target: p === 'p99' ? '≤ 10 ms' : null,
        check: (f) => (p === 'p99' && f.value !== null ? f.value <= 10 : null),
      });
    }
    const bare = r.cold_bare_ms;
    if (bare !== undefined && bare !== null)
      for (const p of ['p50', 'p99'] as const)
        add({
          id: `readiness.cold_bare.${p}`,
          label: `readiness in process, cold, nothing stored (answer and contributions removed before each call), ${p}`,
          unit: 'ms',
          value: bare[p],
          floor: r.floor_ms[p],
          floor_label: 'the same metric counts in one SQL statement',
          target: null,
        });
    if (r.warm_ms !== null) {
      add({
        id: 'readiness.warm.p50',
        label: 'readiness in process, warm (stored answer current), p50',
        unit: 'ms',
        value: r.warm_ms.p50,
        floor: r.floor_ms.p50,
        floor_label: `the same metric counts in one SQL statement`,
        target: null,
      });
      add({
        id: 'readiness.warm.p99',
        label: 'readiness in process, warm, p99',
        unit: 'ms',
        value: r.warm_ms.p99,
        floor: r.floor_ms.p99,
        floor_label: `the same metric counts in one SQL statement`,
        target: '≤ 10 ms',
        check: (f) => (f.value === null ? null : f.value <= 10),
      });
    }
    add({
      id: 'readiness.reference.p50',
      label: 'readiness by the full evaluation (referenceReadiness), p50',
      unit: 'ms',
      value: r.reference_ms?.p50 ?? null,
      floor: r.floor_ms.p50,
      floor_label: 'the same metric counts in one SQL statement',
      target: null,
      ...(r.reference_ms === null ? { note: 'referenceReadiness is not on main' } : {}),
    });
    add({
      id: 'readiness.read.p50',
      label: "  reading the builder's visible records alone, p50",
      unit: 'ms',
      value: r.read_floor_ms.p50,
      floor: r.floor_ms.p50,
      floor_label: 'SELECT of the visible records vs the SQL counts',
      target: null,
    });
    const k = service.ranking;
    const differ = k.mismatches === 0 ? '' : ` (${k.mismatches} DIFFER)`;
    add({
      id: 'ranking.other.cold.p50',
      label: `ranking of ${RANKED_LEVEL} at ${k.other_date.at} in process, cold, p50 (${k.builders} builders)`,
      unit: 'ms',
      value: k.other_date.cold_ms.p50,
      floor: k.other_date.floor_ms.p50,
      floor_label: `one SQL aggregate of the same counts${differ}`,
      target: '≤ 1.5 × floor',
      check: (f) => (f.ratio === null ? null : f.ratio <= 1.5),
    });
    add({
      id: 'ranking.other.warm.p50',
      label: `ranking of ${RANKED_LEVEL} at ${k.other_date.at} in process, asked again, p50`,
      unit: 'ms',
      value: k.other_date.warm_ms.p50,
      floor: k.other_date.floor_ms.p50,
      floor_label: 'one SQL aggregate of the same counts',
      target: null,
    });
    add({
      id: 'ranking.today.service.p50',
      label: `ranking of ${RANKED_LEVEL} today in process, rows current, p50 (cold: ${fmt(k.today.cold_ms.p50)} ms)`,
      unit: 'ms',
      value: k.today.warm_ms.p50,
      floor: k.today.floor_ms.p50,
      floor_label: 'one SQL aggregate at today',
      target: '≤ 100 ms',
      check: (f) => (f.value === null ? null : f.value <= 100),
    });
    add({
      id: 'ranking.reference.p50',
      label: 'ranking by the full evaluation (referenceRanking)',
      unit: 'ms',
      value: k.reference_ms?.p50 ?? null,
      floor: k.other_date.floor_ms.p50,
      floor_label: 'one SQL aggregate of the same counts',
      target: null,
      ...(k.reference_ms === null ? { note: 'referenceRanking is not on main' } : {}),
    });
    // The HTTP rankings' floors come from here (the server held the database then).
    const todayHttp = figures.find((f) => f.id === 'ranking.today.http.p50');
    if (todayHttp !== undefined) {
      todayHttp.floor = k.today.floor_ms.p50;
      todayHttp.ratio = ratio(todayHttp.value, todayHttp.floor);
    }
    const otherHttp = figures.find((f) => f.id === 'ranking.other.http.p50');
    const httpFloors = Object.values(k.http_date_floors_ms).map((s) => s.p50);
    if (otherHttp !== undefined && httpFloors.length > 0) {
      otherHttp.floor = percentile(httpFloors, 50);
      otherHttp.ratio = ratio(otherHttp.value, otherHttp.floor);
    }
    const eq = service.equality;
    add({
      id: 'equality.readiness',
      label: `maintained readiness ≠ referenceReadiness (${describePasses(options)})`,
      unit: 'answers',
      value: eq.readiness.differences ?? null,
      floor: eq.readiness.compared ?? null,
      floor_label: 'answers compared',
      target: '0',
      check: (f) => f.value === 0,
      ...(eq.readiness.reference === null ? { note: eq.readiness.note ?? '' } : {}),
    });
    add({
      id: 'equality.ranking',
      label: 'getRanking entries ≠ referenceRanking (every level, both dates)',
      unit: 'entries',
      value: eq.ranking.differences ?? null,
      floor: null,
      floor_label: '',
      target: '0',
      check: (f) => f.value === 0,
      ...(eq.ranking.reference === null ? { note: eq.ranking.note ?? '' } : {}),
    });
  }
  if (serverRss !== null || service !== undefined) {
    add({
      id: 'rss.server',
      label: 'peak RSS of ladder serve under the HTTP load',
      unit: 'MB',
      value: serverRss,
      floor: openRss,
      floor_label: 'a bare process with the database open',
      target: embedded ? '≤ 700 MB' : null,
      check: (f) => (embedded && f.value !== null ? f.value <= 700 : null),
    });
  }
  details.load_average = loads.stop();
  return {
    date: new Date().toISOString().slice(0, 10),
    engine,
    size,
    seed: options.seed,
    at: BENCH_AT,
    today,
    commit,
    started_at: startedAt,
    finished_at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? 'unknown',
      memory_gb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    figures,
    details,
  };
}

/** The table printed at the end of a run. */
export function formatResult(result: BenchResult): string {
  const rows = [
    ['figure', 'value', 'floor', 'ratio', 'target', 'met', 'floor is'],
    ...result.figures.map((f) => [
      f.label,
      `${fmt(f.value)} ${f.unit}`,
      `${fmt(f.floor)} ${f.unit}`,
      f.ratio === null ? '—' : `${fmt(f.ratio)}×`,
      f.target ?? '',
      f.met === null ? '' : f.met ? 'yes' : 'NO',
      f.floor_label + (f.note === undefined ? '' : ` [${f.note}]`),
    ]),
  ];
  const head = `ladder bench — ${result.engine}, ${result.size.name} (${result.size.rankedBuilders + result.size.otherBuilders} builders, ${result.size.records} records), at ${result.at}, commit ${result.commit?.slice(0, 7) ?? '?'}, ${result.machine.cpus} cores, ${result.machine.memory_gb} GB`;
  return `${head}\n${renderTable(rows)}`;
}

/** The options `npm run bench` takes (`--help` prints them). */
export const USAGE = `npm run bench -- [options]   (or: npx tsx bench/run.ts [options])
  --size small|large[,large]   organisation size (default small); two sizes run one after the other
  --engine pglite|postgres     (default pglite)
  --phases import,http,service phases to run (default all three)
  --reuse                      keep an imported database (no import figures)
  --merge FILE                 take the import figures from an earlier result (implies --reuse)
  --seconds N --connections N  HTTP load per series (default 20 s, 50 connections)
  --calls N --ranking-runs N   in-process readiness calls per series, rankings per date
  --equality-stride N --equality-today-stride N   compare every N-th builder with the reference
  --cpu-prof DIR               V8 CPU profiles of the server, the import and the in-process phase
  --draw-seed N               seed of the HTTP load's builder draws (default seed + 1; a new one: all cold)
  --http-at YYYY-MM-DD        the readiness load's date (default 2026-06-30)
  --seed N --url URL --data DIR --results DIR --growth-from FILE
Without --reuse the run starts with a fresh import: the database of that size is replaced.`;

// Every flag parseOptions or main() reads; another one is refused rather than ignored, since an
// ignored flag (a mistyped --reuse, say) silently turns into a full run that replaces the database.
const FLAGS_WITH_VALUE = [
  'size',
  'engine',
  'phases',
  'merge',
  'seconds',
  'connections',
  'calls',
  'ranking-runs',
  'equality-stride',
  'equality-today-stride',
  'cpu-prof',
  'seed',
  'draw-seed',
  'http-at',
  'url',
  'data',
  'results',
  'growth-from',
];
const FLAGS = ['reuse'];

/** Parses `--size`, `--engine` and the tuning flags; refuses a flag it does not know. */
export function parseOptions(argv: readonly string[]): BenchOptions {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name !== null && FLAGS_WITH_VALUE.includes(name)) i += 1;
    else if (name === null || !FLAGS.includes(name))
      throw new Error(`unknown option "${arg}"; the options are:\n${USAGE}`);
  }
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    if (index === -1) return undefined;
    const next = argv[index + 1];
    if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`);
    return next;
  };
  const number = (name: string, fallback: number): number => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0)
      throw new Error(`--${name}: expected a positive number, got "${raw}"`);
    return parsed;
  };
  const engine = value('engine') ?? 'pglite';
  if (engine !== 'pglite' && engine !== 'postgres')
    throw new Error(`--engine: expected pglite or postgres, got "${engine}"`);
  const size = parseSize(value('size') ?? 'small');
  const phaseList = (value('phases') ?? PHASES.join(',')).split(',');
  for (const phase of phaseList)
    if (!(PHASES as readonly string[]).includes(phase))
      throw new Error(`--phases: expected a list of ${PHASES.join(', ')}, got "${phase}"`);
  const mergeFile = value('merge');
  const profDir = value('cpu-prof');
  return {
    size,
    engine,
    seed: number('seed', 20_260_630),
    ...(value('draw-seed') === undefined ? {} : { drawSeed: number('draw-seed', 1) }),
    ...httpAtOf(value('http-at')),
    reuse: argv.includes('--reuse') || mergeFile !== undefined,
    ...(mergeFile === undefined
      ? {}
      : {
          merge: JSON.parse(readFileSync(path.resolve(mergeFile), 'utf8')) as {
            figures: Figure[];
            details: Record<string, unknown>;
          },
        }),
    phases: new Set(phaseList as Phase[]),
    readinessCalls: number('calls', 1_000),
    rankingRuns: number('ranking-runs', size.name === 'large' ? 3 : 5),
    httpSeconds: number('seconds', 20),
    connections: number('connections', 50),
    equalityStride: number('equality-stride', 1),
    equalityTodayStride: number('equality-today-stride', 1),
    ...(profDir === undefined ? {} : { cpuProfDir: path.resolve(profDir) }),
    serverUrl: value('url') ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL,
    dataRoot: path.resolve(value('data') ?? path.join(repoRoot, 'bench', 'data')),
    resultsDir: path.resolve(value('results') ?? path.join(repoRoot, 'bench', 'results')),
    log: (line) => console.error(line),
  };
}

function httpAtOf(raw: string | undefined): { httpAt?: string } {
  if (raw === undefined) return {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`)))
    throw new Error(`--http-at: expected a date YYYY-MM-DD, got "${raw}"`);
  return { httpAt: raw };
}

/** Where a run's JSON goes: bench/results/<date>-<engine>.json for the large size, -<size> otherwise. */
export function resultFile(result: BenchResult, dir: string): string {
  const suffix = result.size.name === 'large' ? '' : `-${result.size.name}`;
  return path.join(dir, `${result.date}-${result.engine}${suffix}.json`);
}

/** The growth table printed after a run that has a smaller one to compare with. */
export function formatGrowth(growth: Growth): string {
  const rows = [
    ['figure', growth.small.size, growth.large.size, 'per 10× records'],
    ...growth.rows.map((row) => [
      row.label,
      `${fmt(row.small)} ${row.unit}`,
      `${fmt(row.large)} ${row.unit}`,
      row.per_10x === null ? '—' : `${fmt(row.per_10x)}×`,
    ]),
  ];
  const caveat = growth.caveat === undefined ? '' : ` (${growth.caveat})`;
  return `growth from ${growth.small.size} (${growth.small.records} records) to ${growth.large.size} (${growth.large.records})${caveat}\n${renderTable(rows)}`;
}

/**
 * `--size a,b` and `--growth-from FILE` out of the command line (main() runs one size at a time), and
 * the other arguments left in their order for parseOptions.
 */
export function splitSizeFlags(argv: readonly string[]): {
  sizes: (string | undefined)[];
  growthFrom: string | undefined;
  rest: string[];
} {
  const sizeAt = argv.indexOf('--size');
  const growthFromAt = argv.indexOf('--growth-from');
  // Only the flags present are taken out (an absent one's index -1 + 1 used to drop the first argument).
  const taken = new Set([sizeAt, growthFromAt].filter((at) => at !== -1).flatMap((at) => [at, at + 1]));
  return {
    sizes: sizeAt === -1 ? [undefined] : (argv[sizeAt + 1] ?? '').split(','),
    growthFrom: growthFromAt === -1 ? undefined : argv[growthFromAt + 1],
    rest: argv.filter((_, i) => !taken.has(i)),
  };
}

/**
 * `--size small,large` runs the sizes one after the other in this invocation (same engine, flags and
 * commit) and gives the larger run the growth from the smaller; `--growth-from FILE` takes the smaller
 * run from an earlier results file instead.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return;
  }
  const { sizes, growthFrom, rest } = splitSizeFlags(argv);
  let previous: { result: BenchResult; file: string } | undefined;
  if (growthFrom !== undefined) {
    const file = path.resolve(growthFrom);
    previous = { result: JSON.parse(await readFile(file, 'utf8')) as BenchResult, file };
  }
  for (const size of sizes) {
    const options = parseOptions(size === undefined ? rest : ['--size', size, ...rest]);
    await mkdir(options.resultsDir, { recursive: true });
    const partial = path.join(options.resultsDir, `partial-${options.engine}-${options.size.name}.tmp`);
    options.checkpoint = async (figures, details) => {
      await writeFile(partial, `${JSON.stringify({ figures, details }, null, 2)}\n`);
    };
    const result = await runBenchmarks(options);
    if (previous !== undefined && previous.result.size.records < result.size.records)
      result.growth = growthBetween(previous.result, result, path.relative(repoRoot, previous.file));
    const file = resultFile(result, options.resultsDir);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    console.log(formatResult(result));
    if (result.growth !== undefined) console.log(`\n${formatGrowth(result.growth)}`);
    console.log(`\nwritten: ${path.relative(repoRoot, file)}`);
    previous = { result, file };
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
