import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Builder } from '../../src/core/roster/roster.types.js';
import { insertEvidence } from '../../src/db/repositories/evidence.repository.js';
import { insertBuilders, insertPeople } from '../../src/db/repositories/roster.repository.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { referenceRanking } from '../../src/services/ranking.service.js';
import { make, PM, ROSA, TOM } from '../factories/evaluation-records.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';
import { buildApp } from '../../src/server/app.js';
import { rankingEntry } from '../../src/server/routes/evaluation.routes.js';

/**
 * The ranking route sends the stored JSON text of the entries as is, past the response serialiser: the
 * route's schema then validates nothing, so this checks the text against it, and that the OpenAPI
 * document still describes the shape.
 */

const AT = '2026-02-15';
const clock = fixedClock(`${AT}T12:00:00Z`);
const KAI = 'kai@example.test';

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

forEachEngine('ranking route', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    const { db } = getDb();
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await insertPeople(db, [{ email: PM, name: 'Ola Berg', role: 'client_stakeholder' }], clock.now());
    await insertBuilders(
      db,
      [
        builder(ROSA, [{ level: 'L4', since: '2024-08-15' }]),
        builder(KAI, [{ level: 'L4', since: '2025-06-01' }]),
        builder(TOM, [{ level: 'L1', since: '2024-06-01' }]),
      ],
      clock.now(),
    );
    await insertEvidence(db, [
      make.decision({ id: 'd1', date: '2025-01-10' }),
      make.decision({ id: 'k1', type: 'kill', data: 'no usage in 60 days' }),
      make.feature({ id: 'f1' }),
    ]);
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('sends JSON in the schema’s shape, equal to the reference, the same text cold and stored', async () => {
    const cold = await app.inject(`/api/levels/L4/ranking?at=${AT}`);
    expect(cold.statusCode).toBe(200);
    expect(cold.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(cold.headers['ladder-version']).toBe('2026-02-01');
    const entries = z.array(rankingEntry.strict()).parse(cold.json());
    expect(entries).toEqual((await referenceRanking({ db: getDb().db, clock }, 'L4', AT)).entries);
    expect(entries.map((e) => e.builder)).toEqual([ROSA, KAI]);
    const stored = await app.inject(`/api/levels/L4/ranking?at=${AT}`);
    expect(stored.body).toBe(cold.body);
    expect(stored.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(stored.headers['ladder-version']).toBe('2026-02-01');
  });

  it('an empty level is an empty JSON array, an unknown level a JSON 404', async () => {
    const empty = await app.inject(`/api/levels/L3/ranking?at=${AT}`);
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual([]);
    const unknown = await app.inject(`/api/levels/L9/ranking?at=${AT}`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });
  });

  it('documents the entries’ shape in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get: { responses: Record<string, { content: unknown }> } }>;
    }>();
    const ok = doc.paths['/api/levels/{level}/ranking']?.get.responses['200'];
    expect(ok?.content).toMatchObject({
      'application/json': {
        schema: {
          type: 'array',
          items: {
            type: 'object',
            required: expect.arrayContaining(['rank', 'builder', 'level', 'metrics_met', 'months_at_level']),
          },
        },
      },
    });
  });
});
