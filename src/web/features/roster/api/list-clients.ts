import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';

/** GET /api/clients — the clients by id, with their names (for the roster's client filter). */
export function listClients() {
  return apiGet('/api/clients', { query: { limit: 500 } });
}

export const clientsQueryOptions = () => queryOptions({ queryKey: ['clients'], queryFn: listClients });

export function useClients() {
  return useQuery(clientsQueryOptions());
}
