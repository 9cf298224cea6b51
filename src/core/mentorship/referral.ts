import { addMonthsClamped, monthOf } from '../dates/calendar.js';
import type { LadderDocument } from '../ladder/ladder.schema.js';
import { percentOfMinor, sumMinor } from '../money/money.js';
import { isActiveOn, levelOn, type Placement } from '../roster/roster.types.js';
import {
  heldLevel,
  ladderInForceOn,
  onStep,
  type ClassifiedMentorship,
  type PersonOnLadder,
} from './mentorship-rules.js';

/**
 * Referral payouts (issue 5; the policy in words is docs/payouts.md). A giving mentorship earns its
 * mentor a cut once, on the mentee's first placement that starts within the mentorship and of which it
 * is the mentorship of record (one referral per placement, issue 14 and ADR 0011). The terms come
 * from the mentor's level on the placement's start day; the cut accrues per placement month k = 1…N,
 * each month starting on the placement start plus k − 1 calendar months (clamped to month end), if the
 * placement is active that day; each accrual is payable in the calendar month it starts in.
 */

/** Percent and months of a referral, and where they came from. */
export interface ReferralTerms {
  percent: number;
  months: number;
  mentorLevel: string;
  ladderVersion: string;
}

/** One month's cut, as statements and exports show it. Field names are the JSON/CSV contract. */
export interface ReferralAccrual {
  mentor: string;
  mentee: string;
  placement: string;
  mentorship: string;
  month_index: number;
  months: number;
  percent: number;
  rate_minor: number;
  amount_minor: number;
  currency: string;
  /** The first day of placement month k. */
  month_start: string;
  payable_month: string;
  mentor_level: string;
  ladder_version: string;
}

/** Why a mentorship earns what it earns: the accruals, or the reason it earns nothing. */
export type ReferralOutcome =
  | {
      mentorship: string;
      mentor: string;
      mentee: string;
      status: 'earning';
      placement: string;
      terms: ReferralTerms;
      accruals: ReferralAccrual[];
    }
  | {
      mentorship: string;
      mentor: string;
      mentee: string;
      status: 'not_giving' | 'no_placement' | 'no_terms';
      reason: string;
    };

/**
 * The referral terms of a mentor on `date`: their level that day in the ladder version in force that
 * day. Undefined when they hold no level or the level gives no referral.
 */
export function referralTermsOn(
  versions: readonly LadderDocument[],
  mentor: PersonOnLadder,
  date: string,
): ReferralTerms | undefined {
  const step = levelOn(mentor, date);
  if (step === undefined) return undefined;
  const level = step.level;
  // The level in the track of the step held that day (ADR 0030).
  const mentorThen = onStep(mentor, step);
  const ladder = ladderInForceOn(versions, date, mentorThen.track);
  const referral =
    ladder === undefined ? undefined : heldLevel(ladder, mentorThen, level)?.mentorship?.gives?.referral;
  if (ladder === undefined || referral === undefined) return undefined;
  return {
    percent: referral.percent,
    months: referral.months,
    mentorLevel: level,
    ladderVersion: ladder.version,
  };
}

/** The first day of placement month k (1-based): always computed from the placement start. */
export function placementMonthStart(placementStart: string, k: number): string {
  return addMonthsClamped(placementStart, k - 1);
}

/**
 * The accruals of one placement under one set of terms: month k = 1…N accrues when the placement is
 * active on the month's first day (its end date is its last day), each worth rate × percent ÷ 100
 * rounded half up to a whole minor unit.
 */
export function accruePlacement(
  placement: Placement,
  terms: ReferralTerms,
  mentorship: { id: string; mentor: string },
): ReferralAccrual[] {
  const amount = percentOfMinor(placement.rate_minor, terms.percent);
  const accruals: ReferralAccrual[] = [];
  for (let k = 1; k <= terms.months; k += 1) {
    const monthStart = placementMonthStart(placement.start, k);
    // Months only move forward, so once the placement has ended no later month can accrue.
    if (!isActiveOn(placement, monthStart)) break;
    accruals.push({
      mentor: mentorship.mentor,
      mentee: placement.builder,
      placement: placement.id,
      mentorship: mentorship.id,
      month_index: k,
      months: terms.months,
      percent: terms.percent,
      rate_minor: placement.rate_minor,
      amount_minor: amount,
      currency: placement.currency,
      month_start: monthStart,
      payable_month: monthOf(monthStart),
      mentor_level: terms.mentorLevel,
      ladder_version: terms.ladderVersion,
    });
  }
  return accruals;
}

/**
 * The placement a mentorship earns on: the mentee's first placement (by start day, then id) that starts
 * on or after the mentorship's start and on or before its last day (any time, while it is open).
 */
export function earningPlacement(
  mentorship: { mentee: string; start: string; end: string | null },
  placements: readonly Placement[],
): Placement | undefined {
  return placements
    .filter((p) => p.builder === mentorship.mentee && isActiveOn(mentorship, p.start))
    .toSorted((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))[0];
}

/**
 * The mentorship of record of a placement: of the mentee's giving mentorships active on the placement's
 * start day, the one that began first (then by id). A placement pays one referral, to that mentorship
 * only — two mentors whose mentorships overlap the start day (an import, a hand-over not yet closed)
 * would otherwise both be paid for it. The one that began first is the one the placement was made under;
 * a mentorship ending on the start day still counts (its end date is its last day).
 */
export function mentorshipOfRecord<
  M extends Pick<ClassifiedMentorship, 'id' | 'mentee' | 'start' | 'end' | 'relation'>,
>(placement: Pick<Placement, 'builder' | 'start'>, mentorships: readonly M[]): M | undefined {
  return mentorships
    .filter((m) => m.relation === 'gives' && m.mentee === placement.builder && isActiveOn(m, placement.start))
    .toSorted((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))[0];
}

/**
 * What every mentorship of `mentorships` earns, with the reason when it earns nothing. `rivals` is every
 * mentorship of the organisation (a superset of `mentorships`): which one a placement pays is decided
 * among all of them, so a statement for one mentor says what the whole organisation would pay them.
 */
export function computeReferrals(
  versions: readonly LadderDocument[],
  people: ReadonlyMap<string, PersonOnLadder>,
  mentorships: readonly ClassifiedMentorship[],
  placements: readonly Placement[],
  rivals: readonly ClassifiedMentorship[],
): ReferralOutcome[] {
  const ofRecord = new Map<string, ClassifiedMentorship | undefined>();
  const recordOf = (placement: Placement): ClassifiedMentorship | undefined => {
    if (!ofRecord.has(placement.id)) ofRecord.set(placement.id, mentorshipOfRecord(placement, rivals));
    return ofRecord.get(placement.id);
  };
  return mentorships.map((m): ReferralOutcome => {
    const base = { mentorship: m.id, mentor: m.mentor, mentee: m.mentee };
    if (m.relation !== 'gives') {
      return {
        ...base,
        status: 'not_giving',
        reason:
          m.relation === 'receives'
            ? `${m.mentee} receives this mentor (${m.menteeLevel ?? 'no level'}): a received mentorship pays no cut`
            : `the ladder did not allow this mentorship on ${m.start}, so it pays no cut`,
      };
    }
    const within = placements.filter((p) => p.builder === m.mentee && isActiveOn(m, p.start));
    const placement = earningPlacement(
      m,
      within.filter((p) => recordOf(p)?.id === m.id),
    );
    if (placement === undefined) {
      const claimed = earningPlacement(m, within);
      const other = claimed === undefined ? undefined : recordOf(claimed);
      return {
        ...base,
        status: 'no_placement',
        reason:
          claimed === undefined || other === undefined
            ? `no placement of ${m.mentee} starts within the mentorship (from ${m.start}${m.end === null ? '' : ` to ${m.end}`})`
            : `${claimed.id} (start ${claimed.start}) pays one referral, to ${other.mentor}, mentor of record since ${other.start}; this mentorship began ${m.start}`,
      };
    }
    const mentor = people.get(m.mentor);
    const terms = mentor === undefined ? undefined : referralTermsOn(versions, mentor, placement.start);
    if (terms === undefined) {
      const level = mentor === undefined ? undefined : levelOn(mentor, placement.start)?.level;
      return {
        ...base,
        status: 'no_terms',
        reason: `on ${placement.start} (start of ${placement.id}) ${m.mentor} ${level === undefined ? 'holds no level' : `is ${level}, which gives no referral`}`,
      };
    }
    return {
      ...base,
      status: 'earning',
      placement: placement.id,
      terms,
      accruals: accruePlacement(placement, terms, m),
    };
  });
}

/** Every accrual of every earning mentorship. */
export function allAccruals(outcomes: readonly ReferralOutcome[]): ReferralAccrual[] {
  return outcomes.flatMap((outcome) => (outcome.status === 'earning' ? outcome.accruals : []));
}

/** A total for one mentor in one currency; amounts never mix currencies. */
export interface PayoutTotal {
  mentor: string;
  currency: string;
  amount_minor: number;
  rows: number;
}

/** What is payable in one calendar month: every accrual, and totals per mentor and currency. */
export interface PayoutStatement {
  month: string;
  rows: ReferralAccrual[];
  totals: PayoutTotal[];
}

function compareRows(a: ReferralAccrual, b: ReferralAccrual): number {
  return (
    a.payable_month.localeCompare(b.payable_month) ||
    a.mentor.localeCompare(b.mentor) ||
    a.mentee.localeCompare(b.mentee) ||
    a.placement.localeCompare(b.placement) ||
    a.month_index - b.month_index
  );
}

/** Totals per mentor and currency, sorted by mentor then currency. */
export function totalsOf(rows: readonly ReferralAccrual[]): PayoutTotal[] {
  const groups = new Map<string, ReferralAccrual[]>();
  for (const row of rows) {
    const key = `${row.mentor}\u0000${row.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()]
    .map((group) => ({
      mentor: group[0]?.mentor ?? '',
      currency: group[0]?.currency ?? '',
      amount_minor: sumMinor(group.map((row) => row.amount_minor)),
      rows: group.length,
    }))
    .sort((a, b) => a.mentor.localeCompare(b.mentor) || a.currency.localeCompare(b.currency));
}

/** The statement for calendar month `month` (YYYY-MM), optionally for one mentor. */
export function buildStatement(
  accruals: readonly ReferralAccrual[],
  month: string,
  mentor?: string,
): PayoutStatement {
  const rows = accruals
    .filter((row) => row.payable_month === month && (mentor === undefined || row.mentor === mentor))
    .toSorted(compareRows);
  return { month, rows, totals: totalsOf(rows) };
}

/** One mentor's payouts for the months `from`…`to` (inclusive, YYYY-MM), month by month. */
export interface MentorPayouts {
  mentor: string;
  from: string;
  to: string;
  months: PayoutStatement[];
  totals: PayoutTotal[];
}

/** A mentor's statements for a range of months (only months with something payable are listed). */
export function buildMentorPayouts(
  accruals: readonly ReferralAccrual[],
  mentor: string,
  from: string,
  to: string,
): MentorPayouts {
  const rows = accruals
    .filter((row) => row.mentor === mentor && row.payable_month >= from && row.payable_month <= to)
    .toSorted(compareRows);
  const months = [...new Set(rows.map((row) => row.payable_month))].map((month) =>
    buildStatement(rows, month),
  );
  return { mentor, from, to, months, totals: totalsOf(rows) };
}
