import { z } from 'zod';

/**
 * Machine rules a ladder file attaches to metrics and promotion requirements. Each kind is generic and
 * parameterised: the file carries every number, the evaluator (core/metrics) only knows the kinds.
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
const identifier = z
  .string({ error: 'expected an identifier' })
  .regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case identifier');

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
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** The fields of each evidence kind that a rule's filter may name (the ledger's snake_case names). */
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
};

const evidenceKind = z.enum(EVIDENCE_KINDS, {
  error: `expected one of: ${EVIDENCE_KINDS.join(', ')}`,
});

/**
 * Which records of one kind count. `fields` keeps records whose field equals one of the listed values;
 * `non_empty` keeps records whose listed fields are non-empty text or non-empty lists; `vouched` keeps
 * only records recorded or confirmed by someone other than the builder.
 */
export const evidenceFilterSchema = z.strictObject({
  fields: z
    .record(
      identifier,
      z.array(z.union([z.string(), z.number(), z.boolean()])).min(1, 'expected at least one value'),
    )
    .optional(),
  non_empty: z.array(identifier).optional(),
  vouched: z.boolean({ error: 'expected true or false' }).optional(),
});
export type EvidenceFilter = z.infer<typeof evidenceFilterSchema>;

export const evidenceCountRule = z.strictObject({
  kind: z.literal('evidence_count'),
  evidence: evidenceKind,
  where: evidenceFilterSchema.optional(),
  at_least: positiveInt,
});

export const evidenceShareRule = z.strictObject({
  kind: z.literal('evidence_share'),
  evidence: evidenceKind,
  /** The records that form the denominator. */
  of: evidenceFilterSchema.optional(),
  /** Among those, the ones that satisfy the metric. */
  counted: evidenceFilterSchema,
  at_least_percent: percent,
  /** What an empty denominator means: nothing to judge yet, or a plain failure. */
  when_none: z.enum(['insufficient', 'not_met'], { error: 'expected insufficient or not_met' }),
});

export const distinctVouchersRule = z.strictObject({
  kind: z.literal('distinct_vouchers'),
  /** The kind whose recorder vouches (a review citation is recorded by the citer). */
  evidence: evidenceKind,
  at_least: positiveInt,
});

export const menteeProgressRule = z.strictObject({
  kind: z.literal('mentee_progress'),
  checkin_within_days: positiveInt,
  min_reviews: positiveInt,
  mentees_at_least: positiveInt,
});

export const feedbackWithoutEscalationRule = z.strictObject({
  kind: z.literal('feedback_without_escalation'),
  feedback_at_least: positiveInt,
  escalations_at_most: nonNegativeInt,
});

export const tenureRule = z.strictObject({
  kind: z.literal('tenure'),
  months: positiveInt,
});

export const menteesAdvancedRule = z.strictObject({
  kind: z.literal('mentees_advanced'),
  at_least: positiveInt,
});

export const clientRetentionRule = z.strictObject({
  kind: z.literal('client_retention'),
  /** A placement counts when any of these flags is set. */
  flags: z
    .array(z.enum(['extended', 'requested_back'], { error: 'expected extended or requested_back' }))
    .min(1, 'expected at least one flag'),
  at_least: positiveInt,
});

export const assessmentPassedRule = z.strictObject({
  kind: z.literal('assessment_passed'),
});

/** A requirement people judge and record by hand; the software only shows it. */
export const manualRule = z.strictObject({
  kind: z.literal('manual'),
});

export const RULE_KINDS = [
  'evidence_count',
  'evidence_share',
  'distinct_vouchers',
  'mentee_progress',
  'feedback_without_escalation',
  'tenure',
  'mentees_advanced',
  'client_retention',
  'assessment_passed',
  'manual',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const ruleSchema = z.discriminatedUnion(
  'kind',
  [
    evidenceCountRule,
    evidenceShareRule,
    distinctVouchersRule,
    menteeProgressRule,
    feedbackWithoutEscalationRule,
    tenureRule,
    menteesAdvancedRule,
    clientRetentionRule,
    assessmentPassedRule,
    manualRule,
  ],
  { error: `expected kind to be one of: ${RULE_KINDS.join(', ')}` },
);
export type Rule = z.infer<typeof ruleSchema>;
