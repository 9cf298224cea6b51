import { isActiveOn, type LevelStep, type Mentorship } from '../roster/roster.types.js';

/**
 * "A mentee's promotion while the mentorship is active is credited to the mentor" (issue 5). It feeds the
 * promotion requirement `mentee_advanced`; the field names match the evaluation's `MenteeAdvance`, so
 * `menteeAdvancesCreditedTo` can be passed as its `menteesAdvanced` hook.
 */

/** One promotion of a mentee credited to a mentor. */
export interface CreditedAdvance {
  mentorship_id: string;
  mentor: string;
  mentee: string;
  from_level: string;
  to_level: string;
  /** The day the mentee's new level began. */
  on: string;
}

/** True when a promotion dated `on` is credited to the mentor: the mentorship was active that day (start and end inclusive). */
export function isPromotionCreditedToMentor(
  mentorship: { start: string; end: string | null },
  on: string,
): boolean {
  return isActiveOn(mentorship, on);
}

/**
 * The promotions of `mentor`'s mentees credited to `mentor` up to `at`: each step of a mentee's level
 * history to a higher rank (per `levelRank`, the ladder's order) dated while their mentorship was active.
 * A step to an unknown, equal or lower level is not a promotion. Sorted by day, then mentee.
 */
export function menteeAdvancesCreditedTo(
  mentor: string,
  mentorships: readonly Mentorship[],
  menteeLevels: ReadonlyMap<string, readonly LevelStep[]>,
  levelRank: (levelId: string) => number | undefined,
  at: string,
): CreditedAdvance[] {
  const advances: CreditedAdvance[] = [];
  for (const mentorship of mentorships) {
    if (mentorship.mentor !== mentor) continue;
    const steps = menteeLevels.get(mentorship.mentee) ?? [];
    steps.forEach((step, index) => {
      const previous = steps[index - 1];
      if (previous === undefined) return;
      const before = levelRank(previous.level);
      const after = levelRank(step.level);
      if (before === undefined || after === undefined || after <= before) return;
      if (step.since > at || !isPromotionCreditedToMentor(mentorship, step.since)) return;
      advances.push({
        mentorship_id: mentorship.id,
        mentor,
        mentee: mentorship.mentee,
        from_level: previous.level,
        to_level: step.level,
        on: step.since,
      });
    });
  }
  return advances.sort((a, b) => a.on.localeCompare(b.on) || a.mentee.localeCompare(b.mentee));
}
