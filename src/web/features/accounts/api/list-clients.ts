import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type ClientItem = ApiResponse<'/api/clients'>['items'][number];

/** GET /api/clients — whom a client stakeholder's account can speak for. */
export function listClients(): Promise<ApiResponse<'/api/clients'>> {
  return apiGet('/api/clients', { query: { limit: 500 } });
}

export function useClients() {
  return useQuery(queryOptions({ queryKey: ['clients', 'all'], queryFn: () => listClients() }));
}
