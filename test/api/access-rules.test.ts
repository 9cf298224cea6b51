import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { MENTEE_WITH_REFERRAL, PERSONAS, seedAccessFixture } from '../helpers/access-fixture.js';
import { forEachEngine } from '../helpers/database.js';
import { signInAs, type SignedIn } from '../helpers/sign-in.js';

/** The rules the issue names, each as a user would meet it (the matrix covers every route the same way). */
forEachEngine('access rules', (getDb) => {
  const clock = fixedClock('2026-11-26T12:00:00Z');
  let app: FastifyInstance;
  const as: Record<string, SignedIn> = {};

  beforeAll(async () => {
    app = await buildApp({ database: getDb(), clock });
    await app.ready();
    await seedAccessFixture(getDb().db, clock);
    for (const [persona, email] of Object.entries(PERSONAS)) as[persona] = await signInAs(app, email);
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (who: string, url: string) => app.inject({ url, headers: as[who]!.readHeaders });

  it('answers a builder reading another builder’s readiness with 403, and their own with 200', async () => {
    const other = await get('other', `/api/builders/${PERSONAS.self}/readiness`);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'forbidden' });
    expect(other.body).not.toMatch(/metrics|gaps/);
    expect((await get('self', `/api/builders/${PERSONAS.self}/readiness`)).statusCode).toBe(200);
    expect((await get('mentor', `/api/builders/${PERSONAS.self}/readiness`)).statusCode).toBe(200);
  });

  it('hides rates from a mentor while showing them to the builder and leadership', async () => {
    const byMentor = await get('mentor', `/api/builders/${PERSONAS.self}`);
    expect(byMentor.statusCode).toBe(200);
    expect(byMentor.json()).toMatchObject({ email: PERSONAS.self, level: 'L4' });
    expect(byMentor.json()).not.toHaveProperty('rates');
    expect(byMentor.body).not.toMatch(/rate_minor|900000/);
    for (const who of ['self', 'leadership']) {
      const response = await get(who, `/api/builders/${PERSONAS.self}`);
      expect(response.json<{ rates: unknown[] }>().rates).toEqual([
        { since: '2024-01-01', rate_minor: 900_000, currency: 'EUR' },
      ]);
    }
    // Placements carry the client rate: closed to the mentor too.
    expect((await get('mentor', `/api/placements?builder=${PERSONAS.self}`)).statusCode).toBe(403);
    expect((await get('self', `/api/placements?builder=${PERSONAS.self}`)).statusCode).toBe(200);
  });

  it('shows a mentor their mentee’s mentorship but not a stranger’s', async () => {
    expect((await get('mentor', `/api/mentorships?mentee=${PERSONAS.self}`)).statusCode).toBe(200);
    expect((await get('other', `/api/mentorships?mentee=${PERSONAS.self}`)).statusCode).toBe(403);
  });

  it('keeps a mentor’s earnings from their mentee, and the mentee’s rate from the mentor', async () => {
    expect((await get('self', `/api/mentors/${PERSONAS.mentor}/payouts`)).statusCode).toBe(403);
    const url = `/api/mentors/${PERSONAS.mentor}/payouts?from=2026-03&to=2026-10`;
    type Payouts = { months: { rows: { mentee: string; amount_minor: number; rate_minor?: number }[] }[] };
    const rowsOf = (body: Payouts) => body.months.flatMap((m) => m.rows);
    const own = await get('mentor', url);
    expect(own.statusCode, own.body).toBe(200);
    const mine = rowsOf(own.json<Payouts>());
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((row) => row.mentee === MENTEE_WITH_REFERRAL && row.amount_minor > 0)).toBe(true);
    expect(mine.some((row) => 'rate_minor' in row)).toBe(false);
    expect(own.body).not.toContain('650000');
    const byLeadership = rowsOf((await get('leadership', url)).json<Payouts>());
    expect(byLeadership.every((row) => row.rate_minor === 650_000)).toBe(true);
  });

  it('lets a client stakeholder give feedback on the builder placed with them and see nothing', async () => {
    const feedback = (builder: string) =>
      app.inject({
        method: 'POST',
        url: '/api/evidence',
        headers: as.client!.writeHeaders,
        payload: {
          kind: 'client_feedback',
          builder,
          date: '2026-11-20',
          client: 'acme',
          rating: 5,
          text: 'Great quarter',
        },
      });
    const given = await feedback(PERSONAS.self);
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json()).toMatchObject({ recorded_by: PERSONAS.client });
    expect((await feedback(PERSONAS.other)).statusCode).toBe(403);
    expect((await get('client', `/api/evidence?builder=${PERSONAS.self}`)).statusCode).toBe(403);
    expect((await get('client', `/api/builders/${PERSONAS.self}`)).statusCode).toBe(403);
    expect((await get('client', '/api/ladders')).statusCode).toBe(403);
  });

  it('keeps a case’s panel work from the candidate but shows them the outcome', async () => {
    const list = await get('self', '/api/cases');
    expect(list.statusCode).toBe(200);
    const caseId = (await get('leadership', '/api/cases')).json<
      { cases?: { id: number }[] } | { id: number }[]
    >();
    const id = Array.isArray(caseId) ? caseId[0]?.id : caseId.cases?.[0]?.id;
    expect(id).toBeDefined();
    expect((await get('self', `/api/cases/${id}/sheets`)).statusCode).toBe(403);
    expect((await get('panelist', `/api/cases/${id}/sheets`)).statusCode).toBe(200);
    expect((await get('self', `/api/cases/${id}/outcome`)).statusCode).toBe(200);
    // A builder with no part in the case does not even see that it exists.
    const listedForOther = (await get('other', '/api/cases')).body;
    expect(listedForOther).not.toContain(PERSONAS.self);
    expect((await get('panelist', '/api/cases')).body).toContain(PERSONAS.self);
  });
});
