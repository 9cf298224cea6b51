import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANA, make, PM, ROSA, rosaAtL4, TOM } from '../../../test/factories/evaluation-records.js';
import { shippedLadder } from '../../../test/factories/shipped-ladder.js';
import { addDays } from '../dates/calendar.js';
import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import { evaluateReadiness } from './readiness.js';

/**
 * Properties of the window that must hold whatever the ledger: records dated after `at` and records
 * dated before the level began never change a metric, and the order records arrive in changes nothing.
 */

const ladder = shippedLadder();
const SINCE = '2025-02-03';
const AT = '2026-02-15';
const mentorships = [{ id: 'ms', mentor: ROSA, mentee: TOM, start: '2025-03-01', end: null }];

const people = fc.constantFrom(ROSA, PM, ANA, TOM);
/** A random record of a metric-bearing kind, dated `offset` days from `base`. */
const recordAt = (base: string, offsets: fc.Arbitrary<number>): fc.Arbitrary<EvidenceRecord> =>
  fc
    .record({
      offset: offsets,
      kind: fc.constantFrom('decision', 'feature', 'citation', 'review', 'checkin', 'feedback', 'escalation'),
      type: fc.constantFrom('scope_change', 'feature_proposal', 'kill', 'descope' as const),
      response: fc.constantFrom('adopted', 'rejected', 'pending' as const),
      recordedBy: people,
      confirmedBy: fc.option(people, { nil: null }),
      data: fc.constantFrom('', ' ', 'usage fell 40%'),
      events: fc.constantFrom([], ['used']),
      score: fc.integer({ min: 1, max: 5 }),
    })
    .map((r): EvidenceRecord => {
      const date = addDays(base, r.offset);
      switch (r.kind) {
        case 'decision':
          return make.decision({
            date,
            type: r.type,
            client_response: r.response,
            recorded_by: r.recordedBy,
            confirmed_by: r.confirmedBy,
            data: r.data,
          });
        case 'feature':
          return make.feature({ date, analytics_events: [...r.events] });
        case 'citation':
          return make.citation({ date, review_id: 'cr-base', recorded_by: r.recordedBy });
        case 'review':
          return make.menteeReview({ date, score: r.score });
        case 'checkin':
          return make.checkin({ date });
        case 'feedback':
          return make.feedback({ date, recorded_by: r.recordedBy });
        default:
          return make.escalation({ date });
      }
    });

const inWindow = recordAt(SINCE, fc.integer({ min: 0, max: 377 })); // 2025-02-03 … 2026-02-15
// Dense near `at`, where check-ins and same-day records collide.
const nearAt = recordAt(AT, fc.integer({ min: -20, max: 0 }));
const afterAt = recordAt(AT, fc.integer({ min: 1, max: 400 }));
const beforeLevel = recordAt(SINCE, fc.integer({ min: -300, max: -1 }));

function metricsOf(records: EvidenceRecord[]) {
  const base = [make.codeReview({ id: 'cr-base', date: '2024-12-01' }), ...records];
  return evaluateReadiness({ ladder, at: AT, evidence: rosaAtL4(SINCE, { records: base, mentorships }) })
    .metrics;
}

describe('the window, whatever the ledger', () => {
  it('records dated after `at` never change a metric', () => {
    fc.assert(
      fc.property(
        fc.array(inWindow, { maxLength: 30 }),
        fc.array(afterAt, { minLength: 1, maxLength: 10 }),
        (now, later) => {
          expect(metricsOf([...now, ...later])).toEqual(metricsOf(now));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('window-counted metrics ignore records dated before the level began', () => {
    fc.assert(
      fc.property(
        fc.array(inWindow, { maxLength: 30 }),
        fc.array(beforeLevel, { minLength: 1, maxLength: 10 }),
        (now, earlier) => {
          // Mentee progress is a state on `at` (reviews within the mentorship), not a count in the window.
          const windowed = (records: EvidenceRecord[]) =>
            metricsOf(records).filter((m) => m.id !== 'mentee-progress');
          const withoutReviews = earlier.filter((r) => r.kind !== 'mentee_review' && r.kind !== 'checkin');
          expect(windowed([...withoutReviews, ...now])).toEqual(windowed(now));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the order records arrive in changes no status or value', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(inWindow, nearAt), { maxLength: 30 }), (records) => {
        const strip = (ms: ReturnType<typeof metricsOf>) =>
          ms.map((m) => ({ ...m, evidence: [...m.evidence].sort() }));
        expect(strip(metricsOf([...records].reverse()))).toEqual(strip(metricsOf(records)));
      }),
      { numRuns: 150 },
    );
  });
});
