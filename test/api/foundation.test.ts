import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { fixedClock } from '../../src/core/clock.js';
import { DomainError } from '../../src/core/errors.js';
import { publicAccess } from '../../src/server/access/route-access.js';
import { buildApp } from '../../src/server/app.js';
import { forEachEngine } from '../helpers/database.js';

forEachEngine('foundation API', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock: fixedClock('2026-11-26T12:00:00Z') });
    // Throwaway routes that exercise the one error handler.
    const config = { access: publicAccess('throwaway test route') };
    app.get('/test/domain', { config }, async () => {
      throw new DomainError('conflict', 'Ana already mentors Cy', { mentor: 'ana' });
    });
    app.get('/test/crash', { config }, async () => {
      throw new Error('select * from secrets -- at /srv/app/x.ts:1');
    });
    app.post('/test/body', { config, schema: { body: z.object({ email: z.email() }) } }, async () => ({
      ok: true,
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers /healthz and /readyz when the database answers', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
  });

  it('serves a valid OpenAPI 3 document listing its routes', async () => {
    const response = await app.inject('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
  });

  it('serves a browsable API reference', async () => {
    const response = await app.inject('/api/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/html/);
  });

  it('maps a domain error to its status with code, message and details', async () => {
    const response = await app.inject('/test/domain');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: 'conflict',
      message: 'Ana already mentors Cy',
      details: { mentor: 'ana' },
    });
  });

  it('answers an unknown error with a generic 500 that leaks nothing', async () => {
    const response = await app.inject('/test/crash');
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'internal', message: 'Something went wrong on our side' });
    expect(response.body).not.toMatch(/secrets|\.ts/);
  });

  it('names the field of an invalid body', async () => {
    const response = await app.inject({ method: 'POST', url: '/test/body', payload: { email: 'nope' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: 'validation_failed',
      message: expect.stringMatching(/email/),
    });
  });

  it('answers unknown routes with not_found', async () => {
    const response = await app.inject('/api/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: 'not_found' });
  });
});

forEachEngine('readiness without a database', (getDb) => {
  it('answers /readyz with 503 database_unavailable once the database is gone', async () => {
    const database = getDb();
    const app = await buildApp({
      database: { ...database, ping: () => Promise.reject(new Error('connection refused')) },
      clock: fixedClock('2026-11-26T12:00:00Z'),
    });
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ error: 'database_unavailable' });
    await app.close();
  });
});
