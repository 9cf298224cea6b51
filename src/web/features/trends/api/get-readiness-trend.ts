import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type ReadinessTrend = ApiResponse<'/api/builders/{email}/readiness/trend'>;
export type TrendPoint = ReadinessTrend['points'][number];

/** GET /api/builders/{email}/readiness/trend — readiness at each month end of the last 12 months and today. */
export function getReadinessTrend(email: string): Promise<ReadinessTrend> {
  return apiGet('/api/builders/{email}/readiness/trend', { params: { email } });
}

export function useReadinessTrend(email: string) {
  return useQuery({ queryKey: ['readiness-trend', email], queryFn: () => getReadinessTrend(email) });
}
