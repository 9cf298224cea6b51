import { pathToFileURL } from 'node:url';
import { parseDatabaseUrl } from '../src/config.js';
import { fixedClock } from '../src/core/clock.js';
import { systemActor } from '../src/core/actor.js';
import { openDatabase } from '../src/db/connection.js';
import { runMigrations } from '../src/db/migrate.js';
import { buildServices } from '../src/services/composition-root.js';
import { getReadinessText } from '../src/services/readiness.service.js';
import { percentile } from './lib/stats.js';
import { rawClientOf } from './lib/targets.js';

/**
 * `tsx bench/readiness-cpu.ts --url DATABASE_URL [--builders 200] [--at 2026-07-02] [--rounds 3]`: the
 * CPU this process spends on one computed readiness (no stored answer, contributions current), for
 * builders drawn at random, in process. It is the serving thread's share of a cold readiness over HTTP,
 * the part that saturates one core at 50 connections; CPU time, unlike wall time, hardly moves with the
 * machine's load, so two code trees can be compared on a shared 2-core machine. The builders are drawn
 * by the database (md5 order of their emails, the same in every run); each is asked once untimed (which
 * builds and stores its contributions under this code's revision), then `rounds` times with its stored
 * answer for `at` removed before each call (untimed).
 */

interface Options {
  url: string;
  builders: number;
  at: string;
  rounds: number;
}

function parseArgs(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const url = value('url') ?? process.env.DATABASE_URL;
  if (url === undefined) throw new Error('--url DATABASE_URL (or DATABASE_URL) is required');
  const count = (name: string, fallback: number): number => {
    const parsed = Number(value(name) ?? fallback);
    if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`--${name}: expected a positive integer`);
    return parsed;
  };
  return {
    url,
    builders: count('builders', 200),
    at: value('at') ?? '2026-07-02',
    rounds: count('rounds', 3),
  };
}

const cpuMs = (usage: NodeJS.CpuUsage): number => (usage.user + usage.system) / 1000;

async function main(options: Options): Promise<void> {
  const handle = await openDatabase(parseDatabaseUrl(options.url));
  // A reused bench database may predate this code's migrations (as `ladder serve` does on start-up).
  await runMigrations(handle);
  const { client, release } = await rawClientOf(handle);
  try {
    const deps = buildServices({ database: handle, clock: fixedClock(`${options.at}T12:00:00Z`) });
    const { rows } = await client.query<{ email: string }>(
      'select email from builders order by md5(email) limit $1',
      [options.builders],
    );
    const emails = rows.map((row) => row.email);
    const forget = (email: string) =>
      client.query('delete from readiness_answers where builder_email = $1 and at = $2::date', [
        email,
        options.at,
      ]);
    for (const email of emails) await getReadinessText(deps, systemActor, email, options.at);
    const cpu: number[] = [];
    const wall: number[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      for (const email of emails) {
        await forget(email);
        const started = performance.now();
        const before = process.cpuUsage();
        await getReadinessText(deps, systemActor, email, options.at);
        cpu.push(cpuMs(process.cpuUsage(before)));
        wall.push(performance.now() - started);
      }
    }
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    console.log(
      JSON.stringify({
        calls: cpu.length,
        builders: emails.length,
        at: options.at,
        cpu_ms: { mean: mean(cpu), p50: percentile(cpu, 50), p99: percentile(cpu, 99) },
        wall_ms: { mean: mean(wall), p50: percentile(wall, 50), p99: percentile(wall, 99) },
      }),
    );
  } finally {
    release();
    await handle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(parseArgs(process.argv.slice(2)));
}
