import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { ApiRequestBody, ApiResponse } from '../../../api/contract';

export type AssignInput = ApiRequestBody<'/api/mentorships'>;

/** POST /api/mentorships — leadership assigns a mentee; the ladder's slots and levels are enforced. */
export function assignMentee(input: AssignInput): Promise<ApiResponse<'/api/mentorships', 'post'>> {
  return apiRequest('/api/mentorships', { method: 'POST', body: input });
}

export function useAssignMentee() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignMentee,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['mentorships'] }),
  });
}
