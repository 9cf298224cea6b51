import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { EvidenceKindName } from '../../src/core/evidence/evidence.schema.js';
import { buildApp } from '../../src/server/app.js';
import { importOrganisation } from '../../src/services/interchange/import.service.js';
import { builderActor, leadership, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../fixtures/example-org');
const rosa = 'rosa@example.test';
const tom = 'tom@example.test';
const pm = 'pm@northwind.example.test';
const operator: Actor = { kind: 'operator', name: 'test' };

/** One new record of every kind, as a client would POST it (ids chosen; recorded_at never sent). */
// A milestone assessment needs a ladder that scores points: test/api/points.test.ts records and reads one.
const BODIES: Record<Exclude<EvidenceKindName, 'milestone_assessment'>, Record<string, unknown>> = {
  decision: {
    type: 'kill',
    title: 'Stop the weekly PDF',
    recommendation: 'Kill it',
    data: '2 opens in 6 weeks',
    client: 'northwind',
    client_response: 'adopted',
    confirmed_by: pm,
    outcome: '',
    significant: true,
  },
  feature: {
    title: 'Depot heatmap',
    client: 'northwind',
    shipped_on: '2025-10-02',
    analytics_events: ['heatmap_viewed'],
  },
  retro: { feature_id: 'ev-2', hypothesis: 'h', what_happened: 'w', what_to_change: '' },
  adr: { title: 'Queue webhooks', status: 'proposed', link: '' },
  code_review: { link: 'https://git.example.test/pull/90', lesson: 'Name the invariant' },
  review_citation: { review_id: 'ev-5', recorded_by: 'uma@example.test' },
  mentee_review: { mentee: tom, score: 4, notes: 'Specs first now' },
  checkin: { mentee: tom },
  client_feedback: { client: 'northwind', rating: 4, text: '', recorded_by: pm },
  escalation: { client: 'northwind', summary: 'Missed demo', recorded_by: 'head@example.test' },
  curriculum: { module_id: 'scope-discipline-framework', status: 'in_progress' },
  self_evaluation: { item_id: 'killed-feature-on-data', answer: 'partly', evidence_ids: ['ev-1'] },
};

forEachEngine('evidence API', (getDb) => {
  let app: FastifyInstance;
  const caller = switchableActor(leadership);

  beforeAll(async () => {
    await importOrganisation(
      { db: getDb().db, clock: fixedClock('2026-01-01T00:00:00Z') },
      operator,
      EXAMPLE,
    );
    app = await buildApp(
      { database: getDb(), clock: fixedClock('2026-03-01T12:00:00Z') },
      { authenticate: caller.authenticate },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/evidence', payload });

  it.each(Object.entries(BODIES))('records a %s and reads it back', async (kind, fields) => {
    const body = { id: `api-${kind}`, kind, builder: rosa, date: '2025-10-05', recorded_by: rosa, ...fields };
    const created = await post(body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      ...body,
      recorded_at: '2026-03-01T12:00:00.000Z',
      supersedes: null,
    });
    const read = await app.inject(`/api/evidence/api-${kind}`);
    // The record as recorded, and beside it the names of its people (issue 17).
    const { names, ...record } = read.json<{
      names: Record<string, string>;
      builder: string;
      recorded_by: string;
      confirmed_by: string | null;
    }>();
    expect(record).toEqual(created.json());
    const roster: Record<string, string> = {
      [rosa]: 'Rosa Quint',
      [pm]: 'Ola Berg',
      'uma@example.test': 'Uma Patel',
      'head@example.test': 'Wen Li',
    };
    const people = [record.builder, record.recorded_by, record.confirmed_by].filter(
      (email): email is string => typeof email === 'string',
    );
    expect(names).toEqual(Object.fromEntries(people.map((email) => [email, roster[email]])));
  });

  it.each([
    ['an unknown kind', { kind: 'memo' }, 400, /kind/],
    ['a missing field', { kind: 'adr', title: 'x', status: 'accepted' }, 400, /link/],
    ['a score out of range', { kind: 'mentee_review', mentee: tom, score: 6, notes: '' }, 400, /score/],
    [
      'an unknown client',
      { kind: 'escalation', client: 'acme', summary: '' },
      400,
      /client: unknown client acme/,
    ],
    [
      'an unknown review',
      { kind: 'review_citation', review_id: 'ev-404' },
      400,
      /review_id: unknown evidence record ev-404/,
    ],
    [
      'a correction of another kind',
      { kind: 'adr', supersedes: 'ev-1', title: 'x', status: 'accepted', link: '' },
      400,
      /supersedes: .*keeps the kind/,
    ],
    [
      'a recorded_at from the client',
      { kind: 'checkin', mentee: tom, recorded_at: '2025-01-01T00:00:00Z' },
      400,
      /recorded_at/,
    ],
    ['an id already in the ledger', { id: 'ev-1', kind: 'checkin', mentee: tom }, 409, /supersedes: ev-1/],
  ])('refuses %s naming it, and writes nothing', async (_name, patch, status, message) => {
    const before = (await app.inject('/api/evidence?limit=1')).json<{ total: number }>().total;
    const response = await post({ builder: rosa, date: '2025-10-06', recorded_by: rosa, ...patch });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json<{ message: string }>().message).toMatch(message);
    expect((await app.inject('/api/evidence?limit=1')).json<{ total: number }>().total).toBe(before);
  });

  it('lists with filters and paging, oldest first', async () => {
    const page = (await app.inject(`/api/evidence?builder=${rosa}&kind=decision&limit=2`)).json<{
      items: { id: string }[];
      total: number;
    }>();
    expect(page.total).toBe(3);
    expect(page.items.map((r) => r.id)).toEqual(['ev-1', 'ev-13']);
    const range = (await app.inject('/api/evidence?from=2025-05-02&to=2025-05-03')).json<{
      items: { id: string }[];
    }>();
    expect(range.items.map((r) => r.id)).toEqual(['ev-5', 'ev-6']);
    expect((await app.inject('/api/evidence?kind=nope')).statusCode).toBe(400);
  });

  it('names the people of the listed records: builder, recorder and confirmer, and no one else', async () => {
    const page = (await app.inject(`/api/evidence?builder=${rosa}&limit=500`)).json<{
      items: { builder: string; recorded_by: string; confirmed_by: string | null }[];
      names: Record<string, string>;
    }>();
    expect(page.names).toMatchObject({
      [rosa]: 'Rosa Quint',
      [tom]: 'Tom Varga',
      'pm@northwind.example.test': 'Ola Berg',
      'head@example.test': 'Wen Li',
    });
    const named = new Set(page.items.flatMap((r) => [r.builder, r.recorded_by, r.confirmed_by ?? []].flat()));
    expect(Object.keys(page.names).sort()).toEqual([...named].sort());
    const one = (await app.inject(`/api/evidence?builder=${rosa}&kind=adr&limit=1`)).json<{
      names: Record<string, string>;
    }>();
    expect(one.names).toEqual({ [rosa]: 'Rosa Quint' });
  });

  it('lists newest first on order=newest: latest date first, and on one date the last recorded first', async () => {
    for (const id of ['same-day-a', 'same-day-b']) {
      const posted = await post({
        ...{ id, kind: 'adr', builder: rosa, date: '2025-05-02', recorded_by: rosa },
        ...{ title: id, status: 'proposed', link: '' },
      });
      expect(posted.statusCode, posted.body).toBe(201);
    }
    const ids = async (query: string) =>
      (await app.inject(`/api/evidence?builder=${rosa}&limit=500${query}`))
        .json<{ items: { id: string; date: string }[] }>()
        .items.map((r) => `${r.date} ${r.id}`);
    const oldest = await ids('');
    const newest = await ids('&order=newest');
    expect(await ids('&order=oldest')).toEqual(oldest);
    expect(newest).toEqual([...oldest].reverse());
    expect(newest.indexOf('2025-05-02 same-day-b')).toBe(newest.indexOf('2025-05-02 same-day-a') - 1);
    const first = (await app.inject(`/api/evidence?builder=${rosa}&order=newest&limit=1`)).json<{
      items: { date: string }[];
    }>();
    expect(first.items[0]?.date).toBe(oldest.at(-1)?.slice(0, 10));
    const refused = await app.inject(`/api/evidence?builder=${rosa}&order=sideways`);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('expected oldest or newest');
  });

  it('lets a builder record in their own name only, and read only what the policy allows', async () => {
    try {
      caller.current.actor = builderActor(rosa, rosa);
      const own = await post({
        kind: 'adr',
        builder: rosa,
        date: '2025-11-01',
        title: 'Mine',
        status: 'accepted',
        link: '',
      });
      expect(own.statusCode).toBe(201);
      expect(own.json()).toMatchObject({ recorded_by: rosa, id: expect.stringMatching(/^ev-/) });
      const vouching = await post({
        kind: 'decision',
        builder: rosa,
        date: '2025-11-02',
        recorded_by: pm,
        ...BODIES.decision,
      });
      expect(vouching.statusCode).toBe(403);
      caller.current.actor = builderActor(tom, tom);
      expect((await app.inject('/api/evidence/ev-1')).statusCode).toBe(403);
      expect((await app.inject(`/api/evidence?builder=${tom}`)).statusCode).toBe(200);
    } finally {
      caller.current.actor = leadership;
    }
  });
});
