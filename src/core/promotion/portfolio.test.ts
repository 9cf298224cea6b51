import { describe, expect, it } from 'vitest';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import type { Mentorship } from '../roster/roster.types.js';
import { assemblePortfolio } from './portfolio.js';

const common = (id: string, date: string, supersedes: string | null = null) => ({
  id,
  builder: 'ana@w.t',
  date,
  recorded_by: 'ana@w.t',
  recorded_at: `${date}T10:00:00.000Z`,
  confirmed_by: null,
  supersedes,
});
const decision = (
  id: string,
  date: string,
  significant: boolean,
  supersedes: string | null = null,
): EvidenceRecord => ({
  ...common(id, date, supersedes),
  kind: 'decision',
  type: 'kill',
  title: `decision ${id}`,
  recommendation: 'kill the export',
  data: '3 % usage',
  client: 'acme',
  client_response: 'adopted',
  outcome: 'support tickets halved',
  significant,
});

const records: EvidenceRecord[] = [
  decision('d1', '2026-01-10', true),
  decision('d2', '2026-02-10', false),
  decision('d3', '2026-03-10', true),
  // A correction of d3 dated later than the portfolio date below does not apply yet.
  decision('d3b', '2026-06-01', false, 'd3'),
  {
    ...common('r1', '2026-02-01'),
    kind: 'retro',
    feature_id: 'f1',
    hypothesis: 'h',
    what_happened: 'w',
    what_to_change: 'c',
  },
  { ...common('a1', '2026-02-02'), kind: 'adr', title: 'Queue', status: 'accepted', link: 'https://x' },
  { ...common('mr1', '2026-02-01'), kind: 'mentee_review', mentee: 'mo@w.t', score: 2, notes: 'start' },
  { ...common('mr2', '2026-04-01'), kind: 'mentee_review', mentee: 'mo@w.t', score: 4, notes: 'later' },
];
const mentorships: Mentorship[] = [
  { id: 'm1', mentor: 'ana@w.t', mentee: 'mo@w.t', start: '2026-01-15', end: null },
  { id: 'm2', mentor: 'ana@w.t', mentee: 'late@w.t', start: '2026-09-01', end: null },
];
const menteeLevels = new Map([
  [
    'mo@w.t',
    [
      { level: 'L1', since: '2025-06-01' },
      { level: 'L2', since: '2026-03-15' },
    ],
  ],
]);

describe('portfolio from the ledger', () => {
  it('takes significant decisions, retros, ADRs and mentee outcomes in effect on the date', () => {
    const portfolio = assemblePortfolio(records, mentorships, menteeLevels, '2026-05-01');
    expect(portfolio.significant_decisions.map((d) => d.id)).toEqual(['d1', 'd3']);
    expect(portfolio.significant_decisions[0]).toMatchObject({
      recommendation: 'kill the export',
      data: '3 % usage',
    });
    expect(portfolio.retros.map((r) => r.id)).toEqual(['r1']);
    expect(portfolio.adrs.map((a) => a.id)).toEqual(['a1']);
    expect(portfolio.mentee_outcomes).toEqual([
      expect.objectContaining({
        mentee: 'mo@w.t',
        level_at_start: 'L1',
        level_now: 'L2',
        advanced: true,
        reviews: [expect.objectContaining({ score: 2 }), expect.objectContaining({ score: 4 })],
      }),
    ]);
  });

  it('applies a correction from its own date: d3 is no longer significant after 2026-06-01', () => {
    const portfolio = assemblePortfolio(records, mentorships, menteeLevels, '2026-06-01');
    expect(portfolio.significant_decisions.map((d) => d.id)).toEqual(['d1']);
  });

  it('a mentee whose level did not rise during the mentorship has not advanced', () => {
    const portfolio = assemblePortfolio(records, mentorships, menteeLevels, '2026-03-14');
    expect(portfolio.mentee_outcomes[0]).toMatchObject({ level_now: 'L1', advanced: false });
  });
});
