import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiRequestBody, ApiResponse } from '../../../api/contract';

export type SetPanelInput = ApiRequestBody<'/api/cases/{id}/panel', 'put'>;

/** PUT /api/cases/{id}/panel — leadership seats the panel (the server checks size, eligibility, conflicts). */
export function setPanel(
  id: number,
  input: SetPanelInput,
): Promise<ApiResponse<'/api/cases/{id}/panel', 'put'>> {
  return apiRequest(`/api/cases/${id}/panel`, { method: 'PUT', body: input });
}

export function useSetPanel(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetPanelInput) => setPanel(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}
