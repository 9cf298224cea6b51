import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, expectTypeOf, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { fixedClock } from '../../src/core/clock.js';
import { pageText } from '../../src/core/ladder/ladder-locale.js';
import { EVIDENCE_KINDS } from '../../src/core/ladder/rule-kinds.js';
import { markDemoDatabase } from '../../src/db/repositories/demo.repository.js';
import { buildApp } from '../../src/server/app.js';
import type { instanceResponse } from '../../src/server/routes/instance.routes.js';
import type { InstanceInfo } from '../../src/web/types/instance.js';
import { asActor, leadership } from '../helpers/actors.js';
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
    // No ladder published yet: the shipped file (English) speaks for the organisation.
    expect(response.json()).toEqual({
      demo: false,
      demo_loaded_at: null,
      locale: 'en',
      locale_ladder: 'ai-first-business-manager',
      evidence_kinds: pageText('en').evidenceKinds,
    });
  });

  it('says so once the database is marked as the demo’s, and documents the route', async () => {
    await markDemoDatabase(getDb().db, new Date('2026-11-20T08:00:00Z'));
    expect((await app.inject('/api/instance')).json()).toMatchObject({
      demo: true,
      demo_loaded_at: '2026-11-20T08:00:00.000Z',
    });
    const openapi = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
    }>();
    expect(JSON.stringify(openapi.paths['/api/instance']?.get?.responses['200'])).toMatch(/demo_loaded_at/);
  });
});

forEachEngine("GET /api/instance: the web app's language is its organisation's ladder's", (getDb) => {
  let app: FastifyInstance;
  const lead = asActor(leadership);
  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock }, { authenticate: lead });
  });
  afterAll(async () => {
    await app.close();
  });
  const language = async (): Promise<unknown> => {
    const { locale, locale_ladder } = (await app.inject('/api/instance')).json<InstanceInfo>();
    return { locale, locale_ladder };
  };
  const addBuilder = async (email: string, track: string, level: string): Promise<void> => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/builders',
      payload: {
        email,
        name: email,
        track,
        levels: [{ level, since: '2026-01-01' }],
        rates: [{ since: '2026-01-01', rate_minor: 500_000, currency: 'EUR' }],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
  };

  it('follows the ladder holding the most builders, and the first by id while none holds more', async () => {
    for (const file of [
      'ladders/ai-first-business-manager.yaml',
      'ladders/examples/ingenierie-logicielle-fr.yaml',
    ]) {
      const published = await app.inject({
        method: 'POST',
        url: '/api/ladders',
        payload: { source: await readFile(file, 'utf8') },
      });
      expect(published.statusCode, published.body).toBe(201);
    }
    // Both ladders in force, no builder yet: the tie goes to the first id, ai-first-… (English).
    expect(await language()).toEqual({ locale: 'en', locale_ladder: 'ai-first-business-manager' });
    const french = parse(await readFile('ladders/examples/ingenierie-logicielle-fr.yaml', 'utf8')) as {
      ladder: string;
      tracks: { id: string; levels: string[] }[];
    };
    const track = french.tracks[0];
    if (track === undefined || track.levels[0] === undefined)
      throw new Error('the French example has a track');
    await addBuilder('camille@example.test', track.id, track.levels[0]);
    expect(await language()).toEqual({ locale: 'fr', locale_ladder: french.ladder });
    // One builder each: a tie again, back to the first id.
    await addBuilder('ann@example.test', 'ai-first-business-manager', 'L4');
    expect(await language()).toEqual({ locale: 'en', locale_ladder: 'ai-first-business-manager' });
    await addBuilder('dominique@example.test', track.id, track.levels[0]);
    expect(await language()).toEqual({ locale: 'fr', locale_ladder: french.ladder });
  });

  it('gives the evidence-kind words in that language, every kind, as the rendered page writes them', async () => {
    const { locale, evidence_kinds } = (await app.inject('/api/instance')).json<InstanceInfo>();
    expect(locale).toBe('fr');
    expect(Object.keys(evidence_kinds).sort()).toEqual([...EVIDENCE_KINDS].sort());
    expect(evidence_kinds).toEqual(pageText('fr').evidenceKinds);
    expect(evidence_kinds.code_review).toBe('revues de code');
    expect(pageText('en').evidenceKinds.code_review).toBe('code reviews');
  });
});
