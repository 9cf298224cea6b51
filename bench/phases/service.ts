import { isDeepStrictEqual } from 'node:util';
import type { DatabaseTarget } from '../../src/config.js';
import { fixedClock } from '../../src/core/clock.js';
import { openDatabase } from '../../src/db/connection.js';
import { runMigrations } from '../../src/db/migrate.js';
import { removeReadinessAnswersAndContributions } from '../../src/db/repositories/contributions.repository.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { RANKING_FLOOR_SQL, READINESS_FLOOR_SQL, type RawClient } from '../floors.js';
import { loadEvaluators, type Evaluators } from '../lib/evaluators.js';
import { phaseInput, runPhaseMain } from '../lib/phase.js';
import { summarise, timeCalls, type Stats } from '../lib/stats.js';
import { rawClientOf } from '../lib/targets.js';

interface Input {
  target: DatabaseTarget;
  email: string;
  /** The date the readiness figures and the "other date" ranking are asked about. */
  at: string;
  /** Today (UTC): the date the server's refresher keeps each level's ranking of. */
  today: string;
  level: string;
  calls: number;
  rankingRuns: number;
  /** Dates the HTTP phase ranked at (cold, one each): their SQL floors are measured here. */
  httpRankingDates: string[];
  /** Dates at which builders' readiness is compared with the reference: every `stride`-th builder. */
  equalityPasses: { at: string; stride: number }[];
}

/** Where the phase is (stderr, with the time since it started): a long phase shows what it is doing. */
const phaseStarted = performance.now();
const step = (what: string): void => {
  if (process.env.BENCH_QUIET === '1') return;
  console.error(`  [service +${((performance.now() - phaseStarted) / 1000).toFixed(1)} s] ${what}`);
};

/** Calls of the "nothing stored" series (see below). */
const BARE_CALLS = 20;

const fmtS = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** JSON as a caller receives it (what the routes serialise), so undefined fields and key order do not count. */
const asServed = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

async function tableExists(client: RawClient, name: string): Promise<boolean> {
  const { rows } = await client.query<{ found: string | null }>('select to_regclass($1)::text as found', [
    name,
  ]);
  return rows[0]?.found !== null && rows[0]?.found !== undefined;
}

/** Times calls of `work`, running `before` (untimed) ahead of each: e.g. removing a stored answer. */
async function timeColdCalls(
  calls: number,
  before: () => Promise<unknown>,
  work: () => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < Math.min(5, calls); i += 1) {
    await before();
    await work();
  }
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    await before();
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

/** An answer or the error code it failed with (both paths must fail alike, e.g. `at` before any level). */
async function outcome(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return asServed(await work());
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { failed: typeof code === 'string' ? code : String((error as Error).message) };
  }
}

async function compareReadiness(
  deps: Services,
  ev: Evaluators,
  allEmails: readonly string[],
  passes: readonly { at: string; stride: number }[],
): Promise<Record<string, unknown>> {
  const reference = ev.referenceReadiness;
  if (reference === null) return { reference: null, note: 'referenceReadiness is not on main: not compared' };
  const perDate: Record<string, unknown>[] = [];
  for (const { at, stride } of passes) {
    const emails = allEmails.filter((_, i) => i % stride === 0);
    const started = performance.now();
    let differences = 0;
    let failedAlike = 0;
    const examples: string[] = [];
    let maintainedMs = 0;
    let referenceMs = 0;
    step(`readiness equality at ${at}: ${emails.length} builders`);
    let done = 0;
    for (const email of emails) {
      done += 1;
      if (done % 500 === 0)
        step(
          `  ${done} of ${emails.length} (maintained ${fmtS(maintainedMs)}, reference ${fmtS(referenceMs)})`,
        );
      const t0 = performance.now();
      const maintained = await outcome(() => ev.readiness(deps, email, at));
      const t1 = performance.now();
      const full = await outcome(() => reference(deps, email, at));
      referenceMs += performance.now() - t1;
      maintainedMs += t1 - t0;
      if ((maintained as { failed?: string }).failed !== undefined) failedAlike += 1;
      if (!isDeepStrictEqual(maintained, full)) {
        differences += 1;
        if (examples.length < 5) examples.push(email);
      }
    }
    perDate.push({
      at,
      stride,
      builders: emails.length,
      differences,
      both_failed_alike: failedAlike,
      examples,
      maintained_total_ms: maintainedMs,
      reference_total_ms: referenceMs,
      wall_ms: performance.now() - started,
    });
  }
  return {
    reference: 'referenceReadiness',
    builders: allEmails.length,
    compared: perDate.reduce((sum, d) => sum + Number(d.builders), 0),
    differences: perDate.reduce((sum, d) => sum + Number(d.differences), 0),
    dates: perDate,
  };
}

async function compareRankings(
  deps: Services,
  ev: Evaluators,
  levels: readonly string[],
  dates: readonly string[],
): Promise<Record<string, unknown>> {
  const reference = ev.referenceRanking;
  if (reference === null) return { reference: null, note: 'referenceRanking is not on main: not compared' };
  const checks: Record<string, unknown>[] = [];
  let differences = 0;
  for (const at of dates) {
    for (const level of levels) {
      const maintained = (await outcome(() => ev.ranking(deps, level, at))) as { entries?: unknown[] };
      const full = (await outcome(() => reference(deps, level, at))) as { entries?: unknown[] };
      const a = maintained.entries ?? [];
      const b = full.entries ?? [];
      let differing = Math.abs(a.length - b.length);
      for (let i = 0; i < Math.min(a.length, b.length); i += 1)
        if (!isDeepStrictEqual(a[i], b[i])) differing += 1;
      const whole = isDeepStrictEqual(maintained, full);
      if (!whole && differing === 0) differing = 1; // same entries, different envelope (version, at)
      differences += differing;
      checks.push({ level, at, entries: a.length, differing_entries: differing });
    }
  }
  return { reference: 'referenceRanking', differences, checks };
}

// In-process figures, on the imported database opened directly (no server running): readiness of the
// star builder (stored answer removed before each cold call; warm = asked again), the ranking today and
// at another date (stored rows removed before each cold run), each against its SQL floor on the same
// handle, one after the other; then every builder's maintained readiness and every level's ranking
// against the full evaluation kept as the reference.
runPhaseMain(async () => {
  const input = phaseInput<Input>();
  const handle = await openDatabase(input.target);
  // A reused database (--reuse, --phases service) may predate this code's migrations: bring it to this
  // code's schema first, as `ladder serve` does on start-up, so the phase measures the code it runs.
  step("migrating the database to this code's schema (if behind)");
  await runMigrations(handle);
  const { client, release } = await rawClientOf(handle);
  const ev = loadEvaluators();
  try {
    const deps = buildServices({ database: handle, clock: fixedClock(`${input.today}T12:00:00Z`) });
    const storesAnswers = await tableExists(client, 'readiness_answers');
    const storesRankings = await tableExists(client, 'ranking_rows');
    const forgetAnswer = (email: string, at: string) => () =>
      storesAnswers
        ? client.query('delete from readiness_answers where builder_email = $1 and at = $2::date', [
            email,
            at,
          ])
        : Promise.resolve();
    const storesRankingAnswers = await tableExists(client, 'ranking_answers');
    const storesContributions = await tableExists(client, 'readiness_contributions');
    // Cold means nothing stored for that day: neither the rows nor the whole answer (ranking_answers,
    // ADR 0016), else the "cold" ranking would be a read of the stored text.
    const forgetRanking = (level: string, at: string) => async () => {
      if (storesRankings)
        await client.query('delete from ranking_rows where level = $1 and at = $2::date', [level, at]);
      if (storesRankingAnswers)
        await client.query('delete from ranking_answers where level = $1 and at = $2::date', [level, at]);
    };

    // Readiness of the star builder.
    step(`readiness of ${input.email}: ${input.calls} cold calls`);
    const sample = await ev.readiness(deps, input.email, input.at);
    const recordsRead = (await client.query(READINESS_FLOOR_SQL, [input.email, input.at])).rows.length;
    const starFloor = (
      await client.query<{ metrics_met: number }>(RANKING_FLOOR_SQL, [input.level, input.at, input.email])
    ).rows[0];
    const cold = summarise(
      await timeColdCalls(input.calls, forgetAnswer(input.email, input.at), () =>
        ev.readiness(deps, input.email, input.at),
      ),
    );
    step('readiness: warm calls, reference, floors');
    // Nothing stored at all: the answers and the per-rule contributions (ADR 0017) removed before each
    // call, so the contributions are rebuilt from the records every time.
    step('readiness: cold calls with nothing stored (answers and contributions removed)');
    const coldBare: Stats | null = storesContributions
      ? summarise(
          await timeColdCalls(
            // Each call rebuilds the star builder's contributions (over a second at load 10): 20 calls
            // give a p50, and a p99 that is their slowest.
            Math.min(input.calls, BARE_CALLS),
            () => removeReadinessAnswersAndContributions(handle.db, input.email),
            () => ev.readiness(deps, input.email, input.at),
          ),
        )
      : null;
    const warm: Stats | null = storesAnswers
      ? summarise(await timeCalls(input.calls, () => ev.readiness(deps, input.email, input.at)))
      : null;
    const referenceCalls = Math.max(1, Math.min(input.calls, 100));
    const reference: Stats | null =
      ev.referenceReadiness === null
        ? null
        : summarise(
            await timeCalls(referenceCalls, () => ev.referenceReadiness!(deps, input.email, input.at), 3),
          );
    const floor = summarise(
      await timeCalls(input.calls, () =>
        client.query(RANKING_FLOOR_SQL, [input.level, input.at, input.email]),
      ),
    );
    const readFloor = summarise(
      await timeCalls(input.calls, () => client.query(READINESS_FLOOR_SQL, [input.email, input.at])),
    );

    // Rankings: at another date (cold and warm) and today (cold, then as the refresher leaves it).
    const rankingFloorAt = async (at: string): Promise<Stats> =>
      summarise(
        await timeCalls(input.rankingRuns, () => client.query(RANKING_FLOOR_SQL, [input.level, at, null]), 1),
      );
    step(`ranking of ${input.level} at ${input.at}: first call, floor check`);
    const ranking = await ev.ranking(deps, input.level, input.at);
    const floorRows = (
      await client.query<{ builder: string; metrics_met: number }>(RANKING_FLOOR_SQL, [
        input.level,
        input.at,
        null,
      ])
    ).rows;
    // The floor must compute the same answer, or the comparison means nothing.
    const byBuilder = new Map(floorRows.map((row) => [row.builder, Number(row.metrics_met)]));
    const mismatches = ranking.entries.filter((e) => byBuilder.get(e.builder) !== e.metrics_met);
    step(`ranking at ${input.at}: ${input.rankingRuns} cold, warm, floor`);
    const otherCold = summarise(
      await timeColdCalls(input.rankingRuns, forgetRanking(input.level, input.at), () =>
        ev.ranking(deps, input.level, input.at),
      ),
    );
    const otherWarm = summarise(
      await timeCalls(input.rankingRuns, () => ev.ranking(deps, input.level, input.at), 1),
    );
    const otherFloor = await rankingFloorAt(input.at);
    step(`ranking today (${input.today}): cold, warm, floor`);
    const todayCold = summarise(
      await timeColdCalls(input.rankingRuns, forgetRanking(input.level, input.today), () =>
        ev.ranking(deps, input.level, input.today),
      ),
    );
    const todayWarm = summarise(
      await timeCalls(input.rankingRuns * 3, () => ev.ranking(deps, input.level, input.today), 1),
    );
    const todayFloor = await rankingFloorAt(input.today);
    step('referenceRanking');
    const referenceRanking: Stats | null =
      ev.referenceRanking === null
        ? null
        : summarise(
            await timeCalls(
              Math.min(2, input.rankingRuns),
              () => ev.referenceRanking!(deps, input.level, input.at),
              0,
            ),
          );
    step('SQL floors at the HTTP dates');
    const httpFloors: Record<string, Stats> = {};
    for (const at of input.httpRankingDates) httpFloors[at] = await rankingFloorAt(at);

    // Every builder's maintained answer against the reference.
    const emails = (
      await client.query<{ email: string }>('select email from builders order by email')
    ).rows.map((row) => row.email);
    const levels = (
      await client.query<{ level: string }>('select distinct level from builder_levels order by level')
    ).rows.map((row) => row.level);
    const equalityStarted = performance.now();
    const readinessEquality = await compareReadiness(deps, ev, emails, input.equalityPasses);
    step('ranking equality, every level, both dates');
    const rankingEquality = await compareRankings(deps, ev, levels, [input.at, input.today]);

    return {
      stores: { readiness_answers: storesAnswers, ranking_rows: storesRankings },
      readiness: {
        builder: input.email,
        records_read: recordsRead,
        metrics: sample.metrics.map((m) => `${m.id}:${m.status}`),
        metrics_met: sample.metrics.filter((m) => m.status === 'met').length,
        floor_metrics_met: starFloor === undefined ? null : Number(starFloor.metrics_met),
        cold_ms: cold,
        cold_bare_ms: coldBare,
        warm_ms: warm,
        reference_ms: reference,
        floor_ms: floor,
        read_floor_ms: readFloor,
      },
      ranking: {
        level: input.level,
        builders: ranking.entries.length,
        floor_builders: floorRows.length,
        mismatches: mismatches.length + Math.abs(floorRows.length - ranking.entries.length),
        mismatch_examples: mismatches.slice(0, 3).map((e) => ({
          builder: e.builder,
          service: e.metrics_met,
          floor: byBuilder.get(e.builder) ?? null,
        })),
        other_date: { at: input.at, cold_ms: otherCold, warm_ms: otherWarm, floor_ms: otherFloor },
        today: { at: input.today, cold_ms: todayCold, warm_ms: todayWarm, floor_ms: todayFloor },
        reference_ms: referenceRanking,
        http_date_floors_ms: httpFloors,
      },
      equality: {
        readiness: readinessEquality,
        ranking: rankingEquality,
        wall_ms: performance.now() - equalityStarted,
      },
    };
  } finally {
    release();
    await handle.close();
  }
});
