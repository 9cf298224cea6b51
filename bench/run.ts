import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { generateOrganisation } from './generate.js';
import { ladderBin, repoRoot, runPhase, runTimedNode, spawnNode, startPhase } from './lib/child.js';
import { fmt, percentile, renderTable } from './lib/stats.js';
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
 * then measures, each against its floor in the same run: import vs bare INSERT; readiness of the star
 * builder in process and over HTTP vs /healthz; the ranking of L4 vs one SQL aggregate, with the
 * server's longest event-loop stall meanwhile; start-up to /readyz vs opening the database; peak RSS.
 * Writes bench/results/<date>-<engine>.json (…-<size>.json below the large size) and prints a table.
 */

export interface BenchOptions {
  size: BenchSize;
  engine: Engine;
  seed: number;
  /** Keep an already imported database (skips the import figures). */
  reuse: boolean;
  /**
   * Figures and details of an earlier run of the same database (a results JSON or a partial .tmp):
   * the import and in-process phases are taken from it instead of measured again (implies reuse).
   */
  merge?: { figures: Figure[]; details: Record<string, unknown> };
  readinessCalls: number;
  rankingRuns: number;
  httpSeconds: number;
  connections: number;
  startupRuns: number;
  serverUrl: string;
  /** Appended to the PostgreSQL database names (so concurrent smoke runs do not share databases). */
  tag?: string;
  dataRoot: string;
  resultsDir: string;
  log: (line: string) => void;
  /** Called after each phase with the figures so far (the CLI keeps them in a .tmp file). */
  checkpoint?: (figures: readonly Figure[], details: Record<string, unknown>) => Promise<void>;
}

/** One line of the table: a figure, its floor measured in the same run, and their ratio. */
export interface Figure {
  id: string;
  label: string;
  unit: string;
  value: number | null;
  floor: number | null;
  floor_label: string;
  /** value ÷ floor (for rates: floor-relative share, value ÷ floor as well). */
  ratio: number | null;
  target: string | null;
  /** null when the figure has no target or the target applies to another engine/size. */
  met: boolean | null;
}

export interface BenchResult {
  date: string;
  engine: Engine;
  size: BenchSize;
  seed: number;
  at: string;
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string; platform: string };
  figures: Figure[];
  details: Record<string, unknown>;
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
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

/** Runs autocannon; `until` (if given) stops it early when that promise settles. */
async function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
  until?: Promise<unknown>,
): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: options.connections, duration: options.seconds, headers: options.headers ?? {} },
      (error, result) =>
        error
          ? reject(error instanceof Error ? error : new Error(String(error)))
          : resolve(toLoadResult(result)),
    );
    if (until !== undefined) void until.finally(() => instance.stop());
  });
}

async function waitForReady(url: string, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    try {
      const response = await fetch(url);
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
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

async function vmHwmMb(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match === null ? null : Math.round(Number(match[1]) / 1024);
  } catch {
    return null;
  }
}

const ratio = (value: number | null | undefined, floor: number | null | undefined): number | null =>
  value === null || value === undefined || floor === null || floor === undefined || floor === 0
    ? null
    : value / floor;

/** Runs every benchmark of one engine and size; returns the figures (and writes nothing). */
export async function runBenchmarks(options: BenchOptions): Promise<BenchResult> {
  const { size, engine, log } = options;
  const orgDir = await ensureOrganisation(options);
  const targets = targetsFor(engine, size.name, options.dataRoot, options.serverUrl, options.tag ?? '');
  const details: Record<string, unknown> = {};
  const figures: Figure[] = [];
  const embedded = engine === 'pglite';
  const large = size.name === 'large';
  const add = (
    figure: Omit<Figure, 'ratio' | 'met'> & { ratio?: number | null; check?: (f: Figure) => boolean | null },
  ): void => {
    const { check, ...rest } = figure;
    const full: Figure = { ...rest, ratio: figure.ratio ?? ratio(figure.value, figure.floor), met: null };
    full.met = check === undefined ? null : check(full);
    figures.push(full);
  };

  // 1. Import vs a bare multi-row INSERT of the same rows, each into a freshly migrated database.
  const mainExists =
    targets.main.engine === 'pglite' && targets.main.dataDir !== null
      ? existsSync(path.join(targets.main.dataDir, 'PG_VERSION'))
      : true;
  if (options.merge !== undefined) {
    const merged = options.merge;
    figures.push(...merged.figures.filter((f) => f.id.startsWith('import.')));
    if (merged.details.import !== undefined) details.import = merged.details.import;
    log('import: figures taken from --merge');
  } else if (!options.reuse || !mainExists) {
    log('import floor: bare multi-row INSERT …');
    await resetTarget(targets.floor);
    const floor = await runPhase<{
      rows: number;
      insert_ms: number;
      parse_ms: number;
      rows_per_s: number;
      peak_rss_mb: number;
    }>('floor-import', { target: targets.floor, orgDir });
    await dropTarget(targets.floor); // free the disk; only the imported database is kept
    log(`  ${floor.rows} rows in ${fmt(floor.insert_ms / 1000)} s`);
    log('import: ladder import …');
    await resetTarget(targets.main);
    const imported = await runTimedNode(ladderBin, ['import', orgDir], {
      DATABASE_URL: databaseUrlOf(targets.main),
      LADDER_DEMO: '0',
      LOG_LEVEL: 'warn',
    });
    if (imported.code !== 0)
      throw new Error(`ladder import failed (${imported.code}):\n${imported.stderr.slice(-4000)}`);
    const importRate = floor.rows / (imported.wallMs / 1000);
    log(`  ${floor.rows} rows in ${fmt(imported.wallMs / 1000)} s`);
    details.import = {
      rows: floor.rows,
      import_wall_ms: imported.wallMs,
      import_peak_rss_mb: imported.maxRssKb === null ? null : Math.round(imported.maxRssKb / 1024),
      floor_insert_ms: floor.insert_ms,
      floor_parse_ms: floor.parse_ms,
      floor_peak_rss_mb: floor.peak_rss_mb,
      import_output: imported.stdout.trim().split('\n').slice(-5),
    };
    add({
      id: 'import.rows_per_s',
      label: 'import (ladder import, whole command)',
      unit: 'rows/s',
      value: importRate,
      floor: floor.rows_per_s,
      floor_label: 'bare multi-row INSERT, one transaction',
      target: '≥ 50 % of floor',
      check: (f) => (f.ratio === null ? null : f.ratio >= 0.5),
    });
    add({
      id: 'import.peak_rss_mb',
      label: 'import peak RSS',
      unit: 'MB',
      value: imported.maxRssKb === null ? null : imported.maxRssKb / 1024,
      floor: floor.peak_rss_mb,
      floor_label: 'floor process (all rows in memory)',
      target: null,
    });
  } else {
    log('import: skipped (--reuse)');
  }

  await options.checkpoint?.(figures, details);
  // 2 and 3 in process: readiness of the star builder, ranking of L4, against their SQL floors.
  type ServiceResult = {
    readiness: {
      records_read: number;
      service_ms: Stats;
      floor_ms: Stats;
      read_floor_ms: Stats;
      metrics: string[];
      metrics_met: number;
      floor_metrics_met: number | null;
    };
    ranking: { builders: number; mismatches: number; service_ms: Stats; floor_ms: Stats };
    peak_rss_mb: number;
  };
  let service: ServiceResult;
  if (options.merge?.details.service !== undefined) {
    log('in process: figures taken from --merge');
    service = options.merge.details.service as ServiceResult;
  } else {
    log(`readiness × ${options.readinessCalls} and ranking × ${options.rankingRuns} in process …`);
    service = await runPhase<ServiceResult>('service', {
      target: targets.main,
      email: STAR_EMAIL,
      at: BENCH_AT,
      level: RANKED_LEVEL,
      calls: options.readinessCalls,
      rankingRuns: options.rankingRuns,
    });
  }
  details.service = service;
  const r = service.readiness;
  const sameCounts =
    r.floor_metrics_met === r.metrics_met ? '' : ` (DIFFERS: ${r.floor_metrics_met} vs ${r.metrics_met} met)`;
  add({
    id: 'readiness.service.p50',
    label: `readiness in process p50 (${r.records_read} records)`,
    unit: 'ms',
    value: r.service_ms.p50,
    floor: r.floor_ms.p50,
    floor_label: `the same metric counts in one SQL statement${sameCounts}`,
    target: null,
  });
  add({
    id: 'readiness.service.p99',
    label: 'readiness in process p99',
    unit: 'ms',
    value: r.service_ms.p99,
    floor: r.floor_ms.p99,
    floor_label: `the same metric counts in one SQL statement${sameCounts}`,
    target: embedded ? '≤ 20 ms' : null,
    check: (f) => (embedded && f.value !== null ? f.value <= 20 : null),
  });
  add({
    id: 'readiness.read.p50',
    label: "  reading the builder's records alone p50",
    unit: 'ms',
    value: r.read_floor_ms.p50,
    floor: r.floor_ms.p50,
    floor_label: 'SELECT of the visible records vs the SQL counts',
    target: null,
  });
  const k = service.ranking;
  add({
    id: 'ranking.service.p50',
    label: `ranking of ${RANKED_LEVEL} in process (${k.builders} builders)`,
    unit: 'ms',
    value: k.service_ms.p50,
    floor: k.floor_ms.p50,
    floor_label: `one SQL aggregate of the same counts${k.mismatches === 0 ? '' : ` (${k.mismatches} DIFFER)`}`,
    target: '≤ 1.5 × floor',
    check: (f) => (f.ratio === null ? null : f.ratio <= 1.5),
  });

  await options.checkpoint?.(figures, details);
  // 2 and 3 over HTTP: the real server in its own process, signed in as leadership.
  log('HTTP: starting the server …');
  const server = startPhase('server', { target: targets.main });
  try {
    const ready = await server.next('ready');
    const base = `http://127.0.0.1:${Number(ready.port)}`;
    const headers = { cookie: String(ready.cookie) };
    const conn = options.connections;
    const seconds = options.httpSeconds;
    // Warm both paths so neither pays the first-request cost inside its measurement.
    for (let i = 0; i < 5; i += 1) {
      await fetch(`${base}/healthz`);
      const warm = await fetch(
        `${base}/api/builders/${encodeURIComponent(STAR_EMAIL)}/readiness?at=${BENCH_AT}`,
        { headers },
      );
      if (warm.status !== 200)
        throw new Error(`readiness over HTTP answered ${warm.status}: ${(await warm.text()).slice(0, 500)}`);
    }
    log(`  /healthz: ${conn} connections × ${seconds} s …`);
    server.send({ type: 'eld-start' });
    await server.next('eld-started');
    const healthz = await load(`${base}/healthz`, { connections: conn, seconds });
    server.send({ type: 'eld-stop' });
    const healthzDelay = await server.next('eld');
    log(`  readiness: ${conn} connections × ${seconds} s …`);
    const readiness = await load(
      `${base}/api/builders/${encodeURIComponent(STAR_EMAIL)}/readiness?at=${BENCH_AT}`,
      { connections: conn, seconds, headers },
    );
    if (readiness.non_2xx > 0 || readiness.errors > 0)
      log(`  WARNING: readiness load had ${readiness.non_2xx} non-2xx and ${readiness.errors} errors`);
    add({
      id: 'readiness.http.p50',
      label: `readiness over HTTP p50 (${conn} conn.)`,
      unit: 'ms',
      value: readiness.p50_ms,
      floor: healthz.p50_ms,
      floor_label: '/healthz, same server and load',
      target: null,
    });
    add({
      id: 'readiness.http.p99',
      label: `readiness over HTTP p99 (${conn} conn.)`,
      unit: 'ms',
      value: readiness.p99_ms,
      floor: healthz.p99_ms,
      floor_label: '/healthz, same server and load',
      target: embedded ? '≤ 40 ms' : null,
      check: (f) => (embedded && f.value !== null ? f.value <= 40 : null),
    });
    add({
      id: 'readiness.http.rps',
      label: 'readiness over HTTP throughput',
      unit: 'req/s',
      value: readiness.requests_per_s,
      floor: healthz.requests_per_s,
      floor_label: '/healthz, same server and load',
      target: null,
    });

    // Requests the load gave up on (timeouts) are still being computed: let the server finish them, or
    // the ranking's connection waits behind them past Node's headers timeout (a 408).
    await drain(base);
    // The ranking over HTTP while /healthz keeps being asked (10 connections): the server's longest
    // event-loop stall meanwhile, against the stall under the /healthz load alone.
    log(`  ranking × ${options.rankingRuns} over HTTP with /healthz load …`);
    server.send({ type: 'eld-start' });
    await server.next('eld-started');
    const rankingTimes: number[] = [];
    const rankingDone = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (let i = 0; i < options.rankingRuns; i += 1) {
        const started = performance.now();
        const response = await fetch(`${base}/api/levels/${RANKED_LEVEL}/ranking?at=${BENCH_AT}`, {
          headers,
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`ranking over HTTP answered ${response.status}`);
        rankingTimes.push(performance.now() - started);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    })();
    const during = await load(
      `${base}/healthz`,
      { connections: 10, seconds: 3_600 },
      rankingDone.catch(() => undefined),
    );
    await rankingDone;
    server.send({ type: 'eld-stop' });
    const rankingDelay = await server.next('eld');
    details.http = {
      healthz,
      readiness,
      healthz_loop_delay: healthzDelay,
      ranking_ms: rankingTimes,
      healthz_during_ranking: during,
      ranking_loop_delay: rankingDelay,
    };
    add({
      id: 'ranking.http.p50',
      label: `ranking of ${RANKED_LEVEL} over HTTP`,
      unit: 'ms',
      value: percentile(rankingTimes, 50),
      floor: k.floor_ms.p50,
      floor_label: 'the SQL aggregate (in process)',
      target: null,
    });
    add({
      id: 'ranking.event_loop_stall',
      label: 'longest event-loop stall while ranking',
      unit: 'ms',
      value: Number(rankingDelay.max_ms),
      floor: Number(healthzDelay.max_ms),
      floor_label: 'longest stall under /healthz load alone',
      target: '≤ 50 ms',
      check: (f) => (f.value === null ? null : f.value <= 50),
    });
    add({
      id: 'ranking.healthz_during.max',
      label: `/healthz slowest answer while ranking (${during.requests} answered, ${during.non_2xx + during.errors} failed)`,
      unit: 'ms',
      value: during.max_ms,
      floor: healthz.max_ms,
      floor_label: '/healthz slowest answer under its own load',
      target: null,
    });
  } finally {
    server.send({ type: 'stop' });
  }
  const serverEnd = (await server.next('result')).result as { peak_rss_mb: number };
  await server.exited;

  await options.checkpoint?.(figures, details);
  // 4. Start-up to /readyz of `ladder serve` on the existing database, vs opening it and asking once.
  log(`start-up × ${options.startupRuns} …`);
  const startups: number[] = [];
  const startupRss: number[] = [];
  const opens: number[] = [];
  let openRss = 0;
  for (let i = 0; i < options.startupRuns; i += 1) {
    const openStarted = performance.now();
    const opened = await runPhase<{ open_ms: number; peak_rss_mb: number }>('open-db', {
      target: targets.main,
    });
    opens.push(performance.now() - openStarted);
    openRss = Math.max(openRss, opened.peak_rss_mb);
    const port = await freePort();
    const started = performance.now();
    const child = spawnNode(ladderBin, ['serve', '--no-demo'], {
      DATABASE_URL: databaseUrlOf(targets.main),
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LADDER_DEMO: '0',
    });
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on('data', () => undefined);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const readyAt = await Promise.race([
        waitForReady(`http://127.0.0.1:${port}/readyz`, 120_000),
        exited.then(() => {
          throw new Error(`ladder serve exited before /readyz:\n${output.slice(-2000)}`);
        }),
      ]);
      startups.push(readyAt - started);
      const rss = await vmHwmMb(child.pid!);
      if (rss !== null) startupRss.push(rss);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }
  details.startup = {
    serve_ms: startups,
    open_ms: opens,
    serve_rss_at_ready_mb: startupRss,
    open_peak_rss_mb: openRss,
  };
  add({
    id: 'startup.readyz',
    label: 'start-up of ladder serve to /readyz (median)',
    unit: 'ms',
    value: percentile(startups, 50),
    floor: percentile(opens, 50),
    floor_label: 'a bare process opening the database, one query',
    target: '≤ 2 000 ms',
    check: (f) => (f.value === null ? null : f.value <= 2_000),
  });
  await options.checkpoint?.(figures, details);
  const peakServer = Math.max(serverEnd.peak_rss_mb, service.peak_rss_mb, ...startupRss);
  add({
    id: 'rss.peak',
    label: 'peak RSS of the app (server under load, services)',
    unit: 'MB',
    value: peakServer,
    floor: openRss,
    floor_label: 'a bare process with the database open',
    target: embedded && large ? '≤ 700 MB' : null,
    check: (f) => (embedded && large && f.value !== null ? f.value <= 700 : null),
  });
  details.rss = {
    server_phase_mb: serverEnd.peak_rss_mb,
    service_phase_mb: service.peak_rss_mb,
    startup_mb: startupRss,
  };

  return {
    date: new Date().toISOString().slice(0, 10),
    engine,
    size,
    seed: options.seed,
    at: BENCH_AT,
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

interface Stats {
  p50: number;
  p99: number;
  max: number;
  n: number;
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
      f.floor_label,
    ]),
  ];
  const head = `ladder bench — ${result.engine}, ${result.size.name} (${result.size.rankedBuilders + result.size.otherBuilders} builders, ${result.size.records} records), at ${result.at}, ${result.machine.cpus} cores, ${result.machine.memory_gb} GB`;
  return `${head}\n${renderTable(rows)}`;
}

/** Parses `--size`, `--engine` and the tuning flags. */
export function parseOptions(argv: readonly string[]): BenchOptions {
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
  const mergeFile = value('merge');
  return {
    size,
    engine,
    seed: number('seed', 20_260_630),
    reuse: argv.includes('--reuse') || mergeFile !== undefined,
    ...(mergeFile === undefined
      ? {}
      : {
          merge: JSON.parse(readFileSync(path.resolve(mergeFile), 'utf8')) as {
            figures: Figure[];
            details: Record<string, unknown>;
          },
        }),
    readinessCalls: number('calls', 1_000),
    rankingRuns: number('ranking-runs', size.name === 'large' ? 3 : 5),
    httpSeconds: number('seconds', 20),
    connections: number('connections', 50),
    startupRuns: number('startup-runs', 3),
    serverUrl: value('url') ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER_URL,
    dataRoot: path.resolve(value('data') ?? path.join(repoRoot, 'bench', 'data')),
    resultsDir: path.resolve(value('results') ?? path.join(repoRoot, 'bench', 'results')),
    log: (line) => console.error(line),
  };
}

/** Where a run's JSON goes: bench/results/<date>-<engine>.json for the large size, -<size> otherwise. */
export function resultFile(result: BenchResult, dir: string): string {
  const suffix = result.size.name === 'large' ? '' : `-${result.size.name}`;
  return path.join(dir, `${result.date}-${result.engine}${suffix}.json`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  await mkdir(options.resultsDir, { recursive: true });
  const partial = path.join(options.resultsDir, `partial-${options.engine}-${options.size.name}.tmp`);
  options.checkpoint = async (figures, details) => {
    await writeFile(partial, `${JSON.stringify({ figures, details }, null, 2)}\n`);
  };
  const result = await runBenchmarks(options);
  const file = resultFile(result, options.resultsDir);
  await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(formatResult(result));
  console.log(`\nwritten: ${path.relative(repoRoot, file)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
