import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { Readiness } from '../../src/core/evaluation/readiness.js';
import { buildApp } from '../../src/server/app.js';
import { buildServices, type Services } from '../../src/services/composition-root.js';
import { publishLadder } from '../../src/services/ladder.service.js';
import { referenceReadiness } from '../../src/services/readiness.service.js';
import { createBuilder } from '../../src/services/roster.service.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const AT = '2025-09-01';
const clock = fixedClock(`${AT}T12:00:00Z`);
const ops = operatorActor('test');
const source = readFileSync(path.resolve('test/fixtures/ladders/shared-ids.yaml'), 'utf8');

forEachEngine('readiness on a ladder whose tracks share level ids (ADR 0020)', (getDb) => {
  let services: Services;
  let app: FastifyInstance;

  beforeAll(async () => {
    services = buildServices({ database: getDb(), clock });
    expect((await publishLadder(services, ops, { source, file: 'shared-ids.yaml' })).created).toBe(true);
    for (const track of ['frontend', 'backend'])
      await createBuilder(services, ops, {
        email: `${track}@example.test`,
        name: track,
        track,
        levels: [{ level: 'E1', since: '2025-01-01' }],
        rates: [{ since: '2025-01-01', rate_minor: 500_000, currency: 'EUR' }],
      });
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
  });
  afterAll(async () => {
    await app.close();
  });

  const readiness = async (email: string): Promise<Readiness> => {
    const response = await app.inject(`/api/builders/${email}/readiness?at=${AT}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Readiness>();
  };

  it('answers each builder against their own track’s E1, cold and warm, equal to the reference', async () => {
    const frontend = await readiness('frontend@example.test');
    expect(frontend).toMatchObject({
      level: 'E1',
      target_level: 'frontend/E2',
      standard: 'defined',
      requirements: [{ id: 'time', status: 'met' }],
      eligible_for_case: true,
    });
    expect(frontend).not.toHaveProperty('target_levels');
    const backend = await readiness('backend@example.test');
    expect(backend).toMatchObject({
      target_level: 'backend/E2',
      target_levels: ['backend/E2', 'm1'],
      metrics: [{ id: 'decisions', status: 'not_met' }],
      requirements: [{ id: 'time', status: 'not_met' }],
      eligible_for_case: false,
    });
    for (const [email, cold] of [
      ['frontend@example.test', frontend],
      ['backend@example.test', backend],
    ] as const) {
      expect(await readiness(email)).toEqual(cold);
      expect(await referenceReadiness(services, email, AT)).toEqual(cold);
    }
  });
});
