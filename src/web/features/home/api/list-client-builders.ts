import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type ClientBuilder = ApiResponse<'/api/client/builders'>['builders'][number];

/** GET /api/client/builders — the builders placed at the signed-in client contact's client, current first. */
export async function listClientBuilders(): Promise<ClientBuilder[]> {
  return (await apiGet('/api/client/builders')).builders;
}

export function useClientBuilders() {
  return useQuery({ queryKey: ['client', 'builders'], queryFn: listClientBuilders });
}
