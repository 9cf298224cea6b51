import type { DatabaseTarget } from '../../src/config.js';
import type { Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { openDatabase } from '../../src/db/connection.js';
import { buildServices } from '../../src/services/composition-root.js';
import { getRanking } from '../../src/services/ranking.service.js';
import { getReadiness } from '../../src/services/readiness.service.js';
import { RANKING_FLOOR_SQL, READINESS_FLOOR_SQL } from '../floors.js';
import { runPhaseMain, phaseInput } from '../lib/phase.js';
import { summarise, timeCalls } from '../lib/stats.js';
import { rawClientOf } from '../lib/targets.js';

interface Input {
  target: DatabaseTarget;
  email: string;
  at: string;
  level: string;
  calls: number;
  rankingRuns: number;
}

const leadership: Actor = { kind: 'person', email: 'bench-lead@bench.test', role: 'leadership' };

// In-process figures: the readiness and ranking services against their SQL floors, on the same
// database handle, one after the other (never concurrently: the machine has two cores).
runPhaseMain(async () => {
  const input = phaseInput<Input>();
  const handle = await openDatabase(input.target);
  const { client, release } = await rawClientOf(handle);
  try {
    const deps = buildServices({ database: handle, clock: fixedClock(`${input.at}T12:00:00Z`) });
    const sample = await getReadiness(deps, leadership, input.email, input.at);
    const floorRows = (await client.query(READINESS_FLOOR_SQL, [input.email, input.at])).rows.length;
    const starFloor = (
      await client.query<{ metrics_met: number }>(RANKING_FLOOR_SQL, [input.level, input.at, input.email])
    ).rows[0];
    const readiness = summarise(
      await timeCalls(input.calls, () => getReadiness(deps, leadership, input.email, input.at)),
    );
    // Two floors: the same metric counts computed in SQL, and merely reading the builder's records.
    const readinessFloor = summarise(
      await timeCalls(input.calls, () =>
        client.query(RANKING_FLOOR_SQL, [input.level, input.at, input.email]),
      ),
    );
    const readFloor = summarise(
      await timeCalls(input.calls, () => client.query(READINESS_FLOOR_SQL, [input.email, input.at])),
    );

    const ranking = await getRanking(deps, leadership, input.level, input.at);
    const floor = (
      await client.query<{ builder: string; metrics_met: number; rank: number }>(RANKING_FLOOR_SQL, [
        input.level,
        input.at,
        null,
      ])
    ).rows;
    // The floor must compute the same answer, or the comparison means nothing.
    const byBuilder = new Map(floor.map((row) => [row.builder, Number(row.metrics_met)]));
    const mismatches = ranking.entries.filter((entry) => byBuilder.get(entry.builder) !== entry.metrics_met);
    const rankingTimes = summarise(
      await timeCalls(input.rankingRuns, () => getRanking(deps, leadership, input.level, input.at), 1),
    );
    const rankingFloor = summarise(
      await timeCalls(
        input.rankingRuns,
        () => client.query(RANKING_FLOOR_SQL, [input.level, input.at, null]),
        1,
      ),
    );
    return {
      readiness: {
        builder: input.email,
        records_read: floorRows,
        metrics: sample.metrics.map((m) => `${m.id}:${m.status}`),
        metrics_met: sample.metrics.filter((m) => m.status === 'met').length,
        floor_metrics_met: starFloor === undefined ? null : Number(starFloor.metrics_met),
        service_ms: readiness,
        floor_ms: readinessFloor,
        read_floor_ms: readFloor,
      },
      ranking: {
        level: input.level,
        builders: ranking.entries.length,
        floor_builders: floor.length,
        mismatches: mismatches.length + Math.abs(floor.length - ranking.entries.length),
        mismatch_examples: mismatches.slice(0, 3).map((e) => ({
          builder: e.builder,
          service: e.metrics_met,
          floor: byBuilder.get(e.builder) ?? null,
        })),
        metrics_met_histogram: histogram(ranking.entries.map((e) => e.metrics_met)),
        service_ms: rankingTimes,
        floor_ms: rankingFloor,
      },
    };
  } finally {
    release();
    await handle.close();
  }
});

function histogram(values: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[String(v)] = (out[String(v)] ?? 0) + 1;
  return out;
}
