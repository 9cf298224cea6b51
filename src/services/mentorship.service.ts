import type { Actor } from '../core/actor.js';
import type { Clock } from '../core/clock.js';
import { isoDateOf } from '../core/dates/calendar.js';
import { isoDateProblem, isoMonthProblem } from '../core/input/safe-input.js';
import { conflict, notFound, validationFailed } from '../core/errors.js';
import type { EvidenceRecord } from '../core/evidence/evidence.schema.js';
import { recordsInEffect } from '../core/evidence/supersede.js';
import type { LadderDocument } from '../core/ladder/ladder.schema.js';
import { checkAssignment, refusalError } from '../core/mentorship/assignment.js';
import { checkinsDue, summarizeCheckins, type CheckinReport } from '../core/mentorship/checkins.js';
import {
  classifyMentorships,
  type Cadence,
  type ClassifiedMentorship,
  type MentorshipRelation,
  type PersonOnLadder,
} from '../core/mentorship/mentorship-rules.js';
import {
  allAccruals,
  buildMentorPayouts,
  buildStatement,
  computeReferrals,
  type MentorPayouts,
  type PayoutStatement,
  type ReferralOutcome,
} from '../core/mentorship/referral.js';
import { checkMentorship, mentorshipId, mentorshipSchema } from '../core/roster/roster.schema.js';
import { isActiveOn, type Mentorship, type Placement } from '../core/roster/roster.types.js';
import type { Database, Executor } from '../db/connection.js';
import { listAllLadderVersions } from '../db/repositories/ladder-versions.repository.js';
import { listCheckinRecords, lockMentorAssignments } from '../db/repositories/mentorship.repository.js';
import {
  findMentorship,
  listAllBuilders,
  listAllMentorships,
  listAllPeople,
  listAllPlacements,
  upsertMentorship,
} from '../db/repositories/roster.repository.js';
import { recordAudit } from './audit.service.js';
import { refuseConflictingMentorships } from './promotion-case.service.js';
import { loadShippedLadders } from './ladder-context.service.js';
import { nameLookup, parseOrThrow, rejected, rosterReferences, type NameOf } from './roster.service.js';

/**
 * Mentorship that obeys the ladder, check-ins, and referral payouts (issue 5). The rules are pure
 * (src/core/mentorship/); this service loads what they read and stores what they allow.
 */

export interface MentorshipDeps {
  db: Database;
  clock: Clock;
}

/** Everything the mentorship rules read, loaded in one go. */
export interface MentorshipWorld {
  versions: LadderDocument[];
  people: Map<string, PersonOnLadder>;
  mentorships: ClassifiedMentorship[];
  placements: Placement[];
}

/** Every published ladder version (the shipped files while nothing is published). */
async function loadLadderVersions(db: Executor): Promise<LadderDocument[]> {
  const rows = await listAllLadderVersions(db);
  // Only validated documents are stored, so the JSON has the document's shape.
  return rows.length > 0 ? rows.map((row) => row.document as LadderDocument) : loadShippedLadders();
}

/** Loads ladder versions, people with level histories, classified mentorships and placements. */
export async function loadMentorshipWorld(db: Executor): Promise<MentorshipWorld> {
  const versions = await loadLadderVersions(db);
  const people = new Map<string, PersonOnLadder>();
  for (const person of await listAllPeople(db)) {
    people.set(person.email, {
      email: person.email,
      name: person.name,
      levels: [],
      leadership: person.role === 'leadership',
      track: null,
    });
  }
  for (const builder of await listAllBuilders(db)) {
    const person = people.get(builder.email);
    people.set(builder.email, {
      email: builder.email,
      name: builder.name,
      levels: builder.levels,
      leadership: person?.leadership ?? false,
      track: builder.track,
    });
  }
  const mentorships = classifyMentorships(versions, people, await listAllMentorships(db));
  return { versions, people, mentorships, placements: await listAllPlacements(db) };
}

function today(deps: MentorshipDeps): string {
  return isoDateOf(deps.clock.now());
}

/** A mentorship as stored, with what the ladder made of it on its start day. */
export interface AssignedMentorship extends Mentorship {
  relation: MentorshipRelation;
  cadence: Cadence;
}

/**
 * Records a mentorship only if the ladder allows it on its start day: the roster's own checks first
 * (known people, not oneself, dates in order), then the mentee's mentor rule, the mentor's eligible
 * mentee levels and free slots, and no panelist of a live case tied to its candidate. A refusal carries its
 * stable code (mentor_slots_full, mentee_level_not_eligible, mentor_not_eligible, panelist_conflict) and
 * writes nothing.
 */
export async function assignMentorship(
  deps: MentorshipDeps,
  actor: Actor,
  input: unknown,
): Promise<AssignedMentorship> {
  const parsed = parseOrThrow(mentorshipSchema, input, 'mentorship');
  const mentorship: Mentorship = { id: mentorshipId(parsed), ...parsed };
  return deps.db.transaction(async (tx) => {
    const problems = checkMentorship(parsed, await rosterReferences(tx, [parsed.mentor, parsed.mentee], []));
    if (problems.length > 0) throw rejected('mentorship', problems);
    await lockMentorAssignments(tx, parsed.mentor);
    if ((await findMentorship(tx, mentorship.id)) !== undefined) {
      throw conflict(`${parsed.mentor} already mentors ${parsed.mentee} from ${parsed.start}`);
    }
    const world = await loadMentorshipWorld(tx);
    const mentor = world.people.get(parsed.mentor);
    const mentee = world.people.get(parsed.mentee);
    if (mentor === undefined) throw notFound('Person', parsed.mentor);
    if (mentee === undefined) throw notFound('Builder', parsed.mentee);
    const result = checkAssignment(
      world.versions,
      { mentor, mentee, start: parsed.start, end: parsed.end },
      world.mentorships,
      world.people,
    );
    if (!result.ok) throw refusalError(result.refusal);
    // A tie to a panelist seated on the candidate's live case is refused (docs/promotion-cases.md).
    await refuseConflictingMentorships(tx, [mentorship]);
    await upsertMentorship(tx, mentorship);
    const assigned: AssignedMentorship = {
      ...mentorship,
      relation: result.relation,
      cadence: result.cadence,
    };
    await recordAudit(tx, actor, {
      action: 'mentorship.create',
      entity: 'mentorship',
      entityId: mentorship.id,
      after: {
        ...assigned,
        mentor_level: result.mentorLevel,
        mentee_level: result.menteeLevel,
        ladder_version: result.ladderVersion,
      },
      at: deps.clock.now(),
    });
    return assigned;
  });
}

function requireDate(value: string, field: string): string {
  // The one date rule (real date, years 1900–9999), so the CLI refuses what the API refuses.
  const problem = isoDateProblem(value);
  if (problem !== null) {
    throw validationFailed(`${field}: ${problem}, got "${value}"`, [{ field, message: problem }]);
  }
  return value;
}

function requireMonth(value: string, field: string): string {
  const problem = isoMonthProblem(value);
  if (problem !== null) {
    throw validationFailed(`${field}: ${problem}, got "${value}"`, [{ field, message: problem }]);
  }
  return value;
}

/** Check-ins per mentorship: a record of kind checkin about the mentee, by (or on behalf of) the mentor. */
function checkinDatesByMentorship(
  records: readonly EvidenceRecord[],
  at: string,
  mentorships: readonly Mentorship[],
) {
  const standing = recordsInEffect(records, at).filter((record) => record.kind === 'checkin');
  const byPair = new Map<string, string[]>();
  for (const record of standing) {
    if (record.kind !== 'checkin') continue;
    for (const author of new Set([record.builder, record.recorded_by])) {
      const key = `${author}\u0000${record.mentee}`;
      byPair.set(key, [...(byPair.get(key) ?? []), record.date]);
    }
  }
  return new Map(mentorships.map((m) => [m.id, byPair.get(`${m.mentor}\u0000${m.mentee}`) ?? []]));
}

/** One row of the mentorship overview. */
export interface MentorshipOverviewRow {
  id: string;
  mentor: string;
  mentor_name: string;
  mentee: string;
  mentee_name: string;
  start: string;
  end: string | null;
  active: boolean;
  relation: MentorshipRelation | null;
  cadence: Cadence | null;
  mentor_level: string | null;
  mentee_level: string | null;
  checkins: Omit<
    CheckinReport,
    'periods' | 'mentorship' | 'mentor' | 'mentee' | 'relation' | 'cadence'
  > | null;
  referral: ReferralOutcome;
}

/** Every mentorship (optionally one mentor's) with its relation, check-in standing on `at` and referral. */
export async function mentorshipOverview(
  deps: MentorshipDeps,
  _actor: Actor,
  options: { mentor?: string; at?: string } = {},
): Promise<{ at: string; mentorships: MentorshipOverviewRow[] }> {
  const at = options.at === undefined ? today(deps) : requireDate(options.at, 'at');
  const mentor = options.mentor?.toLowerCase();
  const world = await loadMentorshipWorld(deps.db);
  if (mentor !== undefined && !world.people.has(mentor)) throw notFound('Person', mentor);
  const selected = world.mentorships.filter((m) => mentor === undefined || m.mentor === mentor);
  const checkins = checkinDatesByMentorship(await listCheckinRecords(deps.db), at, selected);
  // Which mentorship a placement pays is decided among all of them, not only the selected ones.
  const referrals = computeReferrals(
    world.versions,
    world.people,
    selected,
    world.placements,
    world.mentorships,
  );
  const nameOf = nameLookup(world.people.values());
  const rows = selected.map((m, index): MentorshipOverviewRow => {
    const report = summarizeCheckins(m, checkins.get(m.id) ?? [], at);
    let summary: MentorshipOverviewRow['checkins'] = null;
    if (report !== undefined) {
      const {
        periods: _periods,
        mentorship: _id,
        mentor: _m,
        mentee: _e,
        relation: _r,
        cadence: _c,
        ...rest
      } = report;
      summary = rest;
    }
    const referral = referrals[index];
    if (referral === undefined) throw new Error('computeReferrals returned fewer outcomes than mentorships');
    return {
      id: m.id,
      mentor: m.mentor,
      mentor_name: nameOf(m.mentor),
      mentee: m.mentee,
      mentee_name: nameOf(m.mentee),
      start: m.start,
      end: m.end,
      active: isActiveOn(m, at),
      relation: m.relation,
      cadence: m.cadence,
      mentor_level: m.mentorLevel,
      mentee_level: m.menteeLevel,
      checkins: summary,
      referral,
    };
  });
  return { at, mentorships: rows };
}

/** The mentorships that need a check-in on `at` (due or overdue), overdue first. */
export async function checkinsDueOn(
  deps: MentorshipDeps,
  _actor: Actor,
  options: { at?: string; mentor?: string } = {},
): Promise<{ at: string; due: CheckinReport[] }> {
  const at = options.at === undefined ? today(deps) : requireDate(options.at, 'at');
  const mentor = options.mentor?.toLowerCase();
  const world = await loadMentorshipWorld(deps.db);
  const selected = world.mentorships.filter(
    (m) => (mentor === undefined || m.mentor === mentor) && isActiveOn(m, at),
  );
  const checkins = checkinDatesByMentorship(await listCheckinRecords(deps.db), at, selected);
  const reports = selected.flatMap((m) => summarizeCheckins(m, checkins.get(m.id) ?? [], at) ?? []);
  return { at, due: checkinsDue(reports) };
}

/** The payout statement of calendar month `month` (YYYY-MM), optionally for one mentor. */
export async function payoutStatement(
  deps: MentorshipDeps,
  _actor: Actor,
  month: string,
  mentor?: string,
): Promise<NamedPayoutStatement> {
  requireMonth(month, 'month');
  const world = await loadMentorshipWorld(deps.db);
  const who = mentor?.toLowerCase();
  if (who !== undefined && !world.people.has(who)) throw notFound('Person', who);
  const accruals = allAccruals(
    computeReferrals(world.versions, world.people, world.mentorships, world.placements, world.mentorships),
  );
  return namedStatement(buildStatement(accruals, month, who), nameLookup(world.people.values()));
}

/** A statement with the names of its people beside their emails (the email stays the key). */
function namedStatement(statement: PayoutStatement, nameOf: NameOf): NamedPayoutStatement {
  return {
    ...statement,
    rows: statement.rows.map((row) => ({
      ...row,
      mentor_name: nameOf(row.mentor),
      mentee_name: nameOf(row.mentee),
    })),
    totals: statement.totals.map((total) => ({ ...total, mentor_name: nameOf(total.mentor) })),
  };
}

/** A month's statement with the roster's names of mentors and mentees beside their emails. */
export interface NamedPayoutStatement extends PayoutStatement {
  rows: (PayoutStatement['rows'][number] & { mentor_name: string; mentee_name: string })[];
  totals: (PayoutStatement['totals'][number] & { mentor_name: string })[];
}

/** One mentor's months by name: the mentor's, and each mentee's in every row and referral (issue 17). */
export interface NamedMentorPayouts extends MentorPayouts {
  mentor_name: string;
  months: NamedPayoutStatement[];
  totals: NamedPayoutStatement['totals'];
  referrals: (ReferralOutcome & { mentor_name: string; mentee_name: string })[];
}

/** One mentor's payouts month by month from `from` to `to` (YYYY-MM, inclusive; default: this year so far). */
export async function mentorPayouts(
  deps: MentorshipDeps,
  _actor: Actor,
  email: string,
  range: { from?: string; to?: string } = {},
): Promise<NamedMentorPayouts> {
  const now = today(deps);
  const from = range.from === undefined ? `${now.slice(0, 4)}-01` : requireMonth(range.from, 'from');
  const to = range.to === undefined ? now.slice(0, 7) : requireMonth(range.to, 'to');
  if (from > to) {
    throw validationFailed(`from: ${from} is after to: ${to}`, [{ field: 'from', message: `after ${to}` }]);
  }
  const mentor = email.toLowerCase();
  const world = await loadMentorshipWorld(deps.db);
  if (!world.people.has(mentor)) throw notFound('Person', mentor);
  const referrals = computeReferrals(
    world.versions,
    world.people,
    world.mentorships.filter((m) => m.mentor === mentor),
    world.placements,
    world.mentorships,
  );
  const payouts = buildMentorPayouts(allAccruals(referrals), mentor, from, to);
  const nameOf = nameLookup(world.people.values());
  return {
    ...payouts,
    mentor_name: nameOf(mentor),
    months: payouts.months.map((month) => namedStatement(month, nameOf)),
    totals: payouts.totals.map((total) => ({ ...total, mentor_name: nameOf(total.mentor) })),
    referrals: referrals.map((r) => ({ ...r, mentor_name: nameOf(r.mentor), mentee_name: nameOf(r.mentee) })),
  };
}
