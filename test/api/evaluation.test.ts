import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import type { EvidenceRecord } from '../../src/core/evidence/evidence.schema.js';
import type { Builder } from '../../src/core/roster/roster.types.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import {
  insertBuilders,
  insertMentorships,
  insertPeople,
  insertPlacements,
  upsertClient,
} from '../../src/db/repositories/roster.repository.js';
import { buildApp } from '../../src/server/app.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { asActor, builderActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';
import { ANA, make, PM, ROSA, TOM } from '../factories/evaluation-records.js';

const clock = fixedClock('2026-02-15T12:00:00Z');
const builder = (email: string, name: string, levels: Builder['levels']): Builder => {
  const last = levels[levels.length - 1]!;
  return {
    email,
    name,
    track: 'ai-first-business-manager',
    level: last.level,
    level_since: last.since,
    levels,
    rates: [{ since: levels[0]!.since, rate_minor: 500_000, currency: 'USD' }],
  };
};

// Rosa: L4 since 2024-08-15, everything for L5 but the assessment. Kai: L4 since 2025-06-01, two metrics.
// Lee: L4 since 2024-01-10, nothing recorded. Tom: Rosa's mentee, L1 → L2 during the mentorship.
const KAI = 'kai@example.test';
const LEE = 'lee@example.test';
const records: EvidenceRecord[] = [
  make.decision({ id: 'd1', date: '2025-01-10' }),
  make.decision({ id: 'd2', date: '2025-03-10' }),
  make.decision({ id: 'd3-pending', date: '2025-05-10', client_response: 'pending' }),
  // The client's answer arrives later: a correction that takes effect on 2025-09-01.
  make.decision({ id: 'd3-adopted', date: '2025-09-01', supersedes: 'd3-pending' }),
  make.decision({ id: 'd-self', date: '2025-05-11', recorded_by: ROSA, confirmed_by: ROSA }),
  make.decision({ id: 'k1', type: 'kill', data: 'no usage in 60 days' }),
  make.feature({ id: 'f1' }),
  make.codeReview({ id: 'cr1' }),
  make.citation({ id: 'c1', review_id: 'cr1' }),
  make.citation({ id: 'c2', review_id: 'cr1', recorded_by: ANA }),
  make.menteeReview({ id: 'mr1', date: '2025-08-01', score: 2 }),
  make.menteeReview({ id: 'mr2', date: '2025-12-01', score: 4 }),
  make.checkin({ id: 'ci1', date: '2026-02-10' }),
  make.feedback({ id: 'fb1' }),
  make.escalation({ id: 'esc-next-day', date: '2026-02-16' }),
  make.curriculum({ id: 'cu1', module_id: 'product-analytics', status: 'done', date: '2024-10-01' }),
  make.selfEvaluation({
    id: 'se1',
    item_id: 'instrument-features',
    evidence_ids: ['f1'],
    date: '2025-07-01',
  }),
  make.selfEvaluation({ id: 'se2', item_id: 'reviews-teach', evidence_ids: [], date: '2025-07-01' }),
  make.feature({ id: 'kai-f1', builder: KAI, recorded_by: KAI, date: '2025-07-01' }),
  make.feedback({ id: 'kai-fb1', builder: KAI, date: '2025-07-02' }),
];

forEachEngine('readiness and ranking API', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const { db } = getDb();
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
        builder(ROSA, 'Rosa Quint', [
          { level: 'L3', since: '2023-05-01' },
          { level: 'L4', since: '2024-08-15' },
        ]),
        builder(TOM, 'Tom Varga', [
          { level: 'L1', since: '2024-06-01' },
          { level: 'L2', since: '2025-11-01' },
        ]),
        builder(KAI, 'Kai', [{ level: 'L4', since: '2025-06-01' }]),
        builder(LEE, 'Lee', [{ level: 'L4', since: '2024-01-10' }]),
      ],
      now,
    );
    await upsertClient(db, { id: 'northwind', name: 'Northwind Logistics' });
    await insertPlacements(db, [
      {
        id: 'pl1',
        builder: ROSA,
        client: 'northwind',
        start: '2024-09-01',
        end: null,
        rate_minor: 840_000,
        currency: 'USD',
        extended: true,
        requested_back: false,
      },
    ]);
    await insertMentorships(db, [{ id: 'ms1', mentor: ROSA, mentee: TOM, start: '2025-07-01', end: null }]);
    await insertEvidence(db, records);
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers readiness in the issue’s shape with the records that counted', async () => {
    const response = await app.inject(`/api/builders/${ROSA}/readiness?at=2026-02-15`);
    expect(response.statusCode).toBe(200);
    const body = response.json<Readiness>();
    expect(body).toMatchObject({
      builder: ROSA,
      level: 'L4',
      at: '2026-02-15',
      ladder_version: '2026-02-01',
      eligible_for_case: true,
      gaps: ['the qualification assessment: not assessed yet (a promotion case decides it)'],
    });
    expect(body.metrics[0]).toEqual({
      id: 'product-decisions-adopted',
      status: 'met',
      value: 3,
      threshold: 3,
      evidence: ['d1', 'd2', 'd3-adopted'],
    });
    expect(body.metrics.map((m) => m.status)).toEqual(['met', 'met', 'met', 'met', 'met', 'met']);
    expect(body.requirements).toEqual([
      { id: 'minimum-tenure', status: 'met', evidence: [], met_on: '2026-02-15' },
      { id: 'qualification-assessment', status: 'not_assessed', evidence: [] },
      { id: 'mentee-advanced', status: 'met', evidence: ['ms1'], met_on: '2025-11-01' },
      { id: 'client-retention', status: 'met', evidence: ['pl1'] },
    ]);
    expect(body.curriculum.done).toEqual(['product-analytics']);
    expect(body.self_evaluation.without_evidence).toEqual(['reviews-teach']);
  });

  it('applies the correction only from its date, and the tenure clock the day before the anniversary', async () => {
    const body = (await app.inject(`/api/builders/${ROSA}/readiness?at=2026-02-14`)).json<Readiness>();
    expect(body.requirements[0]).toEqual({
      id: 'minimum-tenure',
      status: 'not_met',
      evidence: [],
      met_on: '2026-02-15',
    });
    expect(body.eligible_for_case).toBe(false);
    const before = (await app.inject(`/api/builders/${ROSA}/readiness?at=2025-08-31`)).json<Readiness>();
    expect(before.metrics[0]).toMatchObject({ status: 'not_met', value: 2, evidence: ['d1', 'd2'] });
    expect(before.gaps[0]).toBe(
      '1 more adopted decision (scope change or feature proposal), vouched for by someone other than you',
    );
  });

  it('ignores the escalation dated the day after `at`, and counts it from its date', async () => {
    const on = (await app.inject(`/api/builders/${ROSA}/readiness?at=2026-02-16`)).json<Readiness>();
    expect(on.metrics.find((m) => m.id === 'client-trust')).toMatchObject({
      status: 'not_met',
      evidence: ['fb1', 'esc-next-day'],
    });
  });

  it('answers sensibly for a level whose page is not written', async () => {
    const response = await app.inject(`/api/builders/${TOM}/readiness?at=2026-02-15`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      level: 'L2',
      metrics: [],
      requirements: [],
      eligible_for_case: false,
    });
  });

  it('ranks L4 by metrics met, tenure, email', async () => {
    const response = await app.inject('/api/levels/L4/ranking?at=2026-02-15');
    expect(response.statusCode).toBe(200);
    expect(response.headers['ladder-version']).toBe('2026-02-01');
    expect(response.json()).toEqual([
      { rank: 1, builder: ROSA, level: 'L4', metrics_met: 6, months_at_level: 18 },
      { rank: 2, builder: KAI, level: 'L4', metrics_met: 2, months_at_level: 8 },
      { rank: 3, builder: LEE, level: 'L4', metrics_met: 0, months_at_level: 25 },
    ]);
  });

  it('agrees with readiness on every builder’s metrics met, at several dates', async () => {
    for (const at of ['2025-06-30', '2025-09-01', '2026-02-16']) {
      const ranking = (await app.inject(`/api/levels/L4/ranking?at=${at}`)).json<
        { builder: string; metrics_met: number }[]
      >();
      for (const entry of ranking) {
        const readiness = (
          await app.inject(`/api/builders/${entry.builder}/readiness?at=${at}`)
        ).json<Readiness>();
        const met = readiness.metrics.filter((m) => m.status === 'met').length;
        expect({ at, builder: entry.builder, met: entry.metrics_met }).toEqual({
          at,
          builder: entry.builder,
          met,
        });
      }
    }
  });

  it('ranks only who held the level on `at`, and a level without a standard by tenure', async () => {
    const before = (await app.inject('/api/levels/L4/ranking?at=2024-08-14')).json<{ builder: string }[]>();
    expect(before.map((e) => e.builder)).toEqual([LEE]);
    const l2 = (await app.inject('/api/levels/L2/ranking?at=2026-02-15')).json();
    expect(l2).toEqual([{ rank: 1, builder: TOM, level: 'L2', metrics_met: 0, months_at_level: 3 }]);
  });

  it('names what is wrong: unknown builder, unknown level, a bad date, a date before the first level', async () => {
    const unknown = await app.inject('/api/builders/nobody@example.test/readiness?at=2026-02-15');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({
      error: 'not_found',
      message: expect.stringMatching(/nobody@example.test/),
    });
    expect((await app.inject('/api/levels/L9/ranking?at=2026-02-15')).statusCode).toBe(404);
    const bad = await app.inject(`/api/builders/${ROSA}/readiness?at=2026-02-30`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/at/);
    const early = await app.inject(`/api/builders/${ROSA}/readiness?at=2020-01-01`);
    expect(early.statusCode).toBe(400);
    expect(early.json<{ message: string }>().message).toMatch(/2020-01-01/);
  });

  it('lists both routes in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/builders/{email}/readiness', '/api/levels/{level}/ranking']),
    );
  });

  it('lets a builder read their own readiness, not a peer’s, and keeps the ranking from them', async () => {
    const builderApp = await buildApp(
      { database: getDb(), clock },
      { authenticate: asActor(builderActor(ROSA, ROSA)) },
    );
    try {
      expect((await builderApp.inject(`/api/builders/${ROSA}/readiness?at=2026-02-15`)).statusCode).toBe(200);
      expect((await builderApp.inject(`/api/builders/${KAI}/readiness?at=2026-02-15`)).statusCode).toBe(403);
      expect((await builderApp.inject('/api/levels/L4/ranking?at=2026-02-15')).statusCode).toBe(403);
    } finally {
      await builderApp.close();
    }
  });

  it('defaults `at` to today on the clock', async () => {
    expect((await app.inject(`/api/builders/${ROSA}/readiness`)).json<Readiness>().at).toBe('2026-02-15');
  });
});
