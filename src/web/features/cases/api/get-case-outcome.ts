import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { CaseOutcomeView } from '../types';

/** GET /api/cases/{id}/outcome — what the candidate sees: feedback once decided, no panelist identities. */
export function getCaseOutcome(id: number): Promise<CaseOutcomeView> {
  return apiGet('/api/cases/{id}/outcome', { params: { id } });
}

export const caseOutcomeQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['cases', id, 'outcome'], queryFn: () => getCaseOutcome(id) });

export function useCaseOutcome(id: number) {
  return useQuery(caseOutcomeQueryOptions(id));
}
