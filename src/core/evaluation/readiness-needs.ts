import { addDays } from '../dates/calendar.js';
import type { EvidenceKind } from '../ladder/rule-kinds.js';
import type { LevelDefinition } from '../ladder/ladder.schema.js';
import { isContributedRule } from './contributions.js';
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

/** What a level's ranking standard reads, walked once for readiness and the ranking alike. */
export interface MetricReads {
  /** Kinds counted inside the window (level start … at). */
  windowKinds: Set<EvidenceKind>;
  /** The earliest day check-ins are read from (mentee progress), or undefined. */
  checkinFrom: string | undefined;
  /** A rule counts citations of the builder's code reviews (distinct citers). */
  citedReviews: boolean;
  /** A rule reads mentee reviews and mentorships (mentee progress). */
  menteeReviews: boolean;
}

/** The records the level's ranking-standard rules read on `at`, by rule kind. */
export function metricReads(level: LevelDefinition | undefined, at: string): MetricReads {
  const reads: MetricReads = {
    windowKinds: new Set<EvidenceKind>(),
    checkinFrom: undefined,
    citedReviews: false,
    menteeReviews: false,
  };
  for (const metric of level?.ranking_standard ?? []) {
    const rule = metric.rule;
    switch (rule.kind) {
      case 'evidence_count':
      case 'share':
        reads.windowKinds.add(rule.evidence);
        break;
      case 'distinct_citers':
        reads.windowKinds.add('review_citation');
        reads.citedReviews = true;
        break;
      case 'mentee_progress': {
        // The N days up to `at`: at itself and the N − 1 days before it.
        const from = addDays(at, -(rule.checkin_within_days - 1));
        if (reads.checkinFrom === undefined || from < reads.checkinFrom) reads.checkinFrom = from;
        reads.menteeReviews = true;
        break;
      }
      case 'client_trust':
        reads.windowKinds.add('client_feedback');
        reads.windowKinds.add('escalation');
        break;
    }
  }
  return reads;
}

/** The records the readiness of a builder at `level` on `at` reads, from the level's rules and pages. */
export function readinessNeeds(level: LevelDefinition | undefined, at: string): ReadinessNeeds {
  const reads = metricReads(level, at);
  const windowKinds = reads.windowKinds;
  // Curriculum and self-evaluation read the window's latest record per module / item, only when the
  // level lists modules / items to show them against.
  if ((level?.curriculum ?? []).length > 0) windowKinds.add('curriculum');
  // What a panel weighs lists the window's records of the kinds it names (readiness.ts, weighedEvidenceOf).
  for (const item of level?.promotion?.weighs ?? [])
    for (const kind of item.evidence ?? []) windowKinds.add(kind);
  const selfEvaluation = (level?.self_evaluation ?? []).length > 0;
  if (selfEvaluation) windowKinds.add('self_evaluation');
  return {
    windowKinds: [...windowKinds].sort(),
    anyDateKinds: reads.menteeReviews ? ['mentee_review'] : [],
    recentKinds: reads.checkinFrom === undefined ? [] : [{ kind: 'checkin', from: reads.checkinFrom }],
    lookupCitedReviews: reads.citedReviews,
    lookupSelfEvaluationLinks: selfEvaluation,
    dropFields: unevaluatedFields(level),
  };
}

/**
 * What readiness reads besides the contribution rows (ADR 0017): `readinessNeeds` of the level without
 * its contributed metrics, so kinds only those rules read are not loaded; the fields dropped stay the
 * full level's (what a rebuild of the rows reads must still be there).
 */
export function uncontributedNeeds(level: LevelDefinition | undefined, at: string): ReadinessNeeds {
  if (level === undefined) return readinessNeeds(level, at);
  const rest = (level.ranking_standard ?? []).filter((metric) => !isContributedRule(metric.rule));
  return {
    ...readinessNeeds({ ...level, ranking_standard: rest }, at),
    dropFields: unevaluatedFields(level),
  };
}
