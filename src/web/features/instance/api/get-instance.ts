import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { InstanceInfo } from '../../../types/instance';

/** GET /api/instance — whether this database is the demo (public: the sign-in page needs it too). */
export async function getInstance(): Promise<InstanceInfo> {
  return apiGet('/api/instance');
}

export const instanceQueryOptions = () =>
  // A database does not stop being the demo while a page is open: ask once per load.
  queryOptions({ queryKey: ['instance'], queryFn: getInstance, staleTime: Infinity });

export function useInstance() {
  return useQuery(instanceQueryOptions());
}
