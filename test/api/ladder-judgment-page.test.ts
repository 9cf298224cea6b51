import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { builderActor, leadership, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const example = readFileSync(path.resolve('ladders/examples/software-engineer.yaml'), 'utf8');
const LADDER = 'software-engineer-example';
const clock = fixedClock('2026-11-26T12:00:00Z');

forEachEngine('the rendered page of a level promoted by judgment (API)', (getDb) => {
  let app: FastifyInstance;
  const who = switchableActor(leadership);

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock }, { authenticate: who.authenticate });
    await app.ready();
    const published = await app.inject({
      method: 'POST',
      url: '/api/ladders',
      headers: { 'content-type': 'application/yaml' },
      payload: example,
    });
    expect(published.statusCode, published.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it('serves the Markdown and HTML page with who decides, the typical time and what the panel weighs', async () => {
    who.current.actor = builderActor('ivy@example.test');
    const md = await app.inject(`/api/ladders/${LADDER}/levels/IC2?format=md`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.body).toContain(
      '## Promotion to IC3\n\nPromotion to IC3 is decided by a panel’s judgment, not by a checklist:',
    );
    expect(md.body).toContain(
      '- **Typical** — 18–30 months at IC2 (advice: how long people usually stay, never a requirement)',
    );
    expect(md.body).toContain(
      '### What the Panel Weighs\n\n- **Owns features end to end** — Evidence: features, retros.',
    );
    const html = await app.inject(`/api/ladders/${LADDER}/levels/IC1?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain(
      '<li><strong>Delivers small tasks on their own</strong> — Evidence: features, code reviews.</li>',
    );
    // The JSON level carries the fields the web's level view reads.
    const json = await app.inject(`/api/ladders/${LADDER}/levels/IC2`);
    expect(json.json<{ level: { promotion: unknown } }>().level.promotion).toMatchObject({
      decided_by: 'judgment',
      typical_months_at_level: { from: 18, to: 30 },
      weighs: [{ id: 'ownership', evidence: ['feature', 'retro'] }, { id: 'design' }, { id: 'reviews' }],
    });
    who.current.actor = leadership;
  });
});
