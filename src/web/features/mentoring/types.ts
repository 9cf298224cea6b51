/** Mentorship overview, check-ins due and referral payouts as the API answers them. */

export interface CheckinStanding {
  period_days: number;
  at: string;
  with_checkin: number;
  without_checkin: number;
  streak: number;
  missed_in_a_row: number;
  status: 'done' | 'due' | 'overdue' | 'ended' | 'not_started';
  due_by: string | null;
  overdue_since: string | null;
  last_checkin: string | null;
}

export interface MentorshipOverviewItem {
  id: string;
  mentor: string;
  mentor_name: string;
  mentee: string;
  mentee_name: string;
  start: string;
  end: string | null;
  active: boolean;
  relation: 'gives' | 'receives' | null;
  cadence: 'weekly' | 'biweekly' | null;
  mentor_level: string | null;
  mentee_level: string | null;
  checkins: CheckinStanding | null;
  referral: {
    status: 'earning' | 'not_giving' | 'no_placement' | 'no_terms';
    placement?: string;
    reason?: string;
  };
}

export interface PayoutRow {
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
  month_start: string;
  payable_month: string;
  mentor_level: string;
  ladder_version: string;
}

export interface PayoutTotal {
  mentor: string;
  currency: string;
  amount_minor: number;
  rows: number;
}

export interface PayoutStatement {
  month: string;
  rows: PayoutRow[];
  totals: PayoutTotal[];
}

export interface MentorPayouts {
  mentor: string;
  from: string;
  to: string;
  months: PayoutStatement[];
  totals: PayoutTotal[];
  referrals: { mentorship: string; mentor: string; mentee: string; status: string; reason?: string }[];
}
