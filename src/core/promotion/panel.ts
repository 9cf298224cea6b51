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

/** The candidate's relations that make someone partial. */
export interface CandidateRelations {
  candidateEmail: string;
  /** Everyone who has ever mentored the candidate (current or past, giving or receiving mentorship). */
  mentorEmails: readonly string[];
  /** Everyone the candidate mentors or has mentored. */
  menteeEmails: readonly string[];
}

export type PanelRefusalCode = 'panelist_conflict' | 'panelist_not_eligible';

export interface PanelRefusal {
  email: string;
  code: PanelRefusalCode;
  reason: string;
}

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

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
  if (same(email, relations.candidateEmail))
    return { email, code: 'panelist_conflict', reason: `${email} is the candidate` };
  if (relations.mentorEmails.some((m) => same(m, email)))
    return { email, code: 'panelist_conflict', reason: `${email} is or was the candidate's mentor` };
  if (relations.menteeEmails.some((m) => same(m, email)))
    return { email, code: 'panelist_conflict', reason: `${email} is or was mentored by the candidate` };
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
