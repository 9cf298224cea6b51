import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

export interface AssignInput {
  mentor: string;
  mentee: string;
  start: string;
  end: string | null;
}

/** POST /api/mentorships — leadership assigns a mentee; the ladder's slots and levels are enforced. */
export function assignMentee(input: AssignInput): Promise<{ id: string }> {
  return apiRequest('/api/mentorships', { method: 'POST', body: input });
}

export function useAssignMentee() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignMentee,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['mentorships'] }),
  });
}
