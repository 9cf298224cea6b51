import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { ApiResponse } from '../../../api/contract';

export type PanelCandidates = ApiResponse<'/api/cases/{id}/panel-candidates'>;
export type PanelCandidate = PanelCandidates['candidates'][number];

/** GET /api/cases/{id}/panel-candidates — who may sit on the panel today, and why the others may not. */
export function getPanelCandidates(id: number): Promise<PanelCandidates> {
  return apiGet('/api/cases/{id}/panel-candidates', { params: { id } });
}

export const panelCandidatesQueryOptions = (id: number) =>
  queryOptions({ queryKey: ['cases', id, 'panel-candidates'], queryFn: () => getPanelCandidates(id) });

export function usePanelCandidates(id: number) {
  return useQuery(panelCandidatesQueryOptions(id));
}
