import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import type { MetricDefinition } from '../ladder/ladder.schema.js';
import type { MetricRule } from '../ladder/rule-kinds.js';
import { isActiveOn } from '../roster/roster.types.js';
import { addDays } from '../dates/calendar.js';
import {
  contributionKinds,
  judgeContributions,
  noShareRecordsVerdict,
  selectContributions,
  verdictOf,
  type ContributedRule,
} from './contributions.js';
import type { FeatureInstrumentation, MetricResult, Verdict } from './evaluation.types.js';
import { byTimeline, isVouched, windowRecords, type EvaluationScope } from './ledger-scope.js';
import { kindNoun, plural } from './plain-words.js';

/**
 * One evaluator per metric rule kind. Each reads only the scope (the builder's ledger as it stood on
 * `at`, the window of the current level) and the rule's parameters from the ladder file.
 */

type RuleOf<K extends MetricRule['kind']> = Extract<MetricRule, { kind: K }>;

/** `evidence_count`: the window's records of a kind matching every filter; met at `min`. */
export function evaluateEvidenceCount(
  id: string,
  rule: RuleOf<'evidence_count'>,
  scope: EvaluationScope,
): Verdict<MetricResult> {
  return judgeInScope(id, rule, scope);
}

// The one judgment of a contributed rule (contributions.ts): the window's records as rows, judged.
function judgeInScope(id: string, rule: ContributedRule, scope: EvaluationScope): Verdict<MetricResult> {
  // Client trust reads two kinds: the judge splits its rows by tag, so each kind keeps its own order.
  const kinds = contributionKinds(rule);
  const [only] = kinds;
  const records =
    kinds.length === 1 && only !== undefined
      ? windowRecords(scope, only)
      : kinds.flatMap((kind) => windowRecords(scope, kind));
  const rows = selectContributions(rule, records, {
    builder: scope.builder,
    recordById: scope.recordById,
    // Window records stand on `at` by construction.
    supersededOn: () => null,
  });
  return judgeContributions(id, rule, rows, scope.at, scope.levelSince);
}

/** `share`: percent of the window's records of a kind whose field is non-empty; none → insufficient. */
export function evaluateShare(
  id: string,
  rule: RuleOf<'share'>,
  scope: EvaluationScope,
): Verdict<MetricResult> {
  const withinDays = rule.seen_within_days;
  if (withinDays === undefined) return judgeInScope(id, { ...rule, seen_within_days: undefined }, scope);
  const records = windowRecords(scope, rule.evidence);
  if (records.length === 0) return noShareRecordsVerdict(id, rule, records, scope.levelSince);
  return evaluateSeenShare(id, rule, withinDays, scope, records);
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
    return verdictOf(
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
  return verdictOf(
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
  return judgeInScope(id, rule, scope);
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
    return verdictOf(
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
  return verdictOf(
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
  return judgeInScope(id, rule, scope);
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
