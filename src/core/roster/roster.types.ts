/**
 * The roster as the rest of the system sees it (issue 4). Emails are the keys of people and builders
 * (stored lower-case); dates are ISO calendar dates; money is integer minor units with an ISO 4217 code.
 */

/** What a person is to the organisation. Builders are people too (role `builder`). */
export const PERSON_ROLES = ['leadership', 'client_stakeholder', 'builder'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export interface Person {
  email: string;
  name: string;
  role: PersonRole;
}

/**
 * One step of a builder's level history: the level held from `since` until the next step, in `track`.
 * Level ids are scoped by track, so a step is read in its own track (ADR 0030): a builder promoted into
 * another track keeps the earlier steps in the earlier one.
 */
export interface LevelStep {
  level: string;
  since: string;
  /**
   * The track of the step. Every step read from the roster has it; a step written without one (an older
   * import file, a hand-made history) is in the builder's track.
   */
  track?: string | undefined;
}

/** One step of a builder's monthly rate history, in minor units of `currency`, from `since`. */
export interface RateStep {
  since: string;
  rate_minor: number;
  currency: string;
}

export interface Builder {
  email: string;
  name: string;
  /** The track of the latest level step: where the builder is now (or goes, once a later step starts). */
  track: string;
  /** The current level: the last step of `levels`. */
  level: string;
  /** When the current level began: the `since` of the last step of `levels`. */
  level_since: string;
  /** Full level history, oldest first, never empty. */
  levels: LevelStep[];
  /** Monthly rate history, oldest first, never empty; the last step is the current rate. */
  rates: RateStep[];
}

export interface Client {
  id: string;
  name: string;
}

/** A builder placed at a client, from `start` to `end` (inclusive; null while ongoing). */
export interface Placement {
  id: string;
  builder: string;
  client: string;
  start: string;
  end: string | null;
  rate_minor: number;
  currency: string;
  /** The client extended the engagement. */
  extended: boolean;
  /** The client asked for this builder again. */
  requested_back: boolean;
}

/** A mentor (a builder or a leadership person) and a mentee builder, from `start` to `end` (null: active). */
export interface Mentorship {
  id: string;
  mentor: string;
  mentee: string;
  start: string;
  end: string | null;
}

/** The level a builder held on `date`, or undefined before their first level. */
export function levelOn(builder: Pick<Builder, 'levels'>, date: string): LevelStep | undefined {
  let current: LevelStep | undefined;
  for (const step of builder.levels) {
    if (step.since <= date) current = step;
    else break;
  }
  return current;
}

/** The track a step is in: its own, else the builder's (a step written before steps named theirs). */
export function trackOfStep(step: Pick<LevelStep, 'track'>, builderTrack: string): string {
  return step.track ?? builderTrack;
}

/** The level history with every step's track named (the builder's where a step names none). */
export function withStepTracks(levels: readonly LevelStep[], builderTrack: string): LevelStep[] {
  return levels.map((step) => ({
    level: step.level,
    since: step.since,
    track: trackOfStep(step, builderTrack),
  }));
}

/** The monthly rate in force on `date`, or undefined before the first rate. */
export function rateOn(builder: Pick<Builder, 'rates'>, date: string): RateStep | undefined {
  let current: RateStep | undefined;
  for (const step of builder.rates) {
    if (step.since <= date) current = step;
    else break;
  }
  return current;
}

/** True when the mentorship (or placement) is active on `date`: started, and not yet ended. */
export function isActiveOn(span: { start: string; end: string | null }, date: string): boolean {
  return span.start <= date && (span.end === null || date <= span.end);
}
