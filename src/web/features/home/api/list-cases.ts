import { useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/contract';
import { apiGet } from '../../../lib/api-client';

export type CaseSummary = ApiResponse<'/api/cases'>[number];

/** GET /api/cases — the cases the caller may know of: all for leadership; a builder's as candidate or panelist. */
export function listCases(): Promise<CaseSummary[]> {
  return apiGet('/api/cases');
}

export function useCases() {
  return useQuery({ queryKey: ['cases', 'list'], queryFn: listCases });
}
