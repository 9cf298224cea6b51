import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

type LadderList = ApiResponse<'/api/ladders'>;
export type LadderSummary = LadderList['ladders'][number];

/** GET /api/ladders — every ladder with the version in force today. */
export function getLadders(): Promise<LadderList> {
  return apiGet('/api/ladders');
}

export const laddersQueryOptions = () => queryOptions({ queryKey: ['ladders'], queryFn: getLadders });

export function useLadders() {
  return useQuery(laddersQueryOptions());
}
