import { createHash } from 'node:crypto';
import { z } from 'zod';
import { emailSchema, isoDateSchema, recordIdSchema } from '../evidence/evidence.schema.js';
import { withSafeText } from '../input/safe-input.js';
import type { EvidenceProblem } from '../evidence/validate-evidence.js';
import {
  PERSON_ROLES,
  trackOfStep,
  withStepTracks,
  type Builder,
  type LevelStep,
  type Mentorship,
  type Placement,
} from './roster.types.js';

/**
 * Validation of roster entities: zod shapes for input, then checks against the roster and the active
 * ladder (tracks, levels). Every problem names its field, so the API and the importer can point at it.
 */

const ISO_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export const currencySchema = z
  .string({ error: 'expected an ISO 4217 currency code such as USD' })
  .refine((value) => ISO_CURRENCIES.has(value), 'expected an ISO 4217 currency code such as USD');

export const rateMinorSchema = z
  .number({ error: 'expected a whole number of minor units (cents)' })
  .int('expected a whole number of minor units (cents)')
  .min(0, 'expected an amount ≥ 0')
  .max(2_147_483_647, 'expected an amount below 21474836.47');

const name = withSafeText(
  z
    .string({ error: 'expected a name' })
    .trim()
    .min(1, 'expected a name')
    .max(200, 'expected at most 200 characters'),
);
const levelId = withSafeText(
  z.string({ error: 'expected a level id such as L4' }).min(1, 'expected a level id such as L4'),
);
const bool = z.boolean({ error: 'expected true or false' });

export const personSchema = z.strictObject({
  email: emailSchema,
  name,
  role: z.enum(PERSON_ROLES, { error: `expected one of: ${PERSON_ROLES.join(', ')}` }),
});

export const levelStepSchema = z.strictObject({ level: levelId, since: isoDateSchema });
export const rateStepSchema = z.strictObject({
  since: isoDateSchema,
  rate_minor: rateMinorSchema,
  currency: currencySchema,
});

/** A builder with full histories (what the importer assembles and the service stores). */
export const builderSchema = z.strictObject({
  email: emailSchema,
  name,
  track: withSafeText(z.string({ error: 'expected a track id' }).min(1, 'expected a track id')),
  levels: z.array(levelStepSchema).min(1, 'expected at least one level'),
  rates: z.array(rateStepSchema).min(1, 'expected at least one rate'),
});
export type BuilderInput = z.output<typeof builderSchema>;

export const clientSchema = z.strictObject({ id: recordIdSchema, name });

export const placementSchema = z.strictObject({
  id: recordIdSchema,
  builder: emailSchema,
  client: recordIdSchema,
  start: isoDateSchema,
  end: isoDateSchema.nullable(),
  rate_minor: rateMinorSchema,
  currency: currencySchema,
  extended: bool,
  requested_back: bool,
});

export const mentorshipSchema = z.strictObject({
  mentor: emailSchema,
  mentee: emailSchema,
  start: isoDateSchema,
  end: isoDateSchema.nullable(),
});
export type MentorshipInput = z.output<typeof mentorshipSchema>;

/** The id of a mentorship: derived from (mentor, mentee, start), so re-imports find the same row. */
export function mentorshipId(input: Pick<Mentorship, 'mentor' | 'mentee' | 'start'>): string {
  const digest = createHash('sha256')
    .update(`${input.mentor}\n${input.mentee}\n${input.start}`)
    .digest('hex');
  return `ms-${digest.slice(0, 16)}`;
}

/** What the active ladders say that roster and evidence checks need. */
export interface LadderContext {
  /** Track id → its level ids in order. */
  tracks: ReadonlyMap<string, readonly string[]>;
  curriculumModules: ReadonlySet<string>;
  selfEvaluationItems: ReadonlySet<string>;
  /** Competency area ids the ladders declare (evidence may name them). */
  competencyAreas: ReadonlySet<string>;
  /** Competency area id → how many milestones the ladders' points blocks give it (ADR 0021). */
  pointsMilestones: ReadonlyMap<string, number>;
}

/** Answers "does this exist?" for roster references. */
export interface RosterReferences {
  isBuilder(email: string): boolean;
  isPerson(email: string): boolean;
  isClient(id: string): boolean;
}

/**
 * Checks a builder's track and level history against the ladder, and that histories are in date order.
 * Each step is checked in its own track (ADR 0030; a step naming none is in the builder's), and the
 * builder's track is the latest step's: a promotion into another track moves the builder with it.
 */
export function checkBuilder(
  builder: Pick<BuilderInput, 'track' | 'rates'> & { levels: readonly LevelStep[] },
  ladder: LadderContext | null,
): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  const knownTracks = (): string => [...(ladder?.tracks.keys() ?? [])].join(', ');
  const levels = ladder?.tracks.get(builder.track);
  if (ladder !== null && levels === undefined) {
    problems.push({
      field: 'track',
      message: `unknown track ${builder.track}; expected one of: ${knownTracks()}`,
    });
  }
  builder.levels.forEach((step, index) => {
    const track = trackOfStep(step, builder.track);
    const trackLevels = ladder?.tracks.get(track);
    if (ladder !== null && track !== builder.track && trackLevels === undefined) {
      problems.push({
        field: `levels[${index}].track`,
        message: `unknown track ${track}; expected one of: ${knownTracks()}`,
      });
    }
    if (trackLevels !== undefined && !trackLevels.includes(step.level)) {
      problems.push({
        field: `levels[${index}].level`,
        message: `unknown level ${step.level} in track ${track}; expected one of: ${trackLevels.join(', ')}`,
      });
    }
    if (index === builder.levels.length - 1 && track !== builder.track) {
      problems.push({
        field: `levels[${index}].track`,
        message: `the latest level step is in track ${track}, not the builder's track ${builder.track}: a builder's track is their latest step's`,
      });
    }
    const previous = builder.levels[index - 1];
    if (previous !== undefined && previous.since >= step.since) {
      problems.push({
        field: `levels[${index}].since`,
        message: `level history must be in date order without repeats: ${step.since} after ${previous.since}`,
      });
    }
  });
  builder.rates.forEach((step, index) => {
    const previous = builder.rates[index - 1];
    if (previous !== undefined && previous.since >= step.since) {
      problems.push({
        field: `rates[${index}].since`,
        message: `rate history must be in date order without repeats: ${step.since} after ${previous.since}`,
      });
    }
  });
  return problems;
}

/** Checks a placement's builder and client exist and that it ends on or after it starts. */
export function checkPlacement(placement: Placement, refs: RosterReferences): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  if (!refs.isBuilder(placement.builder))
    problems.push({ field: 'builder', message: `unknown builder ${placement.builder}` });
  if (!refs.isClient(placement.client))
    problems.push({ field: 'client', message: `unknown client ${placement.client}` });
  if (placement.end !== null && placement.end < placement.start) {
    problems.push({ field: 'end', message: `ends ${placement.end}, before it starts ${placement.start}` });
  }
  return problems;
}

/** Checks a mentorship's people exist, differ, and that it ends on or after it starts. */
export function checkMentorship(mentorship: MentorshipInput, refs: RosterReferences): EvidenceProblem[] {
  const problems: EvidenceProblem[] = [];
  if (!refs.isPerson(mentorship.mentor))
    problems.push({ field: 'mentor', message: `unknown person ${mentorship.mentor}` });
  if (!refs.isBuilder(mentorship.mentee))
    problems.push({ field: 'mentee', message: `unknown builder ${mentorship.mentee}` });
  if (mentorship.mentor === mentorship.mentee)
    problems.push({ field: 'mentee', message: 'a builder cannot mentor themself' });
  if (mentorship.end !== null && mentorship.end < mentorship.start) {
    problems.push({ field: 'end', message: `ends ${mentorship.end}, before it starts ${mentorship.start}` });
  }
  return problems;
}

/**
 * The builder as stored and shown: histories plus the current level and its start, every level step
 * naming its track (the builder's where the input names none).
 */
export function toBuilder(input: BuilderInput): Builder {
  const current = input.levels[input.levels.length - 1];
  if (current === undefined) throw new Error('toBuilder: a builder has at least one level');
  return {
    ...input,
    level: current.level,
    level_since: current.since,
    levels: withStepTracks(input.levels, input.track),
  };
}
