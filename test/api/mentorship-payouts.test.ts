import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { buildApp } from '../../src/server/app.js';
import { builderActor, leadership, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

const track = 'ai-first-business-manager';
function builderBody(name: string, levels: [string, string][], rate = 500000) {
  return {
    email: `${name.toLowerCase()}@example.test`,
    name,
    track,
    levels: levels.map(([level, since]) => ({ level, since })),
    rates: [{ since: levels[0]![1], rate_minor: rate, currency: 'USD' }],
  };
}
const email = (name: string) => `${name.toLowerCase()}@example.test`;

forEachEngine('mentorship and payouts API', (getDb) => {
  let app: FastifyInstance;
  const caller = switchableActor(leadership);

  beforeAll(async () => {
    app = await buildApp(
      { database: getDb(), clock: fixedClock('2026-03-18T12:00:00Z') },
      { authenticate: caller.authenticate },
    );
    await app.ready();
    const post = async (url: string, payload: object) => {
      const response = await app.inject({ method: 'POST', url, payload });
      if (response.statusCode !== 201) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    };
    await post(
      '/api/builders',
      builderBody('Ana', [
        ['L3', '2023-01-01'],
        ['L4', '2025-01-01'],
      ]),
    );
    await post('/api/builders', builderBody('Cy', [['L1', '2025-06-01']]));
    await post('/api/builders', builderBody('Dee', [['L2', '2025-06-01']]));
    await post('/api/builders', builderBody('Eve', [['L3', '2025-06-01']]));
    await post('/api/builders', builderBody('Uma', [['L5', '2023-09-01']]));
    await post('/api/builders', builderBody('Bo', [['L4', '2024-06-01']]));
    await post('/api/people', { email: 'wen@example.test', name: 'Wen Li', role: 'leadership' });
    await post('/api/clients', { id: 'northwind', name: 'Northwind' });
    const placement = (id: string, who: string, start: string, rate: number, currency = 'USD') =>
      post('/api/placements', {
        id,
        builder: email(who),
        client: 'northwind',
        start,
        end: null,
        rate_minor: rate,
        currency,
        extended: false,
        requested_back: false,
      });
    await placement('pl-cy', 'Cy', '2026-01-31', 825050);
    await placement('pl-dee', 'Dee', '2026-02-10', 600000);
    await placement('pl-eve', 'Eve', '2026-03-05', 480050, 'EUR');
  });
  afterAll(async () => {
    await app.close();
  });

  const assign = (mentor: string, mentee: string, start: string, end: string | null = null) =>
    app.inject({
      method: 'POST',
      url: '/api/mentorships',
      payload: { mentor: mentor.includes('@') ? mentor : email(mentor), mentee: email(mentee), start, end },
    });

  describe('assignment obeys the ladder', () => {
    it('records an L4 mentoring an L1', async () => {
      const response = await assign('Ana', 'Cy', '2026-01-05');
      expect(response.statusCode).toBe(201);
      expect(response.json()).toMatchObject({
        mentor: email('Ana'),
        mentee: email('Cy'),
        start: '2026-01-05',
      });
    });

    it.each([
      {
        why: 'a second mentee for an L4 (1 slot)',
        mentor: 'Ana',
        mentee: 'Dee',
        code: 'mentor_slots_full',
        message: 'L4 mentors may hold 1 mentee; Ana already mentors Cy',
      },
      {
        why: 'an L3 mentee for an L4',
        mentor: 'Bo',
        mentee: 'Eve',
        code: 'mentee_level_not_eligible',
        message: 'L4 mentors may take L1–L2 mentees; Eve is L3',
      },
      {
        why: 'an L3 mentor (no slots)',
        mentor: 'Eve',
        mentee: 'Cy',
        code: 'mentor_not_eligible',
        message: 'L3 mentors may hold 0 mentees (ladder of 2026-02-01); Eve is L3',
      },
      {
        why: "the mentee's own rule: an L4 mentored by an L4",
        mentor: 'Bo',
        mentee: 'Ana',
        code: 'mentor_not_eligible',
        message: 'L4 builders receive an L5 mentor or leadership; Bo is L4 (Ana is L4)',
      },
    ])('refuses $why with 409 and $code, writing nothing', async ({ mentor, mentee, code, message }) => {
      const response = await assign(mentor, mentee, '2026-02-01');
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: code, message });
      const list = await app.inject(`/api/mentorships?mentor=${email(mentor)}&mentee=${email(mentee)}`);
      expect(list.json()).toMatchObject({ total: 0 });
    });

    it('still runs the roster checks first (unknown mentee → 400 naming the field)', async () => {
      const response = await assign('Ana', 'Nobody', '2026-02-01');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'validation_failed', message: /mentee/ });
    });

    it('lets an L5 give two slots and receive-relations take none', async () => {
      expect((await assign('Uma', 'Dee', '2026-02-01')).statusCode).toBe(201);
      expect((await assign('Uma', 'Eve', '2026-02-01')).statusCode).toBe(201);
      // Ana (L4) receives Uma (L5): no slot of Uma's is used, and Uma's two slots are full.
      expect((await assign('Uma', 'Ana', '2026-02-01')).statusCode).toBe(201);
      expect((await assign('wen@example.test', 'Bo', '2026-02-01')).statusCode).toBe(201);
      const third = await assign('Uma', 'Cy', '2026-02-15');
      expect(third.statusCode).toBe(409);
      expect(third.json()).toMatchObject({
        error: 'mentor_slots_full',
        message: 'L5 mentors may hold 2 mentees; Uma already mentors Dee and Eve',
      });
    });
  });

  it('gives the last slot to exactly one of two simultaneous requests', async () => {
    // An outcome check: the service also takes a per-mentor advisory lock, which this test alone does not
    // prove necessary (the requests happened not to interleave when tried without it).
    const post = async (url: string, payload: object) =>
      (await app.inject({ method: 'POST', url, payload })).statusCode;
    expect(await post('/api/builders', builderBody('Kai', [['L4', '2024-01-01']]))).toBe(201);
    expect(await post('/api/builders', builderBody('Lu', [['L1', '2025-01-01']]))).toBe(201);
    expect(await post('/api/builders', builderBody('Mo', [['L2', '2025-01-01']]))).toBe(201);
    const [first, second] = await Promise.all([
      assign('Kai', 'Lu', '2026-02-01'),
      assign('Kai', 'Mo', '2026-02-01'),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    expect([first.json(), second.json()]).toContainEqual(
      expect.objectContaining({ error: 'mentor_slots_full' }),
    );
    expect((await app.inject(`/api/mentorships?mentor=${email('Kai')}`)).json()).toMatchObject({ total: 1 });
  });

  describe('overview and check-ins', () => {
    beforeAll(async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/evidence',
        payload: {
          kind: 'checkin',
          builder: email('Ana'),
          date: '2026-03-10',
          mentee: email('Cy'),
          recorded_by: email('Ana'),
        },
      });
      expect(response.statusCode, response.body).toBe(201);
    });

    it('lists mentorships with relation, cadence, check-ins and referral', async () => {
      const response = await app.inject(`/api/mentorships/overview?mentor=${email('Ana')}&at=2026-03-18`);
      expect(response.statusCode).toBe(200);
      expect(response.json<{ mentorships: unknown[] }>().mentorships).toEqual([
        expect.objectContaining({
          mentee: email('Cy'),
          relation: 'gives',
          cadence: 'weekly',
          mentor_level: 'L4',
          checkins: expect.objectContaining({
            with_checkin: 1,
            status: 'due',
            due_by: '2026-03-22',
            streak: 1,
          }),
          referral: expect.objectContaining({ status: 'earning', placement: 'pl-cy' }),
        }),
      ]);
    });

    it('lists check-ins due on a day, overdue first', async () => {
      const response = await app.inject('/api/checkins/due?at=2026-03-18');
      expect(response.statusCode).toBe(200);
      const due = response.json<{
        due: { mentor: string; mentee: string; status: string; cadence: string }[];
      }>().due;
      // Kai's mentorship belongs to the concurrency test above.
      expect(
        due.filter((d) => d.mentor !== email('Kai')).map((d) => [d.mentor, d.mentee, d.status, d.cadence]),
      ).toEqual([
        // Overdue first, then by due date: weekly periods from 2026-02-01 end 03-21, fortnights 03-28.
        [email('Uma'), email('Dee'), 'overdue', 'weekly'],
        [email('Uma'), email('Eve'), 'overdue', 'weekly'],
        [email('Uma'), email('Ana'), 'overdue', 'biweekly'],
        ['wen@example.test', email('Bo'), 'overdue', 'biweekly'],
        [email('Ana'), email('Cy'), 'due', 'weekly'],
      ]);
    });
  });

  describe('payouts', () => {
    it('answers a month statement with rows and totals per mentor and currency', async () => {
      const response = await app.inject('/api/payouts?month=2026-03');
      expect(response.statusCode).toBe(200);
      const body = response.json<{ rows: Record<string, unknown>[]; totals: unknown[] }>();
      expect(
        body.rows.map((r) => [r.mentor, r.mentee, r.placement, r.month_index, r.amount_minor, r.currency]),
      ).toEqual([
        [email('Ana'), email('Cy'), 'pl-cy', 3, 24752, 'USD'],
        [email('Uma'), email('Dee'), 'pl-dee', 2, 24000, 'USD'],
        [email('Uma'), email('Eve'), 'pl-eve', 1, 19202, 'EUR'],
      ]);
      // People by name (issue 17): the roster's names beside the emails.
      expect(body.rows.map((r) => [r.mentor_name, r.mentee_name])).toEqual([
        ['Ana', 'Cy'],
        ['Uma', 'Dee'],
        ['Uma', 'Eve'],
      ]);
      expect(body.totals).toEqual([
        { mentor: email('Ana'), mentor_name: 'Ana', currency: 'USD', amount_minor: 24752, rows: 1 },
        { mentor: email('Uma'), mentor_name: 'Uma', currency: 'EUR', amount_minor: 19202, rows: 1 },
        { mentor: email('Uma'), mentor_name: 'Uma', currency: 'USD', amount_minor: 24000, rows: 1 },
      ]);
    });

    it('exports the statement as CSV with the same figures', async () => {
      const response = await app.inject('/api/payouts.csv?month=2026-03');
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toBe('attachment; filename="payouts-2026-03.csv"');
      const lines = response.body.trim().split('\n');
      expect(lines[0]).toBe(
        'mentor,mentee,placement,month_index,months,percent,rate_minor,amount_minor,currency,payable_month,month_start,mentor_level,ladder_version,mentorship',
      );
      expect(lines.slice(1).map((line) => line.split(',').slice(0, 10).join(','))).toEqual([
        'ana@example.test,cy@example.test,pl-cy,3,6,3,825050,24752,USD,2026-03',
        'uma@example.test,dee@example.test,pl-dee,2,9,4,600000,24000,USD,2026-03',
        'uma@example.test,eve@example.test,pl-eve,1,9,4,480050,19202,EUR,2026-03',
      ]);
    });

    it("answers one mentor's months in a range", async () => {
      const response = await app.inject(`/api/mentors/${email('Ana')}/payouts?from=2026-01&to=2026-12`);
      expect(response.statusCode).toBe(200);
      const body = response.json<{
        mentor_name: string;
        months: {
          month: string;
          rows: { mentee: string; mentee_name: string; mentor_name: string }[];
          totals: { mentor_name: string }[];
        }[];
        totals: unknown[];
        referrals: { mentee: string; mentee_name: string; mentor_name: string; status: string }[];
      }>();
      // The mentor and every mentee by name beside the email (issue 17).
      expect(body.mentor_name).toBe('Ana');
      expect(body.months[0]?.rows.map((r) => [r.mentor_name, r.mentee, r.mentee_name])).toEqual([
        ['Ana', email('Cy'), 'Cy'],
      ]);
      expect(body.months[0]?.totals.map((t) => t.mentor_name)).toEqual(['Ana']);
      expect(body.referrals.map((r) => [r.mentor_name, r.mentee, r.mentee_name, r.status])).toEqual([
        ['Ana', email('Cy'), 'Cy', 'earning'],
      ]);
      expect(body.months.map((m) => m.month)).toEqual([
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
      ]);
      expect(body.totals).toEqual([
        { mentor: email('Ana'), mentor_name: 'Ana', currency: 'USD', amount_minor: 148512, rows: 6 },
      ]);
    });

    it.each([
      ['/api/payouts?month=2026-13', 400, 'validation_failed'],
      ['/api/payouts?month=March', 400, 'validation_failed'],
      ['/api/payouts', 400, 'validation_failed'],
      ['/api/mentors/ana@example.test/payouts?from=2026-05&to=2026-01', 400, 'validation_failed'],
      ['/api/mentors/nobody@example.test/payouts', 404, 'not_found'],
    ])('%s → %i %s', async (url, status, code) => {
      const response = await app.inject(url);
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ error: code });
    });

    it('shows a mentor their own payouts, and nobody else’s', async () => {
      caller.current.actor = builderActor(email('Ana'), email('Ana'));
      try {
        expect(
          (await app.inject(`/api/mentors/${email('Ana')}/payouts?from=2026-01&to=2026-03`)).statusCode,
        ).toBe(200);
        expect(
          (await app.inject(`/api/mentors/${email('Uma')}/payouts?from=2026-01&to=2026-03`)).statusCode,
        ).toBe(403);
        expect((await app.inject('/api/payouts?month=2026-03')).statusCode).toBe(403);
      } finally {
        caller.current.actor = leadership;
      }
    });
  });
});
