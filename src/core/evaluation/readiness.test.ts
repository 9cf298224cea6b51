import { describe, expect, it } from 'vitest';
import { ANA, make, PM, ROSA, rosaAtL4, TOM } from '../../../test/factories/evaluation-records.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import { DomainError } from '../errors.js';
import type { LadderDocument, LevelDefinition } from '../ladder/ladder.schema.js';
import type { BuilderEvidence } from './evaluation.types.js';
import { countMetricsMet, evaluateReadiness } from './readiness.js';

const ladder = shippedLadder();
const SINCE = '2024-08-15';

/** Rosa meeting every L4 metric and every requirement but the assessment on 2026-02-15. */
function readyRosa(): BuilderEvidence {
  return rosaAtL4(SINCE, {
    records: [
      make.decision({ id: 'd1', date: '2025-01-10' }),
      make.decision({ id: 'd2', date: '2025-03-10' }),
      make.decision({ id: 'd3', date: '2025-05-10', recorded_by: ROSA, confirmed_by: PM }),
      make.decision({ id: 'k1', type: 'kill', data: 'no usage in 60 days' }),
      make.feature({ id: 'f1' }),
      make.codeReview({ id: 'cr1' }),
      make.citation({ id: 'c1', review_id: 'cr1' }),
      make.citation({ id: 'c2', review_id: 'cr1', recorded_by: ANA }),
      make.menteeReview({ id: 'mr1', date: '2025-08-01', score: 2 }),
      make.menteeReview({ id: 'mr2', date: '2025-12-01', score: 4 }),
      make.checkin({ id: 'ci1', date: '2026-02-10' }),
      make.feedback({ id: 'fb1' }),
    ],
    mentorships: [{ id: 'ms1', mentor: ROSA, mentee: TOM, start: '2025-07-01', end: null }],
    menteeLevels: new Map([
      [
        TOM,
        [
          { level: 'L1', since: '2024-06-01' },
          { level: 'L2', since: '2025-11-01' },
        ],
      ],
    ]),
    placements: [
      {
        id: 'pl1',
        builder: ROSA,
        client: 'northwind',
        start: '2024-09-01',
        end: null,
        rate_minor: 840_000,
        currency: 'USD',
        extended: true,
        requested_back: false,
      },
    ],
  });
}

describe('promotion readiness', () => {
  it('answers in the API shape with every metric met and the case open but for the assessment', () => {
    const readiness = evaluateReadiness({ ladder, evidence: readyRosa(), at: '2026-02-15' });
    expect(readiness).toMatchObject({
      builder: ROSA,
      level: 'L4',
      target_level: 'L5',
      level_since: SINCE,
      at: '2026-02-15',
      ladder_version: '2026-02-01',
      months_at_level: 18,
      eligible_for_case: true,
      standard: 'defined',
      typical_tenure: null,
      weighs: [],
    });
    expect(readiness.metrics.map((m) => [m.id, m.status])).toEqual([
      ['product-decisions-adopted', 'met'],
      ['feature-instrumentation', 'met'],
      ['data-driven-kills', 'met'],
      ['mentee-progress', 'met'],
      ['code-review-impact', 'met'],
      ['client-trust', 'met'],
    ]);
    expect(readiness.metrics[0]).toEqual({
      id: 'product-decisions-adopted',
      status: 'met',
      value: 3,
      threshold: 3,
      evidence: ['d1', 'd2', 'd3'],
    });
    expect(readiness.requirements).toEqual([
      { id: 'minimum-tenure', status: 'met', evidence: [], met_on: '2026-02-15' },
      { id: 'qualification-assessment', status: 'not_assessed', evidence: [] },
      { id: 'mentee-advanced', status: 'met', evidence: ['ms1'], met_on: '2025-11-01' },
      { id: 'client-retention', status: 'met', evidence: ['pl1'] },
    ]);
    expect(readiness.gaps).toEqual([
      'the qualification assessment: not assessed yet (a promotion case decides it)',
    ]);
  });

  it('is not eligible the day before the 18-month anniversary, and gives the date', () => {
    const readiness = evaluateReadiness({ ladder, evidence: readyRosa(), at: '2026-02-14' });
    expect(readiness.eligible_for_case).toBe(false);
    expect(readiness.requirements[0]).toEqual({
      id: 'minimum-tenure',
      status: 'not_met',
      evidence: [],
      met_on: '2026-02-15',
    });
    expect(readiness.gaps).toContain(
      '18 months at L4 are reached on 2026-02-15 (the level began 2024-08-15)',
    );
  });

  it('stays eligible for a case whatever the metrics say, and lists the metric gaps', () => {
    const evidence = {
      ...readyRosa(),
      records: readyRosa().records.filter((r) => r.id !== 'd3' && r.id !== 'd2'),
    };
    const readiness = evaluateReadiness({ ladder, evidence, at: '2026-02-15' });
    expect(readiness.metrics[0]?.status).toBe('not_met');
    expect(readiness.eligible_for_case).toBe(true);
    expect(readiness.gaps[0]).toBe(
      '2 more adopted decisions (scope change or feature proposal), vouched for by someone other than you',
    );
  });

  it('a passed assessment meets the last requirement and leaves no gap', () => {
    const readiness = evaluateReadiness({
      ladder,
      evidence: readyRosa(),
      at: '2026-02-20',
      assessment: { case_id: 'case-9', outcome: 'passed', decided_on: '2026-02-18' },
    });
    expect(readiness.requirements[1]).toEqual({
      id: 'qualification-assessment',
      status: 'met',
      evidence: ['case-9'],
      met_on: '2026-02-18',
    });
    expect(readiness.gaps).toEqual([]);
  });

  it('evaluates the level held on `at`: before the L4 start, the (unwritten) L3', () => {
    const readiness = evaluateReadiness({ ladder, evidence: readyRosa(), at: '2024-08-14' });
    expect(readiness.level).toBe('L3');
    expect(readiness.level_since).toBe('2023-05-01');
    expect(readiness.metrics).toEqual([]);
    expect(readiness.requirements).toEqual([]);
    expect(readiness.eligible_for_case).toBe(false);
    expect(readiness.gaps).toEqual([
      'the ladder has no ranking standard for L3 yet (its page is not written)',
      'the ladder does not say yet what a promotion from L3 to L4 requires (its page is not written)',
    ]);
    expect(readiness.curriculum.phases).toEqual([]);
    expect(readiness.self_evaluation.items).toEqual([]);
    expect(readiness.standard).toBe('none');
  });

  it('answers for L5, which has no promotion in the ladder', () => {
    const uma: BuilderEvidence = { ...rosaAtL4(SINCE), levels: [{ level: 'L5', since: '2023-09-01' }] };
    const readiness = evaluateReadiness({ ladder, evidence: uma, at: '2026-02-15' });
    expect(readiness).toMatchObject({
      level: 'L5',
      target_level: null,
      eligible_for_case: false,
      requirements: [],
      standard: 'none',
    });
    expect(readiness.gaps).toContain('the ladder defines no promotion from L5 (its page is not written)');
  });

  it('answers for a level the ladder does not know', () => {
    const odd: BuilderEvidence = { ...rosaAtL4(SINCE), levels: [{ level: 'L9', since: '2023-09-01' }] };
    const readiness = evaluateReadiness({ ladder, evidence: odd, at: '2026-02-15' });
    expect(readiness.gaps).toEqual(['the ladder (version 2026-02-01) has no level L9']);
    expect(readiness.eligible_for_case).toBe(false);
    expect(readiness.standard).toBe('none');
  });

  it('refuses a date before the builder’s first level, naming `at`', () => {
    expect(() => evaluateReadiness({ ladder, evidence: readyRosa(), at: '2023-04-30' })).toThrow(DomainError);
    expect(() => evaluateReadiness({ ladder, evidence: readyRosa(), at: '2023-04-30' })).toThrow(
      /2023-04-30/,
    );
  });

  it('counts the metrics met for the ranking', () => {
    expect(countMetricsMet(ladder, readyRosa(), '2026-02-15')).toBe(6);
    expect(countMetricsMet(ladder, readyRosa(), '2024-08-14')).toBe(0);
  });
});

describe('curriculum progress', () => {
  // Months 1–6 of a level begun 2025-02-03 end on 2025-08-02.
  const since = '2025-02-03';
  const evidence = rosaAtL4(since, {
    records: [
      make.curriculum({
        id: 'cu1',
        module_id: 'product-analytics',
        status: 'in_progress',
        date: '2025-03-01',
      }),
      make.curriculum({ id: 'cu2', module_id: 'product-analytics', status: 'done', date: '2025-05-30' }),
      make.curriculum({
        id: 'cu3',
        module_id: 'scope-discipline-framework',
        status: 'in_progress',
        date: '2025-04-01',
      }),
      make.curriculum({
        id: 'cu-old',
        module_id: 'feature-retrospectives',
        status: 'done',
        date: '2025-01-15',
      }),
      make.curriculum({ id: 'cu-late', module_id: 'mentee-onboarding', status: 'done', date: '2025-08-10' }),
    ],
  });

  it.each([
    { at: '2025-08-02', overdue: [] as string[], note: 'the last day of months 1–6: nothing overdue yet' },
    {
      at: '2025-08-03',
      overdue: [
        'scope-discipline-framework',
        'client-communication-mastery',
        'feature-retrospectives',
        'mentee-onboarding',
      ],
      note: 'the next day: every phase-1 module not done is overdue',
    },
  ])('$note', ({ at, overdue }) => {
    const { curriculum } = evaluateReadiness({ ladder, evidence, at });
    expect(curriculum.overdue).toEqual(overdue);
    expect(curriculum.done).toEqual(['product-analytics']);
    expect(curriculum.in_progress).toEqual(['scope-discipline-framework']);
    expect(curriculum.phases[0]).toMatchObject({
      id: 'product-instinct',
      starts_on: since,
      ends_on: '2025-08-02',
    });
    expect(curriculum.phases[0]?.modules[0]).toEqual({
      id: 'product-analytics',
      name: 'Product Analytics',
      status: 'done',
      overdue: false,
      evidence: ['cu2'],
    });
  });

  it('counts a module done late as done, not overdue', () => {
    const { curriculum } = evaluateReadiness({ ladder, evidence, at: '2025-08-10' });
    expect(curriculum.done).toEqual(['product-analytics', 'mentee-onboarding']);
    expect(curriculum.overdue).not.toContain('mentee-onboarding');
  });
});

describe('self-evaluation', () => {
  const evidence = rosaAtL4('2025-02-03', {
    records: [
      make.feature({ id: 'f1', date: '2025-05-12' }),
      make.feature({ id: 'f-later', date: '2025-10-01' }),
      make.selfEvaluation({
        id: 's1',
        item_id: 'instrument-features',
        evidence_ids: ['f1'],
        date: '2025-09-10',
      }),
      make.selfEvaluation({ id: 's2', item_id: 'reviews-teach', evidence_ids: ['nope'], date: '2025-09-10' }),
      make.selfEvaluation({ id: 's3', item_id: 'four-plus-stacks', answer: 'no', date: '2025-09-10' }),
      make.selfEvaluation({
        id: 's4',
        item_id: 'mentee-improving',
        answer: 'partly',
        evidence_ids: ['f-later'],
        date: '2025-09-10',
      }),
    ],
  });

  it('lists the items claimed and those without linked evidence', () => {
    const { self_evaluation } = evaluateReadiness({ ladder, evidence, at: '2025-09-30' });
    expect(self_evaluation.claimed).toEqual(['instrument-features', 'mentee-improving', 'reviews-teach']);
    // A link to an unknown record, or to one dated after `at`, is no evidence.
    expect(self_evaluation.without_evidence).toEqual(['mentee-improving', 'reviews-teach']);
    expect(self_evaluation.items.find((i) => i.id === 'four-plus-stacks')).toMatchObject({
      answer: 'no',
      claimed: false,
    });
    expect(self_evaluation.items.find((i) => i.id === 'asked-for-opinion')).toMatchObject({
      answer: null,
      claimed: false,
      record: null,
    });
  });

  it('sees the linked record once it is dated on or before `at`', () => {
    const { self_evaluation } = evaluateReadiness({ ladder, evidence, at: '2025-10-01' });
    expect(self_evaluation.without_evidence).toEqual(['reviews-teach']);
  });

  it('a later answer replaces an earlier one', () => {
    const withdrawn = {
      ...evidence,
      records: [
        ...evidence.records,
        make.selfEvaluation({ item_id: 'instrument-features', answer: 'no', date: '2025-09-20' }),
      ],
    };
    const { self_evaluation } = evaluateReadiness({ ladder, evidence: withdrawn, at: '2025-09-30' });
    expect(self_evaluation.claimed).not.toContain('instrument-features');
  });
});

/** The shipped ladder with L3's promotion replaced (a judgment, a typical time, a ranking standard…). */
function ladderWithL3(change: (l3: LevelDefinition) => LevelDefinition): LadderDocument {
  return { ...ladder, levels: ladder.levels.map((l) => (l.id === 'L3' ? change(l) : l)) };
}

const l3Builder = (records: BuilderEvidence['records'] = []): BuilderEvidence => ({
  ...rosaAtL4(SINCE),
  levels: [{ level: 'L3', since: '2024-03-10' }],
  records,
});

describe('what a level defines (issue 16)', () => {
  it('a level with one metric and no requirement has a standard (defined), and is not eligible', () => {
    const l4 = ladder.levels.find((l) => l.id === 'L4')!;
    const withMetric = ladderWithL3((l3) => ({
      ...l3,
      ranking_standard: l4.ranking_standard!.slice(0, 1),
    }));
    const readiness = evaluateReadiness({ ladder: withMetric, evidence: l3Builder(), at: '2026-02-15' });
    expect(readiness.standard).toBe('defined');
    expect(readiness.metrics.map((m) => m.id)).toEqual(['product-decisions-adopted']);
    expect(readiness.eligible_for_case).toBe(false);
  });

  it('a promotion with only a tenure requirement has a standard, and is eligible once it is met', () => {
    const tenureOnly = ladderWithL3((l3) => ({
      ...l3,
      promotion: {
        target_level: 'L4',
        min_months_at_level: 6,
        requirements: [{ id: 'time', name: 'Six months', rule: { kind: 'tenure' } }],
      },
    }));
    const on = (at: string) => evaluateReadiness({ ladder: tenureOnly, evidence: l3Builder(), at });
    expect(on('2024-09-09')).toMatchObject({ standard: 'defined', eligible_for_case: false });
    expect(on('2024-09-10')).toMatchObject({ standard: 'defined', eligible_for_case: true, gaps: [] });
  });

  it('the top level written with metrics and no promotion has a standard and no gap about promotion', () => {
    const l4 = ladder.levels.find((l) => l.id === 'L4')!;
    const top = {
      ...ladder,
      levels: ladder.levels.map((l) =>
        l.id === 'L5'
          ? { ...l, status: 'written' as const, ranking_standard: l4.ranking_standard!.slice(2, 3) }
          : l,
      ),
    };
    const uma: BuilderEvidence = { ...rosaAtL4(SINCE), levels: [{ level: 'L5', since: '2023-09-01' }] };
    const readiness = evaluateReadiness({ ladder: top, evidence: uma, at: '2026-02-15' });
    expect(readiness).toMatchObject({ standard: 'defined', target_level: null, eligible_for_case: false });
    expect(readiness.gaps).toEqual(['1 more decision (kill or descope) with data recorded']);
  });

  it('a minimum of 0 months is met on the level’s first day', () => {
    const none = ladderWithL3((l3) => ({
      ...l3,
      promotion: {
        target_level: 'L4',
        min_months_at_level: 0,
        requirements: [{ id: 'time', name: 'No minimum', rule: { kind: 'tenure' } }],
      },
    }));
    const readiness = evaluateReadiness({ ladder: none, evidence: l3Builder(), at: '2024-03-10' });
    expect(readiness.requirements).toEqual([
      { id: 'time', status: 'met', evidence: [], met_on: '2024-03-10' },
    ]);
    expect(readiness).toMatchObject({ eligible_for_case: true, gaps: [] });
  });

  describe('a promotion by judgment', () => {
    const judged = ladderWithL3((l3) => ({
      ...l3,
      promotion: {
        target_level: 'L4',
        decided_by: 'judgment',
        min_months_at_level: 12,
        typical_months_at_level: { from: 24, to: 48 },
        requirements: [{ id: 'minimum-time', name: 'A year at L3', rule: { kind: 'tenure' } }],
        weighs: [
          { id: 'product-sense', name: 'Product sense', evidence: ['decision', 'code_review'] },
          { id: 'craft', name: 'Craft' },
        ],
      },
    }));
    const records = [
      make.decision({ id: 'd-late', date: '2025-06-01' }),
      make.decision({ id: 'd-before-level', date: '2024-03-09' }),
      make.codeReview({ id: 'r1', date: '2025-01-05' }),
      make.decision({ id: 'd-after-at', date: '2026-03-01' }),
    ];

    it('says what the panel weighs and which records speak to each, never a missing requirement', () => {
      const readiness = evaluateReadiness({ ladder: judged, evidence: l3Builder(records), at: '2026-02-15' });
      expect(readiness).toMatchObject({
        standard: 'judgment',
        target_level: 'L4',
        eligible_for_case: true,
        gaps: [],
        metrics: [],
        requirements: [{ id: 'minimum-time', status: 'met', evidence: [], met_on: '2025-03-10' }],
      });
      expect(readiness.weighs).toEqual([
        {
          id: 'product-sense',
          name: 'Product sense',
          kinds: ['decision', 'code_review'],
          evidence: ['r1', 'd-late'],
        },
        { id: 'craft', name: 'Craft', kinds: [], evidence: [] },
      ]);
    });

    it('the minimum time in level is the only gap, the day before it is served', () => {
      const readiness = evaluateReadiness({ ladder: judged, evidence: l3Builder(records), at: '2025-03-09' });
      expect(readiness.eligible_for_case).toBe(false);
      expect(readiness.gaps).toEqual([
        '12 months at L3 are reached on 2025-03-10 (the level began 2024-03-10)',
      ]);
    });

    it('typical time in level is advice with its dates, never a gap: past it or not, the gaps are the same', () => {
      const before = evaluateReadiness({ ladder: judged, evidence: l3Builder(), at: '2025-06-01' });
      const after = evaluateReadiness({ ladder: judged, evidence: l3Builder(), at: '2028-06-01' });
      const typical = { from_months: 24, to_months: 48, from_on: '2026-03-10', to_on: '2028-03-10' };
      expect(before.typical_tenure).toEqual(typical);
      expect(after.typical_tenure).toEqual(typical);
      expect(before.gaps).toEqual([]);
      expect(after.gaps).toEqual([]);
    });

    it('without weighs, a judgment lists the panel criteria (no evidence kinds named)', () => {
      const l4Panel = ladder.levels.find((l) => l.id === 'L4')!.promotion!.panel!;
      const byPanel = ladderWithL3((l3) => ({
        ...l3,
        promotion: {
          target_level: 'L4',
          decided_by: 'judgment',
          typical_months_at_level: 30,
          panel: l4Panel,
        },
      }));
      const readiness = evaluateReadiness({
        ladder: byPanel,
        evidence: l3Builder(records),
        at: '2026-02-15',
      });
      expect(readiness.standard).toBe('judgment');
      expect(readiness.eligible_for_case).toBe(true);
      expect(readiness.weighs.map((w) => [w.id, w.evidence])).toEqual([
        ['multiplication-instinct', []],
        ['product-judgment', []],
        ['teaching-ability', []],
        ['scope-discipline', []],
        ['leadership-without-authority', []],
      ]);
      expect(readiness.typical_tenure).toMatchObject({
        from_months: 30,
        to_months: 30,
        from_on: '2026-09-10',
      });
    });
  });
});
