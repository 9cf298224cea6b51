import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

export type CandidateReadiness = ApiResponse<'/api/builders/{email}/readiness'>;

/** GET /api/builders/{email}/readiness — whether the builder is eligible for a case today, and the gaps. */
export function getCandidateReadiness(email: string): Promise<CandidateReadiness> {
  return apiGet('/api/builders/{email}/readiness', { params: { email } });
}

export const candidateReadinessQueryOptions = (email: string) =>
  queryOptions({
    queryKey: ['cases', 'candidate-readiness', email],
    queryFn: () => getCandidateReadiness(email),
  });

export function useCandidateReadiness(email: string, enabled = true) {
  return useQuery({ ...candidateReadinessQueryOptions(email), enabled });
}
