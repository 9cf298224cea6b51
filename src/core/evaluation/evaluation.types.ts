import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import type { Sentence } from '../i18n/sentences.js';
import type { LevelStep, Mentorship, Placement } from '../roster/roster.types.js';

/**
 * What the evaluators read and what they answer. The answer shapes are the API's (snake_case), so the
 * service hands them out without another mapping layer.
 */

/** A metric's verdict: `insufficient` when there is not enough evidence to judge either way. */
export type MetricStatus = 'met' | 'not_met' | 'insufficient';

/** A requirement's verdict: `not_assessed` while no promotion case has decided the assessment. */
export type RequirementStatus = 'met' | 'not_met' | 'not_assessed';

export interface MetricResult {
  id: string;
  status: MetricStatus;
  /** The measured value (a count, or a percent for `share`); null when nothing could be measured. */
  value: number | null;
  threshold: number;
  /** Ids of the records that counted (for code review impact: the citations). */
  evidence: string[];
  /** For a `share` rule with `seen_within_days`: each feature's declared events against those seen. */
  features?: FeatureInstrumentation[];
}

/** One shipped feature's instrumentation (issue 10): declared events, those seen in time, the deadline. */
export interface FeatureInstrumentation {
  id: string;
  shipped_on: string;
  /** The last day an event may first appear and still count (shipped_on + seen_within_days). */
  seen_by: string;
  declared: string[];
  seen: string[];
  /** `seen` (all declared events seen in time), `missing`, or `pending` (the period is not over yet). */
  status: 'seen' | 'missing' | 'pending';
}

/**
 * The days analytics imports saw events (issue 10), per client: client id → event name → days, sorted.
 * Loaded only when a rule asks for it.
 */
export type EventSightings = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

export interface RequirementResult {
  id: string;
  status: RequirementStatus;
  /** Ids of what counted: placements, mentorships, the promotion case. */
  evidence: string[];
  /** When the requirement is (or will be) first met; given for tenure even while in the future. */
  met_on?: string;
}

/** An evaluator's verdict with the plain-words gap that explains what is missing (absent when met). */
export interface Verdict<R> {
  result: R;
  gap?: string;
  /** The gap as a code with parameters, to write in the ladder's language (ADR 0029); English = `gap`. */
  said?: Sentence;
}

/** The latest decided promotion case's outcome, fed by the promotion-case module. */
export interface AssessmentOutcome {
  case_id: string;
  outcome: 'passed' | 'failed';
  decided_on: string;
}

/**
 * Everything known about one builder that an evaluation may read. `records` are the builder's ledger
 * records at any date (plus any record that supersedes one of them): the evaluators apply the date,
 * the window and corrections themselves, so the same input answers for every `at`.
 */
export interface BuilderEvidence {
  email: string;
  /**
   * The builder's track from the roster: with the level id it names one level even where tracks share
   * level ids (ADR 0020). Absent: the level id alone, which is enough wherever ids are unique.
   */
  track?: string | undefined;
  /** Level history, oldest first. */
  levels: readonly LevelStep[];
  records: readonly EvidenceRecord[];
  /**
   * Records only ever looked up by id (a citation's code review, a self-evaluation's links), never
   * counted as standing: the maintained path loads standing records only, and a cited review may have
   * been corrected since. Absent: every lookup reads `records` (the reference path loads everything).
   */
  lookupOnly?: readonly EvidenceRecord[];
  /** Mentorships in which this builder is the mentor. */
  mentorships: readonly Mentorship[];
  /** Level histories of this builder's mentees, by mentee email. */
  menteeLevels: ReadonlyMap<string, readonly LevelStep[]>;
  /** This builder's placements. */
  placements: readonly Placement[];
  /** Analytics sightings of the events the builder's features declare (absent: nothing was seen). */
  eventSightings?: EventSightings;
}
