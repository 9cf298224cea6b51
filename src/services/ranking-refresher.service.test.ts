import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { systemActor } from '../core/actor.js';
import { fixedClock } from '../core/clock.js';
import {
  findReadinessStart,
  listBuilderTracks,
  listBuildersWithoutAnswer,
  listLadderVersionHeads,
} from '../db/repositories/evaluation.repository.js';
import { forEachEngine } from '../../test/helpers/database.js';
import { buildServices, type Services } from './composition-root.js';
import { evaluationCodeRevision, evaluationKeyOf } from './evaluation-key.service.js';
import { recordEvidence } from './evidence.service.js';
import { importOrganisation } from './interchange/import.service.js';
import { publishShippedLaddersIfEmpty } from './ladder.service.js';
import { refreshTodaysRankings } from './ranking-refresher.service.js';
import { ladderForEvaluation, referenceReadiness, storeMissingAnswers } from './readiness.service.js';

/**
 * ADR 0024: the refresher stores today's readiness answer of every builder before anyone asks, under
 * the key that proves it current, and what it stores is what the full evaluation answers.
 */

const TODAY = '2026-02-15';
const clock = fixedClock(`${TODAY}T12:00:00Z`);
const EXAMPLE = path.resolve(import.meta.dirname, '../../test/fixtures/example-org');
const ROSA = 'rosa@example.test';

forEachEngine('readiness answers stored before anyone asks', (getDb) => {
  let services: Services;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    await publishShippedLaddersIfEmpty(services, systemActor);
    await importOrganisation(services, systemActor, EXAMPLE);
  });

  /** Builders with no current answer today, over every track with a ladder. */
  const missing = async (at = TODAY): Promise<string[]> => {
    const heads = await listLadderVersionHeads(services.db);
    const out: string[] = [];
    for (const track of await listBuilderTracks(services.db)) {
      const ladder = await ladderForEvaluation(
        services.db,
        at,
        (doc) => doc.tracks.some((t) => t.id === track),
        heads,
      );
      if (ladder !== undefined)
        out.push(...(await listBuildersWithoutAnswer(services.db, track, at, evaluationKeyOf(ladder))));
    }
    return out;
  };

  /** The answer stored for `email` today under the current key, as the warm path reads it. */
  const stored = async (email: string): Promise<unknown> => {
    const start = await findReadinessStart(services.db, email, TODAY, `${evaluationCodeRevision()}/`);
    const texts = [...(start?.answers.values() ?? [])];
    expect(texts).toHaveLength(1);
    return JSON.parse(texts[0]!) as unknown;
  };

  it(
    'a cycle stores every builder’s answer for today, each equal to the reference',
    { timeout: 120_000 },
    async () => {
      const before = await missing();
      expect(before).toContain(ROSA);
      const summary = await refreshTodaysRankings(services);
      expect(summary.readiness).toEqual({ stored: before.length, unanswerable: 0 });
      expect(await missing()).toEqual([]);
      for (const email of before)
        expect(await stored(email)).toEqual(await referenceReadiness(services, email, TODAY));
      // Nothing is computed again while every key holds.
      expect((await refreshTodaysRankings(services)).readiness).toEqual({ stored: 0, unanswerable: 0 });
    },
  );

  it('a write makes only its builder’s answer missing; the next pass stores the new one', async () => {
    const reference = await referenceReadiness(services, ROSA, TODAY);
    await recordEvidence(services, systemActor, {
      id: 'prestore-new',
      kind: 'decision',
      builder: ROSA,
      date: '2026-02-10',
      recorded_by: ROSA,
      confirmed_by: 'pm@northwind.example.test',
      type: 'scope_change',
      title: 'prestore-new',
      recommendation: '',
      data: '',
      client: 'northwind',
      client_response: 'adopted',
      outcome: '',
      significant: true,
      supersedes: null,
    });
    expect(await missing()).toEqual([ROSA]);
    expect(await storeMissingAnswers(services, TODAY)).toEqual({ stored: 1, unanswerable: 0 });
    const after = await referenceReadiness(services, ROSA, TODAY);
    // The write matters to the answer, so a stale stored one would have shown.
    expect(after).not.toEqual(reference);
    expect(await stored(ROSA)).toEqual(after);
  });

  it('a pass asked to stop ends between builders', async () => {
    const other = '2026-02-20';
    const all = await missing(other);
    expect(all.length).toBeGreaterThan(2);
    expect(await storeMissingAnswers(services, other, () => true)).toEqual({ stored: 0, unanswerable: 0 });
    let asked = 0;
    const stopAfterTwo = () => ++asked > 2;
    expect(await storeMissingAnswers(services, other, stopAfterTwo)).toEqual({ stored: 2, unanswerable: 0 });
    expect(await missing(other)).toEqual(all.slice(2));
  });

  it('a pass awaits its pause before each builder: nothing is stored while it is held', async () => {
    const other = '2026-02-21';
    const all = await missing(other);
    expect(all.length).toBeGreaterThan(1);
    let release: () => void = () => undefined;
    let pauses = 0;
    const pause = () => {
      pauses += 1;
      return pauses === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    };
    const pass = storeMissingAnswers(services, other, () => false, pause);
    // Held in the first pause (what `ladder serve` does while requests are in flight): no answer yet.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pauses).toBe(1);
    expect(await missing(other)).toEqual(all);
    release();
    expect(await pass).toEqual({ stored: all.length, unanswerable: 0 });
    expect(pauses).toBe(all.length);
    expect(await missing(other)).toEqual([]);
  });
});
