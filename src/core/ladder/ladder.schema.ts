import { z } from 'zod';
import { pointsSchema } from './points.schema.js';
import { evidenceKindSchema, metricRuleSchema, requirementRuleSchema } from './rule-kinds.js';

/**
 * The shape of a ladder file (the contract in AGENTS.md). Structural checks live here; checks across the
 * document (references, unique ids, one gate among the criteria) live in validate-ladder.ts.
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
const bool = z.boolean({ error: 'expected true or false' });
const isoDate = z
  .string({ error: 'expected a date YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
  }, 'expected a real calendar date YYYY-MM-DD');

/** Whether the organisation has written a level's page; `not_written` levels carry only what others imply. */
export const LEVEL_STATUSES = ['written', 'not_written'] as const;
export type LevelStatus = (typeof LEVEL_STATUSES)[number];

/** How often check-ins happen; the days each means are fixed by the words themselves. */
export const CADENCES = { weekly: 7, biweekly: 14 } as const;
export type Cadence = keyof typeof CADENCES;
const cadence = z.enum(['weekly', 'biweekly'], { error: 'expected weekly or biweekly' });

const describedItem = z.strictObject({ id: id.optional(), name: text, description: text.optional() });

export const curriculumModuleSchema = z.strictObject({ id, name: text, description: text.optional() });

export const curriculumPhaseSchema = z.strictObject({
  id,
  name: text,
  months: z.strictObject({ from: positiveInt, to: positiveInt }),
  modules: z.array(curriculumModuleSchema).min(1, 'expected at least one module'),
});

export const metricSchema = z.strictObject({
  id,
  name: text,
  threshold: text,
  measured_by: text,
  rule: metricRuleSchema,
});

export const requirementSchema = z.strictObject({ id, name: text, rule: requirementRuleSchema });

export const panelCriterionSchema = z.strictObject({
  id,
  name: text,
  description: text,
  gate: bool.optional(),
});

export const panelSchema = z.strictObject({
  size: positiveInt,
  eligibility: z.strictObject({ min_level: levelId, leadership: bool }),
  reveal_panelists: bool,
  criteria: z.array(panelCriterionSchema).min(1, 'expected at least one criterion'),
  scale: z
    .strictObject({
      min: nonNegativeInt,
      max: positiveInt,
      anchors: z.record(z.string().regex(/^\d+$/, 'expected a score as the key'), text).optional(),
    })
    .optional(),
  decision: z.strictObject({
    component_pass: z.enum(['majority', 'unanimous'], { error: 'expected majority or unanimous' }),
    gate_median_min: z.number({ error: 'expected a number' }),
    other_median_min: z.number({ error: 'expected a number' }),
  }),
});

/** Whole months at a level; 0 says "no minimum" out loud (issue 16), as leaving the field out does. */
const months = z
  .number({ error: 'expected a whole number of months (0 or more)' })
  .int('expected a whole number of months (0 or more)')
  .min(0, 'expected a whole number of months (0 or more)');

/** How a promotion is decided: by requirements to meet (the default), or by a panel's judgment alone. */
export const PROMOTION_BASES = ['requirements', 'judgment'] as const;
export type PromotionBasis = (typeof PROMOTION_BASES)[number];

/**
 * Typical time in level: advice shown to the builder, never a gap. A number of months, or a range
 * `{ from, to }` ("2–4 years" = `{ from: 24, to: 48 }`).
 */
export const typicalMonthsSchema = z.union(
  [positiveInt, z.strictObject({ from: positiveInt, to: positiveInt })],
  { error: 'expected a number of months, or a range { from, to } in months' },
);
export type TypicalMonths = z.infer<typeof typicalMonthsSchema>;

/** Something a panel weighs in a judgment, and the evidence kinds that speak to it (shown, never counted). */
export const weighedSchema = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  evidence: z.array(evidenceKindSchema).optional(),
});

export const promotionSchema = z
  .strictObject({
    target_level: levelId,
    min_months_at_level: months.optional(),
    typical_months_at_level: typicalMonthsSchema.optional(),
    decided_by: z
      .enum(PROMOTION_BASES, { error: `expected one of: ${PROMOTION_BASES.join(', ')}` })
      .optional(),
    weighs: z.array(weighedSchema).min(1, 'expected at least one thing the panel weighs').optional(),
    assessment: z.array(z.strictObject({ id, name: text, description: text.optional() })).optional(),
    requirements: z.array(requirementSchema).optional(),
    panel: panelSchema.optional(),
  })
  .superRefine((promotion, ctx) => {
    const typical = promotion.typical_months_at_level;
    if (typeof typical === 'object' && typical.to < typical.from) {
      ctx.addIssue({
        code: 'custom',
        path: ['typical_months_at_level', 'to'],
        message: `expected to ≥ from (${typical.from})`,
      });
    }
    const shortest = typeof typical === 'object' ? typical.from : typical;
    const min = promotion.min_months_at_level;
    if (shortest !== undefined && min !== undefined && shortest < min) {
      ctx.addIssue({
        code: 'custom',
        path: ['typical_months_at_level'],
        message: `typical time in level is shorter than the minimum (min_months_at_level: ${min})`,
      });
    }
    const judged = promotion.decided_by === 'judgment';
    if (judged && promotion.weighs === undefined && (promotion.panel?.criteria ?? []).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['decided_by'],
        message: 'a promotion by judgment needs weighs (or panel criteria): what the panel will weigh',
      });
    }
    if (judged) {
      promotion.requirements?.forEach((requirement, index) => {
        if (requirement.rule.kind === 'tenure') return;
        ctx.addIssue({
          code: 'custom',
          path: ['requirements', index, 'rule', 'kind'],
          message: `a promotion by judgment lists no ${requirement.rule.kind} requirement (only tenure: the minimum time in level)`,
        });
      });
    }
  });

export const referralSchema = z.strictObject({ percent, months: positiveInt });

export const mentorshipSchema = z.strictObject({
  receives: z
    .strictObject({
      mentor_levels: z.array(levelId),
      leadership: bool,
      checkin_cadence: cadence,
      focus: text.optional(),
    })
    .optional(),
  gives: z
    .strictObject({
      slots: nonNegativeInt,
      mentee_levels: z.array(levelId),
      checkin_cadence: cadence,
      focus: text.optional(),
      referral: referralSchema.optional(),
    })
    .optional(),
  notes: z.array(describedItem).optional(),
});

/**
 * Competency areas (issue 16, ADR 0018): the ladder declares its categories, each with its areas; a level
 * says what it expects in each area (with examples), and evidence records may name the areas they speak to.
 * Area ids are unique across the whole ladder, because a record names an area without its category.
 */
export const competencyAreaSchema = z.strictObject({ id, name: text, description: text.optional() });

export const competencyCategorySchema = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  areas: z.array(competencyAreaSchema).min(1, 'expected at least one competency area'),
});

/** What a level expects in one competency area, with examples of what meeting it looks like. */
export const expectationSchema = z.strictObject({
  area: id,
  text,
  examples: z.array(text).min(1, 'expected at least one example').optional(),
});

export const levelSchema = z.strictObject({
  id: levelId,
  title: text,
  track: id,
  status: z.enum(LEVEL_STATUSES, { error: `expected one of: ${LEVEL_STATUSES.join(', ')}` }),
  tagline: text.optional(),
  summary: z.array(text).optional(),
  what_you_do: z.array(describedItem).optional(),
  ai_skills: z.array(describedItem).optional(),
  self_evaluation: z.array(z.strictObject({ id, text })).optional(),
  expectations: z.array(expectationSchema).min(1, 'expected at least one expectation').optional(),
  curriculum: z.array(curriculumPhaseSchema).optional(),
  ranking_standard: z.array(metricSchema).optional(),
  promotion: promotionSchema.optional(),
  mentorship: mentorshipSchema.optional(),
  billing_tier: text.optional(),
  panel_eligible: bool.optional(),
  bridges_to: z.array(id).optional(),
  unlocks: z.array(text).optional(),
});

export const trackSchema = z.strictObject({ id, name: text, levels: z.array(levelId) });

export const ladderSchema = z.strictObject({
  ladder: id,
  name: text,
  version: isoDate,
  organisation: text.optional(),
  competency_categories: z
    .array(competencyCategorySchema)
    .min(1, 'expected at least one competency category')
    .optional(),
  // Points per assessed milestone and bands of total points (ADR 0021).
  points: pointsSchema.optional(),
  tracks: z.array(trackSchema).min(1, 'expected at least one track'),
  levels: z.array(levelSchema).min(1, 'expected at least one level'),
});

export type LadderDocument = z.infer<typeof ladderSchema>;
export type LevelDefinition = z.infer<typeof levelSchema>;
export type TrackDefinition = z.infer<typeof trackSchema>;
export type MetricDefinition = z.infer<typeof metricSchema>;
export type PromotionDefinition = z.infer<typeof promotionSchema>;
export type WeighedDefinition = z.infer<typeof weighedSchema>;
export type MentorshipDefinition = z.infer<typeof mentorshipSchema>;
export type CurriculumPhase = z.infer<typeof curriculumPhaseSchema>;
export type CompetencyCategory = z.infer<typeof competencyCategorySchema>;
export type CompetencyArea = z.infer<typeof competencyAreaSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
