import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { buildServices } from '../../src/services/composition-root.js';
import { DEMO_DOMAIN } from '../../src/services/demo/demo-organisation.js';
import { loadDemoIfEmpty } from '../../src/services/demo/demo-loader.service.js';
import { publishLadder, publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const TODAY = '2026-04-01';
const clock = fixedClock(`${TODAY}T12:00:00Z`);
const LADDER = 'software-engineer-example';
const source = readFileSync(path.resolve('ladders/examples/software-engineer.yaml'), 'utf8');
const DEMO = { builders: 12, recordsPerBuilder: 2 };
// The demo's head of the organisation hires two engineers onto the example ladder's two tracks.
const headEmail = `head@${DEMO_DOMAIN}`;
const head: Actor = {
  kind: 'person',
  email: headEmail,
  role: 'leadership',
  accountId: 'acct-head',
  builderId: null,
};
const manager = `mona.manager@${DEMO_DOMAIN}`;
const senior = `sami.senior@${DEMO_DOMAIN}`;

interface ReadinessBody {
  level: string;
  target_level: string | null;
  standard: string;
  months_at_level: number;
  requirements: { id: string; status: string }[];
  gaps: string[];
  eligible_for_case: boolean;
  weighs: { id: string; kinds: string[]; evidence: string[] }[];
}

forEachEngine('demo builders on the IC + manager example ladder (tracks, ADR 0020)', (getDb) => {
  let app: FastifyInstance;
  const caller = switchableActor(head);
  const services = () => buildServices({ database: getDb(), clock });

  beforeAll(async () => {
    await publishShippedLaddersIfEmpty(services(), systemActor);
    expect(await loadDemoIfEmpty(services(), systemActor, DEMO)).not.toBeNull();
    const published = await publishLadder(services(), head, { source, file: 'software-engineer.yaml' });
    expect(published.created).toBe(true);
    app = await buildApp({ database: getDb(), clock }, { authenticate: caller.authenticate });
    for (const [email, name, track, level, since] of [
      [manager, 'Mona Manager', 'engineering-manager', 'm1', '2025-05-01'],
      [senior, 'Sami Senior', 'software-engineer', 'IC3', '2024-06-01'],
    ] as const) {
      const created = await app.inject({
        method: 'POST',
        url: '/api/builders',
        payload: {
          email,
          name,
          track,
          levels: [{ level, since }],
          rates: [{ since, rate_minor: 800_000, currency: 'EUR' }],
        },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const decision = await app.inject({
      method: 'POST',
      url: '/api/evidence',
      payload: {
        id: 'mona-d-1',
        kind: 'decision',
        builder: manager,
        date: '2026-02-10',
        type: 'descope',
        title: 'Move the reporting rewrite to next quarter',
        recommendation: 'Ship the export first',
        data: 'Two of five engineers on call this month',
        client: 'northwind',
        client_response: 'adopted',
        outcome: 'Export shipped on time',
        significant: true,
      },
    });
    expect(decision.statusCode, decision.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  const readiness = async (email: string, at = TODAY): Promise<ReadinessBody> => {
    const response = await app.inject(`/api/builders/${email}/readiness?at=${at}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<ReadinessBody>();
  };

  it('evaluates a manager at M1 against the manager track: the panel weighs, the minimum time is the only gap', async () => {
    const body = await readiness(manager);
    expect(body).toMatchObject({
      level: 'm1',
      target_level: 'm2',
      labels: { m1: 'M1', m2: 'M2' },
      standard: 'judgment',
      months_at_level: 11,
      requirements: [{ id: 'minimum-time', status: 'not_met' }],
      eligible_for_case: false,
    });
    expect(body.gaps).toHaveLength(1);
    expect(body.weighs.find((w) => w.id === 'decisions')).toEqual({
      id: 'decisions',
      name: 'Decisions made and explained',
      kinds: ['decision'],
      evidence: ['mona-d-1'],
    });
    // A year after starting at M1 the minimum is served: nothing is missing, the panel may decide.
    const later = await readiness(manager, '2026-05-01');
    expect(later).toMatchObject({ requirements: [{ status: 'met' }], gaps: [], eligible_for_case: true });
  });

  it('answers a Senior Engineer against the first of their two targets (Staff Engineer), naming both', async () => {
    const body = await readiness(senior);
    expect(body).toMatchObject({
      level: 'IC3',
      target_level: 'IC4',
      target_levels: ['IC4', 'm1'],
      // Only m1 has a label of its own ('M1'); the others are shown by their ids.
      labels: { m1: 'M1' },
      standard: 'judgment',
    });
    // A level with one target answers as before: no target_levels at all.
    expect(await readiness(manager)).not.toHaveProperty('target_levels');
  });

  it('serves the example ladder with its tracks, labels, targets and equivalence, and the pages that show them', async () => {
    const ladder = await app.inject(`/api/ladders/${LADDER}`);
    expect(ladder.statusCode, ladder.body).toBe(200);
    const doc = ladder.json<{
      document: {
        tracks: { id: string; description?: string }[];
        levels: {
          id: string;
          label?: string;
          equivalent_to?: string[];
          promotion?: { target_level: string; target_levels?: string[] };
        }[];
      };
    }>().document;
    expect(doc.tracks.map((t) => t.id)).toEqual(['software-engineer', 'engineering-manager']);
    expect(doc.tracks[1]?.description).toMatch(/^Engineers who grow by leading teams/);
    const ic3 = doc.levels.find((l) => l.id === 'IC3');
    // The stored document names the first target as target_level too, for every reader.
    expect(ic3?.promotion).toMatchObject({ target_level: 'IC4', target_levels: ['IC4', 'm1'] });
    expect(doc.levels.find((l) => l.id === 'm1')).toMatchObject({ label: 'M1', equivalent_to: ['IC4'] });

    const page = await app.inject(`/api/ladders/${LADDER}/levels/IC3?format=md`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(
      '## Promotion to IC4 or M1\n\nIC3 leads to one of 2 levels; the first is the usual next step:\n\n' +
        '- **IC4 — Staff Engineer** — Software Engineer track\n- **M1 — Engineering Manager** — Engineering Manager track',
    );
    const m1 = await app.inject(`/api/ladders/${LADDER}/levels/m1?format=md`);
    expect(m1.body).toContain(
      '# M1 — Engineering Manager\n\n_Engineering Manager · March 2026 (version 2026-03-01)_',
    );
    expect(m1.body).toContain('## Equivalent Levels');
    expect(m1.body).toContain('- **IC4 — Staff Engineer** — Software Engineer track');
  });

  it('serves a level of a shared id by its qualified id (frontend%2FE1), and refuses the ambiguous bare id', async () => {
    const shared = [
      'ladder: shared-ids',
      'name: Shared ids',
      'version: 2026-03-01',
      'tracks:',
      '  - { id: backend, name: Backend, levels: [E1, E2] }',
      '  - { id: frontend, name: Frontend, description: Pages people use., levels: [E1, E2] }',
      'levels:',
      '  - { id: E1, title: Engineer, track: backend, status: written, promotion: { target_level: E2 } }',
      '  - { id: E2, title: Senior Engineer, track: backend, status: written }',
      '  - { id: E1, label: Ingénieure 1, title: Engineer, track: frontend, status: written, promotion: { target_level: E2 } }',
      '  - { id: E2, title: Senior Engineer, track: frontend, status: written }',
      '',
    ].join('\n');
    const published = await app.inject({
      method: 'POST',
      url: '/api/ladders',
      headers: { 'content-type': 'application/yaml' },
      payload: shared,
    });
    expect(published.statusCode, published.body).toBe(201);
    const md = await app.inject('/api/ladders/shared-ids/levels/frontend%2FE1?format=md');
    expect(md.statusCode, md.body).toBe(200);
    expect(md.body).toContain(
      '# Ingénieure 1 — Engineer\n\n_Frontend · March 2026 (version 2026-03-01)_\n\n_Frontend:_ Pages people use.',
    );
    const json = await app.inject('/api/ladders/shared-ids/levels/backend%2FE1');
    expect(json.json<{ level: { track: string } }>().level.track).toBe('backend');
    expect((await app.inject('/api/ladders/shared-ids/levels/E1')).statusCode).toBe(404);
  });
});
