import type { EvidenceRecord } from '../evidence/evidence.schema.js';
import type { EvidenceKind, MetricRule } from '../ladder/rule-kinds.js';
import type { MetricResult, MetricStatus, Verdict } from './evaluation.types.js';
import { fieldOf, isNonEmpty, isVouched } from './ledger-scope.js';
import { idList, joinOr, kindNoun, plural, words } from './plain-words.js';

/**
 * Per-rule contributions (issue 15, ADR 0017). The rules whose verdict reads only one builder's own
 * records and nothing that crosses builders — `evidence_count`, `share` without `seen_within_days`,
 * `distinct_citers`, `client_trust` — are judged in two steps:
 * - **select**: each record of the builder becomes at most one contribution row (what it contributes to
 *   the rule at any date: its date, the date from which a correction supersedes it, a tag, a flag, the
 *   date of what it refers to). Selection reads no date: the same rows answer every `at`.
 * - **judge**: the rows standing on `at` inside the window (levelSince … at), in ledger order, give the
 *   verdict — value, status, evidence ids and gap texts.
 * The full evaluation (metric-evaluators.ts) is select∘judge over the scope's window records, so there
 * is one judgment; the maintained path stores the rows and judges them at any date.
 */

type RuleOf<K extends MetricRule['kind']> = Extract<MetricRule, { kind: K }>;

/** A rule whose judgment only needs the builder's own contribution rows. */
export type ContributedRule =
  | Extract<MetricRule, { kind: 'evidence_count' | 'distinct_citers' | 'client_trust' }>
  | (Extract<MetricRule, { kind: 'share' }> & { seen_within_days?: undefined });

/** True for the rule kinds judged from contribution rows (share only without `seen_within_days`). */
export function isContributedRule(rule: MetricRule): rule is ContributedRule {
  switch (rule.kind) {
    case 'evidence_count':
    case 'distinct_citers':
    case 'client_trust':
      return true;
    case 'share':
      return rule.seen_within_days === undefined;
    case 'mentee_progress':
      return false;
  }
}

/**
 * What one record contributes to one rule. The record stands on `at` when `date <= at` and
 * (`supersededOn` is null or after `at`): exactly `recordsInEffect` (core/evidence/supersede.ts).
 */
export interface ContributionRow {
  record: string;
  date: string;
  /** The earliest date of a correction of the record (direct or down its chain), or null. */
  supersededOn: string | null;
  /** `client_trust`: `feedback` or `escalation`; `distinct_citers`: the citer. Else null. */
  tag: string | null;
  /** `share`: the record has the rule's field non-empty. Else false. */
  flag: boolean;
  /** `distinct_citers`: the cited code review's date (the citation counts once it is on or before `at`). */
  extraDate: string | null;
}

/** The evidence kinds a contributed rule selects from (and, for citations, looks reviews up among). */
export function contributionKinds(rule: ContributedRule): EvidenceKind[] {
  switch (rule.kind) {
    case 'evidence_count':
    case 'share':
      return [rule.evidence];
    case 'distinct_citers':
      return ['review_citation'];
    case 'client_trust':
      return ['client_feedback', 'escalation'];
  }
}

/** The rule's parameters as canonical JSON (keys sorted): equal rules in two ladder versions give equal text. */
export function canonicalRule(rule: ContributedRule): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
    }
    return value;
  };
  return JSON.stringify(canonical(rule));
}

/** Where selection finds what a record refers to, and when a record stops standing. */
export interface SelectionContext {
  builder: string;
  /** Any record of the builder by id, standing or not (a citation names a review). */
  recordById: (id: string) => EvidenceRecord | undefined;
  /** The earliest date a correction supersedes the record, or null while nothing corrects it. */
  supersededOn: (record: EvidenceRecord) => string | null;
}

/**
 * The contribution rows of `records` (the builder's, in ledger order) to `rule`: records that can never
 * count for it (another kind, a filter it fails, feedback by the builder, a citation of no review of
 * theirs) contribute none. Keeps the records' order.
 */
export function selectContributions(
  rule: ContributedRule,
  records: readonly EvidenceRecord[],
  context: SelectionContext,
): ContributionRow[] {
  const rows: ContributionRow[] = [];
  const add = (record: EvidenceRecord, part: Partial<ContributionRow> = {}): void => {
    rows.push({
      record: record.id,
      date: record.date,
      supersededOn: context.supersededOn(record),
      tag: part.tag ?? null,
      flag: part.flag ?? false,
      extraDate: part.extraDate ?? null,
    });
  };
  for (const record of records) {
    if (record.builder !== context.builder) continue;
    switch (rule.kind) {
      case 'evidence_count':
        if (record.kind === rule.evidence && matchesCountRule(rule, record, context.builder)) add(record);
        break;
      case 'share':
        if (record.kind === rule.evidence) add(record, { flag: isNonEmpty(fieldOf(record, rule.non_empty)) });
        break;
      case 'distinct_citers': {
        if (record.kind !== 'review_citation' || record.recorded_by === context.builder) break;
        // The cited review may predate the window or have been corrected since: it only has to be the
        // builder's code review, dated on or before `at` (the judge compares that date).
        const review = context.recordById(record.review_id);
        if (review?.kind !== 'code_review' || review.builder !== context.builder) break;
        add(record, { tag: record.recorded_by, extraDate: review.date });
        break;
      }
      case 'client_trust':
        if (record.kind === 'client_feedback' && record.recorded_by !== context.builder)
          add(record, { tag: 'feedback' });
        else if (record.kind === 'escalation') add(record, { tag: 'escalation' });
        break;
    }
  }
  return rows;
}

/** The rows standing on `at` and dated inside the window (levelSince … at), in their order. */
export function rowsInWindow(
  rows: readonly ContributionRow[],
  at: string,
  levelSince: string,
): ContributionRow[] {
  return rows.filter(
    (row) => row.date >= levelSince && row.date <= at && (row.supersededOn === null || row.supersededOn > at),
  );
}

/** A metric's verdict: the gap is kept only while the metric is not met. */
export function verdictOf(
  id: string,
  outcome: Omit<MetricResult, 'id'>,
  gap: string | undefined,
): Verdict<MetricResult> {
  const result: MetricResult = { id, ...outcome };
  return outcome.status === 'met' || gap === undefined ? { result } : { result, gap };
}

/** A `share` with no record in the window (with or without `seen_within_days`): insufficient. */
export function noShareRecordsVerdict(
  id: string,
  rule: RuleOf<'share'>,
  evidence: readonly { id: string }[] | readonly string[],
  levelSince: string,
): Verdict<MetricResult> {
  return verdictOf(
    id,
    {
      status: 'insufficient',
      value: null,
      threshold: rule.min_percent,
      evidence: evidence.map((e) => (typeof e === 'string' ? e : e.id)),
    },
    `no ${kindNoun(rule.evidence, 0)} recorded since the level began (${levelSince}): ` +
      `the share of ${kindNoun(rule.evidence, 2)} with ${words(rule.non_empty)} needs at least one`,
  );
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

/**
 * The verdict of metric `id` on `at`, for a builder at a level held since `levelSince`, from the rule's
 * contribution rows (any rows: those not standing inside the window are left out here).
 */
export function judgeContributions(
  id: string,
  rule: ContributedRule,
  allRows: readonly ContributionRow[],
  at: string,
  levelSince: string,
): Verdict<MetricResult> {
  const rows = rowsInWindow(allRows, at, levelSince);
  switch (rule.kind) {
    case 'evidence_count': {
      const missing = rule.min - rows.length;
      const status: MetricStatus = missing <= 0 ? 'met' : 'not_met';
      return verdictOf(
        id,
        { status, value: rows.length, threshold: rule.min, evidence: rows.map((r) => r.record) },
        `${missing} more ${describeCountRule(rule, missing)}`,
      );
    }
    case 'share': {
      const evidence = rows.map((r) => r.record);
      if (rows.length === 0) return noShareRecordsVerdict(id, rule, evidence, levelSince);
      const without = rows.filter((row) => !row.flag);
      const withField = rows.length - without.length;
      // Integer comparison: 99.5 % must not round up into a met 100 %.
      const met = withField * 100 >= rule.min_percent * rows.length;
      const percent = Math.floor((withField * 10_000) / rows.length) / 100;
      return verdictOf(
        id,
        { status: met ? 'met' : 'not_met', value: percent, threshold: rule.min_percent, evidence },
        `${without.length} of ${rows.length} ${kindNoun(rule.evidence, rows.length)} without ` +
          `${words(rule.non_empty)} (${idList(without.map((r) => r.record))}): ${percent}% have them, ` +
          `${rule.min_percent}% needed`,
      );
    }
    case 'distinct_citers': {
      const citers = new Set<string>();
      const counted: string[] = [];
      for (const row of rows) {
        if (row.tag === null || row.extraDate === null || row.extraDate > at) continue;
        citers.add(row.tag);
        counted.push(row.record);
      }
      const missing = rule.min - citers.size;
      return verdictOf(
        id,
        {
          status: missing <= 0 ? 'met' : 'not_met',
          value: citers.size,
          threshold: rule.min,
          evidence: counted,
        },
        `${missing} more ${plural(missing, 'person', 'people')} other than you citing one of your code reviews as helpful`,
      );
    }
    case 'client_trust': {
      const feedback = rows.filter((row) => row.tag === 'feedback');
      const escalations = rows.filter((row) => row.tag === 'escalation');
      const evidence = [...feedback, ...escalations].map((r) => r.record);
      const threshold = rule.min_feedback;
      if (escalations.length > rule.max_escalations) {
        return verdictOf(
          id,
          { status: 'not_met', value: feedback.length, threshold, evidence },
          `${escalations.length} ${plural(escalations.length, 'escalation')} since the level began ` +
            `(${idList(escalations.map((r) => r.record))}); client trust allows ${rule.max_escalations}`,
        );
      }
      const missing = rule.min_feedback - feedback.length;
      return verdictOf(
        id,
        { status: missing <= 0 ? 'met' : 'insufficient', value: feedback.length, threshold, evidence },
        `${missing} more client feedback recorded by someone other than you`,
      );
    }
  }
}
