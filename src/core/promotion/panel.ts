import { DomainError, validationFailed } from '../errors.js';
import type { LadderDocument } from '../ladder/ladder.schema.js';
import { findLevel, isLevelAtLeast } from '../ladder/ladder-lookup.js';
import type { PanelDefinition } from './promotion-rules.js';

/** What the panel rules need to know about a proposed panelist on the day the panel is set. */
export interface PanelistFacts {
  /** People are keyed by email across the roster and accounts. */
  email: string;
  /** Their level on that day, or null when they are not a builder on the roster (e.g. leadership). */
  levelId: string | null;
  leadership: boolean;
}

/** A mentorship as the conflict rules read it: who mentors whom, and the record's id to name it by. */
export interface MentorshipLink {
  id: string;
  mentor: string;
  mentee: string;
}

/** The candidate's relations that make someone partial. */
export interface CandidateRelations {
  candidateEmail: string;
  /** Everyone who has ever mentored the candidate (current or past, giving or receiving mentorship). */
  mentorEmails: readonly string[];
  /** Everyone the candidate mentors or has mentored. */
  menteeEmails: readonly string[];
  /** The mentorship records behind those lists, when known, so a refusal can name the record. */
  mentorships?: readonly MentorshipLink[];
}

export type PanelRefusalCode = 'panelist_conflict' | 'panelist_not_eligible';

export interface PanelRefusal {
  email: string;
  code: PanelRefusalCode;
  reason: string;
  /** The mentorship record that makes the conflict, when it is one and the record is known. */
  mentorship?: string;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Why this person is partial about the candidate, or null. The rule has no date window on purpose: a
 * mentorship in either direction, past, current or starting later, is a tie the candidate's panel must
 * not have, so the answer cannot change with the day a panel is seated, a sheet submitted or a case decided.
 */
export function panelistConflict(email: string, relations: CandidateRelations): PanelRefusal | null {
  const record = (mentor: string, mentee: string): { mentorship?: string } => {
    const link = relations.mentorships?.find((m) => same(m.mentor, mentor) && same(m.mentee, mentee));
    return link === undefined ? {} : { mentorship: link.id };
  };
  const named = (found: { mentorship?: string }): string =>
    found.mentorship === undefined ? '' : ` (mentorship ${found.mentorship})`;
  if (same(email, relations.candidateEmail))
    return { email, code: 'panelist_conflict', reason: `${email} is the candidate` };
  if (relations.mentorEmails.some((m) => same(m, email))) {
    const found = record(email, relations.candidateEmail);
    return {
      email,
      code: 'panelist_conflict',
      reason: `${email} is or was the candidate's mentor${named(found)}`,
      ...found,
    };
  }
  if (relations.menteeEmails.some((m) => same(m, email))) {
    const found = record(relations.candidateEmail, email);
    return {
      email,
      code: 'panelist_conflict',
      reason: `${email} is or was mentored by the candidate${named(found)}`,
      ...found,
    };
  }
  return null;
}

/**
 * Why this person may not sit on the candidate's panel, or null when they may. Conflicts are checked
 * before eligibility: a mentor who is also L5 is refused for the conflict, which is the reason people need
 * to hear. Past mentees count like past mentors because the partiality runs both ways.
 */
export function panelistRefusal(
  doc: LadderDocument,
  panel: PanelDefinition,
  person: PanelistFacts,
  relations: CandidateRelations,
): PanelRefusal | null {
  const { email } = person;
  const conflicted = panelistConflict(email, relations);
  if (conflicted !== null) return conflicted;
  if (person.leadership && panel.eligibility.leadership) return null;
  if (person.levelId !== null) {
    if (isLevelAtLeast(doc, person.levelId, panel.eligibility.min_level)) return null;
    if (findLevel(doc, person.levelId)?.panel_eligible === true) return null;
  }
  const level = person.levelId ?? 'no level';
  const who = panel.eligibility.leadership
    ? `${panel.eligibility.min_level} and above, or leadership`
    : `${panel.eligibility.min_level} and above`;
  return {
    email,
    code: 'panelist_not_eligible',
    reason: `${email} (${level}) may not sit on this panel: panelists are ${who}`,
  };
}

/**
 * Checks a whole proposed panel: exactly the ladder's size, no one twice, everyone eligible and free of
 * conflict. Throws the first refusal's code with every refusal in the details; returns nothing when fine.
 */
export function assertValidPanel(
  doc: LadderDocument,
  panel: PanelDefinition,
  members: readonly PanelistFacts[],
  relations: CandidateRelations,
): void {
  const seen = new Set<string>();
  const duplicates: { field: string; message: string }[] = [];
  members.forEach((member, index) => {
    const key = member.email.trim().toLowerCase();
    if (seen.has(key))
      duplicates.push({ field: `panelists[${index}]`, message: `${member.email} is on the panel twice` });
    seen.add(key);
  });
  if (duplicates.length > 0)
    throw validationFailed(duplicates[0]?.message ?? 'duplicate panelist', duplicates);
  if (members.length !== panel.size) {
    throw validationFailed(`The panel needs exactly ${panel.size} members; got ${members.length}`, [
      { field: 'panelists', message: `expected ${panel.size} members, got ${members.length}` },
    ]);
  }
  const refusals = members
    .map((member) => panelistRefusal(doc, panel, member, relations))
    .filter((refusal): refusal is PanelRefusal => refusal !== null);
  const first = refusals[0];
  if (first !== undefined) throw new DomainError(first.code, first.reason, { refusals });
}

/** A panelist seated on a live case, as the relation check reads it. */
export interface SeatOnLiveCase {
  caseId: number;
  candidateEmail: string;
  panelistEmail: string;
}

/** A seat that a new mentorship would make partial, with the record and the rule that say so. */
export interface SeatConflict {
  caseId: number;
  candidate: string;
  panelist: string;
  mentorship: string;
  reason: string;
}

/**
 * The seats of live cases that these mentorships would make partial: the mentor seated on the mentee's
 * case, or the mentee seated on the mentor's. Written for the moment a relation is created, because the
 * panel was checked when it was seated and would otherwise never hear of a tie made afterwards.
 */
export function seatsConflictedBy(
  seats: readonly SeatOnLiveCase[],
  mentorships: readonly MentorshipLink[],
): SeatConflict[] {
  const conflicts: SeatConflict[] = [];
  for (const link of mentorships) {
    for (const seat of seats) {
      const mentorSeated = same(seat.candidateEmail, link.mentee) && same(seat.panelistEmail, link.mentor);
      const menteeSeated = same(seat.candidateEmail, link.mentor) && same(seat.panelistEmail, link.mentee);
      if (!mentorSeated && !menteeSeated) continue;
      const role = mentorSeated ? 'mentor' : 'mentee';
      conflicts.push({
        caseId: seat.caseId,
        candidate: seat.candidateEmail,
        panelist: seat.panelistEmail,
        mentorship: link.id,
        reason: `mentorship ${link.id} (${link.mentor} mentors ${link.mentee}) would make panelist ${seat.panelistEmail} the ${role} of ${seat.candidateEmail}, the candidate of live case ${seat.caseId}: a panelist may not be the candidate's mentor or mentee`,
      });
    }
  }
  return conflicts;
}
