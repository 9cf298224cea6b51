import type { LadderDocument, LevelDefinition } from '../ladder/ladder.schema.js';
import {
  equivalentLevels,
  findLevel,
  findLevelInTrack,
  levelOrder,
  resolveFrom,
} from '../ladder/ladder-lookup.js';
import { levelOn, type LevelStep, type Mentorship } from '../roster/roster.types.js';

/**
 * What the ladder says about a pair of people. Two relations share the word "mentorship" (PRODUCT.md):
 * a mentor *gives* to a junior within the slots of their level (and earns the referral cut), or a level
 * *receives* a mentor from above (L4: an L5 or leadership), which takes no slot and pays no cut.
 */

/** A person as mentorship rules see them: builders have a level history, leadership may have none. */
export interface PersonOnLadder {
  email: string;
  name: string;
  /** Level history, oldest first (empty for people who are not builders). */
  levels: LevelStep[];
  /** True for the organisation's leadership (the ladder may let them mentor a level). */
  leadership: boolean;
  /** The builder's track; picks the ladder when several are published. */
  track?: string | null;
}

export type MentorshipRelation = 'gives' | 'receives';
export type Cadence = 'weekly' | 'biweekly';

export type RefusalCode =
  'mentor_slots_full' | 'mentee_level_not_eligible' | 'mentor_not_eligible' | 'conflict';

/** Why the ladder does not allow a mentorship: a stable code and a sentence naming people and numbers. */
export interface Refusal {
  code: RefusalCode;
  message: string;
  details: Record<string, unknown>;
}

/** What the ladder allows for a pair on a day. */
export type Classification =
  | {
      ok: true;
      relation: MentorshipRelation;
      cadence: Cadence;
      mentorLevel: string | null;
      menteeLevel: string;
      /** Slots the mentor's level gives (0 for a receiving relation, which takes none). */
      slots: number;
      ladderVersion: string;
    }
  | { ok: false; refusal: Refusal };

/**
 * The ladder version in force on `date`: the latest effective date on or before it. Before the first
 * version the first one applies — the organisation's first written ladder describes the rules it already
 * followed (docs/payouts.md, ADR 0003). Only versions covering `track` are considered when it is given.
 */
export function ladderInForceOn(
  versions: readonly LadderDocument[],
  date: string,
  track?: string | null,
): LadderDocument | undefined {
  const candidates = versions
    .filter((doc) => track == null || doc.tracks.some((t) => t.id === track))
    .toSorted((a, b) => a.version.localeCompare(b.version));
  return candidates.filter((doc) => doc.version <= date).at(-1) ?? candidates[0];
}

/** "L1–L3" when the levels are consecutive in their track, else "L1, L3". */
export function describeLevels(doc: LadderDocument, levels: readonly string[]): string {
  if (levels.length === 0) return 'no levels';
  const orders = levels.map((id) => levelOrder(doc, id));
  const consecutive =
    levels.length > 1 &&
    orders.every((order, i) => order !== undefined && (i === 0 || order === (orders[i - 1] ?? -2) + 1));
  return consecutive ? `${levels[0]}–${levels.at(-1)}` : levels.join(', ');
}

/**
 * Who a person is on one level step: their step's track where the step names one (a builder promoted
 * into another track held earlier steps in the earlier one, ADR 0030), else their own.
 */
export function onStep<P extends Pick<PersonOnLadder, 'track'>>(
  person: P,
  step: Pick<LevelStep, 'track'> | undefined,
): P {
  return step?.track === undefined ? person : { ...person, track: step.track };
}

/**
 * The level a person holds: their track's level of that id (tracks may share ids, ADR 0020), else the
 * one level of that id in the ladder.
 */
export function heldLevel(
  ladder: LadderDocument,
  person: Pick<PersonOnLadder, 'track'>,
  id: string,
): LevelDefinition | undefined {
  return person.track == null ? findLevel(ladder, id) : findLevelInTrack(ladder, person.track, id);
}

/**
 * True when a level list written on `owner` (its `mentor_levels` or `mentee_levels`) names the level a
 * person holds: the same level of the same track, or a level of another track that stands level with a
 * listed one (`equivalent_to`, one step, ADR 0020). A held id the ladder does not define matches only a
 * listed bare id spelled the same, as before levels were scoped by track.
 */
export function levelListIncludes(
  ladder: LadderDocument,
  owner: LevelDefinition | undefined,
  refs: readonly string[],
  heldId: string,
  held: LevelDefinition | undefined,
): boolean {
  if (held === undefined || owner === undefined) return refs.includes(heldId);
  return refs.some((ref) => {
    const listed = resolveFrom(ladder, owner, ref);
    return listed !== undefined && (listed === held || equivalentLevels(ladder, listed).includes(held));
  });
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function refuse(code: RefusalCode, message: string, details: Record<string, unknown>): Classification {
  return { ok: false, refusal: { code, message, details } };
}

/**
 * Classifies a mentor–mentee pair on `date` against the ladder in force that day: a receiving relation
 * when the mentee's level receives this mentor (by level or as leadership), a giving one when the
 * mentor's level gives slots to the mentee's level, otherwise a refusal with its stable code.
 * Slots are not counted here (see assignment.ts).
 */
export function classifyMentorship(
  versions: readonly LadderDocument[],
  mentor: PersonOnLadder,
  mentee: PersonOnLadder,
  date: string,
): Classification {
  // Each level is read in the track of the step held that day (ADR 0030).
  const menteeStep = levelOn(mentee, date);
  const mentorStep = levelOn(mentor, date);
  const menteeThen = onStep(mentee, menteeStep);
  const mentorThen = onStep(mentor, mentorStep);
  const ladder = ladderInForceOn(versions, date, menteeThen.track ?? mentorThen.track);
  if (ladder === undefined) throw new RangeError('classifyMentorship: no ladder version is published');
  const menteeLevel = menteeStep?.level;
  const mentorLevel = mentorStep?.level ?? null;
  const base = { mentor: mentor.email, mentee: mentee.email, date, ladder_version: ladder.version };
  if (menteeLevel === undefined) {
    return refuse(
      'mentee_level_not_eligible',
      `${mentee.name} has no level on ${date}: only builders are mentored`,
      {
        ...base,
        mentee_level: null,
      },
    );
  }
  const details = { ...base, mentor_level: mentorLevel, mentee_level: menteeLevel };
  const menteeDefinition = heldLevel(ladder, menteeThen, menteeLevel);
  const mentorDefinition = mentorLevel === null ? undefined : heldLevel(ladder, mentorThen, mentorLevel);
  const receives = menteeDefinition?.mentorship?.receives;
  if (
    receives !== undefined &&
    ((mentorLevel !== null &&
      levelListIncludes(ladder, menteeDefinition, receives.mentor_levels, mentorLevel, mentorDefinition)) ||
      (receives.leadership && mentor.leadership))
  ) {
    return {
      ok: true,
      relation: 'receives',
      cadence: receives.checkin_cadence,
      mentorLevel,
      menteeLevel,
      slots: 0,
      ladderVersion: ladder.version,
    };
  }
  const mentorIs = mentorLevel === null ? `${mentor.name} has no level` : `${mentor.name} is ${mentorLevel}`;
  const receiveRule =
    receives === undefined
      ? undefined
      : `${menteeLevel} builders receive ${[...receives.mentor_levels.map((l) => `an ${l} mentor`), ...(receives.leadership ? ['leadership'] : [])].join(' or ')}`;
  const gives = mentorDefinition?.mentorship?.gives;
  if (gives !== undefined && gives.slots > 0) {
    if (levelListIncludes(ladder, mentorDefinition, gives.mentee_levels, menteeLevel, menteeDefinition)) {
      return {
        ok: true,
        relation: 'gives',
        cadence: gives.checkin_cadence,
        mentorLevel,
        menteeLevel,
        slots: gives.slots,
        ladderVersion: ladder.version,
      };
    }
    if (receiveRule !== undefined) {
      return refuse(
        'mentor_not_eligible',
        `${receiveRule}; ${mentorIs} (${mentee.name} is ${menteeLevel})`,
        details,
      );
    }
    return refuse(
      'mentee_level_not_eligible',
      `${mentorLevel} mentors may take ${describeLevels(ladder, gives.mentee_levels)} mentees; ${mentee.name} is ${menteeLevel}`,
      { ...details, mentee_levels: gives.mentee_levels },
    );
  }
  if (receiveRule !== undefined) {
    return refuse(
      'mentor_not_eligible',
      `${receiveRule}; ${mentorIs} (${mentee.name} is ${menteeLevel})`,
      details,
    );
  }
  if (mentorLevel === null) {
    return refuse(
      'mentor_not_eligible',
      `${mentor.name} has no level on ${date}, and ${menteeLevel} builders receive no leadership mentor in the ladder of ${ladder.version}`,
      details,
    );
  }
  return refuse(
    'mentor_not_eligible',
    `${mentorLevel} mentors may hold ${plural(gives?.slots ?? 0, 'mentee')} (ladder of ${ladder.version}); ${mentorIs}`,
    { ...details, slots: 0 },
  );
}

/** A stored mentorship with the relation the ladder gave it on its start day (null: not sanctioned). */
export interface ClassifiedMentorship extends Mentorship {
  relation: MentorshipRelation | null;
  cadence: Cadence | null;
  mentorLevel: string | null;
  menteeLevel: string | null;
}

/**
 * Classifies stored mentorships on their own start days. A mentorship the ladder would not have allowed
 * (imported history, say) gets relation null: it takes no slot, pays nothing and has no cadence.
 */
export function classifyMentorships(
  versions: readonly LadderDocument[],
  people: ReadonlyMap<string, PersonOnLadder>,
  mentorships: readonly Mentorship[],
): ClassifiedMentorship[] {
  return mentorships.map((mentorship) => {
    const mentor = people.get(mentorship.mentor);
    const mentee = people.get(mentorship.mentee);
    if (mentor === undefined || mentee === undefined || versions.length === 0) {
      return { ...mentorship, relation: null, cadence: null, mentorLevel: null, menteeLevel: null };
    }
    const result = classifyMentorship(versions, mentor, mentee, mentorship.start);
    return result.ok
      ? {
          ...mentorship,
          relation: result.relation,
          cadence: result.cadence,
          mentorLevel: result.mentorLevel,
          menteeLevel: result.menteeLevel,
        }
      : {
          ...mentorship,
          relation: null,
          cadence: null,
          mentorLevel: levelOn(mentor, mentorship.start)?.level ?? null,
          menteeLevel: levelOn(mentee, mentorship.start)?.level ?? null,
        };
  });
}
