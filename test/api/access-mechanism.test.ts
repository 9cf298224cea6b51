import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { fromParams, policy, publicAccess } from '../../src/server/access/route-access.js';
import { buildApp } from '../../src/server/app.js';
import { builderActor, leadership, switchableActor } from '../helpers/actors.js';
import { createTestDatabase, forEachEngine, type TestDatabase } from '../helpers/database.js';

const clock = fixedClock('2026-11-26T12:00:00Z');

describe('route access declarations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await database.destroy();
  });

  it('refuses to start when a route declares no access, naming the route', async () => {
    const app = await buildApp({ database, clock });
    expect(() => app.get('/api/forgotten', async () => ({ secret: true }))).toThrow(
      /GET \/api\/forgotten declares no access/,
    );
    await app.close().catch(() => undefined);
  });

  it('refuses a route inside a plugin too', async () => {
    const app = await buildApp({ database, clock });
    await expect(
      app.register(async (child) => {
        child.post('/api/plugin-route', async () => ({}));
      }),
    ).rejects.toThrow(/POST \/api\/plugin-route declares no access/);
    await app.close().catch(() => undefined);
  });

  it('starts with the exempt routes and declared ones', async () => {
    const app = await buildApp({ database, clock });
    app.get('/api/declared', { config: { access: publicAccess('test') } }, async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    expect((await app.inject('/api/declared')).statusCode).toBe(200);
    await app.close();
  });
});

forEachEngine('route access enforcement', (getDb) => {
  let app: FastifyInstance;
  const caller = switchableActor(leadership);

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock }, { authenticate: caller.authenticate });
    app.get(
      '/api/test/builders/:builderId/readiness',
      { config: { access: policy('readiness.read', fromParams({ builderId: 'builderId' })) } },
      async (request) => ({ actor: request.actor.kind }),
    );
    app.post('/api/test/ladder', { config: { access: policy('ladder.manage') } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers an anonymous caller with 401 unauthenticated', async () => {
    caller.current.actor = { kind: 'anonymous' };
    const response = await app.inject('/api/test/builders/b1@org.test/readiness');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('lets a builder read their own readiness and answers another builder’s with 403 and the reason', async () => {
    caller.current.actor = builderActor('b1@org.test');
    expect((await app.inject('/api/test/builders/b1@org.test/readiness')).statusCode).toBe(200);
    const other = await app.inject('/api/test/builders/b2@org.test/readiness');
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/readiness\.read/),
    });
  });

  it('keeps leadership actions to leadership', async () => {
    caller.current.actor = builderActor('b1@org.test');
    expect((await app.inject({ method: 'POST', url: '/api/test/ladder' })).statusCode).toBe(403);
    caller.current.actor = leadership;
    expect((await app.inject({ method: 'POST', url: '/api/test/ladder' })).statusCode).toBe(200);
  });
});
