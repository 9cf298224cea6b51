/**
 * Readiness over HTTP against its /healthz floor, with the server's CPU time per request: the figure that
 * stays meaningful on a loaded shared machine (wall-clock rates only as ratios to the floor measured in
 * the same minutes). Runs the real `ladder serve` of the tree this file sits in on an existing database,
 * waits until the server is idle (its start-up refresh done), then loads /healthz and readiness of
 * builders drawn at random from every builder, `passes` times with the same draws (pass 2 onwards asks
 * what pass 1 stored).
 *
 *   npx tsx bench/phases/http-readiness.ts --url postgres://…/ladder_a_after [--at 2026-06-30|today]
 *     [--seconds 10] [--connections 50] [--draw-seed 7] [--passes 2] [--settle-max-s 900] [--cpu-prof DIR]
 *   npx tsx bench/phases/http-readiness.ts --folder bench/data/small/pglite …   (PGlite: the server owns it)
 *
 * `--settle-max-s 0` measures at once, while the start-up refresh (the fill of today's answers) still
 * runs: what a request meets while the refresher shares the engine with it.
 *
 * Before/after: copy this file into the other tree (e.g. a `git archive` of the earlier commit) and run
 * both, alternating, on two copies of the same database. Prints one JSON line per series.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import autocannon from 'autocannon';
import path from 'node:path';
import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { builders } from '../../src/db/schema/roster.schema.js';
import { createRandom } from '../generate.js';
import { ensureBenchAccount, signInBench, startServe, type ServeProcess } from '../lib/serve.js';

interface Args {
  target: DatabaseTarget;
  at: string | null;
  seconds: number;
  connections: number;
  drawSeed: number;
  passes: number;
  settleMaxS: number;
  /** Write the server's V8 CPU profile here (main thread, whole run). */
  cpuProf: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i === -1 ? undefined : argv[i + 1];
  };
  const url = value('url');
  const folder = value('folder');
  if ((url === undefined) === (folder === undefined))
    throw new Error('one of --url postgres://… or --folder DIR (PGlite) is required');
  const at = value('at') ?? '2026-06-30';
  return {
    target:
      url === undefined ? { engine: 'pglite', dataDir: path.resolve(folder!) } : { engine: 'postgres', url },
    at: at === 'today' ? null : at,
    seconds: Number(value('seconds') ?? 10),
    connections: Number(value('connections') ?? 50),
    drawSeed: Number(value('draw-seed') ?? 7),
    passes: Number(value('passes') ?? 2),
    settleMaxS: Number(value('settle-max-s') ?? 900),
    cpuProf: value('cpu-prof'),
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of a process (all its threads) so far, in ms. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at state: utime is the 12th after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Waits until the server used < 5 % of one core over 3 s (its start-up refresh is over), up to maxS. */
async function settle(pid: number, maxS: number): Promise<number> {
  if (maxS <= 0) return 0;
  const started = performance.now();
  for (;;) {
    const before = await cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const used = (await cpuMs(pid)) - before;
    const waited = (performance.now() - started) / 1000;
    if (used < 150 || waited > maxS) return Math.round(waited);
  }
}

interface Series {
  series: string;
  requests: number;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  non_2xx: number;
  errors: number;
  timeouts: number;
  server_cpu_ms_per_request: number;
  distinct_builders?: number;
  load1: number;
}

async function measure(
  serve: ServeProcess,
  series: string,
  options: {
    connections: number;
    seconds: number;
    headers?: Record<string, string>;
    nextPath?: () => string;
  },
): Promise<Series> {
  const cpuBefore = await cpuMs(serve.pid);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const nextPath = options.nextPath;
    autocannon(
      {
        url: serve.base + (nextPath === undefined ? '/healthz' : ''),
        connections: options.connections,
        duration: options.seconds,
        headers: options.headers ?? {},
        ...(nextPath === undefined
          ? {}
          : { requests: [{ setupRequest: (request) => ({ ...request, path: nextPath() }) }] }),
      },
      (error, out) =>
        error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(out),
    );
  });
  const cpu = (await cpuMs(serve.pid)) - cpuBefore;
  return {
    series,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    non_2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    server_cpu_ms_per_request:
      result.requests.total === 0 ? 0 : Math.round((cpu / result.requests.total) * 100) / 100,
    load1: Math.round((loadavg()[0] ?? 0) * 10) / 10,
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const target = args.target;
  // Read before the server starts: on PGlite it then owns the folder.
  const database = await openDatabase(target);
  const emails = (
    await database.db.select({ email: builders.email }).from(builders).orderBy(builders.email)
  ).map((row) => row.email);
  await database.close();
  await ensureBenchAccount(target);
  const serve = await startServe(target, {
    nodeArgs: args.cpuProf === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${args.cpuProf}`],
  });
  try {
    const settledS = await settle(serve.pid, args.settleMaxS);
    console.log(JSON.stringify({ startup_ms: Math.round(serve.startupMs), settled_after_s: settledS }));
    const headers = { cookie: await signInBench(serve.base) };
    console.log(JSON.stringify(await measure(serve, 'healthz', args)));
    for (let pass = 1; pass <= args.passes; pass += 1) {
      const random = createRandom(args.drawSeed);
      const drawn = new Set<string>();
      const query = args.at === null ? '' : `?at=${args.at}`;
      const nextPath = (): string => {
        const email = emails[Math.floor(random() * emails.length)]!;
        drawn.add(email);
        return `/api/builders/${encodeURIComponent(email)}/readiness${query}`;
      };
      const series = await measure(serve, `readiness at ${args.at ?? 'today'} pass ${pass}`, {
        ...args,
        headers,
        nextPath,
      });
      console.log(JSON.stringify({ ...series, distinct_builders: drawn.size }));
    }
  } finally {
    await serve.stop();
  }
}

await main();
