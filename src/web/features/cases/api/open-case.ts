import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiRequestBody, ApiResponse } from '../../../api/contract';

export type OpenCaseInput = ApiRequestBody<'/api/cases'>;
export type OpenedCase = ApiResponse<'/api/cases', 'post'>;

/** POST /api/cases — leadership opens a promotion case for a builder (eligible, or with an override reason). */
export function openCase(input: OpenCaseInput): Promise<OpenedCase> {
  return apiRequest('/api/cases', { method: 'POST', body: input });
}

export function useOpenCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: openCase,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}
