import { describe, expect, it } from 'vitest';
import { make, ROSA, rosaAtL4 } from '../../../test/factories/evaluation-records.js';
import { shippedLadder, shippedLevel } from '../../../test/factories/shipped-ladder.js';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import { EVIDENCE_COMMON_FIELDS } from '../evidence/evidence.schema.js';
import { evaluatedFields } from './evaluated-fields.js';
import { evaluateReadiness } from './readiness.js';

/** Keeps only the common fields and `fields` of a record, as a projecting repository would. */
function project(record: EvidenceRecord, fields: readonly string[]): EvidenceRecord {
  const keep = new Set<string>([...EVIDENCE_COMMON_FIELDS, ...fields]);
  return Object.fromEntries(
    Object.entries(record).filter(([key]) => keep.has(key)),
  ) as unknown as EvidenceRecord;
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
    const fields = evaluatedFields(shippedLevel('L4'));
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
      evidence: rosaAtL4('2025-02-03', { records: records.map((r) => project(r, fields)), mentorships }),
    });
    expect(projected).toEqual(full);
  });
});
