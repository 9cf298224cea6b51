import { describe, expect, it } from 'vitest';
import { ROSA, rosaAtL4, TOM } from '../../../test/factories/evaluation-records.js';
import { shippedLadder, shippedLevel } from '../../../test/factories/shipped-ladder.js';
import { levelOrder } from '../ladder/ladder-lookup.js';
import type { RequirementRule } from '../ladder/rule-kinds.js';
import type { LevelStep, Mentorship, Placement } from '../roster/roster.types.js';
import type { AssessmentOutcome, BuilderEvidence } from './evaluation.types.js';
import { buildScope } from './ledger-scope.js';
import { evaluateRequirement, type RequirementContext } from './requirement-evaluators.js';

const L4 = shippedLevel('L4');
const requirementOf = (kind: RequirementRule['kind']) => {
  const found = L4.promotion?.requirements?.find((r) => r.rule.kind === kind);
  if (found === undefined) throw new Error(`L4 has no ${kind} requirement`);
  return found;
};

function run(
  kind: RequirementRule['kind'],
  input: {
    since?: string;
    at: string;
    evidence?: Partial<BuilderEvidence>;
    assessment?: AssessmentOutcome | null;
  },
) {
  const since = input.since ?? '2024-08-15';
  const scope = buildScope(rosaAtL4(since, input.evidence), input.at, since);
  const ladder = shippedLadder();
  const context: RequirementContext = {
    level: L4,
    assessment: input.assessment ?? null,
    levelRank: (id) => levelOrder(ladder, id),
  };
  return evaluateRequirement(requirementOf(kind), scope, context);
}

describe('tenure (18 months at L4, by anniversary)', () => {
  it.each([
    {
      since: '2024-08-15',
      at: '2026-02-14',
      status: 'not_met',
      met_on: '2026-02-15',
      note: 'the day before the anniversary',
    },
    {
      since: '2024-08-15',
      at: '2026-02-15',
      status: 'met',
      met_on: '2026-02-15',
      note: 'the day of the anniversary',
    },
    {
      since: '2024-08-15',
      at: '2025-01-01',
      status: 'not_met',
      met_on: '2026-02-15',
      note: 'met_on given while in the future',
    },
    {
      since: '2024-08-31',
      at: '2026-02-27',
      status: 'not_met',
      met_on: '2026-02-28',
      note: 'begun on a 31st: not before the last day of February',
    },
    {
      since: '2024-08-31',
      at: '2026-02-28',
      status: 'met',
      met_on: '2026-02-28',
      note: 'begun on a 31st: the last day of February',
    },
    {
      since: '2024-01-31',
      at: '2025-07-30',
      status: 'not_met',
      met_on: '2025-07-31',
      note: 'begun on Jan 31',
    },
    {
      since: '2024-01-31',
      at: '2025-07-31',
      status: 'met',
      met_on: '2025-07-31',
      note: 'begun on Jan 31, 18 months later',
    },
  ])('$note: $since at $at → $status on $met_on', ({ since, at, status, met_on }) => {
    const verdict = run('tenure', { since, at });
    expect(verdict.result).toEqual({ id: 'minimum-tenure', status, evidence: [], met_on });
    if (status === 'not_met')
      expect(verdict.gap).toBe(`18 months at L4 are reached on ${met_on} (the level began ${since})`);
  });
});

describe('assessment (the latest decided promotion case)', () => {
  it.each([
    { name: 'no case yet', assessment: null, status: 'not_assessed', evidence: [] },
    {
      name: 'a passed case decided on `at`',
      assessment: { case_id: 'case-1', outcome: 'passed' as const, decided_on: '2026-03-01' },
      status: 'met',
      evidence: ['case-1'],
    },
    {
      name: 'a failed case',
      assessment: { case_id: 'case-1', outcome: 'failed' as const, decided_on: '2026-02-01' },
      status: 'not_met',
      evidence: ['case-1'],
    },
    {
      name: 'a case decided the day after `at` had not happened yet',
      assessment: { case_id: 'case-1', outcome: 'passed' as const, decided_on: '2026-03-02' },
      status: 'not_assessed',
      evidence: [],
    },
  ])('$name → $status', ({ assessment, status, evidence }) => {
    const { result } = run('assessment', { at: '2026-03-01', assessment });
    expect(result.status).toBe(status);
    expect(result.evidence).toEqual(evidence);
  });
});

describe('mentee advanced (a mentee’s level rose while the mentorship was active)', () => {
  const mentorship: Mentorship = {
    id: 'ms-tom',
    mentor: ROSA,
    mentee: TOM,
    start: '2025-03-01',
    end: '2025-12-31',
  };
  const tomRoseOn = (since: string, to = 'L2'): Map<string, LevelStep[]> =>
    new Map([
      [
        TOM,
        [
          { level: 'L1', since: '2024-06-01' },
          { level: to, since },
        ],
      ],
    ]);
  it.each([
    { name: 'rose during the mentorship', rise: '2025-09-01', to: 'L2', status: 'met' },
    { name: 'rose on the mentorship’s first day', rise: '2025-03-01', to: 'L2', status: 'met' },
    { name: 'rose on the mentorship’s last day', rise: '2025-12-31', to: 'L2', status: 'met' },
    { name: 'rose the day after the mentorship ended', rise: '2026-01-01', to: 'L2', status: 'not_met' },
    { name: 'rose the day before the mentorship began', rise: '2025-02-28', to: 'L2', status: 'not_met' },
    { name: 'a step to the same level is no rise', rise: '2025-09-01', to: 'L1', status: 'not_met' },
  ])('$name → $status', ({ rise, to, status }) => {
    const { result } = run('mentee_advanced', {
      at: '2026-02-15',
      evidence: { mentorships: [mentorship], menteeLevels: tomRoseOn(rise, to) },
    });
    expect(result.status).toBe(status);
    expect(result.evidence).toEqual(status === 'met' ? ['ms-tom'] : []);
    if (status === 'met') expect(result.met_on).toBe(rise);
  });

  it('does not count a rise dated after `at`, even in an ongoing mentorship', () => {
    const ongoing = { ...mentorship, end: null };
    const evidence = { mentorships: [ongoing], menteeLevels: tomRoseOn('2026-02-16') };
    expect(run('mentee_advanced', { at: '2026-02-15', evidence }).result.status).toBe('not_met');
    expect(run('mentee_advanced', { at: '2026-02-16', evidence }).result.status).toBe('met');
  });

  it('says what is missing', () => {
    expect(run('mentee_advanced', { at: '2026-02-15' }).gap).toBe(
      '1 more mentee advanced to the next level while you mentored them',
    );
  });
});

describe('client retention (a placement begun at this level, extended or requested back)', () => {
  const placement = (o: Partial<Placement>): Placement => ({
    id: 'pl-1',
    builder: ROSA,
    client: 'northwind',
    start: '2025-03-01',
    end: null,
    rate_minor: 840_000,
    currency: 'USD',
    extended: false,
    requested_back: false,
    ...o,
  });
  it.each([
    { name: 'extended, begun at this level', p: placement({ extended: true }), status: 'met' },
    {
      name: 'requested back, ended',
      p: placement({ requested_back: true, end: '2025-09-30' }),
      status: 'met',
    },
    { name: 'no flag', p: placement({}), status: 'not_met' },
    {
      name: 'begun the day the level began',
      p: placement({ start: '2024-08-15', extended: true }),
      status: 'met',
    },
    {
      name: 'begun the day before the level began',
      p: placement({ start: '2024-08-14', extended: true }),
      status: 'not_met',
    },
    {
      name: 'begun the day after `at`',
      p: placement({ start: '2026-02-16', extended: true }),
      status: 'not_met',
    },
    {
      name: 'another builder’s placement',
      p: placement({ builder: TOM, extended: true }),
      status: 'not_met',
    },
  ])('$name → $status', ({ p, status }) => {
    const verdict = run('client_retention', { at: '2026-02-15', evidence: { placements: [p] } });
    expect(verdict.result.status).toBe(status);
    expect(verdict.result.evidence).toEqual(status === 'met' ? ['pl-1'] : []);
    if (status === 'not_met') {
      expect(verdict.gap).toBe(
        '1 more placement begun at this level that the client extended or requested you back',
      );
    }
  });
});
