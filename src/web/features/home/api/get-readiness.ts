import { useQueries, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { Readiness } from '../../../types/readiness';

/** GET /api/builders/{email}/readiness — where a builder stands today: gaps, eligibility, curriculum. */
export function getReadiness(email: string): Promise<Readiness> {
  return apiGet('/api/builders/{email}/readiness', { params: { email } });
}

export function useReadiness(email: string | null) {
  return useQuery({
    queryKey: ['readiness', email, 'today'],
    queryFn: () => getReadiness(email ?? ''),
    enabled: email !== null,
  });
}

/** The readiness of several builders (leadership's home checks the few the ranking says may be eligible). */
export function useReadinessOf(emails: string[]) {
  return useQueries({
    queries: emails.map((email) => ({
      queryKey: ['readiness', email, 'today'],
      queryFn: () => getReadiness(email),
    })),
  });
}
