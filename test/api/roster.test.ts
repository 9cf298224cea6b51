import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { builderActor, leadership, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const track = 'ai-first-business-manager';
const rosa = {
  email: 'Rosa@Example.test',
  name: 'Rosa Quint',
  track,
  levels: [
    { level: 'L3', since: '2023-05-01' },
    { level: 'L4', since: '2025-02-03' },
  ],
  rates: [{ since: '2025-02-03', rate_minor: 840000, currency: 'USD' }],
};
const tom = {
  email: 'tom@example.test',
  name: 'Tom Varga',
  track,
  levels: [{ level: 'L1', since: '2025-06-16' }],
  rates: [{ since: '2025-06-16', rate_minor: 520000, currency: 'USD' }],
};

forEachEngine('roster API', (getDb) => {
  let app: FastifyInstance;
  const caller = switchableActor(leadership);

  beforeAll(async () => {
    app = await buildApp(
      { database: getDb(), clock: fixedClock('2026-03-01T12:00:00Z') },
      { authenticate: caller.authenticate },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object });

  describe('builders', () => {
    it('creates a builder with histories, keyed by the lower-case email', async () => {
      const response = await post('/api/builders', rosa);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        email: 'rosa@example.test',
        level: 'L4',
        level_since: '2025-02-03',
      });
      expect((await post('/api/builders', tom)).statusCode).toBe(201);
    });

    it('refuses the same email twice with a conflict', async () => {
      const response = await post('/api/builders', { ...rosa, email: 'rosa@example.test' });
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: 'conflict' });
    });

    it.each([
      [
        'an unknown level',
        { levels: [{ level: 'L9', since: '2025-01-01' }] },
        /levels\[0\]\.level: unknown level L9/,
      ],
      ['an unknown track', { track: 'juggling' }, /track: unknown track juggling/],
      [
        'a history out of date order',
        {
          levels: [
            { level: 'L2', since: '2025-01-01' },
            { level: 'L3', since: '2024-01-01' },
          ],
        },
        /levels\[1\]\.since/,
      ],
      [
        'a currency that is not ISO 4217',
        { rates: [{ since: '2025-01-01', rate_minor: 1, currency: 'XYZ' }] },
        /currency/,
      ],
      [
        'a rate in major units',
        { rates: [{ since: '2025-01-01', rate_minor: 8400.5, currency: 'USD' }] },
        /rate_minor/,
      ],
      ['no name', { name: '' }, /name/],
    ])('rejects %s naming the field, and writes nothing', async (_name, patch, message) => {
      const response = await post('/api/builders', { ...tom, email: 'new@example.test', ...patch });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(message);
      expect((await app.inject('/api/builders/new@example.test')).statusCode).toBe(404);
    });

    it('lists builders filtered by current level, with paging', async () => {
      const all = await app.inject('/api/builders?limit=1');
      expect(all.json()).toMatchObject({
        total: 2,
        limit: 1,
        offset: 0,
        items: [{ email: 'rosa@example.test' }],
      });
      const l4 = await app.inject('/api/builders?level=L4');
      expect(l4.json<{ items: { email: string }[] }>().items.map((b) => b.email)).toEqual([
        'rosa@example.test',
      ]);
      // L3 was Rosa's level before: the filter is on the current level only.
      expect((await app.inject('/api/builders?level=L3')).json()).toMatchObject({ total: 0, items: [] });
      expect((await app.inject('/api/builders?limit=0')).statusCode).toBe(400);
    });

    it('shows rates to the builder themself but not to another builder', async () => {
      try {
        caller.current.actor = builderActor('rosa@example.test', 'rosa@example.test');
        const own = await app.inject('/api/builders/rosa@example.test');
        expect(own.statusCode).toBe(200);
        expect(own.json()).toHaveProperty('rates');
        caller.current.actor = builderActor('tom@example.test', 'tom@example.test');
        expect((await app.inject('/api/builders/rosa@example.test')).statusCode).toBe(403);
        // Tom's mentor may read his profile, but not his rate.
        caller.current.actor = builderActor('rosa@example.test', 'rosa@example.test');
        await app.inject('/api/builders/tom@example.test');
      } finally {
        caller.current.actor = leadership;
      }
    });
  });

  describe('people, clients, placements, mentorships', () => {
    it('creates and reads people, refusing builders as plain people', async () => {
      expect(
        (await post('/api/people', { email: 'head@example.test', name: 'Wen Li', role: 'leadership' }))
          .statusCode,
      ).toBe(201);
      expect(
        (await post('/api/people', { email: 'x@example.test', name: 'X', role: 'builder' })).statusCode,
      ).toBe(400);
      expect(
        (await post('/api/people', { email: 'x@example.test', name: 'X', role: 'ceo' })).json(),
      ).toMatchObject({ message: /role/ });
      const list = await app.inject('/api/people?role=leadership');
      expect(list.json()).toMatchObject({ total: 1, items: [{ email: 'head@example.test' }] });
      expect((await app.inject('/api/people/head@example.test')).json()).toMatchObject({ name: 'Wen Li' });
    });

    it('creates a client and a placement with money in minor units', async () => {
      expect((await post('/api/clients', { id: 'northwind', name: 'Northwind' })).statusCode).toBe(201);
      const placement = {
        id: 'pl-1',
        builder: 'rosa@example.test',
        client: 'northwind',
        start: '2025-03-01',
        end: null,
        rate_minor: 840050,
        currency: 'USD',
        extended: true,
        requested_back: false,
      };
      const response = await post('/api/placements', placement);
      expect(response.statusCode).toBe(201);
      expect((await app.inject('/api/placements/pl-1')).json()).toEqual(placement);
    });

    it.each([
      ['an unknown client', { client: 'acme' }, 'client: unknown client acme'],
      [
        'an unknown builder',
        { builder: 'ghost@example.test' },
        'builder: unknown builder ghost@example.test',
      ],
      ['an end before the start', { end: '2025-02-01' }, 'end: ends 2025-02-01, before it starts 2025-03-01'],
    ])('rejects a placement with %s', async (_name, patch, message) => {
      const base = {
        id: 'pl-2',
        builder: 'rosa@example.test',
        client: 'northwind',
        start: '2025-03-01',
        end: null,
        rate_minor: 1,
        currency: 'USD',
        extended: false,
        requested_back: false,
      };
      const response = await post('/api/placements', { ...base, ...patch });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ message: string }>().message).toBe(`placement: ${message}`);
    });

    it('filters placements by the date they are active on', async () => {
      expect((await app.inject('/api/placements?active_on=2025-02-28')).json()).toMatchObject({ total: 0 });
      expect((await app.inject('/api/placements?active_on=2025-03-01')).json()).toMatchObject({ total: 1 });
      expect((await app.inject('/api/placements?client=northwind')).json()).toMatchObject({ total: 1 });
    });

    it('records a mentorship with a stable id and refuses it twice', async () => {
      const body = {
        mentor: 'rosa@example.test',
        mentee: 'tom@example.test',
        start: '2025-07-01',
        end: null,
      };
      const created = await post('/api/mentorships', body);
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      expect(id).toMatch(/^ms-[0-9a-f]{16}$/);
      expect((await post('/api/mentorships', body)).statusCode).toBe(409);
      expect((await app.inject(`/api/mentorships/${id}`)).json()).toMatchObject(body);
      expect(
        (await app.inject('/api/mentorships?mentee=tom@example.test&active_on=2025-07-01')).json(),
      ).toMatchObject({ total: 1 });
      expect((await post('/api/mentorships', { ...body, mentee: 'rosa@example.test' })).json()).toMatchObject(
        { message: /themself/ },
      );
    });

    it('answers 404 for unknown ids', async () => {
      for (const url of [
        '/api/clients/none',
        '/api/placements/none',
        '/api/mentorships/none',
        '/api/people/none@example.test',
      ]) {
        expect((await app.inject(url)).statusCode).toBe(404);
      }
    });

    it('documents every roster route in the OpenAPI document', async () => {
      const doc = (await app.inject('/api/openapi.json')).json<{ paths: Record<string, unknown> }>();
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/builders',
          '/api/builders/{email}',
          '/api/people',
          '/api/clients',
          '/api/placements/{id}',
          '/api/mentorships',
          '/api/evidence',
          '/api/evidence/{id}',
        ]),
      );
    });
  });
});
