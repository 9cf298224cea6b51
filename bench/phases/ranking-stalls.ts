/**
 * The serving thread's stalls while rankings are computed (issue 15: ≤ 50 ms, /healthz within 100 ms),
 * each against the same server idle in the same minutes. Runs the real `ladder serve` of the tree this
 * file sits in on an existing database, after removing its stored rankings (and, with
 * `--clear-readiness`, today's stored readiness answers), so that:
 *   1. `startup`: from /readyz until the server's CPU goes quiet (at most `--startup-max-s`), its refresher ranks every ranked level
 *      today from nothing (and fills today's readiness answers);
 *   2. `idle`: the same server idle (the floor of the stall and of /healthz, same probe);
 *   3. `cold`: a cold ranking of L4 over HTTP at each of `--dates` (other days than today).
 * Each stretch: the longest event-loop stall (monitorEventLoopDelay in the server, bench/lib/eld-hook.js),
 * the stalls over 50 ms the server logged (BENCH_STALL_LOG), and /healthz probed every 20 ms. Prints one
 * JSON line per stretch.
 *
 *   npx tsx bench/phases/ranking-stalls.ts --url postgres://…/ladder_bench_small [--clear-readiness]
 *     [--dates 2026-06-23,2026-06-16] [--cpu-prof DIR] [--stall-log FILE]
 *   npx tsx bench/phases/ranking-stalls.ts --folder bench/data/small/pglite …   (PGlite)
 *
 * Before/after: copy bench/ into the other tree (e.g. a `git archive` of the earlier commit) and run
 * both, alternating, on the same database (each run starts cold). With `--cpu-prof DIR` and
 * `--stall-log FILE`, `tsx bench/stall-profile.ts DIR/<main thread>.cpuprofile --stalls FILE` names what
 * ran in each logged stall.
 */
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { DatabaseTarget } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { BENCH_AT, RANKED_LEVEL } from '../sizes.js';
import { startProbe, type ProbeResult } from '../lib/probe.js';
import { ensureBenchAccount, signInBench, startServe, type LoopDelay } from '../lib/serve.js';

interface Args {
  target: DatabaseTarget;
  dates: string[];
  clearReadiness: boolean;
  cpuProf: string | undefined;
  stallLog: string;
  idleS: number;
  startupMaxS: number;
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
  return {
    target:
      url === undefined ? { engine: 'pglite', dataDir: path.resolve(folder!) } : { engine: 'postgres', url },
    dates: (value('dates') ?? `${BENCH_AT},2026-06-23`).split(','),
    clearReadiness: argv.includes('--clear-readiness'),
    cpuProf: value('cpu-prof'),
    stallLog: path.resolve(value('stall-log') ?? `/tmp/ranking-stalls-${process.pid}.json`),
    idleS: Number(value('idle-s') ?? 3),
    startupMaxS: Number(value('startup-max-s') ?? 120),
  };
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** User + system CPU time of a process (all its threads) so far, in ms. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Waits until the server used < 10 % of one core over 2 s (its start-up refresh is over), up to maxS. */
async function settle(pid: number, maxS: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const before = await cpuMs(pid);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const used = (await cpuMs(pid)) - before;
    const waited = (performance.now() - started) / 1000;
    if (used < 200 || waited > maxS) return Math.round(waited);
  }
}

/** The monotonic clock the server's stall log and CPU profiles use, in µs. */
const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

interface Stretch {
  stretch: string;
  ms: number;
  loop: LoopDelay;
  healthz: ProbeResult;
  from_us: number;
  to_us: number;
  load1: number;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const database = await openDatabase(args.target);
  // Cold: no stored ranking of any day (the refresher ranks today from nothing, the requests the rest).
  await database.db.execute(sql`delete from ranking_rows`);
  await database.db.execute(sql`delete from ranking_answers`);
  if (args.clearReadiness) await database.db.execute(sql`delete from readiness_answers`);
  await database.close();
  await ensureBenchAccount(args.target);
  const serve = await startServe(args.target, {
    nodeArgs: args.cpuProf === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${args.cpuProf}`],
    env: { BENCH_STALL_LOG: args.stallLog },
  });
  const stretches: Stretch[] = [];
  const watch = async (name: string, work: () => Promise<unknown>): Promise<void> => {
    await serve.startLoopDelay();
    const probe = startProbe(serve.base);
    const from = nowUs();
    const started = performance.now();
    await work();
    const ms = performance.now() - started;
    const to = nowUs();
    const healthz = await probe.stop();
    const loop = await serve.stopLoopDelay();
    stretches.push({
      stretch: name,
      ms: Math.round(ms),
      loop,
      healthz,
      from_us: from,
      to_us: to,
      load1: Math.round((loadavg()[0] ?? 0) * 10) / 10,
    });
  };
  try {
    await watch('startup', () => settle(serve.pid, args.startupMaxS));
    await watch('idle', () => new Promise((resolve) => setTimeout(resolve, args.idleS * 1000)));
    const headers = { cookie: await signInBench(serve.base) };
    for (const at of args.dates) {
      await watch(`cold ${at}`, async () => {
        const response = await fetch(`${serve.base}/api/levels/${RANKED_LEVEL}/ranking?at=${at}`, {
          headers,
          signal: AbortSignal.timeout(600_000),
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`ranking at ${at} answered ${response.status}`);
      });
    }
  } finally {
    await serve.stop();
  }
  const logged = JSON.parse(await readFile(args.stallLog, 'utf8')) as [number, number][];
  const idle = stretches.find((s) => s.stretch === 'idle');
  for (const s of stretches) {
    const inside = logged.filter(([end, gap]) => end >= s.from_us && end - gap * 1000 <= s.to_us);
    console.log(
      JSON.stringify({
        stretch: s.stretch,
        ms: s.ms,
        stall_max_ms: Math.round(s.loop.max_ms * 10) / 10,
        stall_ratio_to_idle:
          idle === undefined ? null : Math.round((s.loop.max_ms / idle.loop.max_ms) * 100) / 100,
        stalls_over_50ms: inside.filter(([, gap]) => gap > 50).length,
        logged_longest_ms: Math.round(Math.max(0, ...inside.map(([, gap]) => gap))),
        healthz_slowest_ms: Math.round(s.healthz.slowest_ms * 10) / 10,
        healthz_ratio_to_idle:
          idle === undefined
            ? null
            : Math.round((s.healthz.slowest_ms / idle.healthz.slowest_ms) * 100) / 100,
        healthz_answered: s.healthz.answered,
        healthz_over_100ms: s.healthz.over_100ms,
        load1: s.load1,
      }),
    );
  }
}

await main();
