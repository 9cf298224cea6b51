import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiRequestBody, ApiResponse } from '../../../api/contract';

export type DecideInput = ApiRequestBody<'/api/cases/{id}/decision'>;

/** POST /api/cases/{id}/decision — leadership confirms the computed outcome, or overrides it with a reason. */
export function decideCase(
  id: number,
  input: DecideInput,
): Promise<ApiResponse<'/api/cases/{id}/decision', 'post'>> {
  return apiRequest(`/api/cases/${id}/decision`, { method: 'POST', body: input });
}

export function useDecideCase(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: DecideInput) => decideCase(id, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}
