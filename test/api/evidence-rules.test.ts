import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor, systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { EvidenceInput } from '../../src/core/evidence/evidence.schema.js';
import type { OrganisationData } from '../../src/core/roster/organisation.types.js';
import type { Builder } from '../../src/core/roster/roster.types.js';
import { buildApp } from '../../src/server/app.js';
import { applyOrganisation } from '../../src/services/interchange/import.service.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { builderActor, clientStakeholder, leadership, switchableActor } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

/**
 * Who may correct what, and whose word a record carries (issue 14), through the API: each attack that
 * was measured as accepted is replayed, refused with the record and the rule named, and the metric it
 * bent is read before and after from the readiness endpoint.
 */

const LEAD = leadership.kind === 'person' ? leadership.email : 'lead@example.test';
const ROSA = 'rosa@example.test';
const KAI = 'kai@example.test';
const CITERS = ['ana@example.test', 'ben@example.test', 'cat@example.test', 'dan@example.test'];
const PM = 'pm@northwind.example.test';
const AT = '2026-03-01';

const l4 = (email: string): Builder => ({
  email,
  name: email.split('@')[0] ?? email,
  track: 'ai-first-business-manager',
  level: 'L4',
  level_since: '2025-02-01',
  levels: [{ level: 'L4', since: '2025-02-01' }],
  rates: [{ since: '2025-02-01', rate_minor: 800_000, currency: 'USD' }],
});

const record = (fields: Record<string, unknown>): EvidenceInput =>
  ({ confirmed_by: null, supersedes: null, ...fields }) as EvidenceInput;

const ORG: OrganisationData = {
  people: [
    { email: LEAD, name: 'Lee', role: 'leadership' },
    { email: PM, name: 'Ola', role: 'client_stakeholder' },
  ],
  builders: [l4(ROSA), l4(KAI), ...CITERS.map(l4)],
  clients: [
    { id: 'northwind', name: 'Northwind' },
    { id: 'acme', name: 'Acme' },
    { id: 'bluefin', name: 'Bluefin' },
  ],
  placements: [ROSA, KAI].map((builder) => ({
    id: `pl-${builder.split('@')[0] ?? ''}`,
    builder,
    client: 'northwind',
    start: '2025-03-01',
    end: null,
    rate_minor: 900_000,
    currency: 'USD',
    extended: false,
    requested_back: false,
  })),
  mentorships: [],
  evidence: [
    // Rosa: vouched feedback and one escalation leadership recorded — client trust not met.
    record({
      id: 'fb-rosa',
      kind: 'client_feedback',
      builder: ROSA,
      date: '2025-06-01',
      recorded_by: PM,
      client: 'northwind',
      rating: 5,
      text: 'Clear',
    }),
    record({
      id: 'esc-rosa',
      kind: 'escalation',
      builder: ROSA,
      date: '2025-09-02',
      recorded_by: LEAD,
      client: 'northwind',
      summary: 'Slipped date',
    }),
    // Rosa: one review cited by four colleagues — code review impact met (4 citers, 2 needed).
    record({
      id: 'cr-rosa',
      kind: 'code_review',
      builder: ROSA,
      date: '2025-05-02',
      recorded_by: ROSA,
      link: '',
      lesson: 'Index first',
    }),
    ...CITERS.map((citer, i) =>
      record({
        id: `cite-${i + 1}`,
        kind: 'review_citation',
        builder: ROSA,
        date: '2025-05-10',
        recorded_by: citer,
        review_id: 'cr-rosa',
      }),
    ),
    // Rosa: an adopted scope change the client confirmed — one vouched adoption.
    record({
      id: 'd-rosa',
      kind: 'decision',
      builder: ROSA,
      date: '2025-04-02',
      recorded_by: ROSA,
      confirmed_by: PM,
      type: 'scope_change',
      title: 'One depot first',
      recommendation: '',
      data: '',
      client: 'northwind',
      client_response: 'adopted',
      outcome: '',
      significant: true,
    }),
    // Kai: the client's feedback and no escalation — client trust met.
    record({
      id: 'fb-kai',
      kind: 'client_feedback',
      builder: KAI,
      date: '2025-06-01',
      recorded_by: PM,
      client: 'northwind',
      rating: 2,
      text: 'Late twice',
    }),
    record({
      id: 'cr-kai',
      kind: 'code_review',
      builder: KAI,
      date: '2025-05-02',
      recorded_by: KAI,
      link: '',
      lesson: '',
    }),
  ],
};

interface Metric {
  id: string;
  status: string;
  value: number | null;
}

forEachEngine('evidence rules: who may correct what', (getDb) => {
  const clock = fixedClock(`${AT}T12:00:00Z`);
  let app: FastifyInstance;
  const caller = switchableActor(leadership);

  beforeAll(async () => {
    const { db } = getDb();
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await applyOrganisation({ db, clock }, operatorActor('test'), ORG, { source: 'test' });
    app = await buildApp({ database: getDb(), clock }, { authenticate: caller.authenticate });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = async (actor: typeof leadership, payload: Record<string, unknown>) => {
    caller.current.actor = actor;
    try {
      return await app.inject({ method: 'POST', url: '/api/evidence', payload });
    } finally {
      caller.current.actor = leadership;
    }
  };
  const metric = async (builder: string, id: string): Promise<Metric> => {
    const response = await app.inject(`/api/builders/${builder}/readiness?at=${AT}`);
    expect(response.statusCode, response.body).toBe(200);
    const found = response.json<{ metrics: Metric[] }>().metrics.find((m) => m.id === id);
    if (found === undefined) throw new Error(`no metric ${id}`);
    return found;
  };
  const total = async () => (await app.inject('/api/evidence?limit=1')).json<{ total: number }>().total;

  describe('a correction is made by whoever recorded the original, or by leadership', () => {
    it('refuses the builder superseding, dated 2020-01-01, the escalation leadership recorded about her', async () => {
      expect(await metric(ROSA, 'client-trust')).toMatchObject({ status: 'not_met' });
      const before = await total();
      const response = await post(builderActor(ROSA), {
        id: 'esc-rosa-gone',
        kind: 'escalation',
        builder: ROSA,
        date: '2020-01-01',
        client: 'northwind',
        summary: 'none',
        supersedes: 'esc-rosa',
      });
      expect(response.statusCode, response.body).toBe(403);
      const body = response.json<{
        error: string;
        message: string;
        details: { field: string; rule?: string }[];
      }>();
      expect(body.error).toBe('forbidden');
      expect(body.message).toMatch(/esc-rosa-gone would correct esc-rosa, which lead@example\.test recorded/);
      expect(body.message).toMatch(
        /rule: a correction is made by whoever recorded the original, or by leadership/,
      );
      // Both rules it breaks are listed, each with its field.
      expect(body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'supersedes', rule: 'correctionAuthor' }),
          expect.objectContaining({ field: 'date', rule: 'correctionDate' }),
        ]),
      );
      expect(await total()).toBe(before);
      expect(await metric(ROSA, 'client-trust')).toMatchObject({ status: 'not_met' });
    });

    it('refuses a builder overwriting the client’s feedback about himself', async () => {
      expect(await metric(KAI, 'client-trust')).toMatchObject({ status: 'met', value: 1 });
      const response = await post(builderActor(KAI), {
        kind: 'client_feedback',
        builder: KAI,
        date: '2025-06-02',
        client: 'northwind',
        rating: 5,
        text: 'Brilliant',
        supersedes: 'fb-kai',
      });
      expect(response.statusCode, response.body).toBe(403);
      expect(response.json<{ message: string }>().message).toMatch(
        /would correct fb-kai, which pm@northwind\.example\.test recorded; kai@example\.test may not/,
      );
      const listed = (await app.inject(`/api/evidence?builder=${KAI}&kind=client_feedback`)).json<{
        items: { id: string; rating: number }[];
      }>();
      expect(listed.items).toEqual([expect.objectContaining({ id: 'fb-kai', rating: 2 })]);
      expect(await metric(KAI, 'client-trust')).toMatchObject({ status: 'met', value: 1 });
    });

    it('refuses a builder’s back-dated corrections of citations colleagues recorded about another builder', async () => {
      expect(await metric(ROSA, 'code-review-impact')).toMatchObject({ status: 'met', value: 4 });
      for (const id of ['cite-1', 'cite-2', 'cite-3']) {
        const response = await post(builderActor(KAI), {
          kind: 'review_citation',
          builder: ROSA,
          date: '2025-01-01',
          review_id: 'cr-rosa',
          supersedes: id,
        });
        expect(response.statusCode, response.body).toBe(403);
        expect(response.json<{ message: string }>().message).toMatch(
          new RegExp(`would correct ${id}, which`),
        );
      }
      // As measured: the corrections pointed the citations at another builder's review, so they fell out.
      const elsewhere = await post(builderActor(KAI), {
        kind: 'review_citation',
        builder: ROSA,
        date: '2025-01-01',
        review_id: 'cr-kai',
        supersedes: 'cite-1',
      });
      expect(elsewhere.statusCode, elsewhere.body).toBe(403);
      expect(elsewhere.json<{ details: { field: string; rule?: string }[] }>().details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'review_id' }),
          expect.objectContaining({ field: 'supersedes', rule: 'correctionAuthor' }),
        ]),
      );
      expect(await metric(ROSA, 'code-review-impact')).toMatchObject({ status: 'met', value: 4 });
    });

    it('lets the recorder correct their own record (leadership: see the date rule below)', async () => {
      const own = await post(builderActor(CITERS[3]!), {
        id: 'cite-4-fixed',
        kind: 'review_citation',
        builder: ROSA,
        date: '2025-05-11',
        review_id: 'cr-rosa',
        supersedes: 'cite-4',
      });
      expect(own.statusCode, own.body).toBe(201);
    });
  });

  describe('a correction is dated on or after the record it corrects', () => {
    it('refuses leadership back-dating a correction, and accepts the same day', async () => {
      const early = await post(leadership, {
        kind: 'escalation',
        builder: ROSA,
        date: '2025-09-01',
        client: 'northwind',
        summary: 'Earlier',
        supersedes: 'esc-rosa',
      });
      expect(early.statusCode, early.body).toBe(400);
      expect(early.json<{ error: string; message: string }>()).toMatchObject({
        error: 'validation_failed',
        message: expect.stringMatching(
          /date: .* is dated 2025-09-01, before esc-rosa \(2025-09-02\) which it corrects/,
        ),
      });
      expect(await metric(ROSA, 'client-trust')).toMatchObject({ status: 'not_met' });
      const sameDay = await post(leadership, {
        id: 'esc-rosa-2',
        kind: 'escalation',
        builder: ROSA,
        date: '2025-09-02',
        client: 'northwind',
        summary: 'Slipped date (client side)',
        supersedes: 'esc-rosa',
      });
      expect(sameDay.statusCode, sameDay.body).toBe(201);
    });
  });

  describe('a vouch does not carry over to the builder’s own correction', () => {
    it('drops the client’s confirmation from her correction, so the adoption no longer counts', async () => {
      expect(await metric(ROSA, 'product-decisions-adopted')).toMatchObject({ value: 1 });
      const decision = {
        kind: 'decision',
        builder: ROSA,
        date: '2025-04-20',
        type: 'scope_change',
        title: 'One depot first (two weeks)',
        recommendation: '',
        data: '',
        client: 'northwind',
        client_response: 'adopted',
        outcome: '',
        significant: true,
        supersedes: 'd-rosa',
      };
      // Leadership entering it on her behalf may not bring the client's confirmation along either.
      const carried = await post(leadership, { ...decision, recorded_by: ROSA, confirmed_by: PM });
      expect(carried.statusCode, carried.body).toBe(400);
      expect(carried.json<{ message: string }>().message).toMatch(
        /confirmed_by: .*own correction of d-rosa; pm@northwind\.example\.test confirmed d-rosa, not this correction/,
      );
      expect((await post(builderActor(ROSA), { ...decision, confirmed_by: PM })).statusCode).toBe(403);
      const own = await post(builderActor(ROSA), { ...decision, id: 'd-rosa-2' });
      expect(own.statusCode, own.body).toBe(201);
      expect(own.json()).toMatchObject({ recorded_by: ROSA, confirmed_by: null });
      expect(await metric(ROSA, 'product-decisions-adopted')).toMatchObject({ value: 0 });
      // Vouched again: leadership records the client's renewed confirmation as a correction of hers.
      const vouched = await post(leadership, { ...decision, supersedes: 'd-rosa-2', confirmed_by: PM });
      expect(vouched.statusCode, vouched.body).toBe(201);
      expect(await metric(ROSA, 'product-decisions-adopted')).toMatchObject({ value: 1 });
    });
  });

  describe('a client contact speaks for their own client, about a builder placed there that day', () => {
    const contact = clientStakeholder('northwind', PM);
    const feedback = { kind: 'client_feedback', builder: KAI, date: '2025-07-01', rating: 1, text: 'Poor' };

    it('refuses feedback and an escalation naming other clients, and client trust stays met', async () => {
      expect(await metric(KAI, 'client-trust')).toMatchObject({ status: 'met', value: 1 });
      const before = await total();
      const other = await post(contact, { ...feedback, client: 'acme' });
      expect(other.statusCode, other.body).toBe(400);
      expect(other.json<{ message: string }>().message).toMatch(
        /client: .* names acme, but pm@northwind\.example\.test speaks for northwind \(rule: a client contact's feedback and escalations name the client they speak for\)/,
      );
      const escalation = await post(contact, {
        kind: 'escalation',
        builder: KAI,
        date: '2025-07-01',
        client: 'bluefin',
        summary: 'Missed demo',
      });
      expect(escalation.statusCode, escalation.body).toBe(400);
      expect(escalation.json<{ message: string }>().message).toMatch(/names bluefin/);
      expect(await total()).toBe(before);
      expect(await metric(KAI, 'client-trust')).toMatchObject({ status: 'met', value: 1 });
    });

    it('refuses a record dated before the placement began, and accepts its first day', async () => {
      const early = await post(contact, { ...feedback, client: 'northwind', date: '2025-02-28' });
      expect(early.statusCode, early.body).toBe(400);
      expect(early.json<{ message: string }>().message).toMatch(
        /date: .*kai@example\.test was not placed with northwind on 2025-02-28/,
      );
      const first = await post(contact, { ...feedback, client: 'northwind', date: '2025-03-01', rating: 4 });
      expect(first.statusCode, first.body).toBe(201);
      expect(await metric(KAI, 'client-trust')).toMatchObject({ status: 'met', value: 2 });
    });
  });
});
