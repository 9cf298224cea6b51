import { DomainError } from '../errors.js';
import type { LadderDocument } from '../ladder/ladder.schema.js';
import { isActiveOn } from '../roster/roster.types.js';
import {
  classifyMentorship,
  type Classification,
  type ClassifiedMentorship,
  type PersonOnLadder,
  type Refusal,
} from './mentorship-rules.js';

/** A proposed mentorship: who, from when, until when (inclusive; null while open). */
export interface AssignmentRequest {
  mentor: PersonOnLadder;
  mentee: PersonOnLadder;
  start: string;
  end: string | null;
}

function overlaps(
  a: { start: string; end: string | null },
  b: { start: string; end: string | null },
): boolean {
  return (a.end === null || b.start <= a.end) && (b.end === null || a.start <= b.end);
}

function names(emails: readonly string[], people: ReadonlyMap<string, PersonOnLadder>): string {
  const list = emails.map((email) => people.get(email)?.name ?? email);
  if (list.length <= 1) return list.join('');
  return `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/**
 * Checks a proposed mentorship against the ladder in force on its start day: the mentee's own mentor
 * rule, the mentor's eligible mentee levels, and the mentor's slots — no day of the new mentorship may
 * have more giving mentorships than the mentor's level allows. Receiving mentorships take no slot.
 * `existing` is every stored mentorship, classified (classifyMentorships).
 */
export function checkAssignment(
  versions: readonly LadderDocument[],
  request: AssignmentRequest,
  existing: readonly ClassifiedMentorship[],
  people: ReadonlyMap<string, PersonOnLadder>,
): Classification {
  const { mentor, mentee, start, end } = request;
  const span = { start, end };
  const duplicate = existing.find(
    (m) => m.mentor === mentor.email && m.mentee === mentee.email && overlaps(m, span),
  );
  if (duplicate !== undefined) {
    return {
      ok: false,
      refusal: {
        code: 'conflict',
        message: `${mentor.name} already mentors ${mentee.name} (since ${duplicate.start})`,
        details: { mentorship: duplicate.id },
      },
    };
  }
  const result = classifyMentorship(versions, mentor, mentee, start);
  if (!result.ok || result.relation === 'receives') return result;

  const giving = existing.filter(
    (m) => m.mentor === mentor.email && m.relation === 'gives' && overlaps(m, span),
  );
  // The busiest day of the new span is its start or the start of an overlapping mentorship.
  const checkpoints = [start, ...giving.map((m) => m.start).filter((day) => day > start)];
  for (const day of checkpoints) {
    const held = giving.filter((m) => isActiveOn(m, day));
    if (held.length >= result.slots) {
      const refusal: Refusal = {
        code: 'mentor_slots_full',
        message:
          `${result.mentorLevel} mentors may hold ${result.slots} mentee${result.slots === 1 ? '' : 's'}; ` +
          `${mentor.name} already mentors ${names(
            held.map((m) => m.mentee),
            people,
          )}${day === start ? '' : ` from ${day}`}`,
        details: {
          mentor: mentor.email,
          mentor_level: result.mentorLevel,
          slots: result.slots,
          held: held.map((m) => ({ mentorship: m.id, mentee: m.mentee, start: m.start, end: m.end })),
          on: day,
        },
      };
      return { ok: false, refusal };
    }
  }
  return result;
}

/** The domain error for a refusal, for services to throw (same code, same message). */
export function refusalError(refusal: Refusal): DomainError {
  return new DomainError(refusal.code, refusal.message, refusal.details);
}
