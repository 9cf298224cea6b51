import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import type { MetricDefinition } from '../ladder/ladder.schema.js';
import type { MetricRule } from '../ladder/rule-kinds.js';
import { isActiveOn } from '../roster/roster.types.js';
import { addDays } from '../dates/calendar.js';
import type { FeatureInstrumentation, MetricResult, MetricStatus, Verdict } from './evaluation.types.js';
import {
  byTimeline,
  fieldOf,
  isNonEmpty,
  isVouched,
  windowRecords,
  type EvaluationScope,
} from './ledger-scope.js';
import { idList, joinOr, kindNoun, plural, words } from './plain-words.js';

/**
 * One evaluator per metric rule kind. Each reads only the scope (the builder's ledger as it stood on
 * `at`, the window of the current level) and the rule's parameters from the ladder file.
 */

type RuleOf<K extends MetricRule['kind']> = Extract<MetricRule, { kind: K }>;
type Outcome = Omit<MetricResult, 'id'>;

function verdict(id: string, outcome: Outcome, gap: string | undefined): Verdict<MetricResult> {
  const result: MetricResult = { id, ...outcome };
  return outcome.status === 'met' || gap === undefined ? { result } : { result, gap };
}

/** Describes what an `evidence_count` rule counts, e.g. "adopted decisions (scope change or feature proposal)". */
export function describeCountRule(rule: RuleOf<'evidence_count'>, count: number): string {
  const adjectives: string[] = [];
  const qualifiers: string[] = [];
  let types = '';
  for (const [field, values] of Object.entries(rule.where ?? {})) {
    if (field === 'type') {
      types = ` (${joinOr(values.map(words))})`;
    } else if (values.every((value) => typeof value === 'boolean')) {
      qualifiers.push(values.includes(true) ? `marked ${words(field)}` : `not marked ${words(field)}`);
    } else {
      adjectives.push(joinOr(values.map(words)));
    }
  }
  for (const field of rule.non_empty ?? []) qualifiers.push(`with ${words(field)} recorded`);
  const noun = kindNoun(rule.evidence, count);
  const head = [...adjectives, noun].join(' ');
  const vouched = rule.vouched === true ? ', vouched for by someone other than you' : '';
  return `${head}${types}${qualifiers.length > 0 ? ` ${qualifiers.join(' and ')}` : ''}${vouched}`;
}

/** True when the record passes every filter of an `evidence_count` rule. */
export function matchesCountRule(
  rule: RuleOf<'evidence_count'>,
  record: EvidenceRecord,
  builder: string,
): boolean {
  for (const [field, allowed] of Object.entries(rule.where ?? {})) {
    const value = fieldOf(record, field);
    if (!allowed.some((candidate) => candidate === value)) return false;
  }
  for (const field of rule.non_empty ?? []) {
    if (!isNonEmpty(fieldOf(record, field))) return false;
  }
  return rule.vouched !== true || isVouched(record, builder);
}

/** `evidence_count`: the window's records of a kind matching every filter; met at `min`. */
export function evaluateEvidenceCount(
  id: string,
  rule: RuleOf<'evidence_count'>,
  scope: EvaluationScope,
): Verdict<MetricResult> {
  const counted = windowRecords(scope, rule.evidence).filter((record) =>
    matchesCountRule(rule, record, scope.builder),
  );
  const missing = rule.min - counted.length;
  const status: MetricStatus = missing <= 0 ? 'met' : 'not_met';
  return verdict(
    id,
    { status, value: counted.length, threshold: rule.min, evidence: counted.map((r) => r.id) },
    `${missing} more ${describeCountRule(rule, missing)}`,
  );
}

/** `share`: percent of the window's records of a kind whose field is non-empty; none → insufficient. */
export function evaluateShare(
  id: string,
  rule: RuleOf<'share'>,
  scope: EvaluationScope,
): Verdict<MetricResult> {
  const records = windowRecords(scope, rule.evidence);
  const evidence = records.map((r) => r.id);
  if (records.length === 0) {
    return verdict(
      id,
      { status: 'insufficient', value: null, threshold: rule.min_percent, evidence },
      `no ${kindNoun(rule.evidence, 0)} recorded since the level began (${scope.levelSince}): ` +
        `the share of ${kindNoun(rule.evidence, 2)} with ${words(rule.non_empty)} needs at least one`,
    );
  }
  if (rule.seen_within_days !== undefined)
    return evaluateSeenShare(id, rule, rule.seen_within_days, scope, records);
  const without = records.filter((record) => !isNonEmpty(fieldOf(record, rule.non_empty)));
  const withField = records.length - without.length;
  // Integer comparison: 99.5 % must not round up into a met 100 %.
  const met = withField * 100 >= rule.min_percent * records.length;
  const percent = Math.floor((withField * 10_000) / records.length) / 100;
  return verdict(
    id,
    { status: met ? 'met' : 'not_met', value: percent, threshold: rule.min_percent, evidence },
    `${without.length} of ${records.length} ${kindNoun(rule.evidence, records.length)} without ` +
      `${words(rule.non_empty)} (${idList(without.map((r) => r.id))}): ${percent}% have them, ` +
      `${rule.min_percent}% needed`,
  );
}

/** Declared events of one feature against the days analytics saw them (issue 10). */
export function featureInstrumentation(
  feature: EvidenceRecord,
  withinDays: number,
  scope: EvaluationScope,
): FeatureInstrumentation {
  const declared = feature.kind === 'feature' ? [...new Set(feature.analytics_events)] : [];
  const shippedOn = feature.kind === 'feature' ? feature.shipped_on : feature.date;
  const seenBy = addDays(shippedOn, withinDays);
  const byEvent = scope.input.eventSightings?.get(feature.kind === 'feature' ? feature.client : '');
  // Seen = some day in [shipped_on, shipped_on + N], and no later than the evaluation date.
  const last = seenBy < scope.at ? seenBy : scope.at;
  const seen = declared.filter((event) =>
    (byEvent?.get(event) ?? []).some((day) => day >= shippedOn && day <= last),
  );
  // A feature that declares nothing can never show its events: missing at once, not pending.
  const status =
    declared.length > 0 && seen.length === declared.length
      ? 'seen'
      : declared.length > 0 && seenBy >= scope.at
        ? 'pending'
        : 'missing';
  return { id: feature.id, shipped_on: shippedOn, seen_by: seenBy, declared, seen, status };
}

/**
 * `share` with `seen_within_days`: a feature counts when it declares events and every one of them was seen
 * by analytics within N days of shipping. A feature still inside its N days and not yet fully seen is
 * left out until its period ends (too early to judge); only such features → insufficient.
 */
function evaluateSeenShare(
  id: string,
  rule: RuleOf<'share'>,
  withinDays: number,
  scope: EvaluationScope,
  records: readonly EvidenceRecord[],
): Verdict<MetricResult> {
  const features = records.map((record) => featureInstrumentation(record, withinDays, scope));
  const judged = features.filter((feature) => feature.status !== 'pending');
  const evidence = records.map((r) => r.id);
  if (judged.length === 0) {
    return verdict(
      id,
      { status: 'insufficient', value: null, threshold: rule.min_percent, evidence, features },
      `every shipped feature is still inside its ${withinDays} days to show its declared events in analytics`,
    );
  }
  const missing = judged.filter((feature) => feature.status === 'missing');
  const seenCount = judged.length - missing.length;
  const met = seenCount * 100 >= rule.min_percent * judged.length;
  const percent = Math.floor((seenCount * 10_000) / judged.length) / 100;
  const detail = missing
    .map((f) =>
      f.declared.length === 0
        ? `${f.id} declares no events`
        : `${f.id} never showed ${f.declared.filter((e) => !f.seen.includes(e)).join(', ')} by ${f.seen_by}`,
    )
    .join('; ');
  return verdict(
    id,
    { status: met ? 'met' : 'not_met', value: percent, threshold: rule.min_percent, evidence, features },
    `${missing.length} of ${judged.length} ${kindNoun('feature', judged.length)} without their declared ` +
      `analytics events seen within ${withinDays} days of shipping (${detail}): ${percent}% have them, ` +
      `${rule.min_percent}% needed`,
  );
}

/**
 * `distinct_citers`: people other than the builder who recorded a citation, in the window, of one of the
 * builder's code reviews. The evidence is the citations that counted.
 */
export function evaluateDistinctCiters(
  id: string,
  rule: RuleOf<'distinct_citers'>,
  scope: EvaluationScope,
): Verdict<MetricResult> {
  const citers = new Set<string>();
  const counted: string[] = [];
  for (const citation of windowRecords(scope, 'review_citation')) {
    if (citation.kind !== 'review_citation' || citation.recorded_by === scope.builder) continue;
    // The cited review may predate the window or have been corrected since: it only has to be the builder's.
    const review = reviewOf(scope, citation.review_id);
    if (review === undefined) continue;
    citers.add(citation.recorded_by);
    counted.push(citation.id);
  }
  const missing = rule.min - citers.size;
  return verdict(
    id,
    { status: missing <= 0 ? 'met' : 'not_met', value: citers.size, threshold: rule.min, evidence: counted },
    `${missing} more ${plural(missing, 'person', 'people')} other than you citing one of your code reviews as helpful`,
  );
}

function reviewOf(scope: EvaluationScope, reviewId: string): EvidenceRecord | undefined {
  const review = scope.recordById(reviewId);
  return review?.kind === 'code_review' && review.date <= scope.at && review.builder === scope.builder
    ? review
    : undefined;
}

/**
 * `mentee_progress`: a mentorship active on `at` (this builder the mentor) with a check-in in the
 * `checkin_within_days` days up to `at`, and for at least one such mentee `min_reviews` mentee reviews in
 * the mentorship whose latest score is higher than the first (with `reviews_vouched_by_other`, only
 * reviews someone other than the mentor recorded or confirmed count). No active mentorship → not met.
 */
export function evaluateMenteeProgress(
  id: string,
  rule: RuleOf<'mentee_progress'>,
  scope: EvaluationScope,
): Verdict<MetricResult> {
  const active = scope.input.mentorships.filter(
    (mentorship) => mentorship.mentor === scope.builder && isActiveOn(mentorship, scope.at),
  );
  if (active.length === 0) {
    return verdict(
      id,
      { status: 'not_met', value: 0, threshold: 1, evidence: [] },
      `no active mentee on ${scope.at}: mentee progress needs a mentee assigned to you`,
    );
  }
  // The ladder may ask for reviews the mentor did not vouch for alone (a mentee review's builder is the mentor).
  const vouchedOnly = rule.reviews_vouched_by_other === true;
  const reviewNoun = vouchedOnly ? 'mentee review vouched for by someone other than you' : 'mentee review';
  const reviewNouns = vouchedOnly ? 'mentee reviews vouched for by someone other than you' : 'mentee reviews';
  // "The N days up to at": at itself and the N − 1 days before it.
  const recentFrom = addDays(scope.at, -(rule.checkin_within_days - 1));
  // One pass over the ledger: check-ins and mentee reviews grouped by mentee.
  const byMentee = new Map<string, EvidenceRecord[]>();
  for (const record of scope.standing) {
    if (record.kind !== 'checkin' && record.kind !== 'mentee_review') continue;
    const list = byMentee.get(record.mentee);
    if (list === undefined) byMentee.set(record.mentee, [record]);
    else list.push(record);
  }
  const evidence: string[] = [];
  const partial: string[] = [];
  const needs: string[] = [];
  let progressing = 0;
  for (const mentorship of active) {
    const inMentorship = (record: EvidenceRecord): boolean =>
      record.date >= mentorship.start && record.date <= scope.at;
    const ofMentee = byMentee.get(mentorship.mentee) ?? [];
    const checkins = ofMentee.filter((r) => r.kind === 'checkin' && inMentorship(r) && r.date >= recentFrom);
    const reviews = ofMentee
      .filter(
        (r) => r.kind === 'mentee_review' && inMentorship(r) && (!vouchedOnly || isVouched(r, scope.builder)),
      )
      .sort(byTimeline);
    const first = reviews[0];
    const latest = reviews.at(-1);
    const firstScore = first?.kind === 'mentee_review' ? first.score : undefined;
    const latestScore = latest?.kind === 'mentee_review' ? latest.score : undefined;
    const enoughReviews = reviews.length >= rule.min_reviews;
    const improving = firstScore !== undefined && latestScore !== undefined && latestScore > firstScore;
    // The latest check-in by timeline, whatever order the records came in.
    const recent = checkins.sort(byTimeline).at(-1);
    if (recent !== undefined && enoughReviews && improving) {
      progressing += 1;
      evidence.push(recent.id, ...reviews.map((r) => r.id));
      continue;
    }
    // Not progressing: what was found still shows, unless another mentee meets the rule.
    if (recent !== undefined) partial.push(recent.id);
    partial.push(...reviews.map((r) => r.id));
    const missing: string[] = [];
    if (recent === undefined)
      missing.push(`a check-in in the ${rule.checkin_within_days} days up to ${scope.at}`);
    if (!enoughReviews) {
      const more = rule.min_reviews - reviews.length;
      missing.push(`${more} more ${plural(more, reviewNoun, reviewNouns)}`);
    } else if (!improving) {
      missing.push(`a latest review score above the first (${String(firstScore)} → ${String(latestScore)})`);
    }
    needs.push(`${mentorship.mentee} needs ${missing.join(' and ')}`);
  }
  return verdict(
    id,
    {
      status: progressing > 0 ? 'met' : 'not_met',
      value: progressing,
      threshold: 1,
      evidence: progressing > 0 ? evidence : partial,
    },
    `mentee progress: ${needs.join('; ')}`,
  );
}

/**
 * `client_trust`: client feedback recorded by someone other than the builder, and at most
 * `max_escalations` escalations in the window. Too many escalations → not met (whatever the feedback);
 * too little vouched feedback → insufficient.
 */
export function evaluateClientTrust(
  id: string,
  rule: RuleOf<'client_trust'>,
  scope: EvaluationScope,
): Verdict<MetricResult> {
  const feedback = windowRecords(scope, 'client_feedback').filter((r) => r.recorded_by !== scope.builder);
  const escalations = windowRecords(scope, 'escalation');
  const evidence = [...feedback, ...escalations].map((r) => r.id);
  const threshold = rule.min_feedback;
  if (escalations.length > rule.max_escalations) {
    return verdict(
      id,
      { status: 'not_met', value: feedback.length, threshold, evidence },
      `${escalations.length} ${plural(escalations.length, 'escalation')} since the level began ` +
        `(${idList(escalations.map((r) => r.id))}); client trust allows ${rule.max_escalations}`,
    );
  }
  const missing = rule.min_feedback - feedback.length;
  return verdict(
    id,
    { status: missing <= 0 ? 'met' : 'insufficient', value: feedback.length, threshold, evidence },
    `${missing} more client feedback recorded by someone other than you`,
  );
}

/** Evaluates one ranking-standard metric by its rule kind. */
export function evaluateMetric(metric: MetricDefinition, scope: EvaluationScope): Verdict<MetricResult> {
  const rule = metric.rule;
  switch (rule.kind) {
    case 'evidence_count':
      return evaluateEvidenceCount(metric.id, rule, scope);
    case 'share':
      return evaluateShare(metric.id, rule, scope);
    case 'distinct_citers':
      return evaluateDistinctCiters(metric.id, rule, scope);
    case 'mentee_progress':
      return evaluateMenteeProgress(metric.id, rule, scope);
    case 'client_trust':
      return evaluateClientTrust(metric.id, rule, scope);
  }
}
