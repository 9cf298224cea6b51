import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builder, mentorship, peopleMap, placement } from '../../../test/factories/mentorship-world.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import { formatMoney, parseMoney } from '../money/money.js';
import type { Mentorship, Placement } from '../roster/roster.types.js';
import { classifyMentorships, type PersonOnLadder } from './mentorship-rules.js';
import { allAccruals, buildStatement, computeReferrals, type ReferralAccrual } from './referral.js';

/**
 * docs/payouts.md is the organisation's policy with worked examples. Every table in it is recomputed
 * here from the shipped ladder: if the code or the document changes alone, this test fails.
 */
const doc = readFileSync(
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../docs/payouts.md'),
  'utf8',
);

function accruals(
  people: PersonOnLadder[],
  mentorships: Mentorship[],
  placements: Placement[],
): ReferralAccrual[] {
  const versions = [shippedLadder()];
  const map = peopleMap(...people);
  const classified = classifyMentorships(versions, map, mentorships);
  return allAccruals(computeReferrals(versions, map, classified, placements, classified));
}

/** The accrual table as the document writes it. */
function accrualTable(rows: ReferralAccrual[]): string {
  const lines = [
    '| k of N | month starts | payable in | rate | percent | amount |',
    '|---|---|---|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.month_index} of ${r.months} | ${r.month_start} | ${r.payable_month} | ${formatMoney(r.rate_minor)} ${r.currency} | ${r.percent} % | ${formatMoney(r.amount_minor)} ${r.currency} |`,
    ),
  ];
  const total = rows.reduce((sum, r) => sum + r.amount_minor, 0);
  lines.push(`| **total** | | | | | **${formatMoney(total)} ${rows[0]?.currency ?? ''}** |`);
  return lines.join('\n');
}

const rosa = builder('Rosa', [
  ['L3', '2023-05-01'],
  ['L4', '2025-02-03'],
]);
const tom = builder('Tom', [['L1', '2025-06-16']]);
const rate = (text: string) => parseMoney(text);

describe('docs/payouts.md worked examples', () => {
  it('example 1: an L4 mentor, 3 % of 5200.00 for 6 months', () => {
    const rows = accruals(
      [rosa, tom],
      [mentorship(rosa, tom, '2025-07-01')],
      [placement('pl-tom-1', tom, '2025-09-15', null, rate('5200.00'))],
    );
    expect(doc).toContain(accrualTable(rows));
  });

  it('example 2: a Jan 31 start and half a cent', () => {
    const rows = accruals(
      [rosa, tom],
      [mentorship(rosa, tom, '2026-01-05')],
      [placement('pl-2', tom, '2026-01-31', null, rate('8250.50'))],
    );
    expect(doc).toContain(accrualTable(rows));
  });

  it('example 3: a placement that ends in its fourth month', () => {
    const rows = accruals(
      [rosa, tom],
      [mentorship(rosa, tom, '2026-03-01')],
      [placement('pl-3', tom, '2026-03-10', '2026-06-20', rate('6000.00'))],
    );
    expect(doc).toContain(accrualTable(rows));
  });

  it('example 4: a mentor promoted to L5 on the day the placement starts, and a day later', () => {
    const promoted = builder('Rosa', [
      ['L4', '2024-08-01'],
      ['L5', '2026-03-01'],
    ]);
    const on = accruals(
      [promoted, tom],
      [mentorship(promoted, tom, '2026-01-05')],
      [placement('pl-4', tom, '2026-03-01', null, rate('5200.00'))],
    );
    const before = accruals(
      [promoted, tom],
      [mentorship(promoted, tom, '2026-01-05')],
      [placement('pl-4', tom, '2026-02-28', null, rate('5200.00'))],
    );
    expect(doc).toContain(accrualTable(on));
    expect(doc).toContain(accrualTable(before));
  });

  it('example 5: a leap year', () => {
    const rows = accruals(
      [rosa, tom],
      [mentorship(rosa, tom, '2027-12-01')],
      [placement('pl-5', tom, '2028-01-31', '2028-04-15', rate('6000.00'))],
    );
    expect(doc).toContain(accrualTable(rows));
  });

  it('example 6: a statement for one month with two currencies', () => {
    const uma = builder('Uma', [['L5', '2023-09-01']]);
    const cy = builder('Cy', [['L1', '2025-06-01']]);
    const eve = builder('Eve', [['L3', '2025-01-01']]);
    const rows = accruals(
      [uma, cy, eve, rosa, tom],
      [
        mentorship(uma, cy, '2026-01-01'),
        mentorship(uma, eve, '2026-01-01'),
        mentorship(rosa, tom, '2026-01-01'),
      ],
      [
        placement('pl-cy', cy, '2026-02-01', null, rate('5200.00'), 'USD'),
        placement('pl-eve', eve, '2026-03-10', null, rate('4800.50'), 'EUR'),
        placement('pl-tom', tom, '2026-01-31', null, rate('8250.50'), 'USD'),
      ],
    );
    const statement = buildStatement(rows, '2026-03');
    const table = [
      '| mentor | mentee | placement | k of N | rate | percent | amount |',
      '|---|---|---|---|---:|---:|---:|',
      ...statement.rows.map(
        (r) =>
          `| ${r.mentor} | ${r.mentee} | ${r.placement} | ${r.month_index} of ${r.months} | ${formatMoney(r.rate_minor)} ${r.currency} | ${r.percent} % | ${formatMoney(r.amount_minor)} ${r.currency} |`,
      ),
    ].join('\n');
    const totals = [
      '| mentor | currency | total |',
      '|---|---|---:|',
      ...statement.totals.map((t) => `| ${t.mentor} | ${t.currency} | ${formatMoney(t.amount_minor)} |`),
    ].join('\n');
    expect(doc).toContain(table);
    expect(doc).toContain(totals);
  });
});
