import { z } from 'zod';
import { choicesSchema } from './choices.js';
import { localeSchema } from './ladder-locale.js';
import { pointsSchema } from './points.schema.js';
import { evidenceKindSchema, metricRuleSchema, requirementRuleSchema } from './rule-kinds.js';
import { levelContentSchema, sectionsSchema } from './sections.schema.js';

/**
 * The shape of a ladder file (the contract in AGENTS.md). Structural checks live here; checks across the
 * document (references, unique ids, one gate among the criteria) live in validate-ladder.ts.
 */

const text = z.string({ error: 'expected text' }).trim().min(1, 'expected non-empty text');
const id = z
  .string({ error: 'expected an id' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id (a-z, 0-9, -)');
/**
 * A level id as the roster stores it and URLs and CSV carry it: letters (any case), digits and `. _ + -`,
 * starting with a letter or digit (`L4`, `IC3`, `ic3`, `1`, `1.1`). No spaces, slashes or commas: `/`
 * joins a track and a level in a qualified reference (ADR 0020); what people read is the level's `label`.
 */
export const LEVEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const LEVEL_ID_WORDS = 'letters, digits and . _ + -, starting with a letter or digit';
// YAML reads `1` and `1.1` as numbers (and `1.10` as 1.1): such an id has to be quoted to stay itself.
const levelIdError = (issue: { input?: unknown }): string =>
  typeof issue.input === 'number'
    ? `expected a level id as text: write "${String(issue.input)}" in quotes (YAML reads it as a number)`
    : 'expected a level id';
const levelId = z
  .string({ error: levelIdError })
  .max(40, 'expected a level id of at most 40 characters')
  .regex(LEVEL_ID_PATTERN, `expected a level id such as L4, ic3, 1 or 1.1 (${LEVEL_ID_WORDS})`);
/**
 * A reference to a level: its id, or `track/level` (e.g. `backend/E2`) — needed when two tracks share
 * the level's id, allowed always (ADR 0020).
 */
export const LEVEL_REF_PATTERN = /^(?:[a-z0-9][a-z0-9-]*\/)?[A-Za-z0-9][A-Za-z0-9._+-]*$/;
const levelRef = z
  .string({ error: levelIdError })
  .max(81, 'expected a level id of at most 40 characters (or track/level)')
  .regex(LEVEL_REF_PATTERN, `expected a level id such as L4, ic3 or 1.1, or track/level (${LEVEL_ID_WORDS})`);
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
  eligibility: z.strictObject({ min_level: levelRef, leadership: bool }),
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
    // One target (`target_level`) or several (`target_levels`, the usual next step first); the validated
    // document carries `target_level` as the first of them too, so its readers need not know (ADR 0020).
    target_level: levelRef.optional(),
    target_levels: z.array(levelRef).min(1, 'expected at least one target level').optional(),
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
    const targets = promotion.target_levels;
    if (promotion.target_level === undefined && targets === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'required: one of: target_level, target_levels (where the promotion leads)',
      });
    }
    if (
      promotion.target_level !== undefined &&
      targets !== undefined &&
      targets[0] !== promotion.target_level
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['target_level'],
        message: `expected target_level or target_levels, not both (target_level may only repeat the first of target_levels, ${targets[0] ?? '?'})`,
      });
    }
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
      mentor_levels: z.array(levelRef),
      leadership: bool,
      checkin_cadence: cadence,
      focus: text.optional(),
    })
    .optional(),
  gives: z
    .strictObject({
      slots: nonNegativeInt,
      mentee_levels: z.array(levelRef),
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
  /** How the level is shown (any text, any language: "Ingénieure 3"); the id when absent. */
  label: text.optional(),
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
  /** Levels of other tracks this level stands level with (ADR 0020): symmetric, one step, never a promotion. */
  equivalent_to: z.array(levelRef).min(1, 'expected at least one level').optional(),
  unlocks: z.array(text).optional(),
  /** What the level writes for the ladder's own sections (`field: content.<name>`), by name. */
  content: levelContentSchema.optional(),
});

export const trackSchema = z.strictObject({
  id,
  name: text,
  description: text.optional(),
  levels: z.array(levelId),
});

export const ladderSchema = z.strictObject({
  ladder: id,
  name: text,
  version: isoDate,
  organisation: text.optional(),
  /** The language of the file's words: the page's fixed text, dates and `lang` follow it (default en). */
  locale: localeSchema.optional(),
  /** The level page's sections, in order (default: today's, see sections.schema.ts). */
  sections: sectionsSchema.optional(),
  /** Fields the file sets that its source page does not state: the organisation's own choices (choices.ts). */
  choices: choicesSchema.optional(),
  competency_categories: z
    .array(competencyCategorySchema)
    .min(1, 'expected at least one competency category')
    .optional(),
  // Points per assessed milestone and bands of total points (ADR 0021).
  points: pointsSchema.optional(),
  tracks: z.array(trackSchema).min(1, 'expected at least one track'),
  levels: z.array(levelSchema).min(1, 'expected at least one level'),
});

/** A ladder as the schema reads it, before `normaliseLadder` (a promotion may give only `target_levels`). */
export type ParsedLadder = z.infer<typeof ladderSchema>;
export type ParsedLevel = z.infer<typeof levelSchema>;
/** A promotion as a validated document carries it: `target_level` is always set (the first target). */
export type PromotionDefinition = Omit<z.infer<typeof promotionSchema>, 'target_level'> & {
  target_level: string;
};
export type LevelDefinition = Omit<ParsedLevel, 'promotion'> & { promotion?: PromotionDefinition };
/** A validated ladder (validateLadderText's answer, and what publishing stores). */
export type LadderDocument = Omit<ParsedLadder, 'levels'> & { levels: LevelDefinition[] };

/** The document with each promotion's `target_level` set to its first target, as readers expect it. */
export function normaliseLadder(parsed: ParsedLadder): LadderDocument {
  return {
    ...parsed,
    levels: parsed.levels.map((level): LevelDefinition => {
      const { promotion, ...rest } = level;
      if (promotion === undefined) return rest;
      const target = promotion.target_level ?? promotion.target_levels?.[0] ?? '';
      return { ...rest, promotion: { ...promotion, target_level: target } };
    }),
  };
}
export type TrackDefinition = z.infer<typeof trackSchema>;
export type MetricDefinition = z.infer<typeof metricSchema>;
export type WeighedDefinition = z.infer<typeof weighedSchema>;
export type MentorshipDefinition = z.infer<typeof mentorshipSchema>;
export type CurriculumPhase = z.infer<typeof curriculumPhaseSchema>;
export type CompetencyCategory = z.infer<typeof competencyCategorySchema>;
export type CompetencyArea = z.infer<typeof competencyAreaSchema>;
export type Expectation = z.infer<typeof expectationSchema>;
