import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { forEachEngine } from '../helpers/database.js';
import { createTestAccount, signInAs } from '../helpers/sign-in.js';

const clock = fixedClock('2026-11-26T12:00:00Z');

/**
 * The web app asks GET /api/auth/session?optional=true on every page: nobody signed in is an answer
 * (204, no failed request in the browser's console), not an error; without `optional` it stays a 401.
 */
forEachEngine('who is signed in, asked without failing', (getDb) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock });
    await app.ready();
    await createTestAccount(getDb().db, { email: 'ana@example.test', role: 'builder' });
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers 204 with no body to an anonymous caller who asks optionally, and 401 otherwise', async () => {
    const optional = await app.inject({ url: '/api/auth/session?optional=true' });
    expect(optional.statusCode).toBe(204);
    expect(optional.body).toBe('');
    expect((await app.inject({ url: '/api/auth/session' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/auth/session?optional=false' })).statusCode).toBe(401);
  });

  it('answers who is signed in, with the CSRF token, either way', async () => {
    const ana = await signInAs(app, 'ana@example.test');
    for (const url of ['/api/auth/session?optional=true', '/api/auth/session']) {
      const response = await app.inject({ url, headers: ana.readHeaders });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ email: 'ana@example.test', role: 'builder' });
      expect(typeof response.json<{ csrf_token: unknown }>().csrf_token).toBe('string');
    }
  });
});
