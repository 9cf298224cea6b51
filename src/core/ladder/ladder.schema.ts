import { z } from 'zod';
import { ruleSchema } from './rule-kinds.js';

/**
 * The shape of a ladder file. Structural checks live here; checks across the document (references,
 * unique ids, the gate among the criteria) live in validate-ladder.ts so they can name both ends.
 */

const text = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text');
const id = z
  .string({ error: 'expected an id' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id (a-z, 0-9, -)');
const levelId = z
  .string({ error: 'expected a level id' })
  .regex(/^[A-Z][A-Za-z0-9+-]*$/, 'expected a level id such as L4');
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
const isoDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'expected a real calendar date YYYY-MM-DD');

/** How much of a level the organisation has written down. */
export const LEVEL_STATUSES = ['written', 'partial', 'not_written'] as const;

const namedItem = z.strictObject({ id, name: text, description: text.optional() });

export const curriculumModuleSchema = z.strictObject({ id, name: text, description: text.optional() });

export const curriculumPhaseSchema = z
  .strictObject({
    id,
    name: text,
    from_month: positiveInt,
    to_month: positiveInt,
    modules: z.array(curriculumModuleSchema).min(1, 'expected at least one module'),
  })
  .refine((phase) => phase.to_month >= phase.from_month, {
    message: 'expected to_month ≥ from_month',
    path: ['to_month'],
  });

export const metricSchema = z.strictObject({
  id,
  name: text,
  threshold: text,
  measured_by: text,
  rule: ruleSchema,
});

export const requirementSchema = z.strictObject({ id, text, rule: ruleSchema });

export const panelCriterionSchema = z.strictObject({ id, name: text, question: text });

export const panelSchema = z.strictObject({
  criteria: z.array(panelCriterionSchema).min(1, 'expected at least one criterion'),
  gate_criterion: id,
  size: positiveInt,
  eligibility: z.strictObject({
    min_level: levelId,
    leadership: z.boolean({ error: 'expected true or false' }),
  }),
  scale: z.strictObject({
    min: nonNegativeInt,
    max: positiveInt,
    anchors: z.record(z.string().regex(/^\d+$/, 'expected a score as the key'), text),
  }),
  decision: z.strictObject({
    /** A component passes when more than this share of panelists pass it. */
    component_pass_share_above_percent: percent,
    gate_median_at_least: z.number({ error: 'expected a number' }),
    others_median_at_least: z.number({ error: 'expected a number' }),
  }),
  reveal_panelist_identities: z.boolean({ error: 'expected true or false' }),
});

export const promotionSchema = z.strictObject({
  target_level: levelId,
  min_months_at_level: positiveInt.optional(),
  assessment: z
    .strictObject({
      name: text,
      components: z.array(namedItem).min(1, 'expected at least one component'),
    })
    .optional(),
  other_requirements: z.array(requirementSchema).optional(),
  panel: panelSchema.optional(),
});

export const referralSchema = z.strictObject({
  percent,
  months: positiveInt,
});

export const mentorshipSchema = z.strictObject({
  receives: z
    .strictObject({
      mentor_levels: z.array(levelId),
      leadership: z.boolean({ error: 'expected true or false' }),
      checkin_every_days: positiveInt,
      cadence_label: text,
      focus: text.optional(),
      takes_slot: z.boolean({ error: 'expected true or false' }),
      referral: referralSchema.optional(),
    })
    .optional(),
  gives: z
    .strictObject({
      slots: nonNegativeInt,
      mentee_levels: z.array(levelId),
      checkin_every_days: positiveInt,
      cadence_label: text,
      focus: text.optional(),
      referral: referralSchema.optional(),
    })
    .optional(),
  notes: z.array(namedItem).optional(),
});

export const levelSchema = z.strictObject({
  id: levelId,
  track: id,
  rank: positiveInt,
  title: text,
  status: z.enum(LEVEL_STATUSES, { error: `expected one of: ${LEVEL_STATUSES.join(', ')}` }),
  tagline: text.optional(),
  summary: z.array(text).optional(),
  what_you_do: z.array(namedItem).optional(),
  ai_skills: z.array(namedItem).optional(),
  self_evaluation: z.array(z.strictObject({ id, text })).optional(),
  curriculum: z.array(curriculumPhaseSchema).optional(),
  ranking_standard: z.array(metricSchema).optional(),
  promotion: promotionSchema.optional(),
  mentorship: mentorshipSchema.optional(),
  billing_tier: text.optional(),
  panel_eligible: z.boolean({ error: 'expected true or false' }).optional(),
  bridges_to: z.array(id).optional(),
  unlocks: z
    .strictObject({
      heading: text,
      items: z.array(namedItem).min(1, 'expected at least one item'),
    })
    .optional(),
});

export const trackSchema = z.strictObject({
  id,
  name: text,
  status: z.enum(LEVEL_STATUSES, { error: `expected one of: ${LEVEL_STATUSES.join(', ')}` }),
});

export const ladderSchema = z.strictObject({
  ladder: id,
  name: text,
  version: isoDate,
  organisation: text.optional(),
  tracks: z.array(trackSchema).min(1, 'expected at least one track'),
  levels: z.array(levelSchema).min(1, 'expected at least one level'),
});

export type Ladder = z.infer<typeof ladderSchema>;
export type Level = z.infer<typeof levelSchema>;
export type Track = z.infer<typeof trackSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Promotion = z.infer<typeof promotionSchema>;
export type Mentorship = z.infer<typeof mentorshipSchema>;
export type CurriculumPhase = z.infer<typeof curriculumPhaseSchema>;
export type LevelStatus = (typeof LEVEL_STATUSES)[number];
