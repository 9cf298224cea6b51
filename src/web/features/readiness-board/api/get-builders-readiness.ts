import { useQueries } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { Readiness } from '../../../types/readiness';

/** GET /api/builders/{email}/readiness?at= for each builder on the board (eligible, gaps). */
export function getBuilderReadiness(email: string, at?: string): Promise<Readiness> {
  return apiGet('/api/builders/{email}/readiness', { params: { email }, query: { at } });
}

export function useBuildersReadiness(emails: string[], at?: string) {
  return useQueries({
    queries: emails.map((email) => ({
      queryKey: ['readiness', email, at ?? 'today'],
      queryFn: () => getBuilderReadiness(email, at),
    })),
  });
}
