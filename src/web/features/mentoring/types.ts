/**
 * Mentorship overview and check-ins due as the API answers them, aliases of the server's route schemas
 * (the generated contract, ADR 0023). Payouts are in src/web/types/payouts.ts.
 */
import type { ApiResponse } from '../../api/contract';

export type MentorshipOverview = ApiResponse<'/api/mentorships/overview'>;
export type MentorshipOverviewItem = MentorshipOverview['mentorships'][number];
export type CheckinStanding = NonNullable<MentorshipOverviewItem['checkins']>;
export type CheckinsDue = ApiResponse<'/api/checkins/due'>;
export type DueCheckin = CheckinsDue['due'][number];

export type { MentorPayouts, PayoutRow, PayoutStatement, PayoutTotal } from '../../types/payouts';
