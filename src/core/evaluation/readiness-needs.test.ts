import { describe, expect, it } from 'vitest';
import { ANA, make, PM, ROSA, rosaAtL4, TOM } from '../../../test/factories/evaluation-records.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import { isSupersededAt, correctionIndex } from '../evidence/supersede.js';
import { findLevel } from '../ladder/ladder-lookup.js';
import { evaluateReadiness } from './readiness.js';
import { readinessNeeds, type ReadinessNeeds } from './readiness-needs.js';

// The maintained path loads only what `readinessNeeds` names (evaluation.repository.ts
// loadStandingRecords). Here that selection is applied in memory to a ledger of every kind — with
// corrections dated before and after `at`, a cited review corrected since, records before the window —
// and the answer must equal the one over every record, at each date.

const ladder = shippedLadder();
const L4 = findLevel(ladder, 'L4');
const SINCE = '2025-02-03';
const mentorships = [{ id: 'ms', mentor: ROSA, mentee: TOM, start: '2025-03-01', end: null }];

const ledger: EvidenceRecord[] = [
  make.decision({ id: 'd1', date: '2025-03-01', confirmed_by: PM }),
  make.decision({ id: 'd1-fix', date: '2025-09-01', supersedes: 'd1', client_response: 'rejected' }),
  make.decision({ id: 'd2', date: '2025-04-01', type: 'kill' }),
  make.decision({ id: 'd-old', date: '2024-12-01' }),
  make.feature({ id: 'f1', date: '2025-05-01' }),
  make.feature({ id: 'f2', date: '2025-06-01', analytics_events: [] }),
  make.codeReview({ id: 'cr1', date: '2024-10-01' }),
  make.codeReview({ id: 'cr1-fix', date: '2025-07-01', supersedes: 'cr1' }),
  make.codeReview({ id: 'cr-other', date: '2025-04-01' }),
  make.citation({ id: 'ct1', date: '2025-08-01', review_id: 'cr1', recorded_by: TOM }),
  make.citation({ id: 'ct2', date: '2025-08-02', review_id: 'cr1', recorded_by: ANA }),
  make.menteeReview({ id: 'mr1', date: '2025-04-01', score: 2 }),
  make.menteeReview({ id: 'mr2', date: '2026-01-01', score: 4 }),
  make.checkin({ id: 'ci1', date: '2026-02-10' }),
  make.checkin({ id: 'ci-old', date: '2025-10-01' }),
  make.feedback({ id: 'fb1', date: '2025-05-05' }),
  make.escalation({ id: 'esc1', date: '2025-11-01' }),
  make.escalation({ id: 'esc1-fix', date: '2026-03-01', supersedes: 'esc1' }),
  make.curriculum({ id: 'cu1', date: '2025-04-01', module_id: 'product-analytics', status: 'in_progress' }),
  make.curriculum({ id: 'cu2', date: '2025-05-01', module_id: 'product-analytics', status: 'done' }),
  make.selfEvaluation({
    id: 'se1',
    date: '2025-09-10',
    item_id: 'pushed-back-alternative-adopted',
    evidence_ids: ['d1', 'cr1', 'missing', 'd-old'],
  }),
];

/** The selection loadStandingRecords makes in SQL, made in memory. */
function select(records: readonly EvidenceRecord[], at: string, since: string, needs: ReadinessNeeds) {
  const corrections = correctionIndex(records);
  const standing = records.filter((r) => {
    if (r.builder !== ROSA || r.date > at || isSupersededAt(r, at, corrections)) return false;
    if (needs.windowKinds.includes(r.kind) && r.date >= since) return true;
    if (needs.anyDateKinds.includes(r.kind)) return true;
    return needs.recentKinds.some((recent) => recent.kind === r.kind && r.date >= recent.from);
  });
  const refs = new Set<string>();
  for (const r of standing) {
    if (needs.lookupCitedReviews && r.kind === 'review_citation') refs.add(r.review_id);
    if (needs.lookupSelfEvaluationLinks && r.kind === 'self_evaluation')
      r.evidence_ids.forEach((id) => refs.add(id));
  }
  const lookupOnly = records.filter((r) => r.builder === ROSA && r.date <= at && refs.has(r.id));
  return { standing, lookupOnly };
}

const dates = [
  '2025-02-03',
  '2025-06-30',
  '2025-08-15',
  '2025-09-01',
  '2025-12-31',
  '2026-02-15',
  '2026-03-01',
];

describe('readinessNeeds', () => {
  it.each(dates)('loading only what it names gives the full answer on %s', (at) => {
    const needs = readinessNeeds(L4, at);
    const { standing, lookupOnly } = select(ledger, at, SINCE, needs);
    const full = evaluateReadiness({
      ladder,
      evidence: rosaAtL4(SINCE, { records: ledger, mentorships }),
      at,
    });
    const maintained = evaluateReadiness({
      ladder,
      evidence: rosaAtL4(SINCE, { records: standing, lookupOnly, mentorships }),
      at,
    });
    expect(maintained).toEqual(full);
    // The selection really is smaller: later corrections and records before the window stay out.
    expect(standing.map((r) => r.id)).not.toContain('d-old');
    expect(standing.length).toBeLessThan(ledger.length);
  });

  it('a cited review corrected since is looked up, never standing', () => {
    const { standing, lookupOnly } = select(ledger, '2025-08-15', SINCE, readinessNeeds(L4, '2025-08-15'));
    expect(lookupOnly.map((r) => r.id)).toContain('cr1');
    expect(standing.map((r) => r.id)).not.toContain('cr1');
  });

  it('names curriculum and self-evaluation only for a level that lists modules and items', () => {
    expect(readinessNeeds(L4, '2026-02-15').windowKinds).toEqual(
      expect.arrayContaining(['curriculum', 'self_evaluation']),
    );
    const bare = readinessNeeds(
      L4 === undefined ? undefined : { ...L4, curriculum: [], self_evaluation: [] },
      '2026-02-15',
    );
    expect(bare.windowKinds).not.toContain('curriculum');
    expect(bare.lookupSelfEvaluationLinks).toBe(false);
    expect(readinessNeeds(undefined, '2026-02-15')).toMatchObject({
      windowKinds: [],
      anyDateKinds: [],
      recentKinds: [],
    });
  });

  it('a judgment that names evidence kinds loads them, and the answer equals the full one', () => {
    // A level with no metric and no curriculum: only what the panel weighs reads records (issue 16).
    const judged = {
      ...L4!,
      ranking_standard: [],
      curriculum: [],
      self_evaluation: [],
      promotion: {
        target_level: 'L5',
        decided_by: 'judgment' as const,
        weighs: [{ id: 'judgment', name: 'Product judgment', evidence: ['decision' as const] }],
      },
    };
    const judgedLadder = { ...ladder, levels: ladder.levels.map((l) => (l.id === 'L4' ? judged : l)) };
    const at = '2026-02-15';
    const needs = readinessNeeds(judged, at);
    expect(needs.windowKinds).toEqual(['decision']);
    const { standing, lookupOnly } = select(ledger, at, SINCE, needs);
    const full = evaluateReadiness({
      ladder: judgedLadder,
      evidence: rosaAtL4(SINCE, { records: ledger }),
      at,
    });
    const maintained = evaluateReadiness({
      ladder: judgedLadder,
      evidence: rosaAtL4(SINCE, { records: standing, lookupOnly }),
      at,
    });
    expect(maintained).toEqual(full);
    expect(full.weighs[0]?.evidence).toEqual(['d2', 'd1-fix']);
  });

  it('reads check-ins from the first of the days mentee progress looks at', () => {
    // 14 days up to 2026-02-15: 2026-02-02 … 2026-02-15.
    expect(readinessNeeds(L4, '2026-02-15').recentKinds).toEqual([{ kind: 'checkin', from: '2026-02-02' }]);
  });
});
