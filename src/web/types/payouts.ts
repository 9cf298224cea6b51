/**
 * Referral payouts as GET /api/payouts and GET /api/mentors/{email}/payouts answer them, aliases of the
 * server's route schemas (the generated contract, ADR 0023); one place for the mentoring and payouts
 * features (they were declared in both).
 */
import type { ApiResponse } from '../api/contract';

export type PayoutStatement = ApiResponse<'/api/payouts'>;
/** One accrual; `rate_minor` is left out for callers who may not see the client's rate. */
export type PayoutRow = PayoutStatement['rows'][number];
export type PayoutTotal = PayoutStatement['totals'][number];
/** A mentor's own statement: twelve months, totals by currency, and each referral's standing. */
export type MentorPayouts = ApiResponse<'/api/mentors/{email}/payouts'>;
