import { z } from 'zod';

/**
 * Machine rules a ladder file attaches to metrics and promotion requirements (the contract in AGENTS.md).
 * Each kind is generic and parameterised: the file carries every number, the evaluator only knows kinds.
 */

const positiveInt = z
  .number({ error: 'expected a positive integer' })
  .int('expected a positive integer')
  .positive('expected a positive integer');
const nonNegativeInt = z
  .number({ error: 'expected a whole number ≥ 0' })
  .int('expected a whole number ≥ 0')
  .min(0, 'expected a whole number ≥ 0');
const percent = z
  .number({ error: 'expected a percent between 0 and 100' })
  .min(0, 'expected a percent between 0 and 100')
  .max(100, 'expected a percent between 0 and 100');
const fieldName = z
  .string({ error: 'expected a field name' })
  .regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case field name');

/** The evidence kinds of the ledger that rules may count. */
export const EVIDENCE_KINDS = [
  'decision',
  'feature',
  'retro',
  'adr',
  'code_review',
  'review_citation',
  'mentee_review',
  'checkin',
  'client_feedback',
  'escalation',
  'curriculum',
  'self_evaluation',
  'milestone_assessment',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The fields of each evidence kind that a rule may name (the ledger's snake_case names). */
export const EVIDENCE_FIELDS: Record<EvidenceKind, readonly string[]> = {
  decision: [
    'type',
    'title',
    'recommendation',
    'data',
    'client',
    'client_response',
    'confirmed_by',
    'outcome',
    'significant',
  ],
  feature: ['title', 'client', 'shipped_on', 'analytics_events'],
  retro: ['feature_id', 'hypothesis', 'what_happened', 'what_to_change'],
  adr: ['title', 'status', 'link'],
  code_review: ['link', 'lesson'],
  review_citation: ['review_id'],
  mentee_review: ['mentee', 'score', 'notes'],
  checkin: ['mentee'],
  client_feedback: ['client', 'rating', 'text'],
  escalation: ['client', 'summary'],
  curriculum: ['module_id', 'status'],
  self_evaluation: ['item_id', 'answer', 'evidence_ids'],
  milestone_assessment: ['competency', 'milestone', 'note'],
};

/** One of the ledger's evidence kinds, refused with the list of kinds. */
export const evidenceKindSchema = z.enum(EVIDENCE_KINDS, {
  error: `expected one of: ${EVIDENCE_KINDS.join(', ')}`,
});
const evidenceKind = evidenceKindSchema;

/**
 * Counts the builder's records of one kind in the window that match every filter: `where` (field equals
 * one of the values), `non_empty` (text or list fields with content), `vouched` (recorded or confirmed by
 * someone other than the builder).
 */
export const evidenceCountRule = z.strictObject({
  kind: z.literal('evidence_count'),
  evidence: evidenceKind,
  where: z
    .record(
      fieldName,
      z.array(z.union([z.string(), z.number(), z.boolean()])).min(1, 'expected at least one value'),
    )
    .optional(),
  non_empty: z.array(fieldName).optional(),
  vouched: z.boolean({ error: 'expected true or false' }).optional(),
  min: positiveInt,
});

/**
 * The share of the window's records of a kind whose field is non-empty; no record → insufficient.
 * `seen_within_days` (features' `analytics_events` only, issue 10): a feature counts only when every
 * declared event was also seen by an analytics import within that many days from `shipped_on`.
 */
export const shareRule = z
  .strictObject({
    kind: z.literal('share'),
    evidence: evidenceKind,
    non_empty: fieldName,
    min_percent: percent,
    seen_within_days: positiveInt.optional(),
  })
  .refine(
    (rule) =>
      rule.seen_within_days === undefined ||
      (rule.evidence === 'feature' && rule.non_empty === 'analytics_events'),
    {
      path: ['seen_within_days'],
      message: 'seen_within_days applies to evidence: feature with non_empty: analytics_events',
    },
  );

/** Distinct people other than the builder who cited any of the builder's code reviews. */
export const distinctCitersRule = z.strictObject({
  kind: z.literal('distinct_citers'),
  min: positiveInt,
});

/**
 * An active mentee with a recent check-in and reviews whose latest score beats the first. The mentor
 * records those reviews; `reviews_vouched_by_other: true` counts only reviews someone other than the
 * mentor recorded or confirmed (default false: the mentor's own word, as before issue 14).
 */
export const menteeProgressRule = z.strictObject({
  kind: z.literal('mentee_progress'),
  checkin_within_days: positiveInt,
  min_reviews: positiveInt,
  reviews_vouched_by_other: z.boolean({ error: 'expected true or false' }).optional(),
});

/** Client feedback recorded by someone else, and at most so many escalations. */
export const clientTrustRule = z.strictObject({
  kind: z.literal('client_trust'),
  min_feedback: positiveInt,
  max_escalations: nonNegativeInt,
});

/** Metric rules: what a ranking-standard metric may say. */
export const METRIC_RULE_KINDS = [
  'evidence_count',
  'share',
  'distinct_citers',
  'mentee_progress',
  'client_trust',
] as const;

export const metricRuleSchema = z.discriminatedUnion(
  'kind',
  [evidenceCountRule, shareRule, distinctCitersRule, menteeProgressRule, clientTrustRule],
  { error: `expected kind to be one of: ${METRIC_RULE_KINDS.join(', ')}` },
);
export type MetricRule = z.infer<typeof metricRuleSchema>;

/** Tenure at the level; the months come from the promotion's `min_months_at_level`. */
export const tenureRule = z.strictObject({ kind: z.literal('tenure') });
/** The qualification assessment decided by a panel. */
export const assessmentRule = z.strictObject({ kind: z.literal('assessment') });
/** Mentees whose level rose while the mentorship was active. */
export const menteeAdvancedRule = z.strictObject({ kind: z.literal('mentee_advanced'), min: positiveInt });
/** Placements begun at this level with any of the flags set. */
export const clientRetentionRule = z.strictObject({
  kind: z.literal('client_retention'),
  min: positiveInt,
  flags: z
    .array(z.enum(['extended', 'requested_back'], { error: 'expected extended or requested_back' }))
    .min(1, 'expected at least one flag'),
});

/** Requirement rules: what a promotion requirement may say. */
export const REQUIREMENT_RULE_KINDS = [
  'tenure',
  'assessment',
  'mentee_advanced',
  'client_retention',
] as const;

export const requirementRuleSchema = z.discriminatedUnion(
  'kind',
  [tenureRule, assessmentRule, menteeAdvancedRule, clientRetentionRule],
  { error: `expected kind to be one of: ${REQUIREMENT_RULE_KINDS.join(', ')}` },
);
export type RequirementRule = z.infer<typeof requirementRuleSchema>;
