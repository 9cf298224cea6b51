import { useQuery } from '@tanstack/react-query';
import type { PayoutStatement } from '../../../types/payouts';
import { apiGet } from '../../../lib/api-client';

/** GET /api/payouts?month= — every referral accrual payable in a month, with totals per mentor and currency. */
export function getPayoutStatement(month: string): Promise<PayoutStatement> {
  return apiGet('/api/payouts', { query: { month } });
}

export function usePayoutStatement(month: string) {
  return useQuery({ queryKey: ['payouts', 'statement', month], queryFn: () => getPayoutStatement(month) });
}
