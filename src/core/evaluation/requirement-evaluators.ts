import type { LevelDefinition } from '../ladder/ladder.schema.js';
import type { RequirementRule } from '../ladder/rule-kinds.js';
import { menteeAdvancesCreditedTo } from '../mentorship/mentee-credit.js';
import type { AssessmentOutcome, RequirementResult, Verdict } from './evaluation.types.js';
import type { EvaluationScope } from './ledger-scope.js';
import { sentence, sentenceText, type Sentence } from '../i18n/sentences.js';
import { anniversaryOf } from './tenure.js';

/**
 * One evaluator per promotion requirement kind. The parameters come from the ladder file; what the ladder
 * cannot know (the latest decided promotion case, where levels sit in the track) comes in as arguments.
 */

type RuleOf<K extends RequirementRule['kind']> = Extract<RequirementRule, { kind: K }>;

/** What requirement evaluators need besides the scope. */
export interface RequirementContext {
  level: LevelDefinition;
  /** The latest decided promotion case for this level, or null while none exists. */
  assessment: AssessmentOutcome | null;
  /** Position of a level in its track (higher = more senior), undefined for unknown levels. */
  levelRank: (levelId: string) => number | undefined;
  /** Overrides the mentee-advanced rule (default: the mentorship module's, see `menteesAdvanced`). */
  menteesAdvanced?: (scope: EvaluationScope) => MenteeAdvance[];
}

/** One mentee's level rise that happened while the mentorship was active. */
export interface MenteeAdvance {
  mentorship_id: string;
  mentee: string;
  from_level: string;
  to_level: string;
  on: string;
}

/** `tenure`: whole months at the level by anniversary; `met_on` is the anniversary, even in the future. */
export function evaluateTenure(
  id: string,
  scope: EvaluationScope,
  context: RequirementContext,
): Verdict<RequirementResult> {
  // A ladder that names no minimum asks for no time at the level: met from its first day.
  const months = context.level.promotion?.min_months_at_level ?? 0;
  const metOn = anniversaryOf(scope.levelSince, months);
  const result: RequirementResult = {
    id,
    status: metOn <= scope.at ? 'met' : 'not_met',
    evidence: [],
    met_on: metOn,
  };
  if (result.status === 'met') return { result };
  return gapOf(
    result,
    sentence('requirement.tenure_not_reached', {
      months,
      level: context.level.id,
      met_on: metOn,
      level_since: scope.levelSince,
    }),
  );
}

/** `assessment`: the latest decided promotion case's outcome; `not_assessed` while no case is decided. */
export function evaluateAssessment(
  id: string,
  scope: EvaluationScope,
  context: RequirementContext,
): Verdict<RequirementResult> {
  const decided = context.assessment;
  // A case decided after `at` had not happened yet on that day.
  if (decided === null || decided.decided_on > scope.at) {
    return gapOf(
      { id, status: 'not_assessed', evidence: [] },
      sentence('requirement.assessment_not_assessed', {}),
    );
  }
  if (decided.outcome === 'passed') {
    return { result: { id, status: 'met', evidence: [decided.case_id], met_on: decided.decided_on } };
  }
  return gapOf(
    { id, status: 'not_met', evidence: [decided.case_id] },
    sentence('requirement.assessment_not_passed', {
      case_id: decided.case_id,
      decided_on: decided.decided_on,
    }),
  );
}

/**
 * The mentee-advanced rule is the mentorship module's: a mentee's step to a higher level, dated while the
 * mentorship was active (start and end inclusive) and on or before `at`, is credited to the mentor.
 */
export function menteesAdvanced(
  scope: EvaluationScope,
  levelRank: (levelId: string) => number | undefined,
): MenteeAdvance[] {
  return menteeAdvancesCreditedTo(
    scope.builder,
    scope.input.mentorships,
    scope.input.menteeLevels,
    levelRank,
    scope.at,
  );
}

/** `mentee_advanced`: at least `min` distinct mentees advanced while mentored; `met_on` when the min-th did. */
export function evaluateMenteeAdvanced(
  id: string,
  rule: RuleOf<'mentee_advanced'>,
  scope: EvaluationScope,
  context: RequirementContext,
): Verdict<RequirementResult> {
  const advances = context.menteesAdvanced?.(scope) ?? menteesAdvanced(scope, context.levelRank);
  const firstByMentee = new Map<string, MenteeAdvance>();
  for (const advance of advances)
    if (!firstByMentee.has(advance.mentee)) firstByMentee.set(advance.mentee, advance);
  const counted = [...firstByMentee.values()];
  const evidence = [...new Set(counted.map((advance) => advance.mentorship_id))];
  const reached = counted[rule.min - 1];
  if (reached !== undefined) return { result: { id, status: 'met', evidence, met_on: reached.on } };
  const missing = rule.min - counted.length;
  return gapOf(
    { id, status: 'not_met', evidence },
    sentence('requirement.mentees_advanced_short', { missing }),
  );
}

/**
 * `client_retention`: at least `min` placements that began at this level (on or after its start, on or
 * before `at`), ongoing or ended, with any of the rule's flags set.
 */
export function evaluateClientRetention(
  id: string,
  rule: RuleOf<'client_retention'>,
  scope: EvaluationScope,
): Verdict<RequirementResult> {
  const counted = scope.input.placements.filter(
    (placement) =>
      placement.builder === scope.builder &&
      placement.start >= scope.levelSince &&
      placement.start <= scope.at &&
      rule.flags.some((flag) => placement[flag]),
  );
  const evidence = counted.map((placement) => placement.id);
  const missing = rule.min - counted.length;
  if (missing <= 0) return { result: { id, status: 'met', evidence } };
  return gapOf(
    { id, status: 'not_met', evidence },
    sentence('requirement.placements_retained_short', { missing, flags: [...rule.flags] }),
  );
}

// A requirement's gap: the sentence, and its English text (what every caller read before ADR 0029).
function gapOf(result: RequirementResult, said: Sentence): Verdict<RequirementResult> {
  return { result, gap: sentenceText(said), said };
}

/** Evaluates one promotion requirement by its rule kind. */
export function evaluateRequirement(
  requirement: { id: string; rule: RequirementRule },
  scope: EvaluationScope,
  context: RequirementContext,
): Verdict<RequirementResult> {
  const rule = requirement.rule;
  switch (rule.kind) {
    case 'tenure':
      return evaluateTenure(requirement.id, scope, context);
    case 'assessment':
      return evaluateAssessment(requirement.id, scope, context);
    case 'mentee_advanced':
      return evaluateMenteeAdvanced(requirement.id, rule, scope, context);
    case 'client_retention':
      return evaluateClientRetention(requirement.id, rule, scope);
  }
}
