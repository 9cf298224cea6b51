import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

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

export interface PayoutStatement {
  month: string;
  rows: PayoutRow[];
  totals: { mentor: string; currency: string; amount_minor: number; rows: number }[];
}

/** GET /api/payouts?month= — every referral accrual payable in a month, with totals per mentor. */
export function getPayoutStatement(month: string): Promise<PayoutStatement> {
  return apiRequest('/api/payouts', { query: { month } });
}

export const payoutStatementQueryOptions = (month: string) =>
  queryOptions({ queryKey: ['payouts', 'statement', month], queryFn: () => getPayoutStatement(month) });

export function usePayoutStatement(month: string) {
  return useQuery(payoutStatementQueryOptions(month));
}

/** The statements of several months (the chart of payouts by month). */
export function usePayoutStatements(months: string[]) {
  return useQueries({ queries: months.map((month) => payoutStatementQueryOptions(month)) });
}
