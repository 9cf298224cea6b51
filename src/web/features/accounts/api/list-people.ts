import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type PersonItem = ApiResponse<'/api/people'>['items'][number];

/** GET /api/people — the roster's people (the route's largest page), to pick whom an account is for. */
export function listPeople(): Promise<ApiResponse<'/api/people'>> {
  return apiGet('/api/people', { query: { limit: 500 } });
}

export function usePeople() {
  return useQuery(queryOptions({ queryKey: ['people', 'all'], queryFn: () => listPeople() }));
}
