import { addDays } from '../dates/calendar.js';
import type { EvidenceKind } from '../ladder/rule-kinds.js';
import type { LevelDefinition } from '../ladder/ladder.schema.js';
import { unevaluatedFields } from './evaluated-fields.js';

/**
 * Which records one builder's readiness on `at` reads, so the maintained path loads only those (issue
 * 15). Every bound mirrors an evaluator's own filter (metric-evaluators.ts, curriculum-progress.ts,
 * self-evaluation.ts), so loading less never changes an answer: test/evaluation compares the answers
 * with `referenceReadiness`, which loads every record.
 */
export interface ReadinessNeeds {
  /** Standing records of these kinds dated inside the window (level start … at). */
  windowKinds: EvidenceKind[];
  /** Standing records of these kinds at any date up to `at` (mentee reviews: mentee progress). */
  anyDateKinds: EvidenceKind[];
  /** Standing records of a kind from a day on (check-ins: the days up to `at` mentee progress reads). */
  recentKinds: { kind: EvidenceKind; from: string }[];
  /** Records looked up by id, never counted as standing: the code reviews window citations name. */
  lookupCitedReviews: boolean;
  /** Records looked up by id: those the window's self-evaluation answers link to. */
  lookupSelfEvaluationLinks: boolean;
  /** The kind fields the evaluation never reads, left on the server (see evaluated-fields.ts). */
  dropFields: string[];
}

/** The records the readiness of a builder at `level` on `at` reads, from the level's rules and pages. */
export function readinessNeeds(level: LevelDefinition | undefined, at: string): ReadinessNeeds {
  const windowKinds = new Set<EvidenceKind>();
  const anyDateKinds = new Set<EvidenceKind>();
  let checkinFrom: string | undefined;
  let lookupCitedReviews = false;
  for (const metric of level?.ranking_standard ?? []) {
    const rule = metric.rule;
    switch (rule.kind) {
      case 'evidence_count':
      case 'share':
        windowKinds.add(rule.evidence);
        break;
      case 'distinct_citers':
        windowKinds.add('review_citation');
        lookupCitedReviews = true;
        break;
      case 'mentee_progress': {
        // The N days up to `at`: at itself and the N − 1 days before it.
        const from = addDays(at, -(rule.checkin_within_days - 1));
        if (checkinFrom === undefined || from < checkinFrom) checkinFrom = from;
        anyDateKinds.add('mentee_review');
        break;
      }
      case 'client_trust':
        windowKinds.add('client_feedback');
        windowKinds.add('escalation');
        break;
    }
  }
  // Curriculum and self-evaluation read the window's latest record per module / item, only when the
  // level lists modules / items to show them against.
  if ((level?.curriculum ?? []).length > 0) windowKinds.add('curriculum');
  const selfEvaluation = (level?.self_evaluation ?? []).length > 0;
  if (selfEvaluation) windowKinds.add('self_evaluation');
  return {
    windowKinds: [...windowKinds].sort(),
    anyDateKinds: [...anyDateKinds].sort(),
    recentKinds: checkinFrom === undefined ? [] : [{ kind: 'checkin', from: checkinFrom }],
    lookupCitedReviews,
    lookupSelfEvaluationLinks: selfEvaluation,
    dropFields: unevaluatedFields(level),
  };
}
