import { validationFailed } from '../errors.js';
import type { LadderDocument, LevelDefinition } from '../ladder/ladder.schema.js';
import { findLevel, levelOrder } from '../ladder/ladder-lookup.js';
import { levelOn } from '../roster/roster.types.js';
import { evaluateCurriculum, type CurriculumProgress } from './curriculum-progress.js';
import type {
  AssessmentOutcome,
  BuilderEvidence,
  MetricResult,
  RequirementResult,
} from './evaluation.types.js';
import { buildScope, type EvaluationScope } from './ledger-scope.js';
import { evaluateMetric } from './metric-evaluators.js';
import { evaluateRequirement, type MenteeAdvance } from './requirement-evaluators.js';
import { evaluateSelfEvaluation, type SelfEvaluationSummary } from './self-evaluation.js';
import { wholeMonthsBetween } from './tenure.js';

/** The readiness answer, in the API's shape (issue 4) plus curriculum and self-evaluation. */
export interface Readiness {
  builder: string;
  level: string;
  /** Where a promotion from this level leads, or null when the ladder names none. */
  target_level: string | null;
  level_since: string;
  at: string;
  ladder_version: string;
  months_at_level: number;
  metrics: MetricResult[];
  requirements: RequirementResult[];
  /** Every requirement but the assessment is met (false when the ladder lists no requirement). */
  eligible_for_case: boolean;
  gaps: string[];
  curriculum: CurriculumProgress;
  self_evaluation: SelfEvaluationSummary;
}

export interface ReadinessInput {
  ladder: LadderDocument;
  evidence: BuilderEvidence;
  at: string;
  /** The latest decided promotion case out of the builder's level (from the promotion-case module). */
  assessment?: AssessmentOutcome | null;
  /** The mentorship module's mentee-advanced rule, when it supplies one. */
  menteesAdvanced?: (scope: EvaluationScope) => MenteeAdvance[];
}

/** The level step a builder held on `at`, or a `validation_failed` error naming `at`. */
export function levelStepAt(
  evidence: Pick<BuilderEvidence, 'email' | 'levels'>,
  at: string,
): { level: string; since: string } {
  const step = levelOn({ levels: [...evidence.levels] }, at);
  if (step === undefined) {
    throw validationFailed(`${evidence.email} held no level on ${at} (at is before their first level)`, [
      { field: 'at', message: `before ${evidence.email}'s first level` },
    ]);
  }
  return step;
}

/** Scope for a builder's level at `at`: the window opens on the day that level began. */
export function scopeAt(evidence: BuilderEvidence, at: string): { scope: EvaluationScope; level: string } {
  const step = levelStepAt(evidence, at);
  return { scope: buildScope(evidence, at, step.since), level: step.level };
}

/** Evaluates every ranking-standard metric of a level; none when the level has no standard yet. */
export function evaluateMetrics(
  level: LevelDefinition | undefined,
  scope: EvaluationScope,
): { metrics: MetricResult[]; gaps: string[] } {
  const metrics: MetricResult[] = [];
  const gaps: string[] = [];
  for (const metric of level?.ranking_standard ?? []) {
    const verdict = evaluateMetric(metric, scope);
    metrics.push(verdict.result);
    if (verdict.gap !== undefined) gaps.push(verdict.gap);
  }
  return { metrics, gaps };
}

/** How many metrics of the builder's level at `at` are met: what the ranking orders by. */
export function countMetricsMet(ladder: LadderDocument, evidence: BuilderEvidence, at: string): number {
  const { scope, level } = scopeAt(evidence, at);
  return evaluateMetrics(findLevel(ladder, level), scope).metrics.filter((m) => m.status === 'met').length;
}

/**
 * Promotion readiness of one builder on `at`: the metrics of the level held that day, the promotion
 * requirements, whether a case may be opened, the gaps in plain words, curriculum and self-evaluation.
 * Levels the organisation has not written yet answer with empty lists and a gap that says so.
 */
export function evaluateReadiness(input: ReadinessInput): Readiness {
  const { ladder, evidence, at } = input;
  const { scope, level: levelId } = scopeAt(evidence, at);
  const level = findLevel(ladder, levelId);
  const gaps: string[] = [];
  if (level === undefined) gaps.push(`the ladder (version ${ladder.version}) has no level ${levelId}`);

  const metricPart = evaluateMetrics(level, scope);
  if (level !== undefined && (level.ranking_standard ?? []).length === 0) {
    gaps.push(`the ladder has no ranking standard for ${levelId} yet${notWritten(level)}`);
  }
  gaps.push(...metricPart.gaps);

  const promotion = level?.promotion;
  const requirements: RequirementResult[] = [];
  if (level !== undefined && promotion === undefined) {
    gaps.push(`the ladder defines no promotion from ${levelId}${notWritten(level)}`);
  } else if (level !== undefined && (promotion?.requirements ?? []).length === 0) {
    gaps.push(
      `the ladder does not say yet what a promotion from ${levelId} to ${promotion?.target_level ?? '?'} requires${notWritten(level)}`,
    );
  }
  if (level !== undefined) {
    const context = {
      level,
      assessment: input.assessment ?? null,
      levelRank: (id: string) => levelOrder(ladder, id),
      ...(input.menteesAdvanced === undefined ? {} : { menteesAdvanced: input.menteesAdvanced }),
    };
    for (const requirement of promotion?.requirements ?? []) {
      const verdict = evaluateRequirement(requirement, scope, context);
      requirements.push(verdict.result);
      if (verdict.gap !== undefined) gaps.push(verdict.gap);
    }
  }
  const kinds = new Map((promotion?.requirements ?? []).map((r) => [r.id, r.rule.kind]));
  const gating = requirements.filter((r) => kinds.get(r.id) !== 'assessment');
  return {
    builder: evidence.email,
    level: levelId,
    target_level: promotion?.target_level ?? null,
    level_since: scope.levelSince,
    at,
    ladder_version: ladder.version,
    months_at_level: wholeMonthsBetween(scope.levelSince, at),
    metrics: metricPart.metrics,
    requirements,
    eligible_for_case: requirements.length > 0 && gating.every((r) => r.status === 'met'),
    gaps,
    curriculum: evaluateCurriculum(level, scope),
    self_evaluation: evaluateSelfEvaluation(level, scope),
  };
}

function notWritten(level: LevelDefinition): string {
  return level.status === 'not_written' ? ' (its page is not written)' : '';
}
