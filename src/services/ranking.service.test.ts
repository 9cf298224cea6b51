import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../core/actor.js';
import { fixedClock } from '../core/clock.js';
import type { EvidenceRecord } from '../core/evidence/evidence.schema.js';
import type { Builder } from '../core/roster/roster.types.js';
import { insertEvidence } from '../db/repositories/evidence.repository.js';
import {
  listStoredRankingRows,
  pruneRankingRows,
  upsertRankingRows,
} from '../db/repositories/ranking.repository.js';
import { insertBuilders, insertMentorships, insertPeople } from '../db/repositories/roster.repository.js';
import { ANA, make, PM, ROSA, TOM } from '../../test/factories/evaluation-records.js';
import { forEachEngine } from '../../test/helpers/database.js';
import { publishShippedLaddersIfEmpty } from './ladder.service.js';
import {
  getRanking,
  ladderKeyOf,
  maintainRanking,
  referenceRanking,
  type RankingDeps,
} from './ranking.service.js';
import { rankedLevelsOn, refreshTodaysRankings, startRankingRefresher } from './ranking-refresher.service.js';
import { ladderForEvaluation } from './readiness.service.js';

const AT = '2026-02-15';
const clock = fixedClock(`${AT}T12:00:00Z`);
const KAI = 'kai@example.test';
const LEE = 'lee@example.test';

const builder = (email: string, levels: Builder['levels']): Builder => {
  const last = levels[levels.length - 1]!;
  return {
    email,
    name: email,
    track: 'ai-first-business-manager',
    level: last.level,
    level_since: last.since,
    levels,
    rates: [{ since: levels[0]!.since, rate_minor: 500_000, currency: 'USD' }],
  };
};

const records: EvidenceRecord[] = [
  make.decision({ id: 'd1', date: '2025-01-10' }),
  make.decision({ id: 'd2', date: '2025-03-10' }),
  make.decision({ id: 'd3-pending', date: '2025-05-10', client_response: 'pending' }),
  make.decision({ id: 'd3-adopted', date: '2025-09-01', supersedes: 'd3-pending' }),
  make.decision({ id: 'k1', type: 'kill', data: 'no usage in 60 days' }),
  make.feature({ id: 'f1' }),
  make.codeReview({ id: 'cr1' }),
  make.citation({ id: 'c1', review_id: 'cr1' }),
  make.citation({ id: 'c2', review_id: 'cr1', recorded_by: ANA }),
  make.menteeReview({ id: 'mr1', date: '2025-08-01', score: 2 }),
  make.menteeReview({ id: 'mr2', date: '2025-12-01', score: 4 }),
  make.checkin({ id: 'ci1', date: '2026-02-10' }),
  make.feedback({ id: 'fb1' }),
  make.feature({ id: 'kai-f1', builder: KAI, recorded_by: KAI, date: '2025-07-01' }),
  make.feedback({ id: 'kai-fb1', builder: KAI, date: '2025-07-02' }),
];

const metricsOf = (entries: { builder: string; metrics_met: number }[]): Record<string, number> =>
  Object.fromEntries(entries.map((e) => [e.builder, e.metrics_met]));

forEachEngine('maintained ranking', (getDb) => {
  let deps: RankingDeps;

  beforeAll(async () => {
    const { db } = getDb();
    deps = { db, clock };
    const now = clock.now();
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await insertPeople(
      db,
      [
        { email: PM, name: 'Ola Berg', role: 'client_stakeholder' },
        { email: ANA, name: 'Ana', role: 'leadership' },
        { email: 'head@example.test', name: 'Wen Li', role: 'leadership' },
      ],
      now,
    );
    await insertBuilders(
      db,
      [
        builder(ROSA, [
          { level: 'L3', since: '2023-05-01' },
          { level: 'L4', since: '2024-08-15' },
        ]),
        builder(TOM, [{ level: 'L1', since: '2024-06-01' }]),
        builder(KAI, [{ level: 'L4', since: '2025-06-01' }]),
        builder(LEE, [{ level: 'L4', since: '2024-01-10' }]),
      ],
      now,
    );
    await insertMentorships(db, [{ id: 'ms1', mentor: ROSA, mentee: TOM, start: '2025-07-01', end: null }]);
    await insertEvidence(db, records);
  });

  it('stores one row per member, then answers from them without evaluating anyone', async () => {
    const first = await maintainRanking(deps, 'L4', AT);
    expect([...first.evaluated].sort()).toEqual([KAI, LEE, ROSA]);
    expect(first.ranking).toEqual(await referenceRanking(deps, 'L4', AT));
    expect((await listStoredRankingRows(deps.db, 'L4', AT)).map((row) => row.builder)).toEqual([
      KAI,
      LEE,
      ROSA,
    ]);
    const second = await maintainRanking(deps, 'L4', AT);
    expect(second.evaluated).toEqual([]);
    expect(second.ranking).toEqual(first.ranking);
  });

  it('serves a stored row while its key matches, and never once the builder’s stamp moved', async () => {
    const ladder = await ladderForEvaluation(deps.db, AT, (doc) => doc.levels.some((l) => l.id === 'L4'));
    const key = { level: 'L4', at: AT, ladderKey: ladderKeyOf(ladder!) };
    const stored = (await listStoredRankingRows(deps.db, 'L4', AT)).find((row) => row.builder === LEE)!;
    // The same key with another answer: the ranking reads the row instead of evaluating Lee.
    await upsertRankingRows(deps.db, key, [{ ...stored, metricsMet: 3 }]);
    const served = await maintainRanking(deps, 'L4', AT);
    expect(served.evaluated).toEqual([]);
    expect(metricsOf(served.ranking.entries)[LEE]).toBe(3);
    // Any write to Lee's ledger draws a new stamp: the row no longer proves itself current.
    await insertEvidence(deps.db, [make.escalation({ id: 'lee-esc', builder: LEE, date: '2025-10-01' })]);
    const after = await maintainRanking(deps, 'L4', AT);
    expect(after.evaluated).toEqual([LEE]);
    expect(after.ranking).toEqual(await referenceRanking(deps, 'L4', AT));
    expect(metricsOf(after.ranking.entries)[LEE]).toBe(0);
  });

  it('evaluates exactly the builders a write stamped, and the answer moves with it', async () => {
    const before = metricsOf((await getRanking(deps, systemActor, 'L4', AT)).entries);
    // Kai's data-driven kill: one more metric met.
    await insertEvidence(deps.db, [
      make.decision({
        id: 'kai-k1',
        builder: KAI,
        recorded_by: KAI,
        type: 'kill',
        data: 'no usage',
        date: '2025-08-01',
      }),
    ]);
    const after = await maintainRanking(deps, 'L4', AT);
    expect(after.evaluated).toEqual([KAI]);
    expect(after.ranking).toEqual(await referenceRanking(deps, 'L4', AT));
    expect(metricsOf(after.ranking.entries)[KAI]).toBe((before[KAI] ?? 0) + 1);
  });

  it('a mentorship its mentor gives stamps the mentor only', async () => {
    await insertMentorships(deps.db, [
      { id: 'ms2', mentor: KAI, mentee: TOM, start: '2026-01-01', end: null },
    ]);
    const after = await maintainRanking(deps, 'L4', AT);
    expect(after.evaluated).toEqual([KAI]);
    expect(after.ranking).toEqual(await referenceRanking(deps, 'L4', AT));
  });

  it('a level change anywhere (a new epoch) evaluates the whole level again', async () => {
    await insertBuilders(
      deps.db,
      [builder('new@example.test', [{ level: 'L2', since: '2026-01-01' }])],
      clock.now(),
    );
    const after = await maintainRanking(deps, 'L4', AT);
    expect([...after.evaluated].sort()).toEqual([KAI, LEE, ROSA]);
    expect(after.ranking).toEqual(await referenceRanking(deps, 'L4', AT));
    // A new member at the level is ranked too, once their level begins.
    await insertBuilders(
      deps.db,
      [builder('late@example.test', [{ level: 'L4', since: '2026-02-15' }])],
      clock.now(),
    );
    const withNew = await maintainRanking(deps, 'L4', AT);
    expect(withNew.ranking.entries.map((e) => e.builder)).toContain('late@example.test');
    expect(withNew.ranking).toEqual(await referenceRanking(deps, 'L4', AT));
    expect(
      (await maintainRanking(deps, 'L4', '2026-02-14')).ranking.entries.map((e) => e.builder),
    ).not.toContain('late@example.test');
  });

  it('keeps separate rows per day: another day is evaluated once, this one not again', async () => {
    const other = await maintainRanking(deps, 'L4', '2025-09-01');
    expect(other.evaluated.length).toBe(other.ranking.entries.length);
    expect(other.ranking).toEqual(await referenceRanking(deps, 'L4', '2025-09-01'));
    expect((await maintainRanking(deps, 'L4', AT)).evaluated).toEqual([]);
    expect((await maintainRanking(deps, 'L4', '2025-09-01')).evaluated).toEqual([]);
  });

  it('evaluates in slices that give the event loop a turn between builders', async () => {
    let yields = 0;
    const sliced: RankingDeps = {
      ...deps,
      slicing: {
        budgetMs: 0,
        yieldToLoop: () => {
          yields += 1;
          return new Promise((resolve) => setImmediate(resolve));
        },
      },
    };
    const { evaluated, ranking } = await maintainRanking(sliced, 'L4', '2025-12-01');
    expect(evaluated.length).toBeGreaterThan(1);
    expect(yields).toBeGreaterThanOrEqual(evaluated.length);
    expect(ranking).toEqual(await referenceRanking(deps, 'L4', '2025-12-01'));
  });

  it('answers the same in batches of one builder, the next loading while one is evaluated', async () => {
    const batched = await maintainRanking({ ...deps, batchSize: 1 }, 'L4', '2025-11-15');
    expect([...batched.evaluated].sort()).toEqual([KAI, LEE, ROSA]);
    expect(batched.ranking).toEqual(await referenceRanking(deps, 'L4', '2025-11-15'));
  });

  it('prunes every day but today and the nearest others, per level', async () => {
    const ladder = await ladderForEvaluation(deps.db, AT, (doc) => doc.levels.some((l) => l.id === 'L4'));
    const ladderKey = ladderKeyOf(ladder!);
    const row = { builder: LEE, stamp: 1, epoch: 1, levelSince: '2024-01-10', metricsMet: 0 };
    for (const at of ['2026-02-10', '2026-02-13', '2026-02-20', '2026-03-30']) {
      await upsertRankingRows(deps.db, { level: 'L9', at, ladderKey }, [row]);
    }
    await upsertRankingRows(deps.db, { level: 'L9', at: '2026-06-01', ladderKey }, [row]);
    await pruneRankingRows(deps.db, '2026-06-01', 2);
    const kept = [];
    for (const at of ['2026-02-10', '2026-02-13', '2026-02-20', '2026-03-30', '2026-06-01']) {
      if ((await listStoredRankingRows(deps.db, 'L9', at)).length > 0) kept.push(at);
    }
    expect(kept).toEqual(['2026-02-20', '2026-03-30', '2026-06-01']);
    // Other levels are pruned on their own days: L4 keeps today's rows of its own.
    await pruneRankingRows(deps.db, AT, 0);
    expect((await listStoredRankingRows(deps.db, 'L4', AT)).length).toBeGreaterThan(0);
    expect(await listStoredRankingRows(deps.db, 'L4', '2025-09-01')).toEqual([]);
    expect(await listStoredRankingRows(deps.db, 'L9', '2026-06-01')).toEqual([]);
  });

  it('the refresher keeps today’s ranking of every ranked level current', async () => {
    const today = '2026-02-20';
    const refresherDeps: RankingDeps = { db: deps.db, clock: fixedClock(`${today}T08:00:00Z`) };
    expect(await rankedLevelsOn(refresherDeps, today)).toContain('L4');
    const summary = await refreshTodaysRankings(refresherDeps);
    expect(summary.at).toBe(today);
    const l4 = summary.levels.find((l) => l.level === 'L4')!;
    expect(l4.evaluated).toBe(l4.members);
    // Today's ranking is now a read of maintained rows.
    expect((await maintainRanking(refresherDeps, 'L4', today)).evaluated).toEqual([]);

    const refresher = startRankingRefresher(refresherDeps, { intervalMs: 60_000 });
    try {
      // After the cycle the refresher starts with, a write stamps Lee: the next cycle evaluates Lee alone.
      expect((await refresher.refreshNow()).levels.find((l) => l.level === 'L4')?.evaluated).toBe(0);
      await insertEvidence(deps.db, [
        make.feature({ id: 'lee-f1', builder: LEE, recorded_by: LEE, date: '2025-11-01' }),
      ]);
      const next = await refresher.refreshNow();
      expect(next.levels.find((l) => l.level === 'L4')?.evaluated).toBe(1);
      const read = await maintainRanking(refresherDeps, 'L4', today);
      expect(read.evaluated).toEqual([]);
      expect(read.ranking).toEqual(await referenceRanking(refresherDeps, 'L4', today));
      // A timer check waits for the watermark to hold still: the first check after a write skips.
      await insertEvidence(deps.db, [
        make.feature({ id: 'kai-f2', builder: KAI, recorded_by: KAI, date: '2025-11-02' }),
      ]);
      expect(await refresher.check()).toBeUndefined();
      expect((await refresher.check())?.levels.find((l) => l.level === 'L4')?.evaluated).toBe(1);
      expect(await refresher.check()).toBeUndefined();
    } finally {
      await refresher.stop();
    }
  });
});

it('keys a published version by its id and a shipped file by its content', () => {
  const document = { ladder: 'x', version: '2026-02-01' } as unknown as Parameters<
    typeof ladderKeyOf
  >[0]['document'];
  expect(ladderKeyOf({ document, versionId: 7 })).not.toEqual(ladderKeyOf({ document, versionId: 8 }));
  const other = { ladder: 'x', version: '2026-03-01' } as unknown as typeof document;
  expect(ladderKeyOf({ document, versionId: null })).not.toEqual(
    ladderKeyOf({ document: other, versionId: null }),
  );
  expect(ladderKeyOf({ document, versionId: null })).toEqual(
    ladderKeyOf({ document: { ...document }, versionId: null }),
  );
});
