import { addDays } from '../dates/calendar.js';
import type { Cadence, ClassifiedMentorship } from './mentorship-rules.js';

/**
 * Check-in cadence (issue 5). A mentorship's time is cut into periods of its cadence — weeks (weekly)
 * or fortnights (biweekly) counted from its start day — and each period should hold at least one
 * check-in. The current period is "due" until its last day; when the previous period was missed as
 * well, the mentorship is "overdue".
 */

export const CADENCE_DAYS: Record<Cadence, number> = { weekly: 7, biweekly: 14 };

export interface CheckinPeriod {
  index: number;
  start: string;
  /** Last day of the period (the mentorship's end when it ends inside it). */
  end: string;
  checkins: string[];
  /** True when the period is over on the day of the report. */
  complete: boolean;
}

export type CheckinStatus = 'done' | 'due' | 'overdue' | 'ended' | 'not_started';

export interface CheckinReport {
  mentorship: string;
  mentor: string;
  mentee: string;
  relation: ClassifiedMentorship['relation'];
  cadence: Cadence;
  period_days: number;
  at: string;
  periods: CheckinPeriod[];
  /** Periods with at least one check-in (the current one included once it has one). */
  with_checkin: number;
  /** Complete periods without a check-in. */
  without_checkin: number;
  /** Consecutive periods with a check-in up to now; a current period still open does not break it. */
  streak: number;
  /** Consecutive complete periods missed right before the current one. */
  missed_in_a_row: number;
  status: CheckinStatus;
  /** Last day to check in for the current period (status due/overdue/done), else null. */
  due_by: string | null;
  /** First day after the first missed period of the current run, when overdue. */
  overdue_since: string | null;
  last_checkin: string | null;
}

/**
 * Summarises a mentorship's check-ins on `at`. Check-ins outside the mentorship or after `at` are
 * ignored. Returns undefined for a mentorship without a cadence (one the ladder never allowed).
 */
export function summarizeCheckins(
  mentorship: ClassifiedMentorship,
  checkinDates: readonly string[],
  at: string,
): CheckinReport | undefined {
  if (mentorship.cadence === null) return undefined;
  const days = CADENCE_DAYS[mentorship.cadence];
  const lastDay = mentorship.end !== null && mentorship.end < at ? mentorship.end : at;
  const dates = [...new Set(checkinDates)].filter((d) => d >= mentorship.start && d <= lastDay).sort();
  const periods: CheckinPeriod[] = [];
  for (let index = 0, start = mentorship.start; start <= lastDay; index += 1, start = addDays(start, days)) {
    const natural = addDays(start, days - 1);
    const end = mentorship.end !== null && mentorship.end < natural ? mentorship.end : natural;
    periods.push({
      index,
      start,
      end,
      checkins: dates.filter((d) => d >= start && d <= end),
      complete: end < at,
    });
  }
  const current = periods.at(-1);
  const open = current !== undefined && !current.complete ? current : undefined;
  const complete = periods.filter((p) => p.complete);

  let streak = 0;
  for (const period of periods.toReversed()) {
    if (period === open && period.checkins.length === 0) continue;
    if (period.checkins.length === 0) break;
    streak += 1;
  }
  let missedInARow = 0;
  for (const period of complete.toReversed()) {
    if (period.checkins.length > 0) break;
    missedInARow += 1;
  }

  let status: CheckinStatus;
  if (at < mentorship.start) status = 'not_started';
  else if (open === undefined) status = 'ended';
  else if (open.checkins.length > 0) status = 'done';
  else status = missedInARow > 0 ? 'overdue' : 'due';

  const firstMissed = complete[complete.length - missedInARow];
  return {
    mentorship: mentorship.id,
    mentor: mentorship.mentor,
    mentee: mentorship.mentee,
    relation: mentorship.relation,
    cadence: mentorship.cadence,
    period_days: days,
    at,
    periods,
    with_checkin: periods.filter((p) => p.checkins.length > 0).length,
    without_checkin: complete.filter((p) => p.checkins.length === 0).length,
    streak,
    missed_in_a_row: missedInARow,
    status,
    due_by: open?.end ?? null,
    overdue_since: status === 'overdue' && firstMissed !== undefined ? addDays(firstMissed.end, 1) : null,
    last_checkin: dates.at(-1) ?? null,
  };
}

/** The reports that need a check-in on `at` (due or overdue), overdue first, then by due date. */
export function checkinsDue(reports: readonly CheckinReport[]): CheckinReport[] {
  return reports
    .filter((r) => r.status === 'due' || r.status === 'overdue')
    .toSorted(
      (a, b) =>
        (a.status === 'overdue' ? 0 : 1) - (b.status === 'overdue' ? 0 : 1) ||
        (a.due_by ?? '').localeCompare(b.due_by ?? '') ||
        a.mentor.localeCompare(b.mentor) ||
        a.mentee.localeCompare(b.mentee),
    );
}
