import { validationFailed } from '../errors.js';
import type {
  LadderDocument,
  LevelDefinition,
  MetricDefinition,
  PromotionDefinition,
  WeighedDefinition,
} from '../ladder/ladder.schema.js';
import {
  findLevel,
  findLevelInTrack,
  levelKey,
  levelOrder,
  promotionTargets,
  resolveFrom,
} from '../ladder/ladder-lookup.js';
import { sentence, writeSentence, type Sentence, type WrittenSentence } from '../i18n/sentences.js';
import { levelOn, type LevelStep } from '../roster/roster.types.js';
import { evaluateCurriculum, type CurriculumProgress } from './curriculum-progress.js';
import type {
  AssessmentOutcome,
  BuilderEvidence,
  MetricResult,
  RequirementResult,
  Verdict,
} from './evaluation.types.js';
import { buildScope, byTimeline, windowRecords, type EvaluationScope } from './ledger-scope.js';
import { evaluateMetric } from './metric-evaluators.js';
import { evaluateRequirement, type MenteeAdvance } from './requirement-evaluators.js';
import { evaluateSelfEvaluation, type SelfEvaluationSummary } from './self-evaluation.js';
import { anniversaryOf, wholeMonthsBetween } from './tenure.js';

/**
 * What the level asks before a promotion (issue 16): `defined` — metrics or requirements to meet;
 * `judgment` — a panel decides, so only the minimum time in level (if any) can be a gap; `none` — the
 * level defines no metric and no requirement yet, so there is nothing to be close to or far from.
 */
export type ReadinessStandard = 'defined' | 'judgment' | 'none';

/** Typical time in level (advice, never a gap): the months and the days they are reached. */
export interface TypicalTenure {
  from_months: number;
  to_months: number;
  from_on: string;
  to_on: string;
}

/** One thing a panel weighs in a judgment, with the builder's records in the window that speak to it. */
export interface WeighedEvidence {
  id: string;
  name: string;
  /** The evidence kinds the ladder names for it (none: the panel weighs it from what it hears). */
  kinds: string[];
  /** Ids of the builder's standing records of those kinds since the level began, oldest first. */
  evidence: string[];
}

/** The readiness answer, in the API's shape (issue 4) plus curriculum and self-evaluation. */
export interface Readiness {
  builder: string;
  level: string;
  /** Where a promotion from this level leads, or null when the ladder names none. */
  target_level: string | null;
  /**
   * Every level the promotion may lead to, the usual next step (`target_level`) first: present only
   * when there are several, so answers of one-target ladders keep their exact shape.
   */
  target_levels?: string[];
  /**
   * How the levels this answer names are shown (`label`, ADR 0020), by the id the answer uses: present
   * only when one of them has a label, so answers on ladders without labels keep their exact shape.
   */
  labels?: Record<string, string>;
  level_since: string;
  at: string;
  ladder_version: string;
  months_at_level: number;
  metrics: MetricResult[];
  requirements: RequirementResult[];
  /** Every requirement but the assessment is met (false when the ladder lists no requirement). */
  eligible_for_case: boolean;
  gaps: string[];
  /**
   * Each gap as a stable code with parameters and its text (= `gaps`, in order), ADR 0029: present only
   * when the ladder declares its `locale`, so answers of ladders that declare none keep their exact shape.
   */
  gap_details?: WrittenSentence[];
  /** What the level defines: a standard to meet, a judgment, or nothing yet (see ReadinessStandard). */
  standard: ReadinessStandard;
  /** Typical time in level from the ladder, or null when it names none. */
  typical_tenure: TypicalTenure | null;
  /** For a promotion by judgment, or one that names what its panel weighs: what and on which records. */
  weighs: WeighedEvidence[];
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
  /**
   * Verdicts already judged from maintained contribution rows (contributions.ts), by metric: those
   * metrics are not evaluated again from the scope, whose records then need not include their kinds.
   */
  judged?: ReadonlyMap<MetricDefinition, Verdict<MetricResult>>;
}

/** The level step a builder held on `at` (with its track where known), or a `validation_failed` error naming `at`. */
export function levelStepAt(evidence: Pick<BuilderEvidence, 'email' | 'levels'>, at: string): LevelStep {
  const step = levelOn({ levels: [...evidence.levels] }, at);
  if (step === undefined) {
    throw validationFailed(`${evidence.email} held no level on ${at} (at is before their first level)`, [
      { field: 'at', message: `before ${evidence.email}'s first level` },
    ]);
  }
  return step;
}

/**
 * Scope for a builder's level at `at`: the window opens on the day that level began. `track` is that
 * step's track (ADR 0030), else the builder's, else undefined where neither is known.
 */
export function scopeAt(
  evidence: BuilderEvidence,
  at: string,
): { scope: EvaluationScope; level: string; track: string | undefined } {
  const step = levelStepAt(evidence, at);
  return {
    scope: buildScope(evidence, at, step.since),
    level: step.level,
    track: step.track ?? evidence.track,
  };
}

/** Evaluates every ranking-standard metric of a level; none when the level has no standard yet. */
export function evaluateMetrics(
  level: LevelDefinition | undefined,
  scope: EvaluationScope,
  judged?: ReadonlyMap<MetricDefinition, Verdict<MetricResult>>,
): { metrics: MetricResult[]; gaps: string[]; said: Sentence[] } {
  const metrics: MetricResult[] = [];
  const gaps: string[] = [];
  const said: Sentence[] = [];
  for (const metric of level?.ranking_standard ?? []) {
    const verdict = judged?.get(metric) ?? evaluateMetric(metric, scope);
    metrics.push(verdict.result);
    if (verdict.gap !== undefined) {
      gaps.push(verdict.gap);
      said.push(verdict.said ?? sentence('metric.not_met', { metric: metric.id, text: verdict.gap }));
    }
  }
  return { metrics, gaps, said };
}

/**
 * The level a builder holds: the level of that id in the step's track (`track`, from `scopeAt`), else in
 * the builder's track when the evidence names it (tracks may share ids), else the one level of that id
 * in the ladder.
 */
export function builderLevelOf(
  ladder: LadderDocument,
  evidence: Pick<BuilderEvidence, 'track'>,
  levelId: string,
  track: string | undefined = evidence.track,
): LevelDefinition | undefined {
  return track === undefined ? findLevel(ladder, levelId) : findLevelInTrack(ladder, track, levelId);
}

/**
 * Where a level's promotion leads, each target named as a case names it (`levelKey`: the id, or
 * `track/id` where tracks share it), the usual next step first; a reference that names no level is kept
 * as written. Empty when the level has no promotion.
 */
export function promotionTargetKeys(ladder: LadderDocument, level: LevelDefinition | undefined): string[] {
  if (level?.promotion === undefined) return [];
  return promotionTargets(level.promotion).map((ref) => {
    const target = resolveFrom(ladder, level, ref);
    return target === undefined ? ref : levelKey(ladder, target);
  });
}

/** How many metrics of the builder's level at `at` are met: what the ranking orders by. */
export function countMetricsMet(ladder: LadderDocument, evidence: BuilderEvidence, at: string): number {
  const { scope, level, track } = scopeAt(evidence, at);
  return evaluateMetrics(builderLevelOf(ladder, evidence, level, track), scope).metrics.filter(
    (m) => m.status === 'met',
  ).length;
}

/**
 * Promotion readiness of one builder on `at`: the metrics of the level held that day, the promotion
 * requirements, whether a case may be opened, the gaps in plain words, curriculum and self-evaluation.
 * A level that defines no metric and no requirement answers `standard: 'none'`, empty lists and gaps
 * that say what the ladder leaves undefined; a promotion by judgment answers what the panel weighs.
 */
export function evaluateReadiness(input: ReadinessInput): Readiness {
  const { ladder, evidence, at } = input;
  const { scope, level: levelId, track } = scopeAt(evidence, at);
  const level = builderLevelOf(ladder, evidence, levelId, track);
  // What the ladder leaves undefined for this level: said in the gaps only when the level defines no
  // standard at all (then it is the whole answer); a level defines only what it defines (issue 16).
  const undefinedParts: Sentence[] = [];
  if (level === undefined)
    undefinedParts.push(sentence('readiness.level_unknown', { version: ladder.version, level: levelId }));

  const metricPart = evaluateMetrics(level, scope, input.judged);
  if (level !== undefined && (level.ranking_standard ?? []).length === 0) {
    undefinedParts.push(
      sentence('readiness.no_ranking_standard', { level: levelId, not_written: notWritten(level) }),
    );
  }

  const promotion = level?.promotion;
  const judged = promotion?.decided_by === 'judgment';
  const requirements: RequirementResult[] = [];
  const requirementGaps: Sentence[] = [];
  if (level !== undefined && promotion === undefined) {
    undefinedParts.push(
      sentence('readiness.no_promotion', { level: levelId, not_written: notWritten(level) }),
    );
  } else if (level !== undefined && !judged && (promotion?.requirements ?? []).length === 0) {
    undefinedParts.push(
      sentence('readiness.requirements_unwritten', {
        level: levelId,
        targets: promotionTargetKeys(ladder, level),
        not_written: notWritten(level),
      }),
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
      if (verdict.gap !== undefined)
        requirementGaps.push(
          verdict.said ?? sentence('metric.not_met', { metric: requirement.id, text: verdict.gap }),
        );
    }
  }
  const standard = levelStandardOf(level);
  // Written in the ladder's language (ADR 0029): English when the ladder declares none, as before.
  const written = [
    ...(standard === 'none' ? undefinedParts : []),
    ...metricPart.said,
    ...requirementGaps,
  ].map((said) => writeSentence(said, ladder.locale ?? 'en'));
  const kinds = new Map((promotion?.requirements ?? []).map((r) => [r.id, r.rule.kind]));
  const gating = requirements.filter((r) => kinds.get(r.id) !== 'assessment');
  // A judgment may be put to the panel once the minimum time (if listed) is served: nothing else gates.
  const decidable = requirements.length > 0 || standard === 'judgment';
  const targets = promotionTargetKeys(ladder, level);
  return {
    builder: evidence.email,
    level: levelId,
    target_level: targets[0] ?? null,
    ...(targets.length > 1 ? { target_levels: targets } : {}),
    ...labelsOf(ladder, level, levelId, targets),
    level_since: scope.levelSince,
    at,
    ladder_version: ladder.version,
    months_at_level: wholeMonthsBetween(scope.levelSince, at),
    metrics: metricPart.metrics,
    requirements,
    eligible_for_case: decidable && gating.every((r) => r.status === 'met'),
    gaps: written.map((said) => said.text),
    ...(ladder.locale === undefined ? {} : { gap_details: written }),
    standard,
    typical_tenure: typicalTenureOf(promotion, scope.levelSince),
    weighs: weighedEvidenceOf(promotion, scope),
    curriculum: evaluateCurriculum(level, scope),
    self_evaluation: evaluateSelfEvaluation(level, scope),
  };
}

/** The labels of the answer's level and targets, keyed as the answer names them; nothing when none has one. */
function labelsOf(
  ladder: LadderDocument,
  level: LevelDefinition | undefined,
  levelId: string,
  targets: readonly string[],
): { labels?: Record<string, string> } {
  const labels: Record<string, string> = {};
  if (level?.label !== undefined) labels[levelId] = level.label;
  for (const key of targets) {
    const label = findLevel(ladder, key)?.label;
    if (label !== undefined) labels[key] = label;
  }
  return Object.keys(labels).length === 0 ? {} : { labels };
}

function notWritten(level: LevelDefinition): boolean {
  return level.status === 'not_written';
}

/**
 * What a level defines (issue 16): `none` when it (or the ladder: an unknown level) names neither a
 * metric nor a requirement, `judgment` when its promotion says so, else `defined`.
 */
export function levelStandardOf(level: LevelDefinition | undefined): ReadinessStandard {
  if (level === undefined) return 'none';
  if (level.promotion?.decided_by === 'judgment') return 'judgment';
  const defines =
    (level.ranking_standard ?? []).length > 0 || (level.promotion?.requirements ?? []).length > 0;
  return defines ? 'defined' : 'none';
}

/** The typical months in level as a range with the days they are reached (a single number: from = to). */
export function typicalTenureOf(
  promotion: PromotionDefinition | undefined,
  levelSince: string,
): TypicalTenure | null {
  const typical = promotion?.typical_months_at_level;
  if (typical === undefined) return null;
  const range = typeof typical === 'number' ? { from: typical, to: typical } : typical;
  return {
    from_months: range.from,
    to_months: range.to,
    from_on: anniversaryOf(levelSince, range.from),
    to_on: anniversaryOf(levelSince, range.to),
  };
}

/**
 * What the panel weighs and the builder's records behind each: the promotion's `weighs`, else (for a
 * promotion by judgment) its panel criteria, which name no evidence kinds. Shown, never counted.
 */
export function weighedEvidenceOf(
  promotion: PromotionDefinition | undefined,
  scope: EvaluationScope,
): WeighedEvidence[] {
  const weighed: readonly WeighedDefinition[] =
    promotion?.weighs ??
    (promotion?.decided_by === 'judgment'
      ? (promotion.panel?.criteria ?? []).map((c) => ({ id: c.id, name: c.name }))
      : []);
  return weighed.map((item) => {
    const kinds = item.evidence ?? [];
    const records = kinds.flatMap((kind) => windowRecords(scope, kind)).sort(byTimeline);
    return { id: item.id, name: item.name, kinds: [...kinds], evidence: records.map((r) => r.id) };
  });
}
