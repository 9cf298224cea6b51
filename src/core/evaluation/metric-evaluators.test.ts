import { describe, expect, it } from 'vitest';
import { ANA, BEN, make, PM, ROSA, rosaAtL4, TOM } from '../../../test/factories/evaluation-records.js';
import { l4Metric } from '../../../test/factories/shipped-ladder.js';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import type { Mentorship } from '../roster/roster.types.js';
import { buildScope } from './ledger-scope.js';
import { evaluateMetric } from './metric-evaluators.js';

// Rosa reached L4 on 2025-02-03; most cases evaluate on 2026-02-15.
const SINCE = '2025-02-03';
const AT = '2026-02-15';

function run(metricId: string, records: EvidenceRecord[], at = AT, mentorships: Mentorship[] = []) {
  const scope = buildScope(rosaAtL4(SINCE, { records, mentorships }), at, SINCE);
  return evaluateMetric(l4Metric(metricId), scope);
}

const adopted = (n: number, date = '2025-06-01'): EvidenceRecord[] =>
  Array.from({ length: n }, () => make.decision({ date }));

describe('product decisions adopted (evidence_count, vouched, min 3)', () => {
  const cases: { name: string; records: EvidenceRecord[]; at?: string; status: string; value: number }[] = [
    { name: 'two adopted decisions are not enough', records: adopted(2), status: 'not_met', value: 2 },
    { name: 'the 3rd adopted decision meets it', records: adopted(3), status: 'met', value: 3 },
    {
      name: 'a self-recorded, self-confirmed adoption does not count',
      records: [...adopted(2), make.decision({ recorded_by: ROSA, confirmed_by: ROSA })],
      status: 'not_met',
      value: 2,
    },
    {
      name: 'a self-recorded adoption nobody confirmed does not count',
      records: [...adopted(2), make.decision({ recorded_by: ROSA, confirmed_by: null })],
      status: 'not_met',
      value: 2,
    },
    {
      name: 'a self-recorded adoption the client confirmed counts',
      records: [...adopted(2), make.decision({ recorded_by: ROSA, confirmed_by: PM })],
      status: 'met',
      value: 3,
    },
    {
      name: 'a pending or rejected response does not count',
      records: [
        ...adopted(2),
        make.decision({ client_response: 'pending' }),
        make.decision({ client_response: 'rejected' }),
      ],
      status: 'not_met',
      value: 2,
    },
    {
      name: 'a feature proposal counts, a kill does not',
      records: [...adopted(2), make.decision({ type: 'kill' }), make.decision({ type: 'feature_proposal' })],
      status: 'met',
      value: 3,
    },
    {
      name: 'the 3rd dated the day after `at` does not count',
      records: [...adopted(2), make.decision({ date: '2026-02-16' })],
      status: 'not_met',
      value: 2,
    },
    {
      name: 'the 3rd dated on `at` counts',
      records: [...adopted(2), make.decision({ date: AT })],
      status: 'met',
      value: 3,
    },
    {
      name: 'the 3rd dated the day before the level began does not count',
      records: [...adopted(2), make.decision({ date: '2025-02-02' })],
      status: 'not_met',
      value: 2,
    },
    {
      name: 'the 3rd dated the day the level began counts',
      records: [...adopted(2), make.decision({ date: SINCE })],
      status: 'met',
      value: 3,
    },
    {
      name: 'another builder’s adoptions never count',
      records: [...adopted(2), make.decision({ builder: TOM })],
      status: 'not_met',
      value: 2,
    },
  ];
  it.each(cases)('$name', ({ records, at, status, value }) => {
    const { result } = run('product-decisions-adopted', records, at);
    expect(result.status).toBe(status);
    expect(result.value).toBe(value);
    expect(result.threshold).toBe(3);
    expect(result.evidence).toHaveLength(value);
  });

  it('names the records that counted, and says in plain words what is missing', () => {
    const counted = make.decision({ id: 'ev-adopted' });
    const self = make.decision({ id: 'ev-self', recorded_by: ROSA, confirmed_by: ROSA });
    const verdict = run('product-decisions-adopted', [counted, self]);
    expect(verdict.result.evidence).toEqual(['ev-adopted']);
    expect(verdict.gap).toBe(
      '2 more adopted decisions (scope change or feature proposal), vouched for by someone other than you',
    );
  });

  describe('a correction takes effect from its own date', () => {
    const original = make.decision({ id: 'ev-orig', date: '2025-05-01', client_response: 'pending' });
    const correction = make.decision({ id: 'ev-fix', date: '2025-07-01', supersedes: 'ev-orig' });
    const reversal = make.decision({
      id: 'ev-undo',
      date: '2025-08-01',
      supersedes: 'ev-fix',
      client_response: 'rejected',
    });
    const base = adopted(2, '2025-04-01');
    it.each([
      {
        at: '2025-06-30',
        value: 2,
        counted: false,
        note: 'the day before the correction: the pending original stands',
      },
      { at: '2025-07-01', value: 3, counted: true, note: 'the day of the correction: the adoption counts' },
      { at: '2025-07-31', value: 3, counted: true, note: 'before the reversal of the correction' },
      {
        at: '2025-08-01',
        value: 2,
        counted: false,
        note: 'the reversal (a correction of the correction) stands',
      },
    ])('at $at: $note', ({ at, value, counted }) => {
      const { result } = run('product-decisions-adopted', [...base, original, correction, reversal], at);
      expect(result.value).toBe(value);
      expect(result.evidence.includes('ev-fix')).toBe(counted);
      expect(result.evidence).not.toContain('ev-orig');
    });

    it('a correction of a correction dated earlier than the first correction retires the original from its date', () => {
      const first = make.decision({ id: 'ev-o', date: '2025-05-01' });
      const late = make.decision({
        id: 'ev-c1',
        date: '2025-10-01',
        supersedes: 'ev-o',
        client_response: 'rejected',
      });
      const early = make.decision({ id: 'ev-c2', date: '2025-07-01', supersedes: 'ev-c1' });
      const records = [...adopted(2, '2025-04-01'), first, late, early];
      // On 2025-08-01 the chain's latest word (ev-c2, an adoption) stands; the original must not count too.
      const { result } = run('product-decisions-adopted', records, '2025-08-01');
      expect(result.evidence).toContain('ev-c2');
      expect(result.evidence).not.toContain('ev-o');
      expect(result.value).toBe(3);
    });

    it('an adopted original counts until a correction withdraws it', () => {
      const kept = make.decision({ id: 'ev-a', date: '2025-05-01' });
      const withdrawn = make.decision({
        id: 'ev-b',
        date: '2025-09-01',
        supersedes: 'ev-a',
        client_response: 'rejected',
      });
      const records = [...adopted(2, '2025-04-01'), kept, withdrawn];
      expect(run('product-decisions-adopted', records, '2025-08-31').result.status).toBe('met');
      expect(run('product-decisions-adopted', records, '2025-09-01').result.status).toBe('not_met');
    });
  });
});

describe('data-driven kills (evidence_count, non_empty data, min 1)', () => {
  it.each([
    { name: 'a kill with data', record: make.decision({ type: 'kill', data: 'DAU −40%' }), status: 'met' },
    {
      name: 'a descope with data',
      record: make.decision({ type: 'descope', data: 'no usage in 60 days' }),
      status: 'met',
    },
    { name: 'a kill without data', record: make.decision({ type: 'kill', data: '' }), status: 'not_met' },
    {
      name: 'a kill with blank data',
      record: make.decision({ type: 'kill', data: '   ' }),
      status: 'not_met',
    },
    { name: 'a scope change with data', record: make.decision({ type: 'scope_change' }), status: 'not_met' },
    {
      name: 'a self-recorded kill with data (no vouching asked)',
      record: make.decision({ type: 'kill', recorded_by: ROSA }),
      status: 'met',
    },
  ])('$name → $status', ({ record, status }) => {
    const verdict = run('data-driven-kills', [record]);
    expect(verdict.result.status).toBe(status);
    if (status === 'not_met')
      expect(verdict.gap).toBe('1 more decision (kill or descope) with data recorded');
  });
});

describe('feature instrumentation (share, 100 %)', () => {
  const features = (withEvents: number, without: number): EvidenceRecord[] => [
    ...Array.from({ length: withEvents }, () => make.feature()),
    ...Array.from({ length: without }, () => make.feature({ analytics_events: [] })),
  ];
  it.each([
    {
      name: '99 of 100 features instrumented (99 %)',
      records: features(99, 1),
      status: 'not_met',
      value: 99,
    },
    { name: '100 of 100 features instrumented', records: features(100, 0), status: 'met', value: 100 },
    {
      name: '199 of 200 (99.5 %) does not round up to 100 %',
      records: features(199, 1),
      status: 'not_met',
      value: 99.5,
    },
    { name: '2 of 3 (66.66 %)', records: features(2, 1), status: 'not_met', value: 66.66 },
    { name: 'no feature shipped', records: [], status: 'insufficient', value: null },
    {
      name: 'an uninstrumented feature the day after `at` is not in the share',
      records: [...features(3, 0), make.feature({ date: '2026-02-16', analytics_events: [] })],
      status: 'met',
      value: 100,
    },
    {
      name: 'an uninstrumented feature before the level began is not in the share',
      records: [...features(3, 0), make.feature({ date: '2025-02-02', analytics_events: [] })],
      status: 'met',
      value: 100,
    },
    {
      name: 'only features from before the level: insufficient',
      records: [make.feature({ date: '2025-01-15' })],
      status: 'insufficient',
      value: null,
    },
  ])('$name → $status', ({ records, status, value }) => {
    const { result } = run('feature-instrumentation', records);
    expect(result.status).toBe(status);
    expect(result.value).toBe(value);
    expect(result.threshold).toBe(100);
  });

  it('names the features without analytics in the gap, and every feature considered as evidence', () => {
    const good = make.feature({ id: 'f-good' });
    const bad = make.feature({ id: 'f-bad', analytics_events: [] });
    const verdict = run('feature-instrumentation', [good, bad]);
    expect(verdict.result.evidence).toEqual(['f-good', 'f-bad']);
    expect(verdict.gap).toBe('1 of 2 features without analytics events (f-bad): 50% have them, 100% needed');
  });
});

describe('code review impact (distinct_citers, min 2)', () => {
  const review = make.codeReview({ id: 'cr-1', date: '2025-03-01' });
  const otherReview = make.codeReview({ id: 'cr-tom', builder: TOM, recorded_by: TOM });
  it.each([
    {
      name: 'one person citing twice is one citer',
      citations: [make.citation({ review_id: 'cr-1' }), make.citation({ review_id: 'cr-1' })],
      status: 'not_met',
      value: 1,
    },
    {
      name: 'the 2nd distinct citer meets it',
      citations: [
        make.citation({ review_id: 'cr-1' }),
        make.citation({ review_id: 'cr-1', recorded_by: ANA }),
      ],
      status: 'met',
      value: 2,
    },
    {
      name: 'the builder citing their own review does not count',
      citations: [
        make.citation({ review_id: 'cr-1' }),
        make.citation({ review_id: 'cr-1', recorded_by: ROSA }),
      ],
      status: 'not_met',
      value: 1,
    },
    {
      name: 'a citation of someone else’s review does not count',
      citations: [
        make.citation({ review_id: 'cr-1' }),
        make.citation({ review_id: 'cr-tom', recorded_by: BEN }),
      ],
      status: 'not_met',
      value: 1,
    },
    {
      name: 'the 2nd citer dated the day after `at` does not count',
      citations: [
        make.citation({ review_id: 'cr-1' }),
        make.citation({ review_id: 'cr-1', recorded_by: ANA, date: '2026-02-16' }),
      ],
      status: 'not_met',
      value: 1,
    },
    {
      name: 'a citation before the level began does not count',
      citations: [
        make.citation({ review_id: 'cr-1' }),
        make.citation({ review_id: 'cr-1', recorded_by: ANA, date: '2025-02-02' }),
      ],
      status: 'not_met',
      value: 1,
    },
  ])('$name → $status', ({ citations, status, value }) => {
    const { result } = run('code-review-impact', [review, otherReview, ...citations]);
    expect(result.status).toBe(status);
    expect(result.value).toBe(value);
  });

  it('gives the citations that counted as evidence', () => {
    const a = make.citation({ id: 'c-tom', review_id: 'cr-1' });
    const b = make.citation({ id: 'c-ana', review_id: 'cr-1', recorded_by: ANA });
    const self = make.citation({ id: 'c-self', review_id: 'cr-1', recorded_by: ROSA });
    const verdict = run('code-review-impact', [review, a, b, self]);
    expect(verdict.result.evidence).toEqual(['c-tom', 'c-ana']);
  });

  it('says how many more people are missing', () => {
    expect(run('code-review-impact', [review]).gap).toBe(
      '2 more people other than you citing one of your code reviews as helpful',
    );
  });
});

describe('mentee progress (active mentorship, check-in within 14 days, 2 reviews improving)', () => {
  const mentorship: Mentorship = { id: 'ms-1', mentor: ROSA, mentee: TOM, start: '2025-07-01', end: null };
  const improving = [
    make.menteeReview({ date: '2025-08-01', score: 2 }),
    make.menteeReview({ date: '2025-12-01', score: 3 }),
  ];
  it.each([
    { name: 'check-in on `at`', records: [...improving, make.checkin({ date: AT })], status: 'met' },
    {
      name: 'check-in 13 days before `at` (the 14th day)',
      records: [...improving, make.checkin({ date: '2026-02-02' })],
      status: 'met',
    },
    {
      name: 'check-in 14 days before `at`',
      records: [...improving, make.checkin({ date: '2026-02-01' })],
      status: 'not_met',
    },
    {
      name: 'check-in the day after `at`',
      records: [...improving, make.checkin({ date: '2026-02-16' })],
      status: 'not_met',
    },
    {
      name: 'check-in with another mentee',
      records: [...improving, make.checkin({ date: AT, mentee: BEN })],
      status: 'not_met',
    },
    {
      name: 'one review only',
      records: [make.menteeReview({ date: '2025-08-01', score: 2 }), make.checkin({ date: AT })],
      status: 'not_met',
    },
    {
      name: 'latest score equal to the first',
      records: [
        make.menteeReview({ date: '2025-08-01', score: 3 }),
        make.menteeReview({ date: '2025-10-01', score: 5 }),
        make.menteeReview({ date: '2025-12-01', score: 3 }),
        make.checkin({ date: AT }),
      ],
      status: 'not_met',
    },
    {
      name: 'latest score below the first',
      records: [
        make.menteeReview({ date: '2025-08-01', score: 4 }),
        make.menteeReview({ date: '2025-12-01', score: 3 }),
        make.checkin({ date: AT }),
      ],
      status: 'not_met',
    },
    {
      name: 'a review from before the mentorship is not its first',
      records: [
        make.menteeReview({ date: '2025-06-30', score: 1 }),
        make.menteeReview({ date: '2025-08-01', score: 3 }),
        make.menteeReview({ date: '2025-12-01', score: 3 }),
        make.checkin({ date: AT }),
      ],
      status: 'not_met',
    },
    {
      name: 'a later review dated after `at` is not the latest',
      records: [
        make.menteeReview({ date: '2025-08-01', score: 2 }),
        make.menteeReview({ date: '2025-12-01', score: 2 }),
        make.menteeReview({ date: '2026-02-16', score: 5 }),
        make.checkin({ date: AT }),
      ],
      status: 'not_met',
    },
  ])('$name → $status', ({ records, status }) => {
    expect(run('mentee-progress', records, AT, [mentorship]).result.status).toBe(status);
  });

  it('is not met without an active mentorship, and says so', () => {
    const ended: Mentorship = { ...mentorship, end: '2026-02-14' };
    const verdict = run('mentee-progress', [...improving, make.checkin({ date: '2026-02-10' })], AT, [ended]);
    expect(verdict.result.status).toBe('not_met');
    expect(verdict.gap).toMatch(/no active mentee on 2026-02-15/);
    expect(run('mentee-progress', [...improving, make.checkin({ date: AT })], AT, []).result.status).toBe(
      'not_met',
    );
  });

  it('counts a mentorship that ends on `at` as active', () => {
    const endsToday: Mentorship = { ...mentorship, end: AT };
    expect(
      run('mentee-progress', [...improving, make.checkin({ date: AT })], AT, [endsToday]).result.status,
    ).toBe('met');
  });

  it('gives the recent check-in and the reviews as evidence', () => {
    const reviews = [
      make.menteeReview({ id: 'mr-a', date: '2025-08-01', score: 2 }),
      make.menteeReview({ id: 'mr-b', date: '2025-12-01', score: 4 }),
    ];
    const verdict = run(
      'mentee-progress',
      [...reviews, make.checkin({ id: 'ci-a', date: '2026-02-10' })],
      AT,
      [mentorship],
    );
    expect(verdict.result).toMatchObject({ status: 'met', value: 1, threshold: 1 });
    expect(verdict.result.evidence).toEqual(['ci-a', 'mr-a', 'mr-b']);
  });
});

describe('mentee progress with reviews_vouched_by_other (the ladder asks for more than the mentor’s word)', () => {
  const mentorship: Mentorship = { id: 'ms-1', mentor: ROSA, mentee: TOM, start: '2025-07-01', end: null };
  const base = l4Metric('mentee-progress');
  const vouchedRule = (value: boolean | undefined) => {
    if (base.rule.kind !== 'mentee_progress') throw new Error('the shipped metric changed kind');
    return { ...base, rule: { ...base.rule, reviews_vouched_by_other: value } };
  };
  const evaluate = (records: EvidenceRecord[], value: boolean | undefined) =>
    evaluateMetric(
      vouchedRule(value),
      buildScope(rosaAtL4(SINCE, { records, mentorships: [mentorship] }), AT, SINCE),
    );
  const review = (
    date: string,
    score: number,
    who: { recorded_by?: string; confirmed_by?: string | null } = {},
  ) => make.menteeReview({ date, score, ...who });
  const checkin = make.checkin({ date: AT });

  it.each([
    { name: 'both reviews the mentor’s own', first: {}, latest: {}, status: 'not_met' },
    {
      name: 'one confirmed by a colleague, one not',
      first: { confirmed_by: ANA },
      latest: {},
      status: 'not_met',
    },
    {
      name: 'both confirmed by someone other than the mentor',
      first: { confirmed_by: ANA },
      latest: { confirmed_by: BEN },
      status: 'met',
    },
    {
      name: 'one recorded by a colleague, one confirmed by one',
      first: { recorded_by: ANA },
      latest: { confirmed_by: BEN },
      status: 'met',
    },
    {
      name: 'confirmed by the mentor herself',
      first: { confirmed_by: ROSA },
      latest: { confirmed_by: ROSA },
      status: 'not_met',
    },
  ])('$name → $status', ({ first, latest, status }) => {
    const records = [review('2025-08-01', 2, first), review('2025-12-01', 4, latest), checkin];
    expect(evaluate(records, true).result.status).toBe(status);
  });

  it('says which reviews are missing', () => {
    const verdict = evaluate(
      [review('2025-08-01', 2, { confirmed_by: ANA }), review('2025-12-01', 4), checkin],
      true,
    );
    expect(verdict.gap).toMatch(/1 more mentee review vouched for by someone other than you/);
  });

  it('leaves the mentor’s own reviews counting when false or absent (the default, as before)', () => {
    const records = [review('2025-08-01', 2), review('2025-12-01', 4), checkin];
    expect(evaluate(records, false).result.status).toBe('met');
    expect(evaluate(records, undefined).result.status).toBe('met');
  });
});

describe('client trust (vouched feedback, no escalation)', () => {
  const feedback = make.feedback({ date: '2025-07-30' });
  it.each([
    { name: 'feedback from the client and no escalation', records: [feedback], status: 'met' },
    { name: 'no feedback at all', records: [], status: 'insufficient' },
    {
      name: 'feedback the builder recorded themself',
      records: [make.feedback({ recorded_by: ROSA })],
      status: 'insufficient',
    },
    {
      name: 'an escalation one day inside the window (the day the level began)',
      records: [feedback, make.escalation({ date: SINCE })],
      status: 'not_met',
    },
    {
      name: 'an escalation the day before the level began',
      records: [feedback, make.escalation({ date: '2025-02-02' })],
      status: 'met',
    },
    { name: 'an escalation on `at`', records: [feedback, make.escalation({ date: AT })], status: 'not_met' },
    {
      name: 'an escalation the day after `at`',
      records: [feedback, make.escalation({ date: '2026-02-16' })],
      status: 'met',
    },
    {
      name: 'an escalation and no feedback: not met (an escalation decides)',
      records: [make.escalation({ date: '2025-05-01' })],
      status: 'not_met',
    },
    {
      name: 'feedback dated the day after `at`',
      records: [make.feedback({ date: '2026-02-16' })],
      status: 'insufficient',
    },
  ])('$name → $status', ({ records, status }) => {
    expect(run('client-trust', records).result.status).toBe(status);
  });

  it('lists the feedback and the escalation that counted, and names the escalation in the gap', () => {
    const fb = make.feedback({ id: 'fb-1' });
    const esc = make.escalation({ id: 'esc-1', date: '2025-09-02' });
    const verdict = run('client-trust', [fb, esc]);
    expect(verdict.result.evidence).toEqual(['fb-1', 'esc-1']);
    expect(verdict.gap).toBe('1 escalation since the level began (esc-1); client trust allows 0');
  });
});
