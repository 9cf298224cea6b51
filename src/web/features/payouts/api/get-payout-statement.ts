import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { PayoutStatement } from '../../../types/payouts';

export type { PayoutRow, PayoutStatement } from '../../../types/payouts';

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
