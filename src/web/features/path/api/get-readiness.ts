import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { Readiness } from '../../../types/readiness';

/** GET /api/builders/{email}/readiness?at= — metrics, requirements, gaps, curriculum, self-evaluation. */
export function getReadiness(email: string, at?: string): Promise<Readiness> {
  return apiGet('/api/builders/{email}/readiness', { params: { email }, query: { at } });
}

export const readinessQueryOptions = (email: string, at?: string) =>
  queryOptions({ queryKey: ['readiness', email, at ?? 'today'], queryFn: () => getReadiness(email, at) });

export function useReadiness(email: string | undefined, at?: string) {
  return useQuery({
    ...readinessQueryOptions(email ?? '', at),
    enabled: email !== undefined && email !== '',
  });
}
