import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface LadderSummary {
  ladder: string;
  name: string;
  versions: number;
  active_version: string | null;
  latest_version: string;
}

/** GET /api/ladders — every ladder with the version in force today. */
export function getLadders(): Promise<{ ladders: LadderSummary[] }> {
  return apiRequest('/api/ladders');
}

export const laddersQueryOptions = () => queryOptions({ queryKey: ['ladders'], queryFn: getLadders });

export function useLadders() {
  return useQuery(laddersQueryOptions());
}
