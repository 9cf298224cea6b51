import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { fixedClock } from '../../src/core/clock.js';
import { markDemoDatabase } from '../../src/db/repositories/demo.repository.js';
import { buildApp } from '../../src/server/app.js';
import type { instanceResponse } from '../../src/server/routes/instance.routes.js';
import type { InstanceInfo } from '../../src/web/types/instance.js';
import { forEachEngine } from '../helpers/database.js';

const clock = fixedClock('2026-11-26T12:00:00Z');

// The web app's type is the server's contract: `npx tsc --noEmit` fails here if either side drifts.
expectTypeOf<InstanceInfo>().toEqualTypeOf<z.infer<typeof instanceResponse>>();

forEachEngine('GET /api/instance: the demo flag', (getDb) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock });
  });
  afterAll(async () => {
    await app.close();
  });

  it('says a real organisation’s database is not the demo, to anyone', async () => {
    const response = await app.inject('/api/instance');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ demo: false, demo_loaded_at: null });
  });

  it('says so once the database is marked as the demo’s, and documents the route', async () => {
    await markDemoDatabase(getDb().db, new Date('2026-11-20T08:00:00Z'));
    expect((await app.inject('/api/instance')).json()).toEqual({
      demo: true,
      demo_loaded_at: '2026-11-20T08:00:00.000Z',
    });
    const openapi = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    }>();
    expect(JSON.stringify(openapi.paths['/api/instance']?.get?.responses['200'])).toMatch(/demo_loaded_at/);
  });
});
