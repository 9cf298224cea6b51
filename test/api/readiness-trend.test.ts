import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Builder } from '../../src/core/roster/roster.types.js';
import { trendPointOf, type ReadinessTrend } from '../../src/core/trends/readiness-trend.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import { insertBuilders, insertPeople } from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { readinessTrendResponse } from '../../src/server/routes/readiness-trend.routes.js';
import { buildServices } from '../../src/services/composition-root.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { referenceReadiness } from '../../src/services/readiness.service.js';
import { ANA, make, PM, ROSA, TOM } from '../factories/evaluation-records.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

/**
 * GET /api/builders/:email/readiness/trend: each point is exactly the readiness answer of its day
 * (checked against the reference evaluation), on the month ends and `at`, never before the first level.
 */

const AT = '2026-02-15';
const clock = fixedClock(`${AT}T12:00:00Z`);

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

forEachEngine('readiness trend route', (getDb) => {
  let app: FastifyInstance;
  const get = async (path: string) => app.inject({ method: 'GET', url: path });
  const trendOf = async (email: string, query: string): Promise<ReadinessTrend> => {
    const response = await get(`/api/builders/${encodeURIComponent(email)}/readiness/trend?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return readinessTrendResponse.strict().parse(response.json());
  };

  beforeAll(async () => {
    const { db } = getDb();
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await insertPeople(
      db,
      [
        { email: PM, name: 'Ola Berg', role: 'client_stakeholder' },
        { email: ANA, name: 'Ana', role: 'leadership' },
      ],
      clock.now(),
    );
    await insertBuilders(
      db,
      [
        builder(ROSA, [
          { level: 'L3', since: '2023-05-01' },
          { level: 'L4', since: '2024-08-15' },
        ]),
        builder(TOM, [
          { level: 'L1', since: '2024-06-01' },
          { level: 'L2', since: '2025-11-01' },
        ]),
      ],
      clock.now(),
    );
    // Adopted decisions on 10 Jan, 1 Sep (a pending one adopted) and 15 Dec 2025: the count steps up.
    await insertEvidence(db, [
      make.decision({ id: 'd1', date: '2025-01-10' }),
      make.decision({ id: 'd2-pending', date: '2025-05-10', client_response: 'pending' }),
      make.decision({ id: 'd2-adopted', date: '2025-09-01', supersedes: 'd2-pending' }),
      make.decision({ id: 'd3', date: '2025-12-15' }),
      make.decision({ id: 'k1', type: 'kill', data: 'no usage in 60 days' }),
      make.feature({ id: 'f1' }),
      make.codeReview({ id: 'cr1' }),
      make.citation({ id: 'c1', review_id: 'cr1' }),
      make.feedback({ id: 'fb1' }),
    ]);
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('has a point per month end and today, each the readiness of its day', async () => {
    const trend = await trendOf(ROSA, '');
    expect(trend.builder).toBe(ROSA);
    expect(trend.at).toBe(AT);
    expect(trend.points.map((p) => p.day)).toEqual([
      '2025-03-31',
      '2025-04-30',
      '2025-05-31',
      '2025-06-30',
      '2025-07-31',
      '2025-08-31',
      '2025-09-30',
      '2025-10-31',
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      AT,
    ]);
    const services = buildServices({ database: getDb(), clock });
    for (const point of trend.points) {
      expect(point).toEqual(trendPointOf(await referenceReadiness(services, ROSA, point.day)));
    }
  });

  it('shows the value climbing against its threshold, with the records behind it', async () => {
    const trend = await trendOf(ROSA, `at=${AT}`);
    const adopted = (day: string) =>
      trend.points.find((p) => p.day === day)?.metrics.find((m) => m.id === 'product-decisions-adopted');
    expect(adopted('2025-08-31')).toMatchObject({ value: 1, threshold: 3, evidence: ['d1'] });
    expect(adopted('2025-09-30')).toMatchObject({ value: 2, threshold: 3 });
    expect(adopted('2025-09-30')?.evidence.sort()).toEqual(['d1', 'd2-adopted']);
    expect(adopted('2025-12-31')).toMatchObject({ value: 3, status: 'met' });
    expect(adopted('2025-11-30')?.status).toBe('not_met');
  });

  it('starts at the first level and follows a promotion', async () => {
    const early = await trendOf(TOM, 'at=2024-09-15');
    expect(early.points.map((p) => p.day)).toEqual(['2024-06-30', '2024-07-31', '2024-08-31', '2024-09-15']);
    const around = await trendOf(TOM, 'at=2025-12-10&months=3');
    expect(around.points.map((p) => [p.day, p.level])).toEqual([
      ['2025-10-31', 'L1'],
      ['2025-11-30', 'L2'],
      ['2025-12-10', 'L2'],
    ]);
  });

  it('refuses what it cannot answer, naming the field', async () => {
    for (const query of ['months=0', 'months=25', 'months=two']) {
      const response = await get(`/api/builders/${encodeURIComponent(ROSA)}/readiness/trend?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(/months/);
    }
    const before = await get(`/api/builders/${encodeURIComponent(TOM)}/readiness/trend?at=2024-05-31`);
    expect(before.statusCode).toBe(400);
    expect(before.json<{ message: string }>().message).toMatch(/before their first level/);
    const nobody = await get('/api/builders/nobody%40example.test/readiness/trend');
    expect(nobody.statusCode).toBe(404);
  });
});
