import { describe, expect, it } from 'vitest';
import { make, ROSA, rosaAtL4 } from '../../../test/factories/evaluation-records.js';
import { shippedLadder, shippedLevel } from '../../../test/factories/shipped-ladder.js';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import { EVIDENCE_COMMON_FIELDS } from '../evidence/evidence.schema.js';
import { evaluatedFields, unevaluatedFields } from './evaluated-fields.js';
import { evaluateReadiness } from './readiness.js';

/** Drops the fields the evaluation never reads, as the evaluation repository does on the server. */
function project(record: EvidenceRecord, dropped: readonly string[]): EvidenceRecord {
  const drop = new Set<string>(dropped);
  const kept = Object.entries(record).filter(([key]) => !drop.has(key));
  expect(kept.map(([key]) => key)).toEqual(expect.arrayContaining([...EVIDENCE_COMMON_FIELDS]));
  return Object.fromEntries(kept) as unknown as EvidenceRecord;
}

describe('the fields an evaluation reads', () => {
  it('names every field the shipped L4 rules use, and the evaluators’ own', () => {
    expect(evaluatedFields(shippedLevel('L4'))).toEqual([
      'analytics_events',
      'answer',
      'client_response',
      'data',
      'evidence_ids',
      'item_id',
      'mentee',
      'module_id',
      'review_id',
      'score',
      'status',
      'type',
    ]);
  });

  it('gives the same readiness on records projected to those fields as on full records', () => {
    const records: EvidenceRecord[] = [
      make.decision({ id: 'd1' }),
      make.decision({ id: 'd2', type: 'kill', data: 'usage down' }),
      make.decision({ id: 'd3', recorded_by: ROSA, confirmed_by: ROSA }),
      make.feature({ id: 'f1' }),
      make.feature({ id: 'f2', analytics_events: [] }),
      make.codeReview({ id: 'cr1' }),
      make.citation({ id: 'c1', review_id: 'cr1' }),
      make.menteeReview({ id: 'mr1', date: '2025-08-01', score: 2 }),
      make.menteeReview({ id: 'mr2', date: '2025-12-01', score: 4 }),
      make.checkin({ id: 'ci1', date: '2026-02-10' }),
      make.feedback({ id: 'fb1' }),
      make.curriculum({ id: 'cu1', module_id: 'product-analytics' }),
      make.selfEvaluation({ id: 'se1', item_id: 'instrument-features', evidence_ids: ['f1'] }),
    ];
    const ladder = shippedLadder();
    const dropped = unevaluatedFields(shippedLevel('L4'));
    expect(dropped).toEqual(expect.arrayContaining(['title', 'recommendation', 'outcome', 'notes', 'text']));
    expect(dropped).not.toEqual(expect.arrayContaining(['data']));
    const mentorships = [
      { id: 'ms', mentor: ROSA, mentee: 'tom@example.test', start: '2025-07-01', end: null },
    ];
    const full = evaluateReadiness({
      ladder,
      at: '2026-02-15',
      evidence: rosaAtL4('2025-02-03', { records, mentorships }),
    });
    const projected = evaluateReadiness({
      ladder,
      at: '2026-02-15',
      evidence: rosaAtL4('2025-02-03', { records: records.map((r) => project(r, dropped)), mentorships }),
    });
    expect(projected).toEqual(full);
  });
});
