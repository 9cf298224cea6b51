import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { CaseView } from '../types';

/** GET /api/cases/{id} — the case as the panel or leadership sees it (own sheet; others' after submitting). */
export function getCase(id: number): Promise<CaseView> {
  return apiGet('/api/cases/{id}', { params: { id } });
}

export const caseQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['cases', id], queryFn: () => getCase(id) });

export function useCase(id: number) {
  return useQuery(caseQueryOptions(id));
}
