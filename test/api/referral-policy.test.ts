import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorActor, systemActor } from '../../src/core/actor.js';
import { fixedClock } from '../../src/core/clock.js';
import type { OrganisationData } from '../../src/core/roster/organisation.types.js';
import type { Builder, Placement } from '../../src/core/roster/roster.types.js';
import { buildApp } from '../../src/server/app.js';
import { applyOrganisation } from '../../src/services/interchange/import.service.js';
import { publishShippedLaddersIfEmpty } from '../../src/services/ladder.service.js';
import { asActor, leadership } from '../helpers/actors.js';
import { forEachEngine } from '../helpers/database.js';

/**
 * One referral per placement (issue 14, ADR 0011), end to end: an import brings a mentee with two giving
 * mentors overlapping the placement's start — measured paying both — and the payouts API, its CSV and
 * the mentor's own statement now pay exactly one.
 */

const at = (name: string) => `${name}@org.test`;
const builder = (name: string, level: string, since: string): Builder => ({
  email: at(name),
  name,
  track: 'ai-first-business-manager',
  level,
  level_since: since,
  levels: [{ level, since }],
  rates: [{ since, rate_minor: 500_000, currency: 'USD' }],
});
const placed = (id: string, who: string, start: string): Placement => ({
  id,
  builder: at(who),
  client: 'acme',
  start,
  end: null,
  rate_minor: 520_000,
  currency: 'USD',
  extended: false,
  requested_back: false,
});
const mentorship = (mentor: string, mentee: string, start: string, end: string | null = null) => ({
  id: `ms-${mentor}-${mentee}`,
  mentor: at(mentor),
  mentee: at(mentee),
  start,
  end,
});

const ORG: OrganisationData = {
  people: [],
  builders: [
    builder('ana', 'L4', '2025-01-01'),
    builder('ben', 'L4', '2025-01-01'),
    builder('uma', 'L5', '2023-09-01'),
    builder('cy', 'L1', '2025-06-01'),
    builder('dee', 'L2', '2025-06-01'),
  ],
  clients: [{ id: 'acme', name: 'Acme' }],
  placements: [placed('pl-cy', 'cy', '2026-03-01'), placed('pl-dee', 'dee', '2026-02-28')],
  mentorships: [
    // Cy: Ana since January, Uma since February — both active when Cy's placement starts on March 1.
    mentorship('ana', 'cy', '2026-01-01'),
    mentorship('uma', 'cy', '2026-02-01'),
    // Dee: Ben's mentorship ends on Feb 28, the day Uma's begins and Dee's placement starts.
    mentorship('ben', 'dee', '2026-01-01', '2026-02-28'),
    mentorship('uma', 'dee', '2026-02-28'),
  ],
  evidence: [],
};

interface Row {
  mentor: string;
  placement: string;
  month_index: number;
  amount_minor: number;
}

forEachEngine('referral policy: one referral per placement', (getDb) => {
  const clock = fixedClock('2026-12-01T12:00:00Z');
  let app: FastifyInstance;

  beforeAll(async () => {
    const { db } = getDb();
    await publishShippedLaddersIfEmpty({ db, clock }, systemActor);
    await applyOrganisation({ db, clock }, operatorActor('test'), ORG, { source: 'test' });
    app = await buildApp({ database: getDb(), clock }, { authenticate: asActor(leadership) });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const rowsOf = async (month: string): Promise<Row[]> => {
    const response = await app.inject(`/api/payouts?month=${month}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ rows: Row[] }>().rows;
  };

  it('pays each placement once, to the mentor of record on its start', async () => {
    // March: month 1 of Cy's placement, month 2 of Dee's (Feb 28 → Mar 28).
    const march = await rowsOf('2026-03');
    expect(march.map((r) => [r.mentor, r.placement, r.month_index, r.amount_minor])).toEqual([
      [at('ana'), 'pl-cy', 1, 15_600], // 3 % of 5200.00, Ana's L4 terms
      [at('ben'), 'pl-dee', 2, 15_600], // Ben's last day is the placement's first: still of record
    ]);
    const allYear: Row[] = [];
    for (let m = 2; m <= 12; m += 1) allYear.push(...(await rowsOf(`2026-${String(m).padStart(2, '0')}`)));
    const mentorsOf = (placement: string) =>
      new Set(allYear.filter((r) => r.placement === placement).map((r) => r.mentor));
    expect(mentorsOf('pl-cy')).toEqual(new Set([at('ana')]));
    expect(mentorsOf('pl-dee')).toEqual(new Set([at('ben')]));
    expect(allYear.filter((r) => r.placement === 'pl-cy')).toHaveLength(6);
  });

  it('writes one line per paid month in the CSV, none for the second mentor', async () => {
    const csv = await app.inject('/api/payouts.csv?month=2026-03');
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.body.trim().split('\n');
    expect(lines).toHaveLength(3); // header + Ana + Ben
    expect(csv.body).not.toContain(at('uma'));
  });

  it('tells the second mentor why they earn nothing, in their own statement', async () => {
    const response = await app.inject(`/api/mentors/${at('uma')}/payouts?from=2026-01&to=2026-12`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      months: unknown[];
      referrals: { mentee: string; status: string; reason?: string }[];
    }>();
    expect(body.months).toEqual([]);
    expect(body.referrals).toEqual([
      expect.objectContaining({
        mentee: at('cy'),
        status: 'no_placement',
        reason: expect.stringMatching(/pl-cy \(start 2026-03-01\) pays one referral, to ana@org\.test/),
      }),
      expect.objectContaining({
        mentee: at('dee'),
        status: 'no_placement',
        reason: expect.stringMatching(/pl-dee \(start 2026-02-28\) pays one referral, to ben@org\.test/),
      }),
    ]);
  });
});
