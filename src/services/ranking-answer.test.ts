import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../core/actor.js';
import { fixedClock } from '../core/clock.js';
import type { Builder } from '../core/roster/roster.types.js';
import { insertEvidence } from '../db/repositories/evidence.repository.js';
import {
  listStoredRankingAnswerKeys,
  readCurrentRankingAnswer,
  readRankingAnswerByWatermark,
  readRankingState,
  readStampWatermark,
  storeRankingAnswer,
} from '../db/repositories/ranking.repository.js';
import { insertBuilders, insertPeople, saveBuilder } from '../db/repositories/roster.repository.js';
import { make, PM, ROSA, TOM } from '../../test/factories/evaluation-records.js';
import { forEachEngine } from '../../test/helpers/database.js';
import { publishLadder, publishShippedLaddersIfEmpty } from './ladder.service.js';
import {
  getRanking,
  getRankingText,
  ladderKeyOf,
  referenceRanking,
  stringifySliced,
  type RankingDeps,
} from './ranking.service.js';
import { ladderForEvaluation } from './readiness.service.js';

/**
 * The stored answer of a level's ranking (ranking_answers: the route's JSON text) is served only while
 * its key proves it current. Each test first plants a recognisable answer under the current key (so a
 * read that served it is told apart from one that evaluated), then writes, then asks again.
 */

const AT = '2026-02-15';
const clock = fixedClock(`${AT}T12:00:00Z`);
const KAI = 'kai@example.test';
const LEE = 'lee@example.test';
const SHIPPED = path.resolve(import.meta.dirname, '../../ladders/ai-first-business-manager.yaml');
const PLANTED = '[{"planted":true}]';

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

forEachEngine('stored ranking answers', (getDb, engine) => {
  let deps: RankingDeps;

  const currentLadderKey = async (at = AT): Promise<string> =>
    ladderKeyOf((await ladderForEvaluation(deps.db, at, (doc) => doc.levels.some((l) => l.id === 'L4')))!);

  /** Stores PLANTED as the answer of L4 on `at` under the key as it is now. */
  const plant = async (at = AT): Promise<void> => {
    const ladder = await ladderForEvaluation(deps.db, at, (doc) => doc.levels.some((l) => l.id === 'L4'));
    const ladderKey = ladderKeyOf(ladder!);
    const watermark = await readStampWatermark(deps.db);
    const { key } = await readRankingState(deps.db, 'L4', at, ladderKey);
    await storeRankingAnswer(deps.db, { level: 'L4', at, ladderKey, key, watermark, body: PLANTED });
  };
  const served = async (at = AT): Promise<string> => (await getRankingText(deps, systemActor, 'L4', at)).body;
  const reference = async (at = AT): Promise<string> =>
    JSON.stringify((await referenceRanking(deps, 'L4', at)).entries);

  beforeAll(async () => {
    const { db } = getDb();
    deps = { db, clock };
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await insertPeople(db, [{ email: PM, name: 'Ola Berg', role: 'client_stakeholder' }], clock.now());
    await insertBuilders(
      db,
      [
        builder(ROSA, [{ level: 'L4', since: '2024-08-15' }]),
        builder(TOM, [{ level: 'L1', since: '2024-06-01' }]),
        builder(KAI, [{ level: 'L4', since: '2025-06-01' }]),
        builder(LEE, [{ level: 'L4', since: '2024-01-10' }]),
      ],
      clock.now(),
    );
    await insertEvidence(db, [
      make.decision({ id: 'd1', date: '2025-01-10' }),
      make.decision({ id: 'k1', type: 'kill', data: 'no usage in 60 days' }),
      make.feature({ id: 'f1' }),
    ]);
  });

  it('stores the answer a cold ranking computed and serves exactly that text while its key holds', async () => {
    const cold = await served();
    expect(cold).toBe(await reference());
    expect(JSON.parse(cold)).toEqual((await getRanking(deps, systemActor, 'L4', AT)).entries);
    await plant();
    // Served as stored: nothing evaluated, nothing serialised.
    expect(await served()).toBe(PLANTED);
    expect(await served()).toBe(PLANTED);
  });

  it('a write to someone outside the level leaves the level’s answer current', async () => {
    await plant();
    const ladderKey = await currentLadderKey();
    // Nothing drawn since: current by the watermark alone.
    expect((await readRankingAnswerByWatermark(deps.db, 'L4', AT, ladderKey)).body).toBe(PLANTED);
    await insertEvidence(deps.db, [make.feature({ id: 'tom-f1', builder: TOM, recorded_by: TOM })]);
    // Tom's stamp moved the sequence: the members' fingerprint decides, and then vouches again.
    expect((await readRankingAnswerByWatermark(deps.db, 'L4', AT, ladderKey)).body).toBeNull();
    expect(await served()).toBe(PLANTED);
    expect((await readRankingAnswerByWatermark(deps.db, 'L4', AT, ladderKey)).body).toBe(PLANTED);
  });

  it('a new record of a member makes it stale', async () => {
    await plant();
    await insertEvidence(deps.db, [
      make.decision({ id: 'kai-k1', builder: KAI, type: 'kill', data: 'no usage', date: '2025-08-01' }),
    ]);
    const after = await served();
    expect(after).not.toBe(PLANTED);
    expect(after).toBe(await reference());
  });

  it('a first record of a member who had none (no stamp yet) makes it stale', async () => {
    await plant();
    await insertEvidence(deps.db, [make.feature({ id: 'lee-f1', builder: LEE, recorded_by: LEE })]);
    expect(await served()).toBe(await reference());
  });

  it('a level change makes it stale, for the member who left and at any other date asked', async () => {
    await plant();
    await plant('2026-02-10');
    await saveBuilder(
      deps.db,
      builder(ROSA, [
        { level: 'L4', since: '2024-08-15' },
        { level: 'L5', since: '2026-02-12' },
      ]),
      clock.now(),
    );
    const after = await served();
    expect(after).toBe(await reference());
    expect(JSON.parse(after)).not.toContainEqual(expect.objectContaining({ builder: ROSA }));
    expect(await served('2026-02-10')).toBe(await reference('2026-02-10'));
  });

  it('a new ladder version in force on `at` makes it stale, and the older version’s answer is dropped', async () => {
    await plant();
    const shipped = await readFile(SHIPPED, 'utf8');
    expect(shipped).toContain('version: 2026-02-01');
    // The same rules under a new version: the entries are equal, the key is not.
    await publishLadder(deps, systemActor, {
      source: shipped.replace('version: 2026-02-01', 'version: 2026-02-10'),
    });
    expect(await served()).toBe(await reference());
    const ladder = await ladderForEvaluation(deps.db, AT, (doc) => doc.levels.some((l) => l.id === 'L4'));
    expect(await listStoredRankingAnswerKeys(deps.db, 'L4', AT)).toEqual([ladderKeyOf(ladder!)]);
  });

  it('is not fooled by writes that commit out of stamp order (a long transaction)', async () => {
    // Stamps are drawn in time order but transactions commit in any order: Lee's stamp is drawn first
    // and committed last. A key of "the highest stamp among the members" would not move when Lee's
    // write lands (Kai's stamp stays the highest); the fingerprint of every member's stamp does.
    if (engine !== 'postgres') return; // PGlite has one connection: no two transactions overlap.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let drawn: () => void = () => undefined;
    const leeDrawn = new Promise<void>((resolve) => {
      drawn = resolve;
    });
    const slow = deps.db.transaction(async (tx) => {
      await insertEvidence(tx, [
        make.decision({ id: 'lee-k1', builder: LEE, type: 'kill', data: 'no usage', date: '2025-09-01' }),
      ]);
      drawn();
      await held;
    });
    await leeDrawn;
    await insertEvidence(deps.db, [make.feature({ id: 'kai-f2', builder: KAI, recorded_by: KAI })]);
    await plant();
    expect(await served()).toBe(PLANTED);
    release();
    await slow;
    // Lee's commit drew nothing new (the sequence has not moved), but it was pending when the key
    // was read: the watermark no longer vouches, and the fingerprint sees Lee's new stamp.
    const ladderKey = await currentLadderKey();
    expect((await readRankingAnswerByWatermark(deps.db, 'L4', AT, ladderKey)).body).toBeNull();
    expect(await served()).toBe(await reference());
  });

  it('answers nothing for a key that was never stored', async () => {
    expect(await readCurrentRankingAnswer(deps.db, 'L4', '2025-01-01', 'no-such-key', '0')).toBeNull();
  });
});

it('builds a body of several chunks that is exactly JSON.stringify of the entries', async () => {
  const entries = Array.from({ length: 2_345 }, (_, i) => ({
    rank: 1 + Math.floor(i / 10),
    builder: `b${i}@example.test`,
    level: 'L4',
    metrics_met: 6 - (i % 7),
    months_at_level: i % 40,
  }));
  let yields = 0;
  const slicing = { budgetMs: 0, yieldToLoop: () => Promise.resolve(yields++) };
  expect(await stringifySliced(entries, slicing)).toBe(JSON.stringify(entries));
  expect(yields).toBe(3);
  expect(await stringifySliced([], slicing)).toBe('[]');
  expect(await stringifySliced(entries.slice(0, 1_000), slicing)).toBe(
    JSON.stringify(entries.slice(0, 1_000)),
  );
});
