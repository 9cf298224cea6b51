import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CaseSummary } from '../types';

/** GET /api/cases — the cases the caller may know of (leadership: all; others: as panelist or candidate). */
export function listCases(filter: { candidate?: string; status?: string } = {}): Promise<CaseSummary[]> {
  return apiRequest('/api/cases', { query: filter });
}

export const casesQueryOptions = (filter: { candidate?: string; status?: string } = {}) =>
  queryOptions({ queryKey: ['cases', 'list', filter], queryFn: () => listCases(filter) });

export function useCases(filter: { candidate?: string; status?: string } = {}) {
  return useQuery(casesQueryOptions(filter));
}
