import { z } from 'zod';
import { DATE_RANGE_MESSAGE, isoDateSchema, isSupportedIsoDate, withSafeText } from '../input/safe-input.js';

/**
 * The evidence ledger's record shapes (issue 4). A record is flat: the common fields plus its kind's
 * fields, all snake_case, exactly as one line of `evidence.ndjson`. The database keeps the kind fields
 * in one jsonb column; everything above the repository sees this flat shape, so a ladder rule's
 * `where: { client_response: [...] }` reads `record.client_response` directly.
 *
 * Text fields may be empty strings (a decision whose data is not yet known); references never are.
 */

// One definition of a date for the API, the CLI and the importer: real, and in the years 1900–9999.
export { isoDateSchema };

/** An instant with its offset, e.g. `2026-02-01T09:30:00.000Z`; stored as timestamptz. */
export const isoInstantSchema = z.iso
  .datetime({
    offset: true,
    error: 'expected an ISO date-time with offset',
  })
  // The same years as a date (PostgreSQL has no year 0000).
  .refine((value) => isSupportedIsoDate(value.slice(0, 10)), DATE_RANGE_MESSAGE);

/** People and builders are keyed by email; stored lower-case so `Rosa@x` and `rosa@x` are one person. */
export const emailSchema = z
  .string({ error: 'expected an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'expected an email address' }));

/** Ids of records, clients and placements: no spaces, safe in URLs and CSV. */
export const recordIdSchema = z
  .string({ error: 'expected an id' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'expected an id of letters, digits, . _ : - (max 128)');

const text = withSafeText(
  z.string({ error: 'expected text (may be empty)' }).max(20_000, 'expected at most 20000 characters'),
);
const reference = recordIdSchema;
const score = z
  .number({ error: 'expected a whole number 1–5' })
  .int('expected a whole number 1–5')
  .min(1, 'expected a whole number 1–5')
  .max(5, 'expected a whole number 1–5');

/** Empty string or null in a file both mean "not given" for optional references. */
const optionalEmail = z
  .union([z.literal(''), z.null(), emailSchema], { error: 'expected an email address or nothing' })
  .optional()
  .transform((value) => (value === '' || value === undefined ? null : value));
const optionalReference = z
  .union([z.literal(''), z.null(), reference], { error: 'expected a record id or nothing' })
  .optional()
  .transform((value) => (value === '' || value === undefined ? null : value));

/** Every evidence kind, in the order the issue lists them. */
export const EVIDENCE_KIND_VALUES = [
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
export type EvidenceKindName = (typeof EVIDENCE_KIND_VALUES)[number];

export const DECISION_TYPES = ['scope_change', 'feature_proposal', 'kill', 'descope'] as const;
export const CLIENT_RESPONSES = ['adopted', 'rejected', 'pending'] as const;
export const ADR_STATUSES = ['proposed', 'accepted', 'rejected', 'deprecated', 'superseded'] as const;
export const CURRICULUM_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export const SELF_EVALUATION_ANSWERS = ['yes', 'partly', 'no'] as const;

const enumOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of: ${values.join(', ')}` });

/**
 * The competency areas a record speaks to (issue 16, ADR 0018): ids of areas the ladder in force declares,
 * each once. Optional on every kind; a record without it is stored and exported exactly as before.
 */
export const competencyIdsSchema = z
  .array(
    z
      .string({ error: 'expected a competency area id' })
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a competency area id (a-z, 0-9, -)')
      .max(128, 'expected a competency area id of at most 128 characters'),
    { error: 'expected a list of competency area ids' },
  )
  .max(50, 'expected at most 50 competency areas')
  .superRefine((ids, ctx) => {
    ids.forEach((id, index) => {
      const first = ids.indexOf(id);
      if (first !== index)
        ctx.addIssue({
          code: 'custom',
          path: [index],
          message: `duplicate competency area ${id} (first at index ${first})`,
        });
    });
  });

/** A competency area id, as a ladder declares it. */
const areaId = z
  .string({ error: 'expected a competency area id' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a competency area id (a-z, 0-9, -)')
  .max(128, 'expected a competency area id of at most 128 characters');

/** Fields every record has, as given by a person or a file (the system fills recorded_at when absent). */
const commonInputShape = {
  id: recordIdSchema,
  builder: emailSchema,
  date: isoDateSchema,
  recorded_by: emailSchema,
  recorded_at: isoInstantSchema.optional(),
  confirmed_by: optionalEmail,
  supersedes: optionalReference,
  competencies: competencyIdsSchema.optional(),
};

/** The fields of each kind (besides the common ones). Keys are the names a ladder rule may use. */
export const evidenceKindFields = {
  decision: {
    type: enumOf(DECISION_TYPES),
    title: text,
    recommendation: text,
    data: text,
    client: reference,
    client_response: enumOf(CLIENT_RESPONSES),
    outcome: text,
    significant: z.boolean({ error: 'expected true or false' }),
  },
  feature: {
    title: text,
    client: reference,
    shipped_on: isoDateSchema,
    analytics_events: z.array(
      withSafeText(z.string({ error: 'expected an event name' }).min(1, 'expected an event name')),
      {
        error: 'expected a list of event names',
      },
    ),
  },
  retro: { feature_id: reference, hypothesis: text, what_happened: text, what_to_change: text },
  adr: { title: text, status: enumOf(ADR_STATUSES), link: text },
  code_review: { link: text, lesson: text },
  review_citation: { review_id: reference },
  mentee_review: { mentee: emailSchema, score, notes: text },
  checkin: { mentee: emailSchema },
  client_feedback: { client: reference, rating: score, text },
  escalation: { client: reference, summary: text },
  curriculum: { module_id: recordIdSchema, status: enumOf(CURRICULUM_STATUSES) },
  self_evaluation: {
    item_id: recordIdSchema,
    answer: enumOf(SELF_EVALUATION_ANSWERS),
    evidence_ids: z.array(reference, { error: 'expected a list of record ids' }),
  },
  // Points and bands (ADR 0021): the assessor is recorded_by (or confirmed_by), so no field of its own.
  milestone_assessment: {
    competency: areaId,
    milestone: z
      .number({ error: 'expected a milestone number (1, 2, …)' })
      .int('expected a milestone number (1, 2, …)')
      .min(1, 'expected a milestone number (1, 2, …)')
      .max(100, 'expected a milestone number (1, 2, …)'),
    note: text,
  },
} as const satisfies Record<EvidenceKindName, z.ZodRawShape>;

const inputOf = <K extends EvidenceKindName>(kind: K) =>
  z.strictObject({ ...commonInputShape, kind: z.literal(kind), ...evidenceKindFields[kind] });

/** One record as a file line or an API body: validated shape, before references are checked. */
export const evidenceInputSchema = z.discriminatedUnion('kind', [
  inputOf('decision'),
  inputOf('feature'),
  inputOf('retro'),
  inputOf('adr'),
  inputOf('code_review'),
  inputOf('review_citation'),
  inputOf('mentee_review'),
  inputOf('checkin'),
  inputOf('client_feedback'),
  inputOf('escalation'),
  inputOf('curriculum'),
  inputOf('self_evaluation'),
  inputOf('milestone_assessment'),
]);
export type EvidenceInput = z.output<typeof evidenceInputSchema>;

/** Common fields of a stored record: recorded_at is always set; absent optionals are null. */
export interface EvidenceCommon {
  id: string;
  builder: string;
  date: string;
  recorded_by: string;
  /** When the record entered the ledger (ISO instant, UTC). */
  recorded_at: string;
  confirmed_by: string | null;
  supersedes: string | null;
  /** Competency area ids the record speaks to; absent when none were given (kept in the kind fields' JSON). */
  competencies?: string[];
}

type FieldsOf<K extends EvidenceKindName> = z.output<z.ZodObject<(typeof evidenceKindFields)[K]>>;

/** A stored record of kind K: common fields + that kind's fields. */
export type EvidenceOf<K extends EvidenceKindName> = EvidenceCommon & { kind: K } & FieldsOf<K>;

export type DecisionEvidence = EvidenceOf<'decision'>;
export type FeatureEvidence = EvidenceOf<'feature'>;
export type RetroEvidence = EvidenceOf<'retro'>;
export type AdrEvidence = EvidenceOf<'adr'>;
export type CodeReviewEvidence = EvidenceOf<'code_review'>;
export type ReviewCitationEvidence = EvidenceOf<'review_citation'>;
export type MenteeReviewEvidence = EvidenceOf<'mentee_review'>;
export type CheckinEvidence = EvidenceOf<'checkin'>;
export type ClientFeedbackEvidence = EvidenceOf<'client_feedback'>;
export type EscalationEvidence = EvidenceOf<'escalation'>;
export type CurriculumEvidence = EvidenceOf<'curriculum'>;
export type SelfEvaluationEvidence = EvidenceOf<'self_evaluation'>;
export type MilestoneAssessmentEvidence = EvidenceOf<'milestone_assessment'>;

/** A stored ledger record: the discriminated union over `kind`. */
export type EvidenceRecord =
  | DecisionEvidence
  | FeatureEvidence
  | RetroEvidence
  | AdrEvidence
  | CodeReviewEvidence
  | ReviewCitationEvidence
  | MenteeReviewEvidence
  | CheckinEvidence
  | ClientFeedbackEvidence
  | EscalationEvidence
  | CurriculumEvidence
  | SelfEvaluationEvidence
  | MilestoneAssessmentEvidence;

/** The kind fields of a record (what the database keeps in its jsonb `fields` column). */
export type EvidenceFields = Omit<EvidenceRecord, keyof EvidenceCommon | 'kind'>;

/** Names of the common fields, in file order; everything else on a record is a kind field. */
export const EVIDENCE_COMMON_FIELDS = [
  'id',
  'kind',
  'builder',
  'date',
  'recorded_by',
  'recorded_at',
  'confirmed_by',
  'supersedes',
] as const;

/** True when `value` names an evidence kind. */
export function isEvidenceKind(value: unknown): value is EvidenceKindName {
  return typeof value === 'string' && (EVIDENCE_KIND_VALUES as readonly string[]).includes(value);
}

/** The kind-field names of a kind, in declaration order (used to export records field by field). */
export function kindFieldNames(kind: EvidenceKindName): string[] {
  return Object.keys(evidenceKindFields[kind]);
}

const apiBodyOf = <K extends EvidenceKindName>(kind: K) =>
  z.strictObject({
    ...commonInputShape,
    id: recordIdSchema.optional(),
    recorded_by: emailSchema.optional(),
    recorded_at: z.never({ error: 'recorded_at is set by the system' }).optional(),
    kind: z.literal(kind),
    ...evidenceKindFields[kind],
  });

/**
 * A record as the API accepts it: like a file line, but `id` is generated when absent, `recorded_by`
 * defaults to the caller, and `recorded_at` is always the system's.
 */
export const evidenceApiBodySchema = z.discriminatedUnion('kind', [
  apiBodyOf('decision'),
  apiBodyOf('feature'),
  apiBodyOf('retro'),
  apiBodyOf('adr'),
  apiBodyOf('code_review'),
  apiBodyOf('review_citation'),
  apiBodyOf('mentee_review'),
  apiBodyOf('checkin'),
  apiBodyOf('client_feedback'),
  apiBodyOf('escalation'),
  apiBodyOf('curriculum'),
  apiBodyOf('self_evaluation'),
  apiBodyOf('milestone_assessment'),
]);

const commonOutputShape = {
  id: z.string(),
  builder: z.string(),
  date: z.string(),
  recorded_by: z.string(),
  recorded_at: z.string(),
  confirmed_by: z.string().nullable(),
  supersedes: z.string().nullable(),
  competencies: z.array(z.string()).optional(),
};
const outputOf = <K extends EvidenceKindName>(kind: K) =>
  z.object({ ...commonOutputShape, kind: z.literal(kind), ...evidenceKindFields[kind] });

/** A stored record as the API returns it (for response validation and the OpenAPI document). */
export const evidenceRecordSchema = z.discriminatedUnion('kind', [
  outputOf('decision'),
  outputOf('feature'),
  outputOf('retro'),
  outputOf('adr'),
  outputOf('code_review'),
  outputOf('review_citation'),
  outputOf('mentee_review'),
  outputOf('checkin'),
  outputOf('client_feedback'),
  outputOf('escalation'),
  outputOf('curriculum'),
  outputOf('self_evaluation'),
  outputOf('milestone_assessment'),
]);
