import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { Portfolio } from '../types';

/** GET /api/cases/{id}/portfolio — the candidate's significant decisions, mentee outcomes, retros, ADRs. */
export function getCasePortfolio(id: number): Promise<Portfolio> {
  return apiRequest(`/api/cases/${id}/portfolio`);
}

export const casePortfolioQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['cases', id, 'portfolio'], queryFn: () => getCasePortfolio(id) });

export function useCasePortfolio(id: number) {
  return useQuery(casePortfolioQueryOptions(id));
}
