import type { LadderDocument } from '../../src/core/ladder/ladder.schema.js';
import type { PersonOnLadder } from '../../src/core/mentorship/mentorship-rules.js';
import type { Mentorship, Placement } from '../../src/core/roster/roster.types.js';
import { shippedLadder } from './shipped-ladder.js';

/** Test data for mentorship and payout rules: the shipped ladder, people, placements. */

/** A later version of the shipped ladder with other L4 referral terms (or none when `referral` is null). */
export function ladderVersion(
  version: string,
  l4Referral: { percent: number; months: number } | null,
  base: LadderDocument = shippedLadder(),
): LadderDocument {
  const doc = structuredClone(base);
  doc.version = version;
  const l4 = doc.levels.find((level) => level.id === 'L4');
  const gives = l4?.mentorship?.gives;
  if (gives === undefined) throw new Error('shipped L4 lost its gives section');
  if (l4Referral === null) delete gives.referral;
  else gives.referral = l4Referral;
  return doc;
}

/** A builder with a level history given as [level, since] pairs, oldest first. */
export function builder(name: string, levels: [string, string][]): PersonOnLadder {
  const track = 'ai-first-business-manager';
  return {
    email: `${name.toLowerCase()}@example.test`,
    name,
    // Each step in its track, as the roster reads it (ADR 0030).
    levels: levels.map(([level, since]) => ({ level, since, track })),
    leadership: false,
    track,
  };
}

/** A leadership person without a level. */
export function leader(name: string): PersonOnLadder {
  return { email: `${name.toLowerCase()}@example.test`, name, levels: [], leadership: true, track: null };
}

/** People keyed by email. */
export function peopleMap(...people: PersonOnLadder[]): Map<string, PersonOnLadder> {
  return new Map(people.map((person) => [person.email, person]));
}

/** A placement of `who` at a client, with a rate in minor units. */
export function placement(
  id: string,
  who: PersonOnLadder,
  start: string,
  end: string | null,
  rateMinor: number,
  currency = 'USD',
): Placement {
  return {
    id,
    builder: who.email,
    client: 'northwind',
    start,
    end,
    rate_minor: rateMinor,
    currency,
    extended: false,
    requested_back: false,
  };
}

/** A mentorship between two people. */
export function mentorship(
  mentor: PersonOnLadder,
  mentee: PersonOnLadder,
  start: string,
  end: string | null = null,
): Mentorship {
  return {
    id: `m-${mentor.name}-${mentee.name}-${start}`.toLowerCase(),
    mentor: mentor.email,
    mentee: mentee.email,
    start,
    end,
  };
}
