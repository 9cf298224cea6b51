import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  builder,
  ladderVersion,
  leader,
  mentorship,
  peopleMap,
  placement,
} from '../../../test/factories/mentorship-world.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import { addMonthsClamped, monthOf } from '../dates/calendar.js';
import { exactPercent } from '../money/money.js';
import type { Mentorship, Placement } from '../roster/roster.types.js';
import { classifyMentorships, type PersonOnLadder } from './mentorship-rules.js';
import {
  accruePlacement,
  allAccruals,
  buildMentorPayouts,
  buildStatement,
  computeReferrals,
  type ReferralAccrual,
  type ReferralOutcome,
} from './referral.js';

const ana = builder('Ana', [
  ['L3', '2023-01-01'],
  ['L4', '2025-01-01'],
]);
const cy = builder('Cy', [['L1', '2025-06-01']]);
const dee = builder('Dee', [['L2', '2025-06-01']]);
const uma = builder('Uma', [['L5', '2023-09-01']]);

/** Runs the whole referral computation for one world. */
function referrals(
  people: PersonOnLadder[],
  mentorships: Mentorship[],
  placements: Placement[],
  versions = [shippedLadder()],
): ReferralOutcome[] {
  const map = peopleMap(...people);
  const classified = classifyMentorships(versions, map, mentorships);
  return computeReferrals(versions, map, classified, placements, classified);
}

/** The accruals as compact [k, month start, payable month, amount] tuples. */
function compact(outcomes: ReferralOutcome[]): [number, string, string, number][] {
  return allAccruals(outcomes).map((row) => [
    row.month_index,
    row.month_start,
    row.payable_month,
    row.amount_minor,
  ]);
}

describe('referral accrual, table-driven (issue 5 acceptance)', () => {
  it.each([
    {
      name: 'L4 mentor: 3 % of 5200.00 for 6 months, payable in the month each placement month starts',
      start: '2025-09-15',
      end: null,
      rate: 520000,
      expected: [
        [1, '2025-09-15', '2025-09', 15600],
        [2, '2025-10-15', '2025-10', 15600],
        [3, '2025-11-15', '2025-11', 15600],
        [4, '2025-12-15', '2025-12', 15600],
        [5, '2026-01-15', '2026-01', 15600],
        [6, '2026-02-15', '2026-02', 15600],
      ],
    },
    {
      name: 'month-end start Jan 31: clamped to Feb 28, and the third month begins Mar 31 (always from the start)',
      start: '2026-01-31',
      end: null,
      rate: 825050,
      expected: [
        [1, '2026-01-31', '2026-01', 24752],
        [2, '2026-02-28', '2026-02', 24752],
        [3, '2026-03-31', '2026-03', 24752],
        [4, '2026-04-30', '2026-04', 24752],
        [5, '2026-05-31', '2026-05', 24752],
        [6, '2026-06-30', '2026-06', 24752],
      ],
    },
    {
      name: 'leap year: a Jan 31 start in 2028 has its second month on Feb 29',
      start: '2028-01-31',
      end: '2028-04-15',
      rate: 600000,
      expected: [
        [1, '2028-01-31', '2028-01', 18000],
        [2, '2028-02-29', '2028-02', 18000],
        [3, '2028-03-31', '2028-03', 18000],
      ],
    },
    {
      name: 'placement ends in month 4 of 6: months 5 and 6 do not accrue',
      start: '2026-03-10',
      end: '2026-06-20',
      rate: 500000,
      expected: [
        [1, '2026-03-10', '2026-03', 15000],
        [2, '2026-04-10', '2026-04', 15000],
        [3, '2026-05-10', '2026-05', 15000],
        [4, '2026-06-10', '2026-06', 15000],
      ],
    },
    {
      name: 'a month starting on the end date accrues (the end date is the last day)',
      start: '2026-03-10',
      end: '2026-06-10',
      rate: 500000,
      expected: [
        [1, '2026-03-10', '2026-03', 15000],
        [2, '2026-04-10', '2026-04', 15000],
        [3, '2026-05-10', '2026-05', 15000],
        [4, '2026-06-10', '2026-06', 15000],
      ],
    },
    {
      name: 'the day before the end date: month 4 starts after the placement ended',
      start: '2026-03-10',
      end: '2026-06-09',
      rate: 500000,
      expected: [
        [1, '2026-03-10', '2026-03', 15000],
        [2, '2026-04-10', '2026-04', 15000],
        [3, '2026-05-10', '2026-05', 15000],
      ],
    },
    {
      name: 'a one-day placement still accrues its first month',
      start: '2026-03-10',
      end: '2026-03-10',
      rate: 500000,
      expected: [[1, '2026-03-10', '2026-03', 15000]],
    },
  ])('$name', ({ start, end, rate, expected }) => {
    const outcomes = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2025-07-01')],
      [placement('pl-cy', cy, start, end, rate)],
    );
    expect(compact(outcomes)).toEqual(expected);
    for (const row of allAccruals(outcomes)) {
      expect(row).toMatchObject({
        mentor: ana.email,
        mentee: cy.email,
        placement: 'pl-cy',
        months: 6,
        percent: 3,
      });
    }
  });

  it.each([
    { rate: 825050, percent: 3, amount: 24752, why: '247.515 is exactly half a cent above 247.51 → up' },
    { rate: 825049, percent: 3, amount: 24751, why: '247.5147 → down' },
    { rate: 50, percent: 1, amount: 1, why: '1 % of 0.50 is half a cent → up' },
    { rate: 49, percent: 1, amount: 0, why: '1 % of 0.49 is 0.49 of a cent → down' },
    { rate: 123450, percent: 1, amount: 1235, why: '12.345 → 12.35' },
    { rate: 123449, percent: 1, amount: 1234, why: '12.3449 → 12.34' },
    { rate: 5500, percent: 0.7, amount: 39, why: 'a float would give 38.49999999999999 → 38' },
    { rate: 825050, percent: 3.5, amount: 28877, why: '288.7675 → 288.77' },
  ])('rounding: $rate × $percent % = $amount per month ($why)', ({ rate, percent, amount }) => {
    const versions = [ladderVersion('2026-02-01', { percent, months: 2 })];
    const outcomes = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2026-02-01')],
      [placement('pl-cy', cy, '2026-03-01', null, rate)],
      versions,
    );
    expect(allAccruals(outcomes).map((row) => row.amount_minor)).toEqual([amount, amount]);
  });

  describe('a mentor promoted from L4 to L5', () => {
    const rosa = builder('Rosa', [
      ['L4', '2024-01-01'],
      ['L5', '2026-03-01'],
    ]);
    const m = mentorship(rosa, cy, '2025-10-01');

    it('before the placement starts: L5 terms, 4 % for 9 months', () => {
      const outcomes = referrals([rosa, cy], [m], [placement('pl', cy, '2026-03-01', null, 520000)]);
      const rows = allAccruals(outcomes);
      expect(rows).toHaveLength(9);
      expect(
        rows.every((row) => row.percent === 4 && row.amount_minor === 20800 && row.mentor_level === 'L5'),
      ).toBe(true);
    });

    it('the day after the placement starts: L4 terms for all 6 months, even those after the promotion', () => {
      const outcomes = referrals([rosa, cy], [m], [placement('pl', cy, '2026-02-28', null, 520000)]);
      const rows = allAccruals(outcomes);
      expect(rows).toHaveLength(6);
      expect(
        rows.every((row) => row.percent === 3 && row.amount_minor === 15600 && row.mentor_level === 'L4'),
      ).toBe(true);
    });
  });

  it('a second placement of the same mentee does not pay again', () => {
    const outcomes = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2026-01-01')],
      [
        placement('pl-2', cy, '2026-03-01', null, 700000),
        placement('pl-1', cy, '2026-01-05', '2026-02-20', 520000),
      ],
    );
    expect(outcomes).toMatchObject([{ status: 'earning', placement: 'pl-1' }]);
    expect(compact(outcomes)).toEqual([
      [1, '2026-01-05', '2026-01', 15600],
      [2, '2026-02-05', '2026-02', 15600],
    ]);
    expect(allAccruals(outcomes).some((row) => row.placement === 'pl-2')).toBe(false);
  });

  it.each([
    { placementStart: '2025-12-31', earns: null, why: 'a placement that started before the mentorship' },
    { placementStart: '2026-01-01', earns: 'pl-x', why: 'a placement starting on the mentorship start' },
    {
      placementStart: '2026-06-30',
      earns: 'pl-x',
      why: 'a placement starting on the last day of the mentorship',
    },
    { placementStart: '2026-07-01', earns: null, why: 'a placement starting after the mentorship ended' },
  ])('window: $why', ({ placementStart, earns }) => {
    const outcomes = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2026-01-01', '2026-06-30')],
      [placement('pl-x', cy, placementStart, null, 520000)],
    );
    expect(outcomes[0]).toMatchObject(
      earns === null ? { status: 'no_placement' } : { status: 'earning', placement: earns },
    );
  });

  it('two currencies: totals per mentor and currency, never mixed', () => {
    const eve = builder('Eve', [['L3', '2025-01-01']]);
    const outcomes = referrals(
      [uma, cy, eve],
      [mentorship(uma, cy, '2026-01-01'), mentorship(uma, eve, '2026-01-01')],
      [
        placement('pl-usd', cy, '2026-02-01', null, 520000, 'USD'),
        placement('pl-eur', eve, '2026-02-10', null, 480050, 'EUR'),
      ],
    );
    const statement = buildStatement(allAccruals(outcomes), '2026-02');
    expect(statement.rows.map((row) => [row.mentee, row.currency, row.amount_minor])).toEqual([
      [cy.email, 'USD', 20800],
      [eve.email, 'EUR', 19202], // 4 % of 4800.50 = 192.02
    ]);
    expect(statement.totals).toEqual([
      { mentor: uma.email, currency: 'EUR', amount_minor: 19202, rows: 1 },
      { mentor: uma.email, currency: 'USD', amount_minor: 20800, rows: 1 },
    ]);
  });

  it('terms come from the ladder version in force on the placement start', () => {
    const versions = [shippedLadder(), ladderVersion('2027-01-01', { percent: 5, months: 3 })];
    const before = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2026-06-01')],
      [placement('p', cy, '2026-12-31', null, 100000)],
      versions,
    );
    const after = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2026-06-01')],
      [placement('p', cy, '2027-01-01', null, 100000)],
      versions,
    );
    expect(allAccruals(before).map((r) => [r.percent, r.months, r.ladder_version])).toEqual(
      Array.from({ length: 6 }, () => [3, 6, '2026-02-01']),
    );
    expect(allAccruals(after).map((r) => [r.percent, r.months, r.ladder_version])).toEqual(
      Array.from({ length: 3 }, () => [5, 3, '2027-01-01']),
    );
  });

  it('before the first ladder version, the first version applies (and names itself)', () => {
    const outcomes = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2025-07-01')],
      [placement('p', cy, '2025-09-15', null, 520000)],
    );
    expect(allAccruals(outcomes)[0]).toMatchObject({ percent: 3, ladder_version: '2026-02-01' });
  });

  it('a mentor whose level gives no referral earns nothing, and says why', () => {
    const versions = [ladderVersion('2026-02-01', null)];
    const outcomes = referrals(
      [ana, cy],
      [mentorship(ana, cy, '2026-01-01')],
      [placement('p', cy, '2026-02-01', null, 520000)],
      versions,
    );
    expect(outcomes).toEqual([
      expect.objectContaining({
        status: 'no_terms',
        reason: expect.stringMatching(/L4, which gives no referral/),
      }),
    ]);
  });

  it('a received mentorship (an L5 mentoring an L4) pays no cut', () => {
    const outcomes = referrals(
      [uma, ana],
      [mentorship(uma, ana, '2025-02-10')],
      [placement('p', ana, '2025-03-01', null, 840000)],
    );
    expect(outcomes).toEqual([
      expect.objectContaining({ status: 'not_giving', reason: expect.stringMatching(/receives/) }),
    ]);
  });

  it('a leadership mentor of an L4 pays no cut', () => {
    const wen = leader('Wen');
    const outcomes = referrals(
      [wen, ana],
      [mentorship(wen, ana, '2025-02-10')],
      [placement('p', ana, '2025-03-01', null, 840000)],
    );
    expect(outcomes[0]?.status).toBe('not_giving');
  });

  it('each mentorship of one mentee earns on its own first placement', () => {
    const outcomes = referrals(
      [ana, uma, dee],
      [mentorship(ana, dee, '2026-01-01', '2026-03-31'), mentorship(uma, dee, '2026-04-01')],
      [
        placement('p1', dee, '2026-02-01', '2026-04-30', 500000),
        placement('p2', dee, '2026-05-01', null, 600000),
      ],
    );
    expect(
      outcomes.map((o) => (o.status === 'earning' ? [o.mentor, o.placement, o.accruals.length] : o.status)),
    ).toEqual([
      [ana.email, 'p1', 3],
      [uma.email, 'p2', 9],
    ]);
  });
});

describe('one referral per placement, to the mentorship of record on its start (issue 14)', () => {
  /** Who is paid for which placement, as [mentor, placement, months paid]. */
  const paid = (outcomes: ReferralOutcome[]): [string, string, number][] => {
    const byKey = new Map<string, [string, string, number]>();
    for (const row of allAccruals(outcomes)) {
      const key = `${row.mentor} ${row.placement}`;
      const entry = byKey.get(key) ?? [row.mentor, row.placement, 0];
      entry[2] += 1;
      byKey.set(key, entry);
    }
    return [...byKey.values()];
  };

  it('two mentors overlapping the placement start: only the one who began first is paid', () => {
    const outcomes = referrals(
      [ana, uma, cy],
      [mentorship(ana, cy, '2026-01-01'), mentorship(uma, cy, '2026-02-01')],
      [placement('pl-cy', cy, '2026-03-01', null, 520000)],
    );
    expect(paid(outcomes)).toEqual([[ana.email, 'pl-cy', 6]]);
    expect(outcomes[1]).toMatchObject({
      status: 'no_placement',
      reason: expect.stringMatching(
        /pl-cy \(start 2026-03-01\) pays one referral, to ana@.*since 2026-01-01/,
      ),
    });
  });

  it.each([
    { start: '2026-02-27', who: 'ana', why: 'the day before the first mentorship ends' },
    {
      start: '2026-02-28',
      who: 'ana',
      why: 'the first mentorship’s last day (both active: the earlier is of record)',
    },
    { start: '2026-03-01', who: 'uma', why: 'the day after it ended (only the second is active)' },
  ])('boundary, placement starting $start — $why', ({ start, who }) => {
    const outcomes = referrals(
      [ana, uma, cy],
      [mentorship(ana, cy, '2026-01-01', '2026-02-28'), mentorship(uma, cy, '2026-02-28')],
      [placement('pl-cy', cy, start, null, 520000)],
    );
    const mentors = paid(outcomes).map(([mentor]) => mentor);
    expect(mentors).toEqual([who === 'ana' ? ana.email : uma.email]);
  });

  it('two mentorships beginning the same day: the one with the lower id is of record', () => {
    const outcomes = referrals(
      [ana, uma, cy],
      [mentorship(uma, cy, '2026-01-01'), mentorship(ana, cy, '2026-01-01')],
      [placement('pl-cy', cy, '2026-02-01', null, 520000)],
    );
    expect(paid(outcomes)).toEqual([[ana.email, 'pl-cy', 6]]); // m-ana-… < m-uma-…
  });

  it('the second mentor earns on a later placement of which they are the mentor of record', () => {
    const outcomes = referrals(
      [ana, uma, cy],
      [mentorship(ana, cy, '2026-01-01', '2026-03-31'), mentorship(uma, cy, '2026-02-01')],
      [
        placement('pl-1', cy, '2026-03-01', '2026-04-30', 520000),
        placement('pl-2', cy, '2026-05-01', null, 600000),
      ],
    );
    expect(paid(outcomes)).toEqual([
      [ana.email, 'pl-1', 2],
      [uma.email, 'pl-2', 9],
    ]);
  });

  it('decides among every mentorship, even when asked about one mentor only', () => {
    const versions = [shippedLadder()];
    const map = peopleMap(ana, uma, cy);
    const all = classifyMentorships(versions, map, [
      mentorship(ana, cy, '2026-01-01'),
      mentorship(uma, cy, '2026-02-01'),
    ]);
    const umaOnly = all.filter((m) => m.mentor === uma.email);
    const placements = [placement('pl-cy', cy, '2026-03-01', null, 520000)];
    expect(allAccruals(computeReferrals(versions, map, umaOnly, placements, all))).toEqual([]);
  });
});

describe('statements and mentor payouts', () => {
  const outcomes = referrals(
    [ana, cy, uma, dee],
    [mentorship(ana, cy, '2026-01-01'), mentorship(uma, dee, '2026-01-01')],
    [
      placement('pa', cy, '2026-01-20', null, 520000),
      placement('pb', dee, '2026-02-05', '2026-03-04', 610000),
    ],
  );
  const rows = allAccruals(outcomes);

  it('lists what is payable in a month, ordered by mentor, with totals', () => {
    const statement = buildStatement(rows, '2026-03');
    expect(statement.rows.map((r) => [r.mentor, r.month_index, r.amount_minor])).toEqual([
      [ana.email, 3, 15600],
    ]);
    expect(buildStatement(rows, '2026-02').totals).toEqual([
      { mentor: ana.email, currency: 'USD', amount_minor: 15600, rows: 1 },
      { mentor: uma.email, currency: 'USD', amount_minor: 24400, rows: 1 },
    ]);
  });

  it('filters a statement to one mentor', () => {
    expect(buildStatement(rows, '2026-02', uma.email).rows.map((r) => r.mentee)).toEqual([dee.email]);
  });

  it('gives one mentor their months in a range, inclusive', () => {
    const payouts = buildMentorPayouts(rows, ana.email, '2026-02', '2026-04');
    expect(payouts.months.map((m) => m.month)).toEqual(['2026-02', '2026-03', '2026-04']);
    expect(payouts.totals).toEqual([{ mentor: ana.email, currency: 'USD', amount_minor: 46800, rows: 3 }]);
  });
});

describe('property: accruals are bounded, non-negative, and statements add up', () => {
  const isoDate = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2060-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const terms = fc.record({
    percent: fc.integer({ min: 0, max: 10_000 }).map((hundredths) => hundredths / 100),
    months: fc.integer({ min: 1, max: 36 }),
  });
  const placementArb = fc.record({
    start: isoDate,
    lengthDays: fc.option(fc.integer({ min: 0, max: 1500 }), { nil: null }),
    rate: fc.integer({ min: 0, max: 1_000_000_00 }),
    currency: fc.constantFrom('USD', 'EUR', 'GBP'),
  });

  function toPlacement(
    p: { start: string; lengthDays: number | null; rate: number; currency: string },
    id: string,
  ): Placement {
    const end =
      p.lengthDays === null
        ? null
        : new Date(Date.parse(`${p.start}T00:00:00Z`) + p.lengthDays * 86_400_000).toISOString().slice(0, 10);
    return {
      id,
      builder: `${id}@example.test`,
      client: 'c',
      start: p.start,
      end,
      rate_minor: p.rate,
      currency: p.currency,
      extended: false,
      requested_back: false,
    };
  }

  it('sum ≤ rate × percent × months (to the rounding), never negative, months in order', () => {
    fc.assert(
      fc.property(placementArb, terms, (p, t) => {
        const pl = toPlacement(p, 'p');
        const rows = accruePlacement(
          pl,
          { ...t, mentorLevel: 'L4', ladderVersion: 'v' },
          { id: 'm', mentor: 'a@x' },
        );
        const { units, scale } = exactPercent(t.percent);
        const sum = rows.reduce((total, row) => total + BigInt(row.amount_minor), 0n);
        // sum ≤ rate·percent/100·months + months/2 (each month rounds by at most half a minor unit).
        expect(
          2n * 100n * scale * sum <=
            2n * BigInt(p.rate) * units * BigInt(t.months) + BigInt(t.months) * 100n * scale,
        ).toBe(true);
        expect(rows.every((row) => row.amount_minor >= 0)).toBe(true);
        expect(rows.length).toBeGreaterThanOrEqual(1);
        expect(rows.length).toBeLessThanOrEqual(t.months);
        rows.forEach((row, i) => {
          expect(row.month_index).toBe(i + 1);
          expect(row.month_start).toBe(addMonthsClamped(p.start, i));
          expect(row.payable_month).toBe(monthOf(row.month_start));
          expect(pl.end === null || row.month_start <= pl.end).toBe(true);
        });
        // Open placements accrue every month.
        if (pl.end === null) expect(rows).toHaveLength(t.months);
      }),
    );
  });

  it('statement totals equal the sum of their rows, per mentor and currency', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ p: placementArb, t: terms, mentor: fc.constantFrom('a@x', 'b@x', 'c@x') }), {
          minLength: 1,
          maxLength: 8,
        }),
        (items) => {
          const rows: ReferralAccrual[] = items.flatMap(({ p, t, mentor }, i) =>
            accruePlacement(
              toPlacement(p, `p${i}`),
              { ...t, mentorLevel: 'L4', ladderVersion: 'v' },
              { id: `m${i}`, mentor },
            ),
          );
          for (const month of new Set(rows.map((row) => row.payable_month))) {
            const statement = buildStatement(rows, month);
            expect(statement.rows.length).toBe(rows.filter((row) => row.payable_month === month).length);
            for (const total of statement.totals) {
              const matching = statement.rows.filter(
                (row) => row.mentor === total.mentor && row.currency === total.currency,
              );
              expect(total.amount_minor).toBe(matching.reduce((s, row) => s + row.amount_minor, 0));
              expect(total.rows).toBe(matching.length);
            }
            expect(statement.totals.reduce((s, t) => s + t.rows, 0)).toBe(statement.rows.length);
          }
        },
      ),
    );
  });
});
