import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { PointsReport } from '../../../types/points';

/** GET /api/builders/:email/points — points, band and the way to the next band on `at` (default today). */
export async function getPoints(email: string, at?: string): Promise<PointsReport> {
  return apiGet('/api/builders/{email}/points', { params: { email }, query: { at } });
}

export const pointsQueryOptions = (email: string, at?: string) =>
  queryOptions({ queryKey: ['points', email, at ?? null], queryFn: () => getPoints(email, at) });

export function usePoints(email: string, at?: string, enabled = true) {
  return useQuery({ ...pointsQueryOptions(email, at), enabled });
}
